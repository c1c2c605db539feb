"""Per-member figures: real elapsed hours, out of hours, weekends and public holidays.

All figures count only the part of a shift inside the report range, in real elapsed time
(a shift across a DST change is 7 or 9 hours, and counts as such).

* out of hours: time outside the site's working hours on a working day that is not a
  public holiday, plus all time on non-working days and holidays;
* weekend hours: time on the site's non-working days (local calendar days);
* holiday hours: time on the site's public holidays (local calendar days).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import timezones as tz
from .holiday_calendar import holidays_in
from .model import Site, Team
from .shifts import Shift

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class MemberFigures:
    member: str
    hours: float
    shifts: int
    out_of_hours: float
    weekend_hours: float
    holiday_hours: float


@dataclass(frozen=True)
class _LocalDay:
    """A site's local calendar day as UTC instants."""

    start: datetime
    end: datetime
    work_start: datetime
    work_end: datetime
    workday: bool
    holiday: str | None


class SiteCalendar:
    """Local days of one site, computed once per report and shared by all its members."""

    def __init__(self, site: Site, first: date, last: date) -> None:
        self.site = site
        self.holidays = holidays_in(site.holidays, first, last) if site.holidays else {}

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one calendar lives for one report
    def day(self, day: date) -> _LocalDay:
        zone, wh = self.site.timezone, self.site.working_hours
        holiday = self.holidays.get(day)
        workday = day.weekday() in self.site.workdays and holiday is None
        start, end = tz.resolve_minutes(zone, day, 0), tz.resolve_minutes(zone, day, 1440)
        if not workday:
            return _LocalDay(start, end, start, start, False, holiday)
        work_start, work_end = tz.resolve_minutes(zone, day, wh.start), tz.resolve_minutes(zone, day, wh.end)
        return _LocalDay(start, end, work_start, work_end, True, holiday)


def _overlap(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> float:
    lo, hi = max(a0, b0), min(a1, b1)
    return (hi - lo).total_seconds() if hi > lo else 0.0


def split_hours(cal: SiteCalendar, start: datetime, end: datetime) -> tuple[float, float, float]:
    """Seconds of [start, end) that are (out of hours, on non-workdays, on holidays)."""
    zone = cal.site.timezone
    day = tz.to_local(zone, start).date()
    out = weekend = holiday = 0.0
    while True:
        d = cal.day(day)
        if d.start >= end:
            break
        inside = _overlap(start, end, d.start, d.end)
        if inside:
            if d.workday:
                out += inside - _overlap(start, end, d.work_start, d.work_end)
            else:
                out += inside
            if day.weekday() not in cal.site.workdays:
                weekend += inside
            if d.holiday:
                holiday += inside
        day += _DAY
    return out, weekend, holiday


def member_figures(team: Team, shifts: Sequence[Shift], start: datetime, end: datetime) -> list[MemberFigures]:
    """Figures for every member of the team, in team order (members with no shifts count 0)."""
    first = (start - _DAY * 2).date()
    last = (end + _DAY * 2).date()
    calendars = {s.id: SiteCalendar(s, first, last) for s in team.sites}
    totals = {m.id: [0.0, 0, 0.0, 0.0, 0.0] for m in team.members}
    for sh in shifts:
        s, e = max(sh.start, start), min(sh.end, end)
        row = totals.get(sh.member)
        if row is None or e <= s:
            continue
        cal = calendars[team.member(sh.member).site]
        o, w, h = split_hours(cal, s, e)
        row[0] += (e - s).total_seconds()
        row[1] += 1
        row[2] += o
        row[3] += w
        row[4] += h
    return [
        MemberFigures(mid, _h(v[0]), int(v[1]), _h(v[2]), _h(v[3]), _h(v[4]))
        for mid, v in totals.items()
    ]


def _h(seconds: float) -> float:
    return round(seconds / 3600, 2)
