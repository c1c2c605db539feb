"""Per-member figures: real elapsed hours, out of hours, weekends and public holidays.

All figures count only the part of a shift inside the report range, in real elapsed time
(a shift across a DST change is 7 or 9 hours, and counts as such).

* out of hours: time outside the site's working hours on a working day that is not a
  public holiday, plus all time on non-working days and holidays;
* weekend hours: time on the site's non-working days (local calendar days);
* holiday hours: time on the site's public holidays (local calendar days).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
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
    workday: bool
    holiday: str | None


class SiteCalendar:
    """Local days of one site, computed once per report and shared by all its members.

    Day boundaries are kept as POSIX seconds: figures for a year of shifts are a few
    thousand interval intersections, and float arithmetic keeps that to a millisecond or two.
    """

    # Local days depend only on the site's zone, hours, workdays and holiday calendar, so
    # they are shared by every report in the process (the GUI recomputes after each edit).
    _shared: dict[tuple, dict[int, tuple]] = {}

    def __init__(self, site: Site, first: date, last: date) -> None:
        self.site = site
        self.holidays = holidays_in(site.holidays, first, last) if site.holidays else {}
        key = (site.timezone, site.working_hours, site.workdays, site.holidays)
        if len(SiteCalendar._shared) > 256:
            SiteCalendar._shared.clear()
        self._days = SiteCalendar._shared.setdefault(key, {})
        self._ordinal_of = tz.ordinal_finder(site.timezone)

    def seconds(self, ordinal: int) -> tuple[float, float, float, float, bool, bool, bool]:
        """(start, end, work start, work end, counts as working day, weekend, holiday)."""
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = self._compute(ordinal)
        return found

    def _compute(self, ordinal: int) -> tuple[float, float, float, float, bool, bool, bool]:
        zone, wh = self.site.timezone, self.site.working_hours
        day = date.fromordinal(ordinal)
        holiday = day in self.holidays
        weekend = day.weekday() not in self.site.workdays
        start = tz.resolve_seconds(zone, ordinal, 0)
        end = tz.resolve_seconds(zone, ordinal, 1440)
        if weekend or holiday:
            return (start, end, start, start, False, weekend, holiday)
        return (start, end, tz.resolve_seconds(zone, ordinal, wh.start), tz.resolve_seconds(zone, ordinal, wh.end),
                True, False, False)

    def day(self, day: date) -> _LocalDay:
        start, end, _, _, workday, _, _ = self.seconds(day.toordinal())
        return _LocalDay(tz.from_seconds(start), tz.from_seconds(end), workday, self.holidays.get(day))

    def split(self, start: float, end: float) -> tuple[float, float, float]:
        """Seconds of [start, end) (POSIX) that are (out of hours, on non-workdays, on holidays)."""
        return _split_days(self.seconds, self._ordinal_of(start), start, end)

    def splitter(self, first: date, last: date) -> Callable[[float, float], tuple[float, float, float]]:
        """:meth:`split` with the days first..last bound as lists (one bisect finds a shift's day).

        A year of shifts calls this a thousand times; the bound version skips the zone-table
        lookup and the per-day method calls. Instants outside those days fall back to :meth:`split`.
        """
        first_ordinal, last_ordinal = first.toordinal(), last.toordinal()
        days = [self.seconds(o) for o in range(first_ordinal, last_ordinal + 1)]
        starts = [d[0] for d in days]
        limit = days[-1][1] if days else float("-inf")
        find, slow = bisect.bisect_right, self.split

        def split(start: float, end: float) -> tuple[float, float, float]:
            i = find(starts, start) - 1
            if i < 0 or end > limit:
                return slow(start, end)
            out = weekend = holiday = 0.0
            while True:
                d0, d1, w0, w1, workday, is_weekend, is_holiday = days[i]
                lo = start if start > d0 else d0
                hi = end if end < d1 else d1
                if hi > lo:
                    inside = hi - lo
                    if workday:
                        wlo = start if start > w0 else w0
                        whi = end if end < w1 else w1
                        out += inside - (whi - wlo if whi > wlo else 0.0)
                    else:
                        out += inside
                    if is_weekend:
                        weekend += inside
                    if is_holiday:
                        holiday += inside
                if end <= d1:
                    return out, weekend, holiday
                i += 1

        return split


def _split_days(seconds: Callable[[int], tuple], ordinal: int, start: float, end: float) -> tuple[float, float, float]:
    """The reference walk behind :meth:`SiteCalendar.split`, one local day at a time."""
    out = weekend = holiday = 0.0
    while True:
        d0, d1, w0, w1, workday, is_weekend, is_holiday = seconds(ordinal)
        lo, hi = max(start, d0), min(end, d1)
        if hi > lo:
            inside = hi - lo
            if workday:
                wlo, whi = max(start, w0), min(end, w1)
                out += inside - (whi - wlo if whi > wlo else 0.0)
            else:
                out += inside
            if is_weekend:
                weekend += inside
            if is_holiday:
                holiday += inside
        if end <= d1:
            return out, weekend, holiday
        ordinal += 1


def member_figures(team: Team, shifts: Sequence[Shift], start: datetime, end: datetime) -> list[MemberFigures]:
    """Figures for every member of the team, in team order (members with no shifts count 0)."""
    first = (start - _DAY * 2).date()
    last = (end + _DAY * 2).date()
    calendars = {s.id: SiteCalendar(s, first, last) for s in team.sites}
    return figures_from_calendars(team, calendars, shifts, start, end)


def figures_from_calendars(team: Team, calendars: dict[str, SiteCalendar], shifts: Sequence[Shift],
                           start: datetime, end: datetime) -> list[MemberFigures]:
    """:func:`member_figures` with the site calendars given (the report shares them)."""
    first = (start - _DAY * 2).date()
    last = (end + _DAY * 2).date()
    splitters = {site: cal.splitter(first, last) for site, cal in calendars.items()}
    totals = {m.id: [0.0, 0, 0.0, 0.0, 0.0] for m in team.members}
    site_of = {m.id: splitters[m.site] for m in team.members}
    lo, hi = start.timestamp(), end.timestamp()
    for sh in shifts:
        member = sh.member
        row = totals.get(member)
        if row is None:
            continue
        s_ts, e_ts = sh.start.timestamp(), sh.end.timestamp()
        if s_ts < lo:
            s_ts = lo
        if e_ts > hi:
            e_ts = hi
        if e_ts <= s_ts:
            continue
        o, w, h = site_of[member](s_ts, e_ts)
        row[0] += e_ts - s_ts
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
