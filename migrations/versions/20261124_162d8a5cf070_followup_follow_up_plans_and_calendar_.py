"""followup: follow-up plans, follow-up contacts and calendar feeds

Revision ID: 162d8a5cf070
Revises: 1af194ae169f
Create Date: 2026-11-24 06:08:26.116064

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '162d8a5cf070'
down_revision = '1af194ae169f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash'))
    )
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_feeds_user_revoked', ['user_id', 'revoked_at'], unique=False)

    op.create_table('followup_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('active', 'passive', 'ended', name='planstatus', native_enum=False, length=20), nullable=False),
    sa.Column('planned_from_on', sa.Date(), nullable=False),
    sa.Column('employee_rule', sa.String(length=200), nullable=True),
    sa.Column('employer_rule', sa.String(length=200), nullable=True),
    sa.Column('passive_since_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('participant_words', sa.Text(), nullable=True),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status != 'ended' OR (ended_on IS NOT NULL AND participant_words IS NOT NULL)", name=op.f('ck_followup_plans_ended_in_their_words')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_followup_plans_created_by_id_users')),
    sa.ForeignKeyConstraint(['ended_by_id'], ['users.id'], name=op.f('fk_followup_plans_ended_by_id_users')),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_followup_plans_placement_id_placements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_followup_plans_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_plans')),
    sa.UniqueConstraint('placement_id', name=op.f('uq_followup_plans_placement_id'))
    )
    with op.batch_alter_table('followup_plans', schema=None) as batch_op:
        batch_op.create_index('ix_followup_plans_team_status', ['team_id', 'status'], unique=False)

    op.create_table('followup_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.Enum('employee', 'employer_supervisor', name='audience', native_enum=False, length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('form', sa.Enum('face_to_face', 'phone', 'video', 'email', name='followupform', native_enum=False, length=20), nullable=True),
    sa.Column('with_whom', sa.String(length=200), nullable=True),
    sa.Column('what_came_up', sa.Text(), nullable=True),
    sa.Column('adjustments_agreed', sa.Text(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(held_on IS NULL) != (due_on IS NULL)', name=op.f('ck_followup_contacts_held_or_agreed')),
    sa.CheckConstraint('held_on IS NULL OR form IS NOT NULL', name=op.f('ck_followup_contacts_held_has_form')),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_followup_contacts_done_by_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['followup_plans.id'], name=op.f('fk_followup_contacts_plan_id_followup_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_contacts'))
    )
    with op.batch_alter_table('followup_contacts', schema=None) as batch_op:
        batch_op.create_index('ix_followup_contacts_plan_audience', ['plan_id', 'audience', 'held_on'], unique=False)


def downgrade():
    with op.batch_alter_table('followup_contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_followup_contacts_plan_audience')

    op.drop_table('followup_contacts')
    with op.batch_alter_table('followup_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_followup_plans_team_status')

    op.drop_table('followup_plans')
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.drop_index('ix_calendar_feeds_user_revoked')

    op.drop_table('calendar_feeds')
