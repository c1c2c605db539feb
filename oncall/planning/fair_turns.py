"""From a team and a range to the fair planner's decisions: turns, their options and prices.

A *turn* is what a leg's cadence makes one member's stint (a day, N days or a week); its
slots are the leg's occurrences from :func:`oncall.core.schedule.leg_slots` that start in
the range. The core's schedule says who holds each slot today (rostered member or
substitute). A slot that an existing override touches is *pinned*: it stays as the override
says and only counts as a fixed load. Each turn then has options:

* ``keep``: the slots stay with whoever holds them now (no change, substitutes included);
* one option per rotation member who is free for every slot of the turn (time off as the
  core's :class:`~oncall.core.schedule.Availability` sees it) and whose other shifts
  (overrides placing them elsewhere, other legs' slots outside the decision) neither overlap
  the turn nor leave less than the minimum rest.

Constraints between decided turns (two legs, rest, consecutive turns) are the model's job
(:mod:`oncall.planning.fair_model`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from oncall.core.adjustments import for_leg
from oncall.core.model import CadenceKind, Leg, Team
from oncall.core.schedule import Availability, compute_schedule, leg_slots
from oncall.core.shifts import Shift, Source

from .fair_figures import ZERO, Load, SlotPricer, Weights, fixed_loads, history_loads

_DAY = timedelta(days=1)
_ROTA = (Source.ROTATION, Source.SUBSTITUTE)


@dataclass(frozen=True)
class FairSettings:
    """The planner's knobs (CLI flags and the Fairness page share them)."""

    min_rest: timedelta = timedelta(hours=11)
    max_consecutive: int | None = None  # None: 2 for daily and Nd cadences, 1 for weekly
    weights: Weights = field(default_factory=Weights)
    history_start: datetime | None = None
    time_limit: float = 10.0
    seed: int = 1

    def consecutive_for(self, leg: Leg) -> int:
        if self.max_consecutive is not None:
            return self.max_consecutive
        return 1 if leg.cadence.kind is CadenceKind.WEEKLY else 2


@dataclass(frozen=True)
class PlanSlot:
    leg: str
    start: datetime
    end: datetime
    holder: str | None  # who the team file's schedule gives it to (None: nobody is free)


@dataclass(frozen=True)
class Option:
    """One way to staff a turn. ``member`` None is *keep*: every slot stays with its holder."""

    member: str | None
    holders: tuple[str | None, ...]  # per slot of the turn
    turn_holder: str | None  # who counts as covering the turn (max-consecutive)
    loads: dict[str, Load]  # what the option gives each member, clipped to the range


@dataclass(frozen=True)
class Turn:
    leg: str
    index: int  # the cadence's turn index (rotation[index % n] is rostered)
    slots: tuple[PlanSlot, ...]
    rostered: str
    options: tuple[Option, ...]  # options[0] is keep
    excluded: tuple[tuple[str, str], ...]  # (member, why they cannot take the whole turn)

    @property
    def start(self) -> datetime:
        return self.slots[0].start

    @property
    def end(self) -> datetime:
        return self.slots[-1].end

    @property
    def keep(self) -> Option:
        return self.options[0]


@dataclass(frozen=True)
class Problem:
    team: Team
    start: datetime
    end: datetime
    settings: FairSettings
    turns: tuple[Turn, ...]
    constant: dict[str, Load]  # pinned and out-of-decision shifts in the range, plus history
    context: dict[str, dict[int, str | None]]  # leg -> turn index -> holder, just before the range
    before: tuple[Shift, ...]  # the team file's schedule around the range
    entangled: frozenset[int] = frozenset()  # turns kept because no override can move them alone


