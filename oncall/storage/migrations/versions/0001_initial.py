"""The first schema: team, sites, members, legs + rotation, overrides, unavailability,
handoff notes, feed tokens, audit log and the change counter.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from oncall.storage.schema import UTCDateTime

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _pk(table: str, *cols: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*cols, name=f"pk_{table}")


def _fk(table: str, col: str, target: str) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint([col], [target], name=f"fk_{table}_{col}_{ref_table}",
                                   deferrable=True, initially="DEFERRED")


def _version() -> sa.Column:
    return sa.Column("version", sa.Integer(), nullable=False)


def _index(table: str, col: str) -> None:
    op.create_index(f"ix_{table}_{col}", table, [col])


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("handoff_overlap_seconds", sa.Integer(), nullable=False),
        _version(), _pk("team", "id"),
    )
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        _pk("change_counter", "id"),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("holidays", sa.String(32), nullable=True),
        sa.Column("work_start", sa.Integer(), nullable=False),
        sa.Column("work_end", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        _version(), _pk("sites", "id"),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("site_id", sa.String(64), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        _version(), _pk("members", "id"), _fk("members", "site_id", "sites.id"),
    )
    _index("members", "site_id")
    op.create_table(
        "legs",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(64), nullable=False),
        sa.Column("window_start", sa.Integer(), nullable=False),
        sa.Column("window_end", sa.Integer(), nullable=False),
        sa.Column("cadence_kind", sa.String(16), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("handoff_day", sa.Integer(), nullable=True),
        _version(), _pk("legs", "id"), _fk("legs", "site_id", "sites.id"),
    )
    _index("legs", "site_id")
    op.create_table(
        "leg_rotation",
        sa.Column("leg_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(64), nullable=False),
        _pk("leg_rotation", "leg_id", "position"),
        _fk("leg_rotation", "leg_id", "legs.id"), _fk("leg_rotation", "member_id", "members.id"),
    )
    _index("leg_rotation", "member_id")
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("start", UTCDateTime(), nullable=False),
        sa.Column("end", UTCDateTime(), nullable=False),
        sa.Column("replaces_id", sa.String(64), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _version(), _pk("overrides", "id"),
        _fk("overrides", "member_id", "members.id"), _fk("overrides", "replaces_id", "members.id"),
    )
    _index("overrides", "member_id")
    _index("overrides", "replaces_id")
    op.create_table(
        "unavailability",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("start", UTCDateTime(), nullable=False),
        sa.Column("end", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=True),
        _version(), _pk("unavailability", "id"), _fk("unavailability", "member_id", "members.id"),
    )
    _index("unavailability", "member_id")
    op.create_table(
        "handoff_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("outgoing", sa.String(64), nullable=False),
        sa.Column("incoming", sa.String(64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("incidents", sa.JSON(), nullable=False),
        sa.Column("watch", sa.JSON(), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True),
        sa.Column("author", sa.String(200), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        _version(), _pk("handoff_notes", "id"),
        sa.UniqueConstraint("outgoing", "incoming", "at", name="uq_handoff_notes_key"),
    )
    _index("handoff_notes", "at")
    op.create_table(
        "feed_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(64), nullable=True),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("secret_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("last_access_at", UTCDateTime(), nullable=True),
        _version(), _pk("feed_tokens", "id"),
        sa.UniqueConstraint("secret_sha256", name="uq_feed_tokens_secret_sha256"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("counter", sa.Integer(), nullable=False),
        _pk("audit_log", "id"),
    )


def downgrade() -> None:
    for table in ("audit_log", "feed_tokens", "handoff_notes", "unavailability", "overrides",
                  "leg_rotation", "legs", "members", "sites", "change_counter", "team"):
        op.drop_table(table)
