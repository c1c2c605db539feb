"""Read the whole team with SQLAlchemy in a handful of bulk SELECTs (one per table, no lazy loads).

The rows become the loaded team in :mod:`oncall.storage.team_rows`, shared with the
start-up snapshot reader (:mod:`oncall.storage.sqlite_snapshot`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from . import team_rows
from .loaded import LoadedTeam
from .schema import TEAM_ROW_ID, Base, ChangeCounterRow
from .team_rows import DEFAULT_TEAM_NAME, BadRowError

__all__ = ["DEFAULT_TEAM_NAME", "BadRowError", "load", "read_counter"]


def read_counter(conn: Connection) -> int:
    value = conn.execute(select(ChangeCounterRow.value).where(ChangeCounterRow.id == 1)).scalar()
    return int(value or 0)


def load(conn: Connection, *, check: bool = True) -> LoadedTeam:
    """The stored team (see :func:`team_rows.build`; ``check=False`` skips the zone check)."""
    tables = Base.metadata.tables
    team = tables[team_rows.TEAM_TABLE]
    team_row = conn.execute(select(team).where(team.c.id == TEAM_ROW_ID)).first()
    rotation = tables[team_rows.ROTATION_TABLE]
    pairs = conn.execute(select(rotation.c.leg_id, rotation.c.member_id)
                         .order_by(rotation.c.leg_id, rotation.c.position)).all()

    def rows(name: str):
        t = tables[name]
        return conn.execute(select(t).order_by(t.c.position, t.c.id)).all()

    return team_rows.build(team_row, rows, pairs, read_counter(conn), check=check)