def build_problem(team: Team, start: datetime, end: datetime, settings: FairSettings,
                  check: Callable[[], None] | None = None) -> Problem:
    """The turns and their options; ``check`` runs between legs and turns (the desktop app's Cancel raises there)."""
    check = check or _carry_on
    lookback = max((_turn_days(leg) * (settings.consecutive_for(leg) + 1) for leg in team.legs), default=1)
    margin_start = start - _DAY * (lookback + 2)
    schedule = compute_schedule(team, margin_start, end + _DAY * 2)
    by_slot: dict[tuple[str, datetime], list[Shift]] = defaultdict(list)
    for sh in schedule.shifts:
        if sh.leg is not None:
            by_slot[(sh.leg, sh.slot_start)].append(sh)
    pricer = SlotPricer(team, start, end)
    free = Availability(team)
    decided: set[tuple[str, datetime]] = set()
    grouped: dict[tuple[str, int], list[PlanSlot]] = defaultdict(list)
    context: dict[str, dict[int, str | None]] = {}
    for leg in team.legs:
        check()
        if not leg.rotation:
            continue
        zone = team.site(leg.site).timezone
        before: dict[int, Counter] = defaultdict(Counter)
        for slot in leg_slots(leg, zone, team.handoff_overlap, margin_start, end, for_leg(team, leg.id)):
            holder = _free_holder(by_slot.get((leg.id, slot.start)), slot.start, slot.end)
            if slot.start < start:
                if holder is not False:
                    before[slot.turn][holder] += 1
                continue
            if slot.start >= end or holder is False:
                continue  # pinned by an override
            decided.add((leg.id, slot.start))
            grouped[(leg.id, slot.turn)].append(PlanSlot(leg.id, slot.start, slot.end, holder))
        context[leg.id] = {turn: counts.most_common(1)[0][0] for turn, counts in before.items()}
    fixed = [sh for sh in schedule.shifts if (sh.leg, sh.slot_start) not in decided]
    constant = fixed_loads(team, fixed, start, end)
    if settings.history_start is not None and settings.history_start < start:
        for member, load in history_loads(team, settings.history_start, start).items():
            constant[member] = constant.get(member, ZERO) + load
    blockers = _Blockers(fixed, settings.min_rest)
    turns = []
    for (leg_id, index), slots in sorted(grouped.items(), key=lambda kv: (kv[1][0].start, kv[0][0])):
        check()
        turns.append(_turn(team.leg(leg_id), index, tuple(slots), free, blockers, pricer))
    return Problem(team, start, end, settings, tuple(turns), constant, context, schedule.shifts)


def _carry_on() -> None:
    """The check of a plan nobody can cancel."""


def _turn_days(leg: Leg) -> int:
    return {CadenceKind.DAILY: 1, CadenceKind.WEEKLY: 7}.get(leg.cadence.kind, leg.cadence.days)


def _free_holder(shifts: list[Shift] | None, start: datetime, end: datetime) -> str | None | bool:
    """The slot's holder if the rota alone decides it; ``None`` if nobody is free; False if pinned."""
    if not shifts:
        return None  # the rota left it uncovered (everyone unavailable)
    if len(shifts) == 1:
        sh = shifts[0]
        if sh.source in _ROTA and sh.start == start and sh.end == end:
            return sh.member
    return False


class _Blockers:
    """Each member's undecided shifts, to rule out turns that would overlap them or cut rest."""

    def __init__(self, fixed: list[Shift], rest: timedelta) -> None:
        self.rest = rest
        self.by_member: dict[str, list[Shift]] = defaultdict(list)
        for sh in fixed:
            self.by_member[sh.member].append(sh)

    def why_not(self, member: str, leg: str, slots: tuple[PlanSlot, ...]) -> str | None:
        for sh in self.by_member.get(member, ()):
            if sh.leg == leg:
                continue  # a leg's own rhythm is its definition, not a rest violation
            for slot in slots:
                if sh.start < slot.end and slot.start < sh.end:
                    where = f"leg {sh.leg}" if sh.leg else "an override"
                    return f"already on call in {where} ({_stamp(sh.start)}-{_stamp(sh.end)})"
                if sh.start < slot.end + self.rest and slot.start < sh.end + self.rest:
                    where = f"leg {sh.leg}" if sh.leg else "an override"
                    return f"less than {_hours(self.rest)} rest from a shift in {where} ({_stamp(sh.start)})"
        return None


def _turn(leg: Leg, index: int, slots: tuple[PlanSlot, ...], free: Availability, blockers: _Blockers,
          pricer: SlotPricer) -> Turn:
    rostered = leg.rotation[index % len(leg.rotation)]
    holders = tuple(s.holder for s in slots)
    keep = Option(None, holders, _majority(holders, rostered), _loads(slots, holders, pricer))
    options = [keep]
    excluded = []
    for member in dict.fromkeys(leg.rotation):
        busy = next((s for s in slots if not free.free(member, s.start, s.end)), None)
        if busy is not None:
            excluded.append((member, f"time off ({_stamp(busy.start)})"))
            continue
        why = blockers.why_not(member, leg.id, slots)
        if why:
            excluded.append((member, why))
            continue
        whole = tuple(member for _ in slots)
        if whole != holders:
            options.append(Option(member, whole, member, _loads(slots, whole, pricer)))
    return Turn(leg.id, index, slots, rostered, tuple(options), tuple(excluded))


def _majority(holders: tuple[str | None, ...], rostered: str) -> str | None:
    counts = Counter(h for h in holders if h is not None)
    if not counts:
        return None
    best = max(counts.values())
    return rostered if counts.get(rostered) == best else next(h for h in holders if counts.get(h) == best)


def _loads(slots: tuple[PlanSlot, ...], holders: tuple[str | None, ...], pricer: SlotPricer) -> dict[str, Load]:
    loads: dict[str, Load] = {}
    for slot, member in zip(slots, holders):
        if member is not None:
            loads[member] = loads.get(member, ZERO) + pricer.price(member, slot.start, slot.end)
    return loads


def _stamp(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%d %H:%MZ")


def _hours(td: timedelta) -> str:
    return f"{td.total_seconds() / 3600:g} h"
