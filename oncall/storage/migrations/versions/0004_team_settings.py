"""Team settings (the public feed address, ...) and a member's overlap reminders.

Revision ID: 0004_team_settings
Revises: 0003_adjustments
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from oncall.storage.schema import UTCDateTime

revision = "0004_team_settings"
down_revision = "0003_adjustments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_team_settings"),
    )
    # A plain ADD COLUMN on both engines (a constant default fills existing rows).
    op.add_column("members", sa.Column("alarms", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite 3.35+ drops a column in place; Alembic's batch mode would copy the table,
        # and dropping the old copy trips the other tables' foreign keys to it.
        op.execute("ALTER TABLE members DROP COLUMN alarms")
    else:
        op.drop_column("members", "alarms")
    op.drop_table("team_settings")
