"""Stable ids for overrides and time off (the team file's ``id``; edits and rebases use it).

Existing rows get the id the core derives from their content (core/span_ids.py), the same
id a team file without ``id`` keys gives them, so re-importing that file changes nothing.

Revision ID: 0005_stable_ids
Revises: 0004_team_settings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from oncall.core.model import Override, Unavailability
from oncall.core.span_ids import OVERRIDE_PREFIX, TIME_OFF_PREFIX, with_ids
from oncall.storage.schema import UTCDateTime

revision = "0005_stable_ids"
down_revision = "0004_team_settings"
branch_labels = None
depends_on = None


OVERRIDE_COLUMNS = ("member_id", "start", "end", "replaces_id", "timezone", "note")
TIME_OFF_COLUMNS = ("member_id", "start", "end", "reason", "all_day", "timezone")


def _override(r) -> Override:
    return Override(r.member_id, r.start, r.end, r.replaces_id, r.timezone, r.note)


def _time_off(r) -> Unavailability:
    return Unavailability(r.member_id, r.start, r.end, r.reason, bool(r.all_day), r.timezone)


def _fill(conn, table: str, columns: tuple[str, ...], build, prefix: str) -> None:
    """Give every row the id its content derives (in stored order, as the loader reads it)."""
    typed = {"start": UTCDateTime(), "end": UTCDateTime(), "all_day": sa.Boolean()}  # aware UTC instants
    t = sa.table(table, *(sa.column(name, typed.get(name)) for name in ("id", "position", "uid", *columns)))
    rows = conn.execute(sa.select(t).order_by(t.c.position, t.c.id)).all()
    values = with_ids(tuple(build(r) for r in rows), prefix)
    for row, value in zip(rows, values):
        conn.execute(sa.update(t).where(t.c.id == row.id).values(uid=value.id))


def upgrade() -> None:
    for table in ("overrides", "unavailability"):
        op.add_column(table, sa.Column("uid", sa.String(64), nullable=True))
    conn = op.get_bind()
    _fill(conn, "overrides", OVERRIDE_COLUMNS, _override, OVERRIDE_PREFIX)
    _fill(conn, "unavailability", TIME_OFF_COLUMNS, _time_off, TIME_OFF_PREFIX)
    op.create_index("uq_overrides_uid", "overrides", ["uid"], unique=True)
    op.create_index("uq_unavailability_uid", "unavailability", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_unavailability_uid", "unavailability")
    op.drop_index("uq_overrides_uid", "overrides")
    for table in ("overrides", "unavailability"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN uid")
        else:
            op.drop_column(table, "uid")
