"""The fair rota planner as ``oncall plan --fix fair`` and the Plan dialog's Fairness page.

Settings arrive as plain values in ``PlanRequest.options`` (the CLI's flags, the page's
fields) and are checked here, once, so both faces give the same one-line errors. OR-Tools is
the optional ``planner`` extra: without it the fixer fails with :data:`MISSING_MESSAGE` and
nothing else changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from oncall.core import timezones as tz
from oncall.core.model import Team
# Small and pure (no OR-Tools): the desktop app watches and cancels a plan through these.
from oncall.planning.fair_control import PlanCancelled, Progress, SolveControl

__all__ = ["PlanCancelled", "Progress", "SolveControl", "fair_settings", "fix_fair", "planner_missing", "run_fair"]

# The planner looks back this many turns before the range to count a run already under way;
# 100 weekly turns is two years of schedule, and beyond it the limit no longer bites anyway.
MAX_CONSECUTIVE = 100


def fair_settings(options: Mapping[str, Any], start: date):
    """:class:`~oncall.planning.fair_turns.FairSettings` from plain values; ValueError names a bad one."""
    from oncall.planning.fair_figures import Weights
    from oncall.planning.fair_turns import FairSettings

    history = options.get("history_from")
    if history is not None and history >= start:
        raise ValueError(f"--history-from ({history}) must be before --from ({start})")
    limit = float(options.get("time_limit", 10.0))
    if not 0 < limit <= 3600:
        raise ValueError(f"--time-limit must be more than 0 and at most 3600 seconds, not {limit:g}")
    rest = float(options.get("min_rest_hours", 11.0))
    if not 0 <= rest <= 72:
        raise ValueError(f"--min-rest must be between 0 and 72 hours, not {rest:g}")
    consecutive = options.get("max_consecutive")
    if consecutive is not None and not 1 <= int(consecutive) <= MAX_CONSECUTIVE:
        raise ValueError(f"--max-consecutive must be between 1 and {MAX_CONSECUTIVE}, not {consecutive}")
    seed = int(options.get("seed", 1))
    if not -2 ** 31 <= seed < 2 ** 31:  # CP-SAT's random_seed is a 32-bit integer
        raise ValueError(f"--seed must be a whole number between {-2 ** 31} and {2 ** 31 - 1}, not {seed}")
    weights = {}
    for key, flag in (("weekend_weight", "--weekend-weight"), ("holiday_weight", "--holiday-weight")):
        value = float(options.get(key, 2.0))
        if not 0 <= value <= 10:
            raise ValueError(f"{flag} must be between 0 and 10, not {value:g}")
        weights[key.removesuffix("_weight")] = value
    return FairSettings(min_rest=timedelta(hours=rest),
                        max_consecutive=None if consecutive is None else int(consecutive),
                        weights=Weights(**weights),
                        history_start=_midnight(history) if history is not None else None,
                        time_limit=limit, seed=seed)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz.UTC)


def planner_missing() -> str | None:
    """None when OR-Tools can be imported, else the message saying how to install it (no import)."""
    from oncall.planning.fair import MISSING_MESSAGE
    from oncall.planning.fair import planner_available as available

    return None if available() else MISSING_MESSAGE


def run_fair(team: Team, start: date, end: date, options: Mapping[str, Any], control: SolveControl | None = None):
    """The fair plan (:class:`~oncall.planning.fair.FairPlan`); PlanningError for bad input or no OR-Tools.

    ``control`` (the desktop app's worker thread) watches and may cancel: :class:`PlanCancelled`
    propagates; it never changes the plan.
    """
    from oncall.planning.fair import PlannerUnavailable, plan_fair
    from oncall.services.planning import PlanningError

    try:
        settings = fair_settings(options, start)
        return plan_fair(team, _midnight(start), _midnight(end), settings, control)
    except (ValueError, PlannerUnavailable) as exc:
        raise PlanningError(str(exc)) from None


def fix_fair(team: Team, request, control: SolveControl | None = None):
    """The fair planner as a registered fixer (see :mod:`oncall.services.planning`)."""
    from oncall.planning.fair_words import fair_to_dict, render_fair
    from oncall.services.planning import FixResult

    plan = run_fair(team, request.start, request.end, request.options, control)
    return FixResult("fair", team, plan.team, render_fair(plan), fair_to_dict(plan), plan)
