"""leads: saved searches and job ads from Platsbanken

Revision ID: 8289be4de834
Revises: c4d17e0a5e17
Create Date: 2026-12-05 14:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = '8289be4de834'
down_revision = 'c4d17e0a5e17'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('lead_searches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('occupation_codes', sa.String(length=500), nullable=False),
    sa.Column('municipality_codes', sa.String(length=500), nullable=False),
    sa.Column('free_text', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_fetched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_lead_searches_team_id_teams')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_lead_searches_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lead_searches'))
    )
    with op.batch_alter_table('lead_searches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lead_searches_team_id'), ['team_id'], unique=False)

    op.create_table('leads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('search_id', sa.Integer(), nullable=True),
    sa.Column('ad_id', sa.String(length=40), nullable=False),
    sa.Column('headline', sa.String(length=300), nullable=False),
    sa.Column('employer_name', sa.String(length=200), nullable=False),
    sa.Column('organisation_number', sa.String(length=11), nullable=True),
    sa.Column('occupation_code', sa.String(length=4), nullable=True),
    sa.Column('occupation_label', sa.String(length=200), nullable=True),
    sa.Column('municipality_code', sa.String(length=4), nullable=True),
    sa.Column('municipality', sa.String(length=80), nullable=True),
    sa.Column('hours_min', sa.Integer(), nullable=True),
    sa.Column('hours_max', sa.Integer(), nullable=True),
    sa.Column('working_hours', sa.String(length=80), nullable=True),
    sa.Column('duration', sa.String(length=120), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deadline_on', sa.Date(), nullable=True),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opening_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['opening_id'], ['openings.id'], name=op.f('fk_leads_opening_id_openings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['search_id'], ['lead_searches.id'], name=op.f('fk_leads_search_id_lead_searches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_leads_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leads')),
    sa.UniqueConstraint('team_id', 'ad_id', name='uq_leads_team_ad')
    )
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leads_search_id'), ['search_id'], unique=False)
        batch_op.create_index('ix_leads_team_closed', ['team_id', 'closed_at'], unique=False)
        batch_op.create_index('ix_leads_team_orgnr', ['team_id', 'organisation_number'], unique=False)



def downgrade():
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.drop_index('ix_leads_team_orgnr')
        batch_op.drop_index('ix_leads_team_closed')
        batch_op.drop_index(batch_op.f('ix_leads_search_id'))

    op.drop_table('leads')
    with op.batch_alter_table('lead_searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lead_searches_team_id'))

    op.drop_table('lead_searches')
