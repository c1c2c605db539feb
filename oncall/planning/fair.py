"""The fair rota planner: who of each leg's rotation covers each turn, evenly and within the rules.

Pipeline: :mod:`fair_turns` (turns, options, prices from the core's schedule and figures) ->
:mod:`fair_model` (CP-SAT, staged lexicographic objective) -> :mod:`fair_result` (overrides
with ``replaces`` and a ``planned:`` note). The planned team is checked against the core's
own schedule before it is returned: every decided slot must be held by the planned member.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from oncall.core.figures import MemberFigures, member_figures
from oncall.core.model import Override, Team
from oncall.core.report import pair_balance
from oncall.core.schedule import compute_schedule

from .fair_baselines import Score, plain_choice, score
from .fair_control import PlanCancelled, Progress, SolveControl
from .fair_figures import spread
from .fair_model import MISSING_MESSAGE, PlannerUnavailable, Solution, solve
from .fair_result import Conflict, TurnChange, conflicts, plan_overrides, planned_team
from .fair_turns import FairSettings, Problem, build_problem

__all__ = ["FairPlan", "FairSettings", "LegFigures", "MISSING_MESSAGE", "PlanCancelled", "PlannerUnavailable",
           "Progress", "SolveControl", "plan_fair", "planner_available"]


@dataclass(frozen=True)
class LegFigures:
    """Differences between a leg's members (report figures over the range, in hours)."""

    hours_spread: float
    out_of_hours_spread: float
    weekend_spread: float
    holiday_spread: float
    balance: float  # the report's balance: mean over member pairs of min/max hours, percent
    out_of_hours_balance: float


@dataclass(frozen=True)
class LegRow:
    leg: str
    turns: int
    changes: int
    before: LegFigures
    after: LegFigures


@dataclass(frozen=True)
class MemberRow:
    member: str
    before: MemberFigures
    after: MemberFigures


@dataclass(frozen=True)
class FairPlan:
    start: datetime
    end: datetime
    settings: FairSettings
    team: Team  # the input plus the planned overrides
    changes: tuple[TurnChange, ...]
    conflicts: tuple[Conflict, ...]
    solution: Solution
    turns: int
    members: tuple[MemberRow, ...]
    legs: tuple[LegRow, ...]
    before: Score  # the model's own figures (history included) for the rota as it is
    after: Score
    seconds: float

    @property
    def overrides(self) -> tuple[Override, ...]:
        return tuple(ov for change in self.changes for ov in change.overrides)


def planner_available() -> bool:
    """Whether OR-Tools can be imported (without importing it)."""
    import importlib.util

    try:
        return importlib.util.find_spec("ortools") is not None
    except ImportError:  # a parent package missing or broken
        return False


