"""From the solver's choice per turn to overrides a lead can read, undo and see in feeds.

A changed turn becomes overrides with ``replaces`` (the member who holds the slots today)
and ``note = "planned: <reason>"``, appended after the existing overrides so they apply last.
Consecutive slots of a turn with the same holder share one override when that holder has no
other shift inside the span (an override takes *every* shift of the replaced member in its
span, so a member on two legs gets one override per slot instead). Override ids are stable:
``planned-<leg>-<first slot start, UTC, yyyymmdd-hhmm>`` (``-2``, ``-3``... if already taken).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from oncall.core.labels import leg_label
from oncall.core.model import Override, Team
from oncall.core.shifts import Shift

from .fair_figures import ZERO, Load
from .fair_model import Solution
from .fair_turns import Problem, Turn


@dataclass(frozen=True)
class TurnChange:
    leg: str
    index: int
    start: datetime
    end: datetime
    member: str
    replaced: tuple[str, ...]  # who held the turn's slots before
    why: str
    overrides: tuple[Override, ...]


@dataclass(frozen=True)
class Conflict:
    """A turn no plan could staff within the rules; it stays as the rota has it."""

    leg: str
    index: int
    start: datetime
    end: datetime
    constraint: str  # "time off" | "max consecutive" | "min rest"
    detail: str
    uncovered: bool  # some of its slots have nobody on call


def plan_overrides(problem: Problem, solution: Solution) -> list[TurnChange]:
    before_shifts = _by_member(problem.before)
    before_load = _plain_loads(problem)
    weights = problem.settings.weights
    changes = []
    for turn, k in zip(problem.turns, solution.choice):
        if k == 0:
            continue
        option = turn.options[k]
        member = option.member
        assert member is not None
        overrides = []
        runs = _runs(turn, member)
        for holder, slots in runs:
            why = _why(problem.team, turn, holder, member, before_load, weights)
            if holder is not None and _alone(before_shifts.get(holder, ()), slots):
                overrides.append(_override(turn, member, holder, slots[0].start, slots[-1].end, why))
            else:
                overrides += [_override(turn, member, holder, s.start, s.end, why) for s in slots]
        replaced = tuple(dict.fromkeys(h for h, _ in runs if h is not None))
        changes.append(TurnChange(turn.leg, turn.index, turn.start, turn.end, member, replaced,
                                  overrides[0].note.removeprefix("planned: "), tuple(overrides)))
    return unique_ids(problem.team, changes)


def planned_team(team: Team, changes: list[TurnChange]) -> Team:
    added = tuple(ov for change in changes for ov in change.overrides)
    return team.evolve(overrides=team.overrides + added)


def unique_ids(team: Team, changes: list[TurnChange]) -> list[TurnChange]:
    """The changes with override ids made unique against the team's (a re-plan may meet old ids)."""
    taken = {ov.id for ov in team.overrides if ov.id}
    out = []
    for change in changes:
        fixed = []
        for ov in change.overrides:
            ident, n = ov.id, 2
            while ident in taken:
                ident, n = f"{ov.id}-{n}", n + 1
            taken.add(ident)
            fixed.append(replace(ov, id=ident))
        out.append(replace(change, overrides=tuple(fixed)))
    return out


def conflicts(problem: Problem, solution: Solution) -> list[Conflict]:
    """Turns left uncovered (nobody free) or kept although they break a rule."""
    found = []
    holders = _final_turn_holders(problem, solution)
    for t, turn in enumerate(problem.turns):
        uncovered = any(h is None for h in turn.keep.holders)
        if not (uncovered or solution.relaxed[t]):
            continue
        name = _namer(problem.team)
        others = "; ".join(f"{name(m)}: {why}" for m, why in turn.excluded) or "no one else in the rotation"
        if uncovered:
            found.append(Conflict(turn.leg, turn.index, turn.start, turn.end, "time off",
                                  f"nobody in the rotation is free for all of it ({others})", True))
            continue
        limit = problem.settings.consecutive_for(problem.team.leg(turn.leg))
        holder_id = turn.keep.turn_holder
        holder = name(holder_id)
        run = _run_length(holders[turn.leg], turn.index, holder_id)
        if run > limit:
            found.append(Conflict(turn.leg, turn.index, turn.start, turn.end, "max consecutive",
                                  f"{holder} keeps it: {run} turns in a row (limit {limit}); {others}", False))
        else:
            why = (f"; an override cannot move it alone, as it would also take {holder}'s overlapping shift "
                   f"of another leg" if t in problem.entangled else "")
            found.append(Conflict(turn.leg, turn.index, turn.start, turn.end, "min rest",
                                  f"{holder} keeps it although it clashes with another leg's shift "
                                  f"(overlap or less than {problem.settings.min_rest} rest){why}; {others}", False))
    return found


