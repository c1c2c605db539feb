"""The figures the fair planner balances, computed by the core so the plan and ``report`` agree.

Every candidate turn is priced with :class:`oncall.core.figures.SiteCalendar` (real elapsed
time, the covering member's site calendar, clipped to the planning range exactly as the
report clips shifts). The planner works in whole minutes: CP-SAT is an integer solver and a
minute is finer than any rota decision.

Weighted out-of-hours (the first objective) is ``out_of_hours + (weekend_weight - 1) *
weekend + (holiday_weight - 1) * holiday``: with the default weights of 2, a weekend or
public-holiday hour counts double. An hour that is both (a holiday on a Saturday) receives
both extras; that keeps the sum linear in the figures the report prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from oncall.core.figures import MemberFigures, SiteCalendar, member_figures
from oncall.core.model import Team
from oncall.core.schedule import compute_schedule
from oncall.core.shifts import Shift

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Weights:
    """How much a weekend or public-holiday hour counts in the out-of-hours objective."""

    weekend: float = 2.0
    holiday: float = 2.0


@dataclass(frozen=True)
class Load:
    """Whole minutes of (hours, out of hours, weekend, holiday) on call."""

    minutes: int = 0
    out_of_hours: int = 0
    weekend: int = 0
    holiday: int = 0

    def __add__(self, other: "Load") -> "Load":
        return Load(self.minutes + other.minutes, self.out_of_hours + other.out_of_hours,
                    self.weekend + other.weekend, self.holiday + other.holiday)

    def weighted(self, weights: Weights) -> int:
        """The first objective's figure (see the module docstring)."""
        extra = (weights.weekend - 1) * self.weekend + (weights.holiday - 1) * self.holiday
        return round(self.out_of_hours + extra)


ZERO = Load()


class SlotPricer:
    """Prices a span for a member with the member's site calendar, clipped to [start, end)."""

    def __init__(self, team: Team, start: datetime, end: datetime) -> None:
        first, last = (start - _DAY * 2).date(), (end + _DAY * 2).date()
        self._totals = {s.id: SiteCalendar(s, first, last).totaller(first, last) for s in team.sites}
        self._site_of = {m.id: m.site for m in team.members}
        self._lo, self._hi = start.timestamp(), end.timestamp()
        self._cache: dict[tuple[str, float, float], Load] = {}

    def price(self, member: str, start: datetime, end: datetime) -> Load:
        site = self._site_of[member]
        lo, hi = max(start.timestamp(), self._lo), min(end.timestamp(), self._hi)
        if hi <= lo:
            return ZERO
        key = (site, lo, hi)
        found = self._cache.get(key)
        if found is None:
            seconds, out, weekend, holiday = self._totals[site]([(lo, hi)])
            found = self._cache[key] = Load(_m(seconds), _m(out), _m(weekend), _m(holiday))
        return found


def _m(seconds: float) -> int:
    return round(seconds / 60)


def fixed_loads(team: Team, shifts: Iterable[Shift], start: datetime, end: datetime) -> dict[str, Load]:
    """Per member, the load of shifts the planner does not decide (clipped to the range)."""
    figures = member_figures(team, list(shifts), start, end)
    return {f.member: load_from_figures(f) for f in figures}


def history_loads(team: Team, start: datetime, end: datetime) -> dict[str, Load]:
    """Per member, what the team file's own schedule gave them in [start, end) (``--history-from``)."""
    shifts = compute_schedule(team, start, end).shifts
    return fixed_loads(team, shifts, start, end)


def load_from_figures(f: MemberFigures) -> Load:
    return Load(round(f.hours * 60), round(f.out_of_hours * 60), round(f.weekend_hours * 60),
                round(f.holiday_hours * 60))


def spread(values: Sequence[float]) -> float:
    """Largest difference between two members (0 for fewer than two)."""
    return max(values) - min(values) if len(values) > 1 else 0.0
