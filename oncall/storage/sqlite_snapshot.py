"""Read the team from a SQLite file with the standard library alone, for the app's first paint.

Importing SQLAlchemy and mapping the schema costs ~0.3 s of CPU, more than everything else
the desktop app does between its first paint and the team on screen. This reader opens the
file with :mod:`sqlite3`, makes the same checks an open makes before reading (the SQLite
header, ``PRAGMA quick_check``, the schema at the newest revision), reads the team's tables
in one read transaction and builds the :class:`LoadedTeam` through
:func:`oncall.storage.team_rows.build`, the same function the SQLAlchemy loader uses. A
later save through SQLAlchemy then checks versions exactly as if SQLAlchemy had loaded.

It never decides anything hard: whenever the file is missing, not current, damaged,
unreadable or odd in any way, :func:`read` answers None and the caller opens the database
the ordinary way, which migrates, creates, or reports the problem by name. It never writes
(``PRAGMA query_only``), creates or removes a file.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import team_rows
from .errors import StorageError
from .loaded import LoadedTeam
from .locations import database_url, sqlite_file_of
from .revision_files import head_from_files
from .sqlite_file import check_header, check_pages, query_only
from .team_rows import TEAM_ROW_ID



def _date(value: object) -> date:
    if not isinstance(value, str):
        raise TypeError(f"a date stored as {type(value).__name__}")
    return date.fromisoformat(value)


def _utc(value: object) -> datetime:
    """A stored UTC instant (``schema.UTCDateTime``: kept naive, as SQLAlchemy writes DATETIME)."""
    if not isinstance(value, str):
        raise TypeError(f"an instant stored as {type(value).__name__}")
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


# What each table is read with, as storage/schema.py declares it (tests/test_storage_snapshot.py
# keeps the two equal; schema.py itself imports SQLAlchemy). The column names are selected by
# name and the dates and instants converted by this map, never by the file's own declarations:
# a damaged or edited file is read as the SQLAlchemy loader reads it, or not at all.
_TABLES: dict[str, tuple[str, ...]] = {
    "team": ("id", "name", "handoff_overlap_seconds", "version"),
    "sites": ("id", "position", "name", "timezone", "holidays", "work_start", "work_end", "workdays", "version"),
    "members": ("id", "position", "name", "site_id", "email", "alarms", "version"),
    "legs": ("id", "position", "site_id", "window_start", "window_end", "cadence_kind", "cadence_days",
             "start_date", "end_date", "days", "handoff_day", "version"),
    "overrides": ("id", "position", "member_id", "start", "end", "replaces_id", "timezone", "note", "uid", "version"),
    "unavailability": ("id", "position", "member_id", "start", "end", "reason", "all_day", "timezone", "uid",
                       "version"),
    "adjustments": ("id", "position", "leg_id", "start_date", "end_date", "window_start", "window_end", "reason",
                    "version"),
    "leg_rotation": ("leg_id", "position", "member_id"),
}
DATE_COLUMNS = {"legs": ("start_date", "end_date"), "adjustments": ("start_date", "end_date")}
INSTANT_COLUMNS = {"overrides": ("start", "end"), "unavailability": ("start", "end")}


def database_file(location: str | None) -> Path | None:
    """The SQLite file a location names (None: the default database), or None for any other URL."""
    return sqlite_file_of(database_url(location))


def _rows(conn: sqlite3.Connection, table: str, order: str = "position, id") -> list[Any]:
    names = _TABLES[table]
    # Qualified: SQLite reads an unqualified "name" that is no column as a string literal.
    selected = ", ".join(f'"{table}"."{name}"' for name in names)
    row_type = namedtuple(f"{table}_row", names)  # attribute access, as SQLAlchemy's rows give
    converters = [(names.index(name), _date) for name in DATE_COLUMNS.get(table, ())]
    converters += [(names.index(name), _utc) for name in INSTANT_COLUMNS.get(table, ())]
    out = []
    for raw in conn.execute(f'SELECT {selected} FROM "{table}" ORDER BY {order}'):
        values = list(raw)
        for i, convert in converters:
            if values[i] is not None:
                values[i] = convert(values[i])
        out.append(row_type(*values))
    return out


def _read(conn: sqlite3.Connection, location: str) -> LoadedTeam | None:
    conn.execute("BEGIN")  # one snapshot: a writer committing meanwhile is seen entirely or not at all
    check_pages(conn, location)
    revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    head = head_from_files()
    if head is None or revisions != [head]:
        return None  # an upgrade (or a refusal) is the ordinary open's to make
    team = next((row for row in _rows(conn, team_rows.TEAM_TABLE, "id") if row.id == TEAM_ROW_ID), None)
    pairs = [(row.leg_id, row.member_id) for row in _rows(conn, team_rows.ROTATION_TABLE, "leg_id, position")]
    counter = conn.execute(f'SELECT value FROM "{team_rows.COUNTER_TABLE}" WHERE id = 1').fetchone()
    if team is None or counter is None:
        return None  # not finished being made: the ordinary open completes it
    return team_rows.build(team, lambda table: _rows(conn, table), pairs, int(counter[0] or 0))


def read(location: str | None) -> LoadedTeam | None:
    """The team stored at ``location`` if it is an existing, healthy SQLite database at the
    newest schema; None otherwise (then open it the ordinary way)."""
    path = database_file(location)
    if path is None:
        return None
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        check_header(path, str(path))
        conn = query_only(path)
    except (OSError, sqlite3.Error, StorageError):
        return None
    try:
        return _read(conn, str(path))
    except (sqlite3.Error, StorageError, ValueError, TypeError, KeyError, AttributeError):
        return None  # team_rows.BadRowError is a ValueError: the ordinary open names the row
    finally:
        conn.close()
