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
        midnight = (ordinal - 719163) * 86400
        # Floats, like the spans they are compared with: a float against an int takes
        # CPython's slow mixed comparison (a year's figures make ten thousand of them).
        start, work_start, work_end, end = map(float, tz.resolve_walls(
            zone, [midnight, midnight + wh.start * 60, midnight + wh.end * 60, midnight + 86400]))
        if weekend or holiday:
            return (start, end, start, start, False, weekend, holiday)
        return (start, end, work_start, work_end, True, False, False)

    def day(self, day: date) -> _LocalDay:
        start, end, _, _, workday, _, _ = self.seconds(day.toordinal())
        return _LocalDay(tz.from_seconds(start), tz.from_seconds(end), workday, self.holidays.get(day))

    def split(self, start: float, end: float) -> tuple[float, float, float]:
        """Seconds of [start, end) (POSIX) that are (out of hours, on non-workdays, on holidays)."""
        ordinal = int(tz.local_walls(self.site.timezone, [start])[0] // 86400) + 719163
        return _split_days(self.seconds, ordinal, start, end)

    def totaller(self, first: date, last: date) -> Callable[[list[tuple[float, float]]], tuple[float, ...]]:
        """A function from one member's spans (POSIX, in shift order) to the sums of
        (seconds, out of hours, non-workday, holiday), with the days first..last bound as lists.

        A year of shifts is a thousand spans; one call per member with the days bound saves
        the zone-table lookup, the per-day method calls and the per-span tuples. Each span is
        split exactly as :meth:`split` does and its parts are added in the same order, so the
        float sums are the ones the per-span walk gives. Spans outside those days use :meth:`split`.
        """
        first_ordinal, last_ordinal = first.toordinal(), last.toordinal()
        known, seconds = self._days.get, self.seconds
        days = [known(o) or seconds(o) for o in range(first_ordinal, last_ordinal + 1)]
        starts = [d[0] for d in days]
        limit = days[-1][1] if days else float("-inf")
        find, slow = bisect.bisect_right, self.split

        def totals(spans: list[tuple[float, float]]) -> tuple[float, float, float, float]:
            total = out_sum = weekend_sum = holiday_sum = 0.0
            for start, end in spans:
                i = find(starts, start) - 1
                if i < 0 or end > limit:
                    out, weekend, holiday = slow(start, end)
                elif start < end <= days[i][1]:
                    # The usual span: inside one local day (which starts at or before it).
                    # The walk below would add this one day's parts to zeros; adding them
                    # straight to the sums gives the same floats, and a 0.0 added to a sum
                    # of non-negative parts changes nothing.
                    d0, d1, w0, w1, workday, is_weekend, is_holiday = days[i]
                    inside = end - start
                    if workday:
                        wlo = start if start > w0 else w0
                        whi = end if end < w1 else w1
                        out_sum += inside - (whi - wlo if whi > wlo else 0.0)
                    else:
                        out_sum += inside
                        if is_weekend:
                            weekend_sum += inside
                        if is_holiday:
                            holiday_sum += inside
                    total += inside
                    continue
                else:
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
                            break
                        i += 1
                total += end - start
                out_sum += out
                weekend_sum += weekend
                holiday_sum += holiday
            return total, out_sum, weekend_sum, holiday_sum

        return totals


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
    totallers = {site: cal.totaller(first, last) for site, cal in calendars.items()}
    spans: dict[str, list[tuple[float, float]]] = {m.id: [] for m in team.members}
    lo, hi = start.timestamp(), end.timestamp()
    for sh in shifts:
        group = spans.get(sh.member)
        if group is None:
            continue
        s_ts, e_ts = sh.start.timestamp(), sh.end.timestamp()
        if s_ts < lo:
            s_ts = lo
        if e_ts > hi:
            e_ts = hi
        if e_ts > s_ts:
            group.append((s_ts, e_ts))
    site_of = {m.id: m.site for m in team.members}
    figures = []
    for member, group in spans.items():
        seconds, out, weekend, holiday = totallers[site_of[member]](group)
        figures.append(MemberFigures(member, _h(seconds), len(group), _h(out), _h(weekend), _h(holiday)))
    return figures


def _h(seconds: float) -> float:
    return round(seconds / 3600, 2)
