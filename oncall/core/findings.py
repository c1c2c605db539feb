"""Warnings a lead must see without reading shift lists: DST drift, holidays, uncovered slots.

DST drift: the US, the EU and Australia change clocks on different dates, so fixed local
windows slide against each other for weeks. For every junction between two legs (say
Sydney to London) the engine records, per handoff, the overlap in minutes (a gap counts as a
negative overlap). The value most often seen is the junction's normal; every run of
consecutive junctions with another value is one drift period, reported with its dates.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from . import timezones as tz
from .figures import SiteCalendar
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


def _leg_label(team: Team, leg_id: str) -> str:
    leg = team.leg(leg_id)
    same_site = [lg for lg in team.legs if lg.site == leg.site]
    name = team.site(leg.site).name
    return name if len(same_site) == 1 else f"{name} ({leg_id})"


def _describe(value: int) -> str:
    if value > 0:
        return f"overlap is {value} min"
    if value == 0:
        return "overlap is 0 min (a hard handoff)"
    return f"overlap is 0 min and there is a {-value} min gap"


def _fmt_day(team: Team, leg_id: str, instant: datetime) -> str:
    local = tz.to_local(team.site(team.leg(leg_id).site).timezone, instant)
    return f"{local.day} {local:%b %Y}"


def drift_findings(team: Team, handoffs: Sequence[Handoff], gaps: Sequence[Gap]) -> list[Finding]:
    series: dict[tuple[str, str], list[_Junction]] = {}
    for h in handoffs:
        out, inc = h.outgoing, h.incoming
        a, b = out.leg, inc.leg
        if a and b and a != b:
            at = out.end
            minutes = round((at - max(out.start, inc.start)).total_seconds() / 60)
            series.setdefault((a, b), []).append(_Junction(at, at, minutes))
    for g in gaps:
        if g.before and g.after and g.before.leg and g.after.leg and g.before.leg != g.after.leg:
            series.setdefault((g.before.leg, g.after.leg), []).append(_Junction(g.start, g.end, -g.minutes))
    findings: list[Finding] = []
    for (a, b), junctions in series.items():
        junctions.sort(key=lambda j: j.at)
        counts: dict[int, int] = {}
        for j in junctions:
            counts[j.value] = counts.get(j.value, 0) + 1
        normal = max(counts, key=counts.__getitem__)  # ties: the value seen first
        for run in _runs(junctions):
            if run[0].value == normal:
                continue
            label = f"{_leg_label(team, a)} to {_leg_label(team, b)}"
            first, last = _fmt_day(team, a, run[0].at), _fmt_day(team, a, run[-1].at)
            span = f"on {first}" if first == last else f"from {first} to {last}"
            message = (f"{span} the {label} {_describe(run[0].value)} "
                       f"(normally {_describe(normal).removeprefix('overlap is ')})")
            findings.append(Finding("dst_drift", message, run[0].at, run[-1].end))
    findings.sort(key=lambda f: f.start)
    return findings


def _runs(junctions: list[_Junction]) -> list[list[_Junction]]:
    runs: list[list[_Junction]] = []
    for j in junctions:
        if runs and runs[-1][-1].value == j.value:
            runs[-1].append(j)
        else:
            runs.append([j])
    return runs


def holiday_findings(team: Team, shifts: Sequence[Shift], calendars: dict[str, SiteCalendar],
                     start: datetime, end: datetime) -> list[Finding]:
    """One finding per member and public holiday (at their site) they are on call on.

    Walks the holidays, not the shifts: a year has a dozen holidays and a thousand shifts.
    """
    by_site: dict[str, list[Shift]] = {}
    for sh in shifts:
        by_site.setdefault(team.member(sh.member).site, []).append(sh)
    out: list[Finding] = []
    for site_id, cal in calendars.items():
        site = team.site(site_id)
        site_shifts = sorted(by_site.get(site_id, ()), key=lambda sh: sh.start)
        starts = [sh.start for sh in site_shifts]
        longest = max((sh.end - sh.start for sh in site_shifts), default=timedelta(0))
        for day, name in sorted(cal.holidays.items()):
            d = cal.day(day)
            lo, hi = max(d.start, start), min(d.end, end)
            if lo >= hi:
                continue
            first = bisect.bisect_left(starts, lo - longest)
            last = bisect.bisect_left(starts, hi)
            seen: set[str] = set()
            for sh in site_shifts[first:last]:
                if sh.end > lo and sh.member not in seen:
                    seen.add(sh.member)
                    who = team.member(sh.member).name
                    out.append(Finding(
                        "holiday",
                        f"{who} ({site.name}) is on call on {name}, {day:%a} {day.day} {day:%b %Y} ({site.holidays})",
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
            f"nobody covers {site.name} on {local:%a} {local.day} {local:%b %Y} from {local:%H:%M} "
            f"{tz.abbreviation(site.timezone, u.slot.start)}: {who} is unavailable and no one else in the "
            f"rotation is free for the whole shift",
            u.slot.start, u.slot.end))
    return out


def override_conflict_findings(team: Team, shifts: Sequence[Shift]) -> list[Finding]:
    """Overrides that put someone on call during their own time off."""
    out = []
    for sh in shifts:
        if sh.source is not Source.OVERRIDE:
            continue
        for u in team.unavailable:
            if u.member == sh.member and u.start < sh.end and sh.start < u.end:
                who = team.member(sh.member).name
                out.append(Finding("override_unavailable",
                                   f"an override puts {who} on call during their time off"
                                   + (f" ({u.reason})" if u.reason else ""), sh.start, sh.end))
                break
    return out
