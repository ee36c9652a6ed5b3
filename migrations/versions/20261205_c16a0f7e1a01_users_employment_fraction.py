"""users: employment fraction (FTE) for caseload per full-time specialist

Revision ID: c16a0f7e1a01
Revises: 30fccf4e9a59
Create Date: 2026-12-05 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c16a0f7e1a01'
down_revision = '30fccf4e9a59'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('employment_fraction', sa.Numeric(3, 2), server_default='1.00',
                                      nullable=False))
        batch_op.create_check_constraint(
            op.f('ck_users_employment_fraction_range'), 'employment_fraction > 0 AND employment_fraction <= 1')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_employment_fraction_range'), type_='check')
        batch_op.drop_column('employment_fraction')
