"""Human-readable field summaries of entities, for the audit log and conflict messages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from oncall.core.model import WEEKDAYS, Adjustment, Leg, Member, Override, Site, Unavailability


def _days(days) -> str:
    return ",".join(WEEKDAYS[d] for d in sorted(days))


def _instant(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%MZ")


def team_fields(name: str, overlap: timedelta) -> dict[str, str]:
    return {"name": name, "handoff_overlap": f"{int(overlap.total_seconds()) // 60} min"}


def site_fields(site: Site) -> dict[str, Any]:
    return {"name": site.name, "timezone": site.timezone, "holidays": site.holidays,
            "working_hours": str(site.working_hours), "workdays": _days(site.workdays)}


def member_fields(member: Member) -> dict[str, Any]:
    return {"name": member.name, "site": member.site, "email": member.email, "alarms": member.alarms}


def leg_fields(leg: Leg) -> dict[str, Any]:
    return {
        "site": leg.site, "window": str(leg.window), "rotation": ",".join(leg.rotation),
        "cadence": str(leg.cadence), "start": leg.start.isoformat(),
        "end": leg.end.isoformat() if isinstance(leg.end, date) else None,
        "days": _days(leg.days),
        "handoff_day": None if leg.handoff_day is None else WEEKDAYS[leg.handoff_day],
    }


def override_fields(ov: Override) -> dict[str, Any]:
    return {"member": ov.member, "start": _instant(ov.start), "end": _instant(ov.end),
            "replaces": ov.replaces, "timezone": ov.timezone, "note": ov.note}


def unavailability_fields(un: Unavailability) -> dict[str, Any]:
    return {"member": un.member, "start": _instant(un.start), "end": _instant(un.end),
            "reason": un.reason, "all_day": un.all_day, "timezone": un.timezone}


def adjustment_fields(a: Adjustment) -> dict[str, Any]:
    return {"leg": a.leg, "from": a.start.isoformat(), "to": a.end.isoformat(), "window": str(a.window),
            "reason": a.reason}


def summary(fields: Mapping[str, Any] | None) -> str | None:
    """``name='Sydney', timezone='Australia/Sydney'`` (empty values left out)."""
    if fields is None:
        return None
    return ", ".join(f"{k}={v!r}" for k, v in fields.items() if v not in (None, ""))


def changed_fields(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> str:
    """What an update changed, field by field: ``name: 'A' -> 'B'``."""
    if before is None and after is None:
        return "changed"
    if before is None:
        return f"created ({summary(after)})"
    if after is None:
        return f"deleted (was {summary(before)})"
    parts = [f"{k}: {before.get(k)!r} -> {after.get(k)!r}"
             for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return "; ".join(parts) or "moved in the list"
