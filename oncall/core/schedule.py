"""Rules to shifts: leg occurrences, turn order, substitutes and overrides.

The semantics are the team-file contract (docs/team-file.md):

* a leg produces one slot per local day it runs, from the window start that day to the
  window end (the next day if it crosses midnight), extended by the team's handoff overlap;
  an ``[[adjustment]]`` of the leg replaces the window on its site-local days [from, to);
* the turn index is days since ``start`` (daily), that divided by N (``Nd``), or the number
  of ``handoff_day`` weekdays in (start, day] (weekly); the member is ``rotation[i % n]``;
* a member unavailable during any part of a slot is replaced by the next member in rotation
  order who is available for the whole slot; if nobody is, the slot is uncovered;
* an override with ``replaces`` takes every part of that member's shifts inside [start, end);
  without it, it adds a shift. Overrides apply in file order.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter

from . import timezones as tz
from .adjustments import for_leg, window_table
from .model import ALL_DAYS, Adjustment, CadenceKind, Leg, LocalWindow, Team
from .shifts import SHIFT_ORDER, START, Shift, Slot, Source, UncoveredSlot, make_shift, sorted_by
from .spans import merge

_DAY = timedelta(days=1)
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


def turn_index(leg: Leg, day: date) -> int:
    """Which turn of the rotation ``day`` (the local day a slot starts) belongs to."""
    return turn_at(leg, day.toordinal())


def turn_at(leg: Leg, ordinal: int) -> int:
    """:func:`turn_index` on a proleptic ordinal day (the hot loop avoids date objects)."""
    start = leg.start.toordinal()
    kind = leg.cadence.kind
    if kind is CadenceKind.DAILY:
        return ordinal - start
    if kind is CadenceKind.EVERY_N_DAYS:
        return (ordinal - start) // leg.cadence.days
    first = start + ((leg.effective_handoff_day - leg.start.weekday()) % 7 or 7)
    return 0 if ordinal < first else (ordinal - first) // 7 + 1


def occurrences(leg: Leg, zone: str, overlap: timedelta, start: datetime, end: datetime,
                adjustments: Sequence[Adjustment] = ()) -> list[tuple[int, datetime, datetime]]:
    """(local day as an ordinal, start, end) of the leg's occurrences in [start, end).

    ``adjustments`` (the leg's, from :func:`oncall.core.adjustments.for_leg`) replace the
    window on their days; without any, the single-window fast path runs unchanged.
    """
    return list(zip(*occurrence_columns(leg, zone, overlap, start, end, adjustments)))


def occurrence_columns(leg: Leg, zone: str, overlap: timedelta, start: datetime, end: datetime,
                       adjustments: Sequence[Adjustment] = ()) -> tuple[list[int], list[datetime], list[datetime]]:
    """:func:`occurrences` as three columns (days, starts, ends): the schedule's hot loop
    zips them instead of keeping a thousand (day, start, end) tuples alive per leg."""
    first_day = max(leg.start, tz.to_local(zone, start).date() - _DAY * 2)
    last_day = tz.to_local(zone, end).date() + _DAY
    if leg.end is not None:
        last_day = min(last_day, leg.end - _DAY)
    days = leg.days
    lo_day, hi_day = first_day.toordinal(), last_day.toordinal() + 1
    every_day = ALL_DAYS <= days  # most legs: consecutive days, so the walls are ranges too
    ordinals = list(range(lo_day, hi_day)) if every_day else \
        [o for o in range(lo_day, hi_day) if (o - 1) % 7 in days]  # date.fromordinal(1) is a Monday
    if adjustments and ordinals:
        table = [row for row in window_table(leg, adjustments)
                 if row[0] <= ordinals[-1] and row[1] > ordinals[0]]
        if table:
            return _adjusted(ordinals, leg.window, table, zone, overlap, start, end)
    start_wall, end_wall = _walls(leg.window)
    extra = overlap.total_seconds()
    lo, hi = start.timestamp(), end.timestamp()
    if every_day:
        start_walls = list(range(lo_day * 86400 + start_wall, hi_day * 86400 + start_wall, 86400))
        end_walls = list(range(lo_day * 86400 + end_wall, hi_day * 86400 + end_wall, 86400))
    else:
        start_walls = [o * 86400 + start_wall for o in ordinals]
        end_walls = [o * 86400 + end_wall for o in ordinals]
    starts = tz.resolve_walls(zone, start_walls)
    ends = [e + extra for e in tz.resolve_walls(zone, end_walls)]
    # Both columns ascend with the day, so the occurrences inside the range are one run.
    first, stop = bisect.bisect_right(ends, lo), bisect.bisect_left(starts, hi)
    if first > 0 or stop < len(ordinals):
        ordinals, starts, ends = ordinals[first:stop], starts[first:stop], ends[first:stop]
    return ordinals, tz.utc_instants(starts), tz.utc_instants(ends)


def _walls(w: LocalWindow) -> tuple[int, int]:
    """Seconds to add to ``ordinal * 86400`` for the wall-clock start and end of a window."""
    start_wall = w.start * 60 - _EPOCH_ORDINAL * 86400
    end_wall = (w.end + (1440 if w.crosses_midnight else 0)) * 60 - _EPOCH_ORDINAL * 86400
    return start_wall, end_wall


def _adjusted(ordinals: list[int], window: LocalWindow, table: list[tuple[int, int, LocalWindow]],
              zone: str, overlap: timedelta, start: datetime,
              end: datetime) -> tuple[list[int], list[datetime], list[datetime]]:
    """:func:`occurrence_columns` when some days use another window.

    Days are split into runs of one window; each run's walls ascend, which is what
    ``resolve_walls`` needs. Ends of different runs need not ascend (a window may end later
    than the next day's), so the range is filtered per occurrence instead of bisected.
    """
    extra = overlap.total_seconds()
    lo, hi = start.timestamp(), end.timestamp()
    # Each day's window is the first row of the table holding it: rows paint their slice of
    # the (ascending) days last to first, so earlier rows win, without a search per day.
    windows = [window] * len(ordinals)
    for a, b, aw in reversed(table):
        first, stop = bisect.bisect_left(ordinals, a), bisect.bisect_left(ordinals, b)
        windows[first:stop] = [aw] * (stop - first)
    days: list[int] = []
    starts_out: list[datetime] = []
    ends_out: list[datetime] = []
    for w, run_days in groupby(zip(windows, ordinals), key=_FIRST):
        run = [o for _, o in run_days]
        start_wall, end_wall = _walls(w)
        starts = tz.resolve_walls(zone, [o * 86400 + start_wall for o in run])
        ends = [e + extra for e in tz.resolve_walls(zone, [o * 86400 + end_wall for o in run])]
        keep = [(o, s, e) for o, s, e in zip(run, starts, ends) if e > lo and s < hi]
        days += [o for o, _, _ in keep]
        starts_out += tz.utc_instants([s for _, s, _ in keep])
        ends_out += tz.utc_instants([e for _, _, e in keep])
    return days, starts_out, ends_out


_FIRST = itemgetter(0)


def leg_slots(leg: Leg, zone: str, overlap: timedelta, start: datetime, end: datetime,
              adjustments: Sequence[Adjustment] = ()) -> list[Slot]:
    """The leg's slots that intersect [start, end), in order."""
    return [Slot(s, e, leg.id, leg.site, date.fromordinal(day), turn_at(leg, day))
            for day, s, e in occurrences(leg, zone, overlap, start, end, adjustments)]


class Availability:
    """Answers "is this member free for all of [s, e)?" from sorted time-off spans."""

    def __init__(self, team: Team) -> None:
        spans: dict[str, list[tuple[datetime, datetime]]] = {}
        for u in team.unavailable:
            spans.setdefault(u.member, []).append((u.start, u.end))
        self._starts: dict[str, list[datetime]] = {}
        self._ends: dict[str, list[datetime]] = {}
        for member, items in spans.items():
            merged = merge(items)
            self._starts[member] = [a for a, _ in merged]
            self._ends[member] = [b for _, b in merged]
        self.busy = frozenset(self._starts)  # members with any time off at all

    def free(self, member: str, start: datetime, end: datetime) -> bool:
        starts = self._starts.get(member)
        if not starts:
            return True
        i = bisect.bisect_left(starts, end) - 1  # last span starting before `end`
        return i < 0 or self._ends[member][i] <= start


@dataclass(frozen=True)
class Schedule:
    """Shifts intersecting a range, plus the slots nobody could take."""

    start: datetime
    end: datetime
    shifts: tuple[Shift, ...]
    uncovered: tuple[UncoveredSlot, ...]


def assign(leg: Leg, day: int, start: datetime, end: datetime, free: Availability) -> Shift | UncoveredSlot:
    """The rostered member, else the next one in rotation order free for the whole slot."""
    n = len(leg.rotation)
    turn = turn_at(leg, day)
    rostered = leg.rotation[turn % n]
    if free.free(rostered, start, end):
        return make_shift(rostered, leg.site, start, end, Source.ROTATION, None, leg.id, start)
    for k in range(1, n):
        candidate = leg.rotation[(turn + k) % n]
        if candidate != rostered and free.free(candidate, start, end):
            return make_shift(candidate, leg.site, start, end, Source.SUBSTITUTE, rostered, leg.id, start)
    return UncoveredSlot(Slot(start, end, leg.id, leg.site, date.fromordinal(day), turn), rostered)


def rota_shifts(team: Team, start: datetime, end: datetime) -> tuple[list[Shift], list[UncoveredSlot]]:
    """Each leg's occurrences given to the rostered member, else a substitute, else uncovered.

    The common case (the rostered member has no time off then) builds the shift from one
    template dict per leg: a year is a thousand shifts, and :func:`make_shift`'s call and
    nine stores were a third of this loop (tests/test_core_fast_rota.py compares).
    """
    free = Availability(team)
    shifts: list[Shift] = []
    uncovered: list[UncoveredSlot] = []
    append, new = shifts.append, _new
    busy, is_free = free.busy, free.free
    for leg in team.legs:
        if not leg.rotation:
            continue
        zone = team.site(leg.site).timezone
        days, starts, ends = occurrence_columns(leg, zone, team.handoff_overlap, start, end, for_leg(team, leg.id))
        template = {"member": None, "site": leg.site, "start": None, "end": None, "source": Source.ROTATION,
                    "replaces": None, "leg": leg.id, "slot_start": None, "override_index": None}
        for day, s, e, rostered in zip(days, starts, ends, rostered_members(leg, days)):
            if rostered not in busy or is_free(rostered, s, e):  # the common case, without a search
                sh = new(Shift)
                d = sh.__dict__
                d.update(template)  # the fields in declaration order, as make_shift stores them
                d["member"] = rostered
                d["start"] = d["slot_start"] = s
                d["end"] = e
                append(sh)
                continue
            result = assign(leg, day, s, e, free)
            if type(result) is Shift:
                append(result)
            else:
                uncovered.append(result)  # type: ignore[arg-type]
    return shifts, uncovered


_new = object.__new__


def rostered_members(leg: Leg, days: list[int]) -> list[str]:
    """``leg.rotation[turn_at(leg, day) % n]`` for each day, one comprehension per cadence kind."""
    rotation, n = leg.rotation, len(leg.rotation)
    start = leg.start.toordinal()
    kind = leg.cadence.kind
    if kind is CadenceKind.DAILY:
        return [rotation[(o - start) % n] for o in days]
    if kind is CadenceKind.EVERY_N_DAYS:
        k = leg.cadence.days
        return [rotation[(o - start) // k % n] for o in days]
    first = start + ((leg.effective_handoff_day - leg.start.weekday()) % 7 or 7)
    return [rotation[0 if o < first else ((o - first) // 7 + 1) % n] for o in days]


def apply_overrides(team: Team, shifts: list[Shift], start: datetime, end: datetime) -> list[Shift]:
    """Overrides in file order; each sees the shifts as the previous ones left them.

    Only the replaced members' shifts are grouped (an override walks just its member's);
    everyone else's stay where they are and what they receive comes after them. The
    schedule is sorted next, and that sort sees each member's shifts in the same relative
    order as when every member was grouped, so the result is the same.
    """
    live = [(index, ov) for index, ov in enumerate(team.overrides)
            if ov.end > start and ov.start < end and team.has_member(ov.member)]
    by_member: dict[str, list[Shift]] = {ov.replaces: [] for _, ov in live if ov.replaces is not None}
    rest: list[Shift] = []
    for sh in shifts:
        group = by_member.get(sh.member)
        if group is None:
            rest.append(sh)
        else:
            group.append(sh)
    received: list[Shift] = []  # given to members nobody replaces, in override order
    for index, ov in live:
        if ov.replaces is None:
            site = team.member(ov.member).site
            added = make_shift(ov.member, site, ov.start, ov.end, Source.OVERRIDE, None, None, None, index)
            by_member.get(ov.member, received).append(added)
            continue
        kept, taken = _split_member(by_member[ov.replaces], ov.member, ov.start, ov.end, index)
        by_member[ov.replaces] = kept
        by_member.get(ov.member, received).extend(taken)
    return rest + [sh for group in by_member.values() for sh in group] + received


def _split_member(shifts: list[Shift], new: str, s: datetime, e: datetime,
                  index: int) -> tuple[list[Shift], list[Shift]]:
    """The parts of ``shifts`` outside [s, e) and, given to ``new``, the parts inside."""
    kept: list[Shift] = []
    taken: list[Shift] = []
    for sh in shifts:
        if sh.end <= s or sh.start >= e:
            kept.append(sh)
            continue
        if sh.start < s:
            kept.append(replace(sh, end=s))
        taken.append(replace(sh, member=new, start=max(sh.start, s), end=min(sh.end, e),
                             source=Source.OVERRIDE, replaces=sh.member, override_index=index))
        if sh.end > e:
            kept.append(replace(sh, start=e))
    return kept, taken


def compute_schedule(team: Team, start: datetime, end: datetime) -> Schedule:
    """All shifts that intersect [start, end), listed whole and sorted by start."""
    # Overrides that replace a member split shifts, so compute slots that may straddle the
    # range edges too: leg_slots already reaches two local days back and one forward.
    shifts, uncovered = rota_shifts(team, start, end)
    if team.overrides:
        shifts = apply_overrides(team, shifts, start, end)
    shifts = [sh for sh in shifts if sh.end > start and sh.start < end and sh.end > sh.start]
    shifts = sorted_by(shifts, SHIFT_ORDER, START)
    uncovered = [u for u in uncovered if u.slot.end > start and u.slot.start < end]
    uncovered.sort(key=lambda u: u.slot.start)
    return Schedule(start, end, tuple(shifts), tuple(uncovered))
