"""Rows <-> the core's frozen dataclasses. The core never sees a row; storage never invents rules.

``*_values(entity)`` gives the column values a row stores for an entity (without key,
position and version); ``*_from_row(row)`` rebuilds the entity from a selected row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from oncall.core.model import (
    Adjustment, Cadence, CadenceKind, Leg, LocalWindow, Member, Override, Site, Unavailability,
)


def days_to_mask(days: Iterable[int]) -> int:
    mask = 0
    for day in days:
        mask |= 1 << day
    return mask


def mask_to_days(mask: int) -> frozenset[int]:
    return frozenset(day for day in range(7) if mask & (1 << day))


def team_values(name: str, overlap: timedelta) -> dict[str, Any]:
    return {"name": name, "handoff_overlap_seconds": int(overlap.total_seconds())}


def site_values(site: Site) -> dict[str, Any]:
    return {
        "name": site.name, "timezone": site.timezone, "holidays": site.holidays,
        "work_start": site.working_hours.start, "work_end": site.working_hours.end,
        "workdays": days_to_mask(site.workdays),
    }


def site_from_row(row) -> Site:
    return Site(row.id, row.name, row.timezone, row.holidays,
                LocalWindow(row.work_start, row.work_end), mask_to_days(row.workdays))


def member_values(member: Member) -> dict[str, Any]:
    return {"name": member.name, "site_id": member.site, "email": member.email, "alarms": member.alarms}


def member_from_row(row) -> Member:
    return Member(row.id, row.name, row.site_id, row.email, bool(row.alarms))


def leg_values(leg: Leg) -> dict[str, Any]:
    """The leg's own columns; its rotation lives in ``leg_rotation`` rows."""
    return {
        "site_id": leg.site, "window_start": leg.window.start, "window_end": leg.window.end,
        "cadence_kind": leg.cadence.kind.value, "cadence_days": leg.cadence.days,
        "start_date": leg.start, "end_date": leg.end, "days": days_to_mask(leg.days),
        "handoff_day": leg.handoff_day,
    }


def leg_from_row(row, rotation: tuple[str, ...]) -> Leg:
    return Leg(
        id=row.id, site=row.site_id, window=LocalWindow(row.window_start, row.window_end),
        rotation=rotation, cadence=Cadence(CadenceKind(row.cadence_kind), row.cadence_days),
        start=row.start_date, days=mask_to_days(row.days), handoff_day=row.handoff_day,
        end=row.end_date,
    )


def override_values(ov: Override) -> dict[str, Any]:
    return {"member_id": ov.member, "start": ov.start, "end": ov.end, "replaces_id": ov.replaces,
            "timezone": ov.timezone, "note": ov.note, "uid": ov.id}


def override_from_row(row) -> Override:
    return Override(row.member_id, row.start, row.end, row.replaces_id, row.timezone, row.note, id=row.uid)


def unavailability_values(un: Unavailability) -> dict[str, Any]:
    return {"member_id": un.member, "start": un.start, "end": un.end, "reason": un.reason,
            "all_day": un.all_day, "timezone": un.timezone, "uid": un.id}


def unavailability_from_row(row) -> Unavailability:
    return Unavailability(row.member_id, row.start, row.end, row.reason, bool(row.all_day), row.timezone,
                          id=row.uid)


def adjustment_values(a: Adjustment) -> dict[str, Any]:
    return {"leg_id": a.leg, "start_date": a.start, "end_date": a.end,
            "window_start": a.window.start, "window_end": a.window.end, "reason": a.reason}


def adjustment_from_row(row) -> Adjustment:
    return Adjustment(row.leg_id, row.start_date, row.end_date, LocalWindow(row.window_start, row.window_end),
                      row.reason)
