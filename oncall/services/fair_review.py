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
