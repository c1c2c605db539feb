"""Gaps grouped by cause: one finding per recurring hole, expandable to its days.

A DST season produces the same gap every day for weeks: 28 rows of "Gap 07:30Z 1 h 30 min"
hide the one thing a lead must learn, which is *why*. Gaps that sit at the same UTC time of
day, last as long, and fall between the same two legs, on days at most a week apart, are one
finding: "daily 07:30-09:00Z from 1 Mar to 28 Mar: Sydney is on daylight time, London on
standard time". The Coverage panel, the text report and the printed week sheet all show
these groups, each with its days underneath.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, timedelta
from itertools import accumulate

from . import timezones as tz
from .labels import DAY_NAMES, MONTH_NAMES, leg_label
from .model import Team
from .shifts import Gap, UncoveredSlot

MAX_STEP = timedelta(days=7)
_ONE_DAY = timedelta(days=1)  # a weekday-only rota repeats its gap across the weekend


@dataclass(frozen=True)
class GapGroup:
    """Gaps with one cause; ``message`` is the finding, ``days`` the lines under it.

    The day lines are written when first read: a year's report has a hundred gaps, and most
    reports are read for their figures, not for every day of every group.
    """

    gaps: tuple[Gap, ...]
    message: str
    cause: str
    team: Team = field(repr=False, compare=False, default=Team(""))

    @cached_property
    def days(self) -> tuple[str, ...]:
        """One line per gap: its UTC times and both sides' wall clocks."""
        return tuple(gap_day_line(self.team, g) for g in self.gaps)

    @property
    def start(self) -> datetime:
        return self.gaps[0].start

    @property
    def drift(self) -> bool:
        """Caused by two sites on different DST seasons: what the drift planner repairs."""
        return " daylight time" in self.cause and " standard time" in self.cause

    @property
    def end(self) -> datetime:
        return self.gaps[-1].end

    @property
    def minutes(self) -> int:
        return sum(g.minutes for g in self.gaps)


def _hhmm(instant: datetime) -> str:
    return f"{instant.hour:02d}:{instant.minute:02d}"  # what %H:%M gives, without a strftime call


def _day(d: date, with_year: bool) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]}" + (f" {d.year}" if with_year else "")


def _length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _when(instant: datetime) -> str:
    return f"{_date(instant)} {_hhmm(instant)}Z"


def _date(instant: datetime) -> str:
    d = instant.date()
    return f"{DAY_NAMES[d.weekday()]} {_day(d, True)}"


def _long(g: Gap) -> bool:
    """A gap of a day or more: its times of day alone would read as a short one."""
    return g.end - g.start >= timedelta(days=1)


def _span_text(g: Gap) -> str:
    """A gap's times: ``07:30-09:00Z (1 h 30 min)``, or for a long gap
    ``07:30Z to Mon 2 Mar 2026 10:00Z (26 h)``."""
    if _long(g):
        return f"{_hhmm(g.start)}Z to {_when(g.end)} ({_length(g.minutes)})"
    return f"{_hhmm(g.start)}\u2013{_hhmm(g.end)}Z ({_length(g.minutes)})"


def _side(team: Team, shift, instant: datetime, verb: str) -> str | None:
    """``Sydney ends 17:30 AEDT``: one side of a gap on that site's wall clock."""
    if shift is None or not team.has_site(shift.site):
        return None
    site = team.site(shift.site)
    local = tz.to_local(site.timezone, instant)
    return f"{site.name} {verb} {local:%H:%M} {tz.abbreviation(site.timezone, instant)}"


def gap_day_line(team: Team, g: Gap) -> str:
    """A day under a group: ``Sun 1 Mar 2026 06:30-07:00Z (30 min): Sydney ends 17:30 AEDT,
    London starts 07:00 GMT`` (the wall clocks are what a lead fixes)."""
    return f"{_date(g.start)} {gap_day_detail(team, g)}"


def gap_day_detail(team: Team, g: Gap) -> str:
    """:func:`gap_day_line` without its leading date: ``06:30-07:00Z (30 min): Sydney ends 17:30 AEDT, ...``.

    For a view that shows the day in a column of its own (the Coverage tab's findings tree), so
    the date is not read twice on every line.
    """
    sides = [x for x in (_side(team, g.before, g.start, "ends"), _side(team, g.after, g.end, "starts")) if x]
    return _span_text(g) + (": " + ", ".join(sides) if sides else "")


def _key(g: Gap) -> tuple:
    before = g.before.leg if g.before else None
    after = g.after.leg if g.after else None
    return (before, after, g.start.hour, g.start.minute, g.minutes)


