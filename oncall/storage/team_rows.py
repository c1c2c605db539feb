"""Rows -> the loaded team, whatever read them: one definition for SQLAlchemy and the snapshot.

:mod:`oncall.storage.loader` reads the rows with SQLAlchemy (every open, every command);
:mod:`oncall.storage.sqlite_snapshot` reads the same tables with the standard library's
sqlite3 module so the desktop app can paint the team before SQLAlchemy is imported. Both
hand their rows to :func:`build`, so both give the same :class:`LoadedTeam` (the versions
and positions a later save checks included): a save never depends on which reader loaded.

Rows are checked as they are turned into the core's values: a row another program (or an
old bug, or a hand edit) left with an unknown time zone or an unreadable value is reported
as one :class:`BadRowError` naming its table and id, rather than as a traceback from deep in
a schedule computed later. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from oncall.core.model import Team
from oncall.core.timezones import check_zone

from . import codec
from .loaded import TEAM_KEY, LoadedTeam

DEFAULT_TEAM_NAME = "New team"
TEAM_ROW_ID = 1  # the team table holds one row
TEAM_TABLE = "team"
ROTATION_TABLE = "leg_rotation"
COUNTER_TABLE = "change_counter"
# (entity kind, table) in load order; each table has id, position and version columns.
ENTITY_TABLES = (("site", "sites"), ("member", "members"), ("leg", "legs"), ("override", "overrides"),
                 ("unavailability", "unavailability"), ("adjustment", "adjustments"))

Rows = Callable[[str], Iterable[Any]]  # table name -> its rows by (position, id), with attribute access


class BadRowError(ValueError):
    """A stored row the core cannot use: ``table``, ``row_id`` and the problem."""

    def __init__(self, table: str, row_id: object, problem: str) -> None:
        super().__init__(f"{table} row {row_id!r}: {problem}")
        self.table, self.row_id, self.problem = table, row_id, problem


def _checked(table: str, build: Callable[[Any], Any], check: bool) -> Callable[[Any], Any]:
    """``build`` wrapped so a row it cannot turn into a value, or one naming an unknown time
    zone (with ``check``), raises BadRowError naming the row."""

    def convert(row):
        try:
            entity = build(row)
            zone = getattr(entity, "timezone", None)  # a site's zone; an override's or time off's own
            if check and zone is not None:
                check_zone(zone)
        except (ValueError, KeyError, TypeError) as exc:
            raise BadRowError(table, row.id, str(exc)) from None
        return entity

    return convert


def build(team_row: Any | None, rows: Rows, rotation_pairs: Iterable[tuple[str, str]], counter: int,
          *, check: bool = True) -> LoadedTeam:
    """The loaded team from the team row, each entity table's rows, (leg id, member id) rotation
    pairs in leg and position order, and the change counter. ``check=False`` (an import
    replacing the team) skips the zone check, so importing a good team file can repair a bad
    row instead of being refused by it."""
    versions: dict = {}
    positions: dict = {}
    if team_row is not None:
        versions[TEAM_KEY] = team_row.version
    rotations: dict[str, list[str]] = defaultdict(list)
    for leg_id, member_id in rotation_pairs:
        rotations[leg_id].append(member_id)
    ids: dict[str, list[int]] = defaultdict(list)
    builders = {
        "site": codec.site_from_row,
        "member": codec.member_from_row,
        "leg": lambda r: codec.leg_from_row(r, tuple(rotations.get(r.id, ()))),
        "override": codec.override_from_row,
        "unavailability": codec.unavailability_from_row,
        "adjustment": codec.adjustment_from_row,
    }
    entities: dict[str, tuple] = {}
    for kind, table in ENTITY_TABLES:
        convert, out = _checked(table, builders[kind], check), []
        for row in rows(table):
            versions[(kind, row.id)] = row.version
            positions[(kind, row.id)] = row.position
            ids[kind].append(row.id)
            out.append(convert(row))
        entities[kind] = tuple(out)
    team = Team(
        name=team_row.name if team_row else DEFAULT_TEAM_NAME,
        handoff_overlap=timedelta(seconds=team_row.handoff_overlap_seconds if team_row else 0),
        sites=entities["site"], members=entities["member"], legs=entities["leg"],
        overrides=entities["override"], unavailable=entities["unavailability"], adjustments=entities["adjustment"],
    )
    return LoadedTeam(team, versions, counter, tuple(ids["override"]), tuple(ids["unavailability"]), positions,
                      tuple(ids["adjustment"]))