def _namer(team):
    """Member id -> the name people know them by (ids stay in JSON and the team file)."""
    return lambda member: team.member(member).name if member and team.has_member(member) else str(member)


def _final_turn_holders(problem: Problem, solution: Solution) -> dict[str, dict[int, str | None]]:
    holders: dict[str, dict[int, str | None]] = {leg: dict(before) for leg, before in problem.context.items()}
    for turn, k in zip(problem.turns, solution.choice):
        holders.setdefault(turn.leg, {})[turn.index] = turn.options[k].turn_holder
    return holders


def _run_length(holders: dict[int, str | None], index: int, member: str | None) -> int:
    lo = hi = index
    while holders.get(lo - 1) == member:
        lo -= 1
    while holders.get(hi + 1) == member:
        hi += 1
    return hi - lo + 1


def _runs(turn: Turn, member: str) -> list[tuple[str | None, list]]:
    """Consecutive slots the new member takes over, grouped by who holds them today."""
    runs: list[tuple[str | None, list]] = []
    last = -2
    for i, (slot, holder) in enumerate(zip(turn.slots, turn.keep.holders)):
        if holder == member:
            continue
        if runs and runs[-1][0] == holder and last == i - 1:
            runs[-1][1].append(slot)
        else:
            runs.append((holder, [slot]))
        last = i
    return runs


def _alone(shifts, slots) -> bool:
    """True when the holder's only shifts inside the run's span are the run's own slots."""
    start, end = slots[0].start, slots[-1].end
    mine = {(s.leg, s.start) for s in slots}
    return all((sh.leg, sh.start) in mine for sh in shifts if sh.start < end and start < sh.end)


def _override(turn: Turn, member: str, holder: str | None, start: datetime, end: datetime, why: str) -> Override:
    return Override(member, start, end, replaces=holder, note=f"planned: {why}",
                    id=f"planned-{turn.leg}-{start:%Y%m%d-%H%M}")


def _why(team: Team, turn: Turn, holder: str | None, member: str, before: dict[str, Load], weights) -> str:
    """Why a turn changes hands, in the names people know (it becomes the override's note, read in feeds)."""
    name, leg = _namer(team), leg_label(team, turn.leg)
    if holder is None:
        return f"covers a slot nobody had in {leg}"
    old, new = before.get(holder, ZERO), before.get(member, ZERO)
    if old.weighted(weights) > new.weighted(weights):
        return (f"evens out-of-hours in {leg} (weighted, as rostered: {name(holder)} "
                f"{old.weighted(weights) / 60:.0f} h, {name(member)} {new.weighted(weights) / 60:.0f} h)")
    if old.minutes > new.minutes:
        return (f"evens hours in {leg} (as rostered: {name(holder)} {old.minutes / 60:.0f} h, "
                f"{name(member)} {new.minutes / 60:.0f} h)")
    return f"part of a swap that evens {leg} within its rules (turns in a row, rest)"


def _plain_loads(problem: Problem) -> dict[str, Load]:
    """Each member's load (history included) if every turn stays as the rota has it."""
    loads = dict(problem.constant)
    for turn in problem.turns:
        for member, load in turn.keep.loads.items():
            loads[member] = loads.get(member, ZERO) + load
    return loads


def _by_member(shifts: tuple[Shift, ...]) -> dict[str, list[Shift]]:
    out: dict[str, list[Shift]] = {}
    for sh in shifts:
        out.setdefault(sh.member, []).append(sh)
    return out
