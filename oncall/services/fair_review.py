"""The fair plan laid out for the Plan dialog's Fairness page: rows, lines, and the edit.

Pure Python (no Qt): the page's table models show these rows as they are, and the tests read
them without widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from oncall.core.labels import leg_label
from oncall.core.model import Team

FIGURES = ("hours", "out_of_hours", "weekend_hours", "holiday_hours")


@dataclass(frozen=True)
class FigureRow:
    """One member's figures over the range: (before, after) per figure, in hours."""

    member: str
    name: str
    legs: str
    values: tuple[tuple[float, float], ...]  # in FIGURES order


@dataclass(frozen=True)
class ChangeRow:
    leg: str
    turn: int
    member: str
    instead: str
    local: str  # the turn in the leg's local time
    utc: str
    why: str


def figure_rows(plan) -> list[FigureRow]:
    team: Team = plan.team
    legs_of: dict[str, list[str]] = {}
    for leg in team.legs:
        for member in dict.fromkeys(leg.rotation):
            legs_of.setdefault(member, []).append(leg_label(team, leg.id))
    return [FigureRow(r.member, team.member(r.member).name, ", ".join(legs_of.get(r.member, [])),
                      tuple((getattr(r.before, f), getattr(r.after, f)) for f in FIGURES))
            for r in plan.members]


def change_rows(plan) -> list[ChangeRow]:
    from oncall.planning.fair_words import local_text

    team = plan.team
    name = {m.id: m.name for m in team.members}
    return [ChangeRow(leg_label(team, c.leg), c.index, name[c.member], ", ".join(name[m] for m in c.replaced) or "nobody",
                      f"{local_text(team, c.leg, c.start)} to {local_text(team, c.leg, c.end)}",
                      f"{c.start:%Y-%m-%d %H:%M}Z to {c.end:%Y-%m-%d %H:%M}Z", c.why)
            for c in plan.changes]


def conflict_lines(plan) -> list[str]:
    from oncall.planning.fair_words import when_text

    return [f"{'UNCOVERED ' if k.uncovered else ''}{leg_label(plan.team, k.leg)} turn {k.index}, "
            f"{when_text(plan.team, k.leg, k.start, k.end)}"
            f" — {k.constraint}: {k.detail}" for k in plan.conflicts]


def summary(plan) -> str:
    from oncall.planning.fair_words import solver_text

    b, a = plan.before, plan.after
    if not plan.changes:
        return (f"0 of {plan.turns} turns change: the rota is already as fair as the rules allow. "
                f"Solver: {solver_text(plan)}.")
    return (f"{len(plan.changes)} of {plan.turns} turns change. Weighted out-of-hours spread "
            f"{b.out_of_hours_spread:g} h -> {a.out_of_hours_spread:g} h, hours spread {b.hours_spread:g} h -> "
            f"{a.hours_spread:g} h (summed over legs). Solver: {solver_text(plan)}.")


def with_fair_plan(team: Team, plan) -> Team:
    """``team`` with the plan's overrides appended (those not there already): one edit, one undo."""
    present = set(team.overrides)
    added = tuple(ov for ov in plan.overrides if ov not in present)
    return team.evolve(overrides=team.overrides + added) if added else team


# What each step of the staged objective does, as the page says it while the solver works
# (the steps of fair_model.STAGES, in order), and how a settled step's value reads.
STEP_WORDS = ("keeping every turn within the rules", "evening out out-of-hours hours",
              "evening out hours on call", "keeping the changes few")


def _hours(minutes: int) -> str:
    return f"{round(minutes / 60, 1):g} h"


def _settled_text(s) -> str:
    if s.step == 0:
        value = "every turn within the rules" if s.objective == 0 else \
            f"{s.objective} turn{'s' if s.objective != 1 else ''} cannot keep the rules"
    elif s.step in (1, 2):
        what = "weighted out-of-hours spread" if s.step == 1 else "hours spread"
        value = f"{what} {_hours(s.objective)}"
    else:
        value = f"{s.objective} change{'s' if s.objective != 1 else ''}"
    if s.optimal:
        return f"{value} (proven best)"
    bound = _hours(s.bound) if s.step in (1, 2) else str(s.bound)
    return f"{value} (best found; no plan does better than {bound})"


def progress_lines(progress, seconds: float, time_limit: float) -> tuple[str, str]:
    """The working page's two lines: where the solver is, and what it has settled so far.

    ``progress`` is a fair_planning.Progress read from the worker thread; ``seconds`` the wall
    time since Find. The limit is a budget of solver *work* (deterministic time, so the plan
    does not depend on the machine's load): on a busy machine, and with the preparation and
    the check on top, the clock runs longer, up to the planner's backstop; both are said, so
    "26 s" next to a 6 s limit does not look like a hang.
    """
    if progress.step < 0:
        where = "preparing the turns and who may cover them"
    else:
        where = f"step {progress.step + 1} of {len(STEP_WORDS)}, {STEP_WORDS[progress.step]}"
        if progress.groups > 1:
            where += f" (legs {progress.group} of {progress.groups})"
    found = f"; {progress.solutions} plan{'s' if progress.solutions != 1 else ''} found" if progress.solutions else ""
    from oncall.planning.fair_control import wall_backstop

    backstop = wall_backstop(time_limit)
    first = (f"Planning for {seconds:.0f} s (time limit: {time_limit:g} s of solver work, at most "
             f"{backstop:g} s on the clock): {where}{found}.")
    settled = "; ".join(_settled_text(s) for s in progress.settled)
    return first, f"Settled so far: {settled}." if settled else ""
