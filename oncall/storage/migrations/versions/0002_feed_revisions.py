"""Feed revisions (stable SEQUENCE/LAST-MODIFIED per event) and an audit index for conflicts.

Revision ID: 0002_feed_revisions
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from oncall.storage.schema import UTCDateTime

revision = "0002_feed_revisions"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_revisions",
        sa.Column("feed", sa.String(200), nullable=False),
        sa.Column("uid", sa.String(400), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("last_modified", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("feed", "uid", name="pk_feed_revisions"),
    )
    op.create_index("ix_audit_log_entity", "audit_log", ["entity", "entity_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity", "audit_log")
    op.drop_table("feed_revisions")
