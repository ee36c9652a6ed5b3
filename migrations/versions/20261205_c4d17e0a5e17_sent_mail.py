"""mail: a record of every e-mail sent, so that none goes out twice

Revision ID: c4d17e0a5e17
Revises: c16a0f7e1a01
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "c4d17e0a5e17"
down_revision = "c16a0f7e1a01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sent_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_mail")),
        sa.UniqueConstraint("kind", "recipient", "key", name="uq_sent_mail_kind_recipient_key"),
    )


def downgrade():
    op.drop_table("sent_mail")
