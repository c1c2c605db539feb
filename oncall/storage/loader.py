"""Read the whole team in a handful of bulk SELECTs (one per table, no lazy loads).

Rows are checked as they are turned into the core's values: a row another program (or an
old bug, or a hand edit) left with an unknown time zone or an unreadable value is reported
as one :class:`BadRowError` naming its table and id, rather than as a traceback from deep in
a schedule computed later.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection

from oncall.core.model import Team
from oncall.core.timezones import check_zone

from . import codec
from .loaded import TEAM_KEY, LoadedTeam
from .schema import (
    TEAM_ROW_ID, AdjustmentRow, ChangeCounterRow, LegRotationRow, LegRow, MemberRow, OverrideRow, SiteRow, TeamRow,
    UnavailabilityRow,
)

DEFAULT_TEAM_NAME = "New team"


class BadRowError(ValueError):
    """A stored row the core cannot use: ``table``, ``row_id`` and the problem."""

    def __init__(self, table: str, row_id: object, problem: str) -> None:
        super().__init__(f"{table} row {row_id!r}: {problem}")
        self.table, self.row_id, self.problem = table, row_id, problem


def _zones(entity) -> list[str]:
    """The time zones an entity names (a site's zone; an override's or time off's own)."""
    zone = getattr(entity, "timezone", None)
    return [zone] if zone is not None else []


def _checked(model, build, check: bool):
    """``build`` wrapped so a row it cannot turn into a value, or one naming an unknown time
    zone (with ``check``), raises BadRowError naming the row."""
    table = model.__tablename__

    def convert(row):
        try:
            entity = build(row)
            if check:
                for zone in _zones(entity):
                    check_zone(zone)
        except (ValueError, KeyError, TypeError) as exc:
            raise BadRowError(table, row.id, str(exc)) from None
        return entity

    return convert


def read_counter(conn: Connection) -> int:
    value = conn.execute(select(ChangeCounterRow.value).where(ChangeCounterRow.id == 1)).scalar()
    return int(value or 0)


def _ordered(conn: Connection, model):
    t = model.__table__
    return conn.execute(select(t).order_by(t.c.position, t.c.id)).all()


def load(conn: Connection, *, check: bool = True) -> LoadedTeam:
    """The stored team. ``check=False`` (an import replacing the team) skips the zone check,
    so importing a good team file can repair a bad row instead of being refused by it."""
    versions: dict = {}
    positions: dict = {}
    team_row = conn.execute(select(TeamRow.__table__).where(TeamRow.id == TEAM_ROW_ID)).first()
    if team_row is not None:
        versions[TEAM_KEY] = team_row.version

    def keyed(kind: str, model, build) -> tuple:
        out = []
        build = _checked(model, build, check)
        for row in _ordered(conn, model):
            versions[(kind, row.id)] = row.version
            positions[(kind, row.id)] = row.position
            out.append(build(row))
        return tuple(out)

    rotations: dict[str, list[str]] = defaultdict(list)
    rt = LegRotationRow.__table__
    for leg_id, member_id in conn.execute(select(rt.c.leg_id, rt.c.member_id).order_by(rt.c.leg_id, rt.c.position)):
        rotations[leg_id].append(member_id)

    sites = keyed("site", SiteRow, codec.site_from_row)
    members = keyed("member", MemberRow, codec.member_from_row)
    legs = keyed("leg", LegRow, lambda r: codec.leg_from_row(r, tuple(rotations.get(r.id, ()))))
    override_ids: list[int] = []
    overrides = keyed("override", OverrideRow, lambda r: (override_ids.append(r.id), codec.override_from_row(r))[1])
    unavailability_ids: list[int] = []
    unavailable = keyed("unavailability", UnavailabilityRow,
                        lambda r: (unavailability_ids.append(r.id), codec.unavailability_from_row(r))[1])
    adjustment_ids: list[int] = []
    adjustments = keyed("adjustment", AdjustmentRow,
                        lambda r: (adjustment_ids.append(r.id), codec.adjustment_from_row(r))[1])
    team = Team(
        name=team_row.name if team_row else DEFAULT_TEAM_NAME,
        handoff_overlap=timedelta(seconds=team_row.handoff_overlap_seconds if team_row else 0),
        sites=sites, members=members, legs=legs, overrides=overrides, unavailable=unavailable,
        adjustments=adjustments,
    )
    return LoadedTeam(team, versions, read_counter(conn), tuple(override_ids), tuple(unavailability_ids), positions,
                      tuple(adjustment_ids))
