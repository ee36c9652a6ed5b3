"""partners: listings, referrals, partner placements (a placement is at an employer or a social enterprise)

Revision ID: 98c6601f720b
Revises: a66c67fe8c16
Create Date: 2026-11-24 06:04:09.625179

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '98c6601f720b'
down_revision = 'a66c67fe8c16'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('paid_employment', 'work_placement', name='listingkind', native_enum=False, length=20), nullable=False),
    sa.Column('tasks', sa.Text(), nullable=True),
    sa.Column('hours_min', sa.Integer(), nullable=True),
    sa.Column('hours_max', sa.Integer(), nullable=True),
    sa.Column('weekdays', sa.Boolean(), nullable=False),
    sa.Column('evenings', sa.Boolean(), nullable=False),
    sa.Column('weekends', sa.Boolean(), nullable=False),
    sa.Column('schedule', sa.String(length=300), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('municipality', sa.String(length=80), nullable=True),
    sa.Column('supervisor', sa.String(length=200), nullable=True),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('period_start_on', sa.Date(), nullable=True),
    sa.Column('period_end_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'closed', name='listingstatus', native_enum=False, length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('hours_min IS NULL OR hours_max IS NULL OR hours_max >= hours_min', name=op.f('ck_listings_hours')),
    sa.CheckConstraint('period_end_on IS NULL OR period_start_on IS NULL OR period_end_on >= period_start_on', name=op.f('ck_listings_period')),
    sa.CheckConstraint('places >= 1', name=op.f('ck_listings_places')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_listings_created_by_id_users')),
    sa.ForeignKeyConstraint(['partner_organisation_id'], ['partner_organisations.id'], name=op.f('fk_listings_partner_organisation_id_partner_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listings'))
    )
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.create_index('ix_listings_organisation_status', ['partner_organisation_id', 'status'], unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('referred_by_id', sa.Integer(), nullable=True),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('message_to_partner', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'accepted', 'declined', 'withdrawn', name='referralstatus', native_enum=False, length=20), nullable=False),
    sa.Column('partner_message', sa.Text(), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('placement_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_referrals_answered_by_id_users')),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_referrals_listing_id_listings')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_referrals_participant_id_participants')),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_referrals_placement_id_placements')),
    sa.ForeignKeyConstraint(['referred_by_id'], ['users.id'], name=op.f('fk_referrals_referred_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_referrals_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index('ix_referrals_listing_status', ['listing_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_participant_id'), ['participant_id'], unique=False)

    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_organisation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('listing_id', sa.Integer(), nullable=True))
        batch_op.alter_column('employer_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_placements_partner_organisation_id'), ['partner_organisation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_placements_partner_organisation_id_partner_organisations'), 'partner_organisations', ['partner_organisation_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_placements_listing_id_listings'), 'listings', ['listing_id'], ['id'])
        batch_op.create_check_constraint(batch_op.f('ck_placements_one_workplace'),
                                         '(employer_id IS NULL) <> (partner_organisation_id IS NULL)')



def downgrade():
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_placements_one_workplace'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_placements_listing_id_listings'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_placements_partner_organisation_id_partner_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_placements_partner_organisation_id'))
        batch_op.alter_column('employer_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('listing_id')
        batch_op.drop_column('partner_organisation_id')

    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_participant_id'))
        batch_op.drop_index('ix_referrals_listing_status')

    op.drop_table('referrals')
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_index('ix_listings_organisation_status')

    op.drop_table('listings')
