"""A fair plan in words (text) and as data (JSON): what a lead reviews before applying it.

Each changed turn is told with who takes it instead of whom, when (the leg's local time and
UTC) and why; then the turns no plan could staff within the rules; then the figures before
and after, per member and per leg, as ``oncall report`` computes them over the range.
"""

from __future__ import annotations

from datetime import datetime

from oncall.core import timezones as tz
from oncall.core.figures import MemberFigures
from oncall.core.labels import leg_label
from oncall.core.model import Team

from .fair import FairPlan

_FIGURES = (("hours", "hours"), ("out_of_hours", "out of hours"), ("weekend_hours", "weekend"),
            ("holiday_hours", "holiday"))


def _iso(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def local_text(team: Team, leg_id: str, instant: datetime) -> str:
    zone = team.site(team.leg(leg_id).site).timezone
    local = tz.to_local(zone, instant)
    return f"{local:%a %d %b %H:%M} {tz.abbreviation(zone, instant)}"


def when_text(team: Team, leg_id: str, start: datetime, end: datetime) -> str:
    return (f"{local_text(team, leg_id, start)} to {local_text(team, leg_id, end)} "
            f"({start:%Y-%m-%d %H:%M}Z to {end:%Y-%m-%d %H:%M}Z)")


def solver_text(plan: FairPlan) -> str:
    s = plan.solution
    seconds = sum(stage.seconds for stage in s.stages)
    if s.optimal:
        return f"proven optimal in {seconds:.2f} s of solving"
    worst = max(s.stages, key=lambda stage: stage.gap, default=None)
    missing = [name for name in ("relaxed turns", "out-of-hours spread", "hours spread", "changes")
               if name not in {stage.name for stage in s.stages}]
    text = f"best plan found in {plan.settings.time_limit:g} s, not proven optimal"
    if worst is not None and worst.gap:
        text += f": {worst.name} within {worst.gap:.1%} of the solver's bound"
    partial = [f"{stage.name} in {stage.reached} of {stage.groups} groups of legs" for stage in s.stages
               if stage.reached < stage.groups]
    if missing or partial:
        text += f" (not reached: {', '.join(missing)}; reached only: {', '.join(partial)})" if missing and partial \
            else f" (not reached: {', '.join(missing)})" if missing else f" (reached only: {', '.join(partial)})"
    return text


def render_fair(plan: FairPlan) -> str:
    team, settings = plan.team, plan.settings
    w = settings.weights
    lines = [f"Fair rota plan for {team.name}, {plan.start:%Y-%m-%d} to {plan.end:%Y-%m-%d}: "
             f"{len(plan.changes)} of {plan.turns} turns change.",
             f"Solver: {solver_text(plan)}.",
             f"Rules: at least {settings.min_rest.total_seconds() / 3600:g} h rest between legs; "
             + "; ".join(f"{leg_label(team, leg.id)} at most {settings.consecutive_for(leg)} turn(s) in a row"
                         for leg in team.legs
                         if any(r.leg == leg.id for r in plan.legs))
             + f". Weights: weekend hour x{w.weekend:g}, holiday hour x{w.holiday:g}."]
    if settings.history_start is not None:
        lines.append(f"History counted from {settings.history_start:%Y-%m-%d}.")
    lines.append(f"Objective (weighted, history included): out-of-hours spread {plan.before.out_of_hours_spread:g} h "
                 f"-> {plan.after.out_of_hours_spread:g} h; hours spread {plan.before.hours_spread:g} h -> "
                 f"{plan.after.hours_spread:g} h (summed over legs).")
    lines += ["", f"Changes ({len(plan.changes)}):"]
    name = _names(team)
    for c in plan.changes:
        lines.append(f"  {leg_label(team, c.leg)} turn {c.index}: {name(c.member)} instead of "
                     f"{', '.join(name(m) for m in c.replaced) or 'nobody'}, {when_text(team, c.leg, c.start, c.end)}")
        lines.append(f"      why: {c.why}")
    if not plan.changes:
        lines.append("  none: the rota is already as fair as the rules allow.")
    if plan.conflicts:
        lines += ["", f"Not planned ({len(plan.conflicts)}): kept as the rota has it, marked for the lead:"]
        for k in plan.conflicts:
            mark = "UNCOVERED " if k.uncovered else ""
            lines.append(f"  {mark}{leg_label(team, k.leg)} turn {k.index}, {when_text(team, k.leg, k.start, k.end)}")
            lines.append(f"      {k.constraint}: {k.detail}")
    lines += ["", "Figures per member over the range, before -> after (hours):"]
    lines.append(_row("member", [label for _, label in _FIGURES]))
    for row in plan.members:
        lines.append(_row(name(row.member), [_pair(row.before, row.after, attr) for attr, _ in _FIGURES]))
    lines += ["", "Per leg: largest difference between two members, before -> after (hours); balance in %:"]
    lines.append(_row("leg", ["hours", "out of hours", "weekend", "holiday", "balance", "ooh balance", "changes"]))
    for leg in plan.legs:
        b, a = leg.before, leg.after
        cells = [f"{b.hours_spread:g} -> {a.hours_spread:g}", f"{b.out_of_hours_spread:g} -> {a.out_of_hours_spread:g}",
                 f"{b.weekend_spread:g} -> {a.weekend_spread:g}", f"{b.holiday_spread:g} -> {a.holiday_spread:g}",
                 f"{b.balance:g} -> {a.balance:g}", f"{b.out_of_hours_balance:g} -> {a.out_of_hours_balance:g}",
                 f"{leg.changes} of {leg.turns}"]
        lines.append(_row(leg_label(team, leg.leg), cells))
    return "\n".join(lines) + "\n"


def _names(team: Team):
    """Member id -> name, as every other screen says it (ids stay in the JSON and the team file)."""
    return lambda member: team.member(member).name if team.has_member(member) else member


def _pair(before: MemberFigures, after: MemberFigures, attr: str) -> str:
    b, a = getattr(before, attr), getattr(after, attr)
    return f"{b:g}" if a == b else f"{b:g} -> {a:g}"


def _row(first: str, cells: list[str]) -> str:
    return f"  {first:<14}" + "".join(f"{c:>18}" for c in cells)  # "San Francisco" fits


def fair_to_dict(plan: FairPlan) -> dict:
    s = plan.solution
    return {
        "range": {"start": _iso(plan.start), "end": _iso(plan.end)},
        "history_start": _iso(plan.settings.history_start) if plan.settings.history_start else None,
        "weights": {"weekend": plan.settings.weights.weekend, "holiday": plan.settings.weights.holiday},
        "min_rest_hours": plan.settings.min_rest.total_seconds() / 3600,
        "solver": {"optimal": s.optimal, "gap": round(s.gap, 4),
                   "stages": [{"name": st.name, "objective": st.objective, "bound": st.bound,
                               "optimal": st.optimal, "seconds": round(st.seconds, 3),
                               "groups": st.groups, "reached": st.reached} for st in s.stages]},
        "turns": plan.turns,
        "changes": [{"leg": c.leg, "turn": c.index, "start": _iso(c.start), "end": _iso(c.end),
                     "start_local": local_text(plan.team, c.leg, c.start),
                     "member": c.member, "replaces": list(c.replaced), "why": c.why,
                     "overrides": [ov.id for ov in c.overrides]} for c in plan.changes],
        "conflicts": [{"leg": k.leg, "turn": k.index, "start": _iso(k.start), "end": _iso(k.end),
                       "constraint": k.constraint, "detail": k.detail, "uncovered": k.uncovered}
                      for k in plan.conflicts],
        "overrides": [{"id": ov.id, "member": ov.member, "replaces": ov.replaces, "start": _iso(ov.start),
                       "end": _iso(ov.end), "note": ov.note} for ov in plan.overrides],
        "members": [{"member": r.member, "before": _figures(r.before), "after": _figures(r.after)}
                    for r in plan.members],
        "legs": [{"leg": r.leg, "turns": r.turns, "changes": r.changes, "before": vars(r.before).copy(),
                  "after": vars(r.after).copy()} for r in plan.legs],
        "objective": {"before": vars(plan.before).copy(), "after": vars(plan.after).copy()},
    }


def _figures(f: MemberFigures) -> dict:
    return {attr: getattr(f, attr) for attr, _ in _FIGURES}