def _first_unavailable(uncovered: Sequence[UncoveredSlot], gaps: Sequence[Gap]) -> list[UncoveredSlot | None]:
    """Per gap, the first uncovered slot (in list order) that overlaps it, or None.

    Slots arrive sorted by start (a schedule lists them so): then the first slot whose end
    passes the gap's start is found by a binary search over the running maximum of the
    ends, and it overlaps the gap exactly when it starts before the gap ends (no later slot
    can). Any other order takes the plain scan of every slot.
    """
    if not uncovered:
        return [None] * len(gaps)
    starts = [u.slot.start for u in uncovered]
    if any(b < a for a, b in zip(starts, starts[1:])):
        return [next((u for u in uncovered if u.slot.start < g.end and g.start < u.slot.end), None) for g in gaps]
    reach = list(accumulate((u.slot.end for u in uncovered), max))
    out: list[UncoveredSlot | None] = []
    n, find = len(uncovered), bisect.bisect_right
    for g in gaps:
        i = find(reach, g.start)
        out.append(uncovered[i] if i < n and starts[i] < g.end else None)
    return out


def _causes(team: Team, gaps: Sequence[Gap], uncovered: Sequence[UncoveredSlot],
            junctions: list[tuple]) -> list[str]:
    """Why nobody is on call, per gap: an unavailable rotation, the sites' clocks, or the windows.

    One pass for the whole report: the overlapping uncovered slots come from one search
    each; the gaps of each junction (``junctions``: per gap, its legs) then read both
    zones' daylight flags in one batch each (:func:`timezones.dst_flags`) and share one
    text per season pair (a year has a hundred gaps and a handful of distinct causes).
    """
    site_of = {lg.id: team.site(lg.site) for lg in team.legs if team.has_site(lg.site)}
    out: list = [None] * len(gaps)
    by_junction: dict[tuple, list[int]] = {}
    for i, (g, u) in enumerate(zip(gaps, _first_unavailable(uncovered, gaps))):
        if u is not None:
            who = team.member(u.member).name if team.has_member(u.member) else u.member
            out[i] = f"{who} is unavailable and nobody else in the {leg_label(team, u.slot.leg)} rotation is free"
            continue
        pair = junctions[i]
        found = by_junction.get(pair)
        if found is None:
            found = by_junction[pair] = []
        found.append(i)
    for (a_leg, b_leg), idx in by_junction.items():
        a, b = site_of.get(a_leg), site_of.get(b_leg)
        if a is None or b is None:
            for i in idx:
                out[i] = "no leg is rostered at this time"
            continue
        seconds = [gaps[i].start.timestamp() for i in idx]
        flags_a = tz.dst_flags(a.timezone, seconds)
        flags_b = flags_a if b.timezone == a.timezone else tz.dst_flags(b.timezone, seconds)
        texts: dict[tuple[bool, bool], str] = {}
        for i, fa, fb in zip(idx, flags_a, flags_b):
            text = texts.get((fa, fb))
            if text is None:
                text = texts[(fa, fb)] = _text(team, a, b, (a_leg, b_leg, _SEASON[fa], _SEASON[fb]))
            out[i] = text
    return out


_SEASON = {True: "daylight", False: "standard"}


def _text(team: Team, a, b, key: tuple) -> str:
    a_leg, b_leg, season_a, season_b = key
    if a.name != b.name and season_a != season_b:
        return f"{a.name} is on {season_a} time, {b.name} on {season_b} time"
    return f"{leg_label(team, a_leg)}'s window ends before {leg_label(team, b_leg)}'s starts"


def _message(items: list[Gap], cause: str) -> str:
    first, last = items[0], items[-1]
    times = f"{_hhmm(first.start)}\u2013{_hhmm(first.end)}Z"
    if len(items) == 1:
        if _long(first):
            return f"from {_when(first.start)} to {_when(first.end)} ({_length(first.minutes)}): {cause}"
        return f"{times} on {_day(first.start.date(), True)} ({_length(first.minutes)}): {cause}"
    a, b = first.start.date(), last.start.date()
    daily = all((y.start - x.start) == _ONE_DAY for x, y in zip(items, items[1:]))
    how = "daily" if daily else f"on {len(items)} days"
    span = f"from {_day(a, a.year != b.year)} to {_day(b, a.year != b.year)}"
    return f"{how} {times} {span}: {cause}"


def group_gaps(team: Team, gaps: Sequence[Gap], uncovered: Sequence[UncoveredSlot] = ()) -> list[GapGroup]:
    """Gaps in time order, grouped by junction, UTC time of day, length and cause."""
    junctions = [(g.before.leg if g.before else None, g.after.leg if g.after else None) for g in gaps]
    open_groups: dict[tuple, list[Gap]] = {}
    causes: dict[int, str] = {}
    order: list[list[Gap]] = []
    minutes_of: dict[timedelta, int] = {}  # Gap.minutes per length (a year has a handful)
    for g, pair, cause in zip(gaps, junctions, _causes(team, gaps, uncovered, junctions)):
        start, length = g.start, g.end - g.start
        minutes = minutes_of.get(length)
        if minutes is None:
            minutes = minutes_of[length] = g.minutes
        key = (pair, start.hour, start.minute, minutes, cause)  # _key(g), and the cause
        current = open_groups.get(key)
        if current is not None and start - current[-1].start <= MAX_STEP:
            current.append(g)
            continue
        current = [g]
        open_groups[key] = current
        causes[id(current)] = cause
        order.append(current)
    groups = [GapGroup(tuple(items), _message(items, causes[id(items)]), causes[id(items)], team)
              for items in order]
    groups.sort(key=lambda grp: grp.start)
    return groups