def plan_fair(team: Team, start: datetime, end: datetime, settings: FairSettings | None = None,
              control: SolveControl | None = None) -> FairPlan:
    """Plan [start, end) (UTC instants). Raises :class:`PlannerUnavailable` without OR-Tools.

    ``control`` lets another thread watch and cancel (:class:`PlanCancelled`); it never changes the plan.
    """
    if end <= start:
        raise ValueError(f"the range ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
    settings = settings or FairSettings()
    check = control.check if control is not None else None
    t0 = time.perf_counter()
    problem = build_problem(team, start, end, settings, check)
    for _attempt in range(_ATTEMPTS):
        solution = solve(problem, control)
        if control is not None:
            control.check()
        changes = plan_overrides(problem, solution)
        planned = planned_team(team, changes)
        after_shifts = compute_schedule(planned, start, end).shifts
        failed = _failures(problem, solution, after_shifts)
        if not failed:
            break
        problem = _pin(problem, failed, changes)
    else:
        t, slot = failed[0]
        raise PlanCheckFailed(f"the fair plan failed its check: its overrides do not give {slot.leg} at "
                              f"{slot.start:%Y-%m-%d %H:%MZ} to the planned member")
    if control is not None:
        control.check()
    before = member_figures(team, [s for s in problem.before if s.end > start and s.start < end], start, end)
    after = member_figures(planned, after_shifts, start, end)
    members = tuple(MemberRow(b.member, b, a) for b, a in zip(before, after))
    legs = tuple(_leg_row(team, problem, leg.id, before, after, changes) for leg in team.legs
                 if any(t.leg == leg.id for t in problem.turns))
    return FairPlan(start, end, settings, planned, tuple(changes), tuple(conflicts(problem, solution)), solution,
                    len(problem.turns), members, legs, score(problem, plain_choice(problem)),
                    score(problem, solution.choice), time.perf_counter() - t0)


class PlanCheckFailed(ValueError):
    """The planned overrides do not give the core's schedule the plan's assignment (a bug; reported, not saved)."""


# An override replaces a member in a span, whatever leg the shifts there belong to. When the
# replaced member also holds an overlapping slot of another leg (a member on two legs whose
# windows overlap at a junction), the override takes that too. Such turns are found by the
# check below and kept as the rota has them (marked if that breaks a rule), then planned again.
_ATTEMPTS = 12


def _failures(problem: Problem, solution: Solution, shifts) -> list[tuple[int, object]]:
    """Decided slots the schedule does not give, whole, to the member the plan chose."""
    held: dict[tuple, list] = {}
    for sh in shifts:
        if sh.leg is not None:
            held.setdefault((sh.leg, sh.slot_start), []).append(sh)
    failed = []
    for t, (turn, k) in enumerate(zip(problem.turns, solution.choice)):
        for slot, member in zip(turn.slots, turn.options[k].holders):
            if member is None:
                continue
            found = held.get((slot.leg, slot.start), [])
            if not (len(found) == 1 and found[0].member == member and found[0].start == slot.start
                    and found[0].end == slot.end):
                failed.append((t, slot))
    return failed


def _pin(problem: Problem, failed: list, changes: list[TurnChange]) -> Problem:
    """The problem with the failed slots' turns, and the changes that touched them, kept as they are.

    When that pins nothing new (the culprit's override only came near the slot), every change
    within a day of a failed slot is pinned too, so the loop always makes progress.
    """
    index = {(turn.leg, turn.index): t for t, turn in enumerate(problem.turns)}
    already = {t for t, turn in enumerate(problem.turns) if len(turn.options) == 1}

    def touching(margin: timedelta) -> set[int]:
        return {index[(c.leg, c.index)] for c in changes for _, slot in failed
                if any(ov.start < slot.end + margin and slot.start - margin < ov.end for ov in c.overrides)}

    pinned = {t for t, _ in failed} | touching(timedelta(0))
    if pinned <= already:
        pinned |= touching(timedelta(days=1))
    turns = tuple(replace(turn, options=turn.options[:1]) if t in pinned else turn
                  for t, turn in enumerate(problem.turns))
    return replace(problem, turns=turns, entangled=problem.entangled | pinned)


def _leg_row(team: Team, problem: Problem, leg_id: str, before: list[MemberFigures], after: list[MemberFigures],
             changes: list[TurnChange]) -> LegRow:
    members = set(team.leg(leg_id).rotation)
    turns = sum(1 for t in problem.turns if t.leg == leg_id)
    changed = sum(1 for c in changes if c.leg == leg_id)
    return LegRow(leg_id, turns, changed, _leg_figures([f for f in before if f.member in members]),
                  _leg_figures([f for f in after if f.member in members]))


def _leg_figures(rows: list[MemberFigures]) -> LegFigures:
    hours = [f.hours for f in rows]
    ooh = [f.out_of_hours for f in rows]
    group = [tuple(f.member for f in rows)]
    return LegFigures(round(spread(hours), 2), round(spread(ooh), 2),
                      round(spread([f.weekend_hours for f in rows]), 2),
                      round(spread([f.holiday_hours for f in rows]), 2),
                      round(pair_balance({f.member: f.hours for f in rows}, group), 1),
                      round(pair_balance({f.member: f.out_of_hours for f in rows}, group), 1))
