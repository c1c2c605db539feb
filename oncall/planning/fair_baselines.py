"""What the fair plan is measured against: the plain rotation and a greedy assignment.

Both are expressed as a choice of option per turn (see :mod:`oncall.planning.fair_turns`),
so one function scores all three the way the model does: per leg, the largest difference
between members (history and fixed shifts included), summed over legs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fair_figures import ZERO, Load
from .fair_turns import Problem


@dataclass(frozen=True)
class Score:
    out_of_hours_spread: float  # weighted hours, summed over legs
    hours_spread: float  # hours, summed over legs
    changes: int  # turns that differ from the rota
    worst_leg_out_of_hours_spread: float  # weighted hours, the worst leg


def plain_choice(problem: Problem) -> tuple[int, ...]:
    return tuple(0 for _ in problem.turns)


def greedy_choice(problem: Problem) -> tuple[int, ...]:
    """Each turn, in time order, to the free member with the least weighted out-of-hours so far.

    Keeping the turn (its holder, substitutes included) competes as its holder; ties go to
    keeping, then to rotation order. Only time off and shifts elsewhere limit the choice, as
    a lead patching a rota by hand would do it.
    """
    weights = problem.settings.weights
    loads = dict(problem.constant)
    choice = []
    for turn in problem.turns:
        def so_far(k: int) -> int:
            holder = turn.options[k].turn_holder
            return loads.get(holder, ZERO).weighted(weights) if holder else 1 << 60
        k = min(range(len(turn.options)), key=lambda k: (so_far(k), k))
        for member, load in turn.options[k].loads.items():
            loads[member] = loads.get(member, ZERO) + load
        choice.append(k)
    return tuple(choice)


def member_loads(problem: Problem, choice: tuple[int, ...]) -> dict[str, Load]:
    loads = dict(problem.constant)
    for turn, k in zip(problem.turns, choice):
        for member, load in turn.options[k].loads.items():
            loads[member] = loads.get(member, ZERO) + load
    return loads


def leg_spreads(problem: Problem, choice: tuple[int, ...]) -> dict[str, tuple[float, float]]:
    """Per planned leg: (weighted out-of-hours spread, hours spread), in hours."""
    loads = member_loads(problem, choice)
    weights = problem.settings.weights
    planned = {turn.leg for turn in problem.turns}
    out = {}
    for leg in problem.team.legs:
        members = list(dict.fromkeys(leg.rotation))
        if leg.id not in planned or len(members) < 2:
            continue
        ooh = [loads.get(m, ZERO).weighted(weights) for m in members]
        hours = [loads.get(m, ZERO).minutes for m in members]
        out[leg.id] = ((max(ooh) - min(ooh)) / 60, (max(hours) - min(hours)) / 60)
    return out


def score(problem: Problem, choice: tuple[int, ...]) -> Score:
    spreads = leg_spreads(problem, choice).values()
    changes = sum(1 for k in choice if k)
    return Score(round(sum(s[0] for s in spreads), 2), round(sum(s[1] for s in spreads), 2), changes,
                 round(max((s[0] for s in spreads), default=0.0), 2))
