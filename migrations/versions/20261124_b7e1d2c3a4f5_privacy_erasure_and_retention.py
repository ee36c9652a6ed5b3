"""privacy: participants' erasure marks and teams' retention period

Revision ID: b7e1d2c3a4f5
Revises: 98c6601f720b
Create Date: 2026-11-24 08:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7e1d2c3a4f5'
down_revision = '98c6601f720b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('erased_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_participants_erased_by_id_users'), 'users', ['erased_by_id'], ['id'])
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_months', sa.Integer(), server_default='24', nullable=False))


def downgrade():
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_column('retention_months')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_participants_erased_by_id_users'), type_='foreignkey')
        batch_op.drop_column('erased_by_id')
        batch_op.drop_column('erased_at')
