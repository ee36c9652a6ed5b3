"""meetings: minutes draft kept on the server, a decision per agenda item, carried actions, minutes sent

Revision ID: c21a0d5e7f10
Revises: 23b1393f0efd
Create Date: 2026-12-05 14:30:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'c21a0d5e7f10'
down_revision = '23b1393f0efd'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decisions', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('draft', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('draft_saved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('minutes_sent_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('meeting_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('section', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('carried_to_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('carried_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_meeting_actions_carried_to_id_meetings'), 'meetings',
                                    ['carried_to_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('meeting_actions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_meeting_actions_carried_to_id_meetings'), type_='foreignkey')
        batch_op.drop_column('carried_count')
        batch_op.drop_column('carried_to_id')
        batch_op.drop_column('section')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('minutes_sent_at')
        batch_op.drop_column('draft_saved_at')
        batch_op.drop_column('draft')
        batch_op.drop_column('decisions')
