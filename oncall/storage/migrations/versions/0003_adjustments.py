"""Window adjustments: a leg's window replaced on a span of site-local days ([[adjustment]]).

Revision ID: 0003_adjustments
Revises: 0002_feed_revisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_adjustments"
down_revision = "0002_feed_revisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "adjustments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("leg_id", sa.String(64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("window_start", sa.Integer(), nullable=False),
        sa.Column("window_end", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["leg_id"], ["legs.id"], name="fk_adjustments_leg_id_legs",
                                deferrable=True, initially="DEFERRED"),
        sa.PrimaryKeyConstraint("id", name="pk_adjustments"),
    )
    op.create_index("ix_adjustments_leg_id", "adjustments", ["leg_id"])


def downgrade() -> None:
    op.drop_index("ix_adjustments_leg_id", "adjustments")
    op.drop_table("adjustments")
