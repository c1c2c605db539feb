"""Per-day windows into ``[[adjustment]]`` entries: consecutive days with one window, one entry.

A leg's new window on a day is its current window (the leg's, or an existing adjustment's)
widened by that season's extension. Days whose window is the same form one run; a run stops
at a day the leg runs with another window. An existing adjustment touched by a new run is
re-expressed (its untouched days keep its window and reason), because two adjustments of
one leg may not overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from oncall.core.model import Adjustment, Leg, LocalWindow


@dataclass(frozen=True)
class RunDay:
    window: LocalWindow  # the new window
    base: LocalWindow  # the window the day used before
    earlier: int
    later: int
    season: int | None  # None: a day of an existing adjustment kept as it was


@dataclass
class Run:
    start: date
    end: date  # exclusive
    window: LocalWindow
    base: LocalWindow
    earlier: int
    later: int
    seasons: set[int] = field(default_factory=set)
    reason: str | None = None


def expand(window: LocalWindow, earlier: int, later: int) -> LocalWindow:
    """``window`` starting ``earlier`` minutes sooner and ending ``later`` minutes later."""
    start = window.start - earlier
    end = (window.start + window.nominal_minutes + later) % 1440 or 1440
    return LocalWindow(start, end)


def _runs_on(leg: Leg, day: int) -> bool:
    if day < leg.start.toordinal() or (leg.end is not None and day >= leg.end.toordinal()):
        return False
    return (day - 1) % 7 in leg.days


def build_runs(leg: Leg, existing: list[Adjustment], changed: dict[int, RunDay]) -> tuple[list[Run], list[Adjustment]]:
    """The runs for the changed days, and the existing adjustments they replace."""
    days = dict(changed)
    dropped: list[Adjustment] = []
    reasons: dict[int, str | None] = {}
    for adj in existing:
        first, stop = adj.start.toordinal(), adj.end.toordinal()
        if not any(first <= d < stop for d in changed):
            continue
        dropped.append(adj)
        for d in range(first, stop):
            if d not in days and _runs_on(leg, d):
                days[d] = RunDay(adj.window, adj.window, 0, 0, None)
                reasons[d] = adj.reason
    runs: list[Run] = []
    last_day = None
    for d in sorted(days):
        item = days[d]
        run = runs[-1] if runs else None
        joins = (run is not None and run.window == item.window and run.base == item.base
                 and not any(_runs_on(leg, k) for k in range(last_day + 1, d)))
        if joins:
            run.end = date.fromordinal(d + 1)
        else:
            run = Run(date.fromordinal(d), date.fromordinal(d + 1), item.window, item.base, item.earlier,
                      item.later, reason=reasons.get(d))
            runs.append(run)
        if item.season is not None:
            run.seasons.add(item.season)
        last_day = d
    return runs, dropped
