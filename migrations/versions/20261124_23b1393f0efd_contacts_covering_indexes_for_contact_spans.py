"""contacts: covering indexes for participants' first and latest employer contacts

A few participants' first and latest contacts (caseload, meeting agenda, fidelity report) become
index-only lookups; PostgreSQL otherwise scanned every team's contacts for them.

Revision ID: 23b1393f0efd
Revises: b7e1d2c3a4f5
Create Date: 2026-11-24 08:15:04.609883

"""
from alembic import op


revision = '23b1393f0efd'
down_revision = 'b7e1d2c3a4f5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_employer_contact_participants_participant_contact', 'employer_contact_participants',
                    ['participant_id', 'contact_id'], unique=False)
    op.drop_index('ix_employer_contact_participants_participant_id', table_name='employer_contact_participants')
    op.create_index('ix_employer_contacts_id_time', 'employer_contacts', ['id', 'contacted_at'], unique=False)


def downgrade():
    op.drop_index('ix_employer_contacts_id_time', table_name='employer_contacts')
    op.create_index('ix_employer_contact_participants_participant_id', 'employer_contact_participants',
                    ['participant_id'], unique=False)
    op.drop_index('ix_employer_contact_participants_participant_contact', table_name='employer_contact_participants')
