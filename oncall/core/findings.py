"""Warnings a lead must see without reading shift lists: DST drift, holidays, uncovered slots.

DST drift: the US, the EU and Australia change clocks on different dates, so fixed local
windows slide against each other for weeks. For every junction between two legs (say
Sydney to London) the engine records, per handoff, the overlap in minutes (a gap counts as a
negative overlap). The junction's normal is its designed overlap (see
:mod:`oncall.core.junctions`); every run of consecutive junctions with another value is one
drift period, reported with its dates.

Dates in the messages are written with :mod:`oncall.core.labels` (English whatever the
process locale, and without a ``strftime`` call per finding).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from operator import attrgetter, itemgetter, sub
from typing import NamedTuple

from . import timezones as tz
from .figures import SiteCalendar
from .junctions import junction_series, most_common
from .labels import MONTH_NAMES, day_text, leg_label
from .model import Team
from .shifts import Gap, Handoff, Shift, Source, UncoveredSlot


@dataclass(frozen=True)
class Finding:
    kind: str  # dst_drift | holiday | uncovered | override_unavailable
    message: str
    start: datetime
    end: datetime | None = None


class _Junction(NamedTuple):
    at: datetime
    end: datetime
    value: int  # overlap minutes; negative = gap minutes


def _describe(value: int) -> str:
    if value > 0:
        return f"overlap is {value} min"
    if value == 0:
        return "overlap is 0 min (a hard handoff)"
    return f"overlap is 0 min and there is a {-value} min gap"


def _fmt_day(team: Team, leg_id: str, instant: datetime) -> str:
    local = tz.to_local(team.site(team.leg(leg_id).site).timezone, instant)
    return f"{local.day} {MONTH_NAMES[local.month - 1]} {local.year}"


def drift_findings(team: Team, handoffs: Sequence[Handoff], gaps: Sequence[Gap],
                   normals: Mapping[tuple[str, str], int] | None = None,
                   series: dict[tuple[str, str], list[tuple]] | None = None) -> list[Finding]:
    """Runs of junctions whose overlap differs from the junction's normal.

    ``normals`` (see :func:`oncall.core.junctions.normal_overlaps`) is the designed overlap of
    each junction; a junction missing from it (or no mapping) falls back to the value most
    often seen among ``handoffs`` and ``gaps`` themselves. ``series`` is
    ``junction_series(handoffs, gaps)`` when the caller already built it.
    """
    findings: list[Finding] = []
    if series is None:
        series = junction_series(handoffs, gaps)
    for (a, b), junctions in series.items():
        junctions.sort(key=_AT)
        normal = normals.get((a, b)) if normals else None
        if normal is None:
            normal = most_common(junctions)
        # Maximal runs of consecutive junctions with one value, cut in C; the normal ones
        # (nearly all of a year) are passed over without being listed.
        for value, junction_run in groupby(junctions, key=_VALUE):
            if value == normal:
                continue
            run = list(junction_run)
            head, tail = _Junction(*run[0]), _Junction(*run[-1])
            label = f"{leg_label(team, a)} to {leg_label(team, b)}"
            first, last = _fmt_day(team, a, head.at), _fmt_day(team, a, tail.at)
            span = f"on {first}" if first == last else f"from {first} to {last}"
            message = (f"{span} the {label} {_describe(head.value)} "
                       f"(normally {_describe(normal).removeprefix('overlap is ')})")
            findings.append(Finding("dst_drift", message, head.at, tail.end))
    findings.sort(key=lambda f: f.start)
    return findings


_AT = itemgetter(0)
_VALUE = itemgetter(2)
_START = attrgetter("start")
_END = attrgetter("end")


def holiday_findings(team: Team, shifts: Sequence[Shift], calendars: dict[str, SiteCalendar],
                     start: datetime, end: datetime) -> list[Finding]:
    """One finding per member and public holiday (at their site) they are on call on.

    Walks the holidays, not the shifts: a year has a dozen holidays and a thousand shifts.
    All sites share one start-sorted list; a holiday looks at the shifts that may reach it
    and keeps its own site's (the order is the same as sorting each site's shifts apart).
    """
    ordered = sorted(shifts, key=_START)
    starts = list(map(_START, ordered))
    longest = max(map(sub, map(_END, ordered), starts), default=timedelta(0))
    site_of = {m.id: m.site for m in team.members}
    out: list[Finding] = []
    for site_id, cal in calendars.items():
        site = team.site(site_id)
        for day, name in sorted(cal.holidays.items()):
            day_start, day_end = cal.seconds(day.toordinal())[:2]  # the local day, as cal.day(day) gives it
            lo, hi = max(tz.from_seconds(day_start), start), min(tz.from_seconds(day_end), end)
            if lo >= hi:
                continue
            first = bisect.bisect_left(starts, lo - longest)
            last = bisect.bisect_left(starts, hi)
            seen: set[str] = set()
            for sh in ordered[first:last]:
                if sh.end > lo and site_of[sh.member] == site_id and sh.member not in seen:
                    seen.add(sh.member)
                    who = team.member(sh.member).name
                    out.append(Finding(
                        "holiday",
                        f"{who} ({site.name}) is on call on {name}, {day_text(day)} ({site.holidays})",
                        max(sh.start, lo), min(sh.end, hi)))
    return out


def uncovered_findings(team: Team, uncovered: Sequence[UncoveredSlot]) -> list[Finding]:
    out = []
    for u in uncovered:
        site = team.site(u.slot.site)
        local = tz.to_local(site.timezone, u.slot.start)
        who = team.member(u.member).name if team.has_member(u.member) else u.member
        out.append(Finding(
            "uncovered",
            f"nobody covers {site.name} on {day_text(local.date())} from {local:%H:%M} "
            f"{tz.abbreviation(site.timezone, u.slot.start)}: {who} is unavailable and no one else in the "
            f"rotation is free for the whole shift",
            u.slot.start, u.slot.end))
    return out


def override_conflict_findings(team: Team, shifts: Sequence[Shift]) -> list[Finding]:
    """Overrides that put someone on call during their own time off.

    Each override shift looks only at its own member's time off (in file order, so the
    reason quoted is the first overlapping entry's): 2,000 overrides against 500 entries
    of time off were a million comparisons per report.
    """
    out: list[Finding] = []
    time_off: dict[str, list] = {}
    for u in team.unavailable:
        time_off.setdefault(u.member, []).append(u)
    if not time_off:
        return out
    # Only the override shifts (a few among a year's thousand) are looked at further.
    override = Source.OVERRIDE
    for sh in shifts:
        if sh.source is not override:
            continue
        for u in time_off.get(sh.member, ()):
            if u.start < sh.end and sh.start < u.end:
                who = team.member(sh.member).name
                out.append(Finding("override_unavailable",
                                   f"an override puts {who} on call during their time off"
                                   + (f" ({u.reason})" if u.reason else ""), sh.start, sh.end))
                break
    return out
