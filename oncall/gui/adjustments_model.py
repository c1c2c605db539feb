"""Window adjustments as a table: the leg, its days (local, inclusive), the window, why."""

from __future__ import annotations

from datetime import date, timedelta

from oncall.core.labels import day_text, leg_label
from oncall.core.model import Adjustment, Team

from . import formatting as fmt
from .team_table_model import TeamTableModel


def _leg(t: Team, leg_id: str) -> str:
    return leg_label(t, leg_id) if leg_id in {lg.id for lg in t.legs} else leg_id


def _usual(a: Adjustment, t: Team) -> str:
    legs = {lg.id: lg for lg in t.legs}
    return fmt.window(legs[a.leg].window) if a.leg in legs else ""


def last_day(a: Adjustment) -> date:
    """The last adjusted day: ``to`` is exclusive in the file, the table shows days inclusive."""
    return a.end - timedelta(days=1)


class AdjustmentsModel(TeamTableModel):
    columns = (
        ("Leg", lambda a, t: _leg(t, a.leg)),
        ("First day", lambda a, t: day_text(a.start)),
        ("Last day", lambda a, t: day_text(last_day(a))),
        ("Window (local)", lambda a, t: fmt.window(a.window)),
        ("Usually", _usual),
        ("Reason", lambda a, t: a.reason or ""),
    )

    def rows(self, team: Team) -> tuple[Adjustment, ...]:
        # In calendar order, as a lead reads a year (a plan adds them leg by leg, not by date).
        return tuple(sorted(team.adjustments, key=lambda a: (a.start, a.leg)))

    def team_index(self, item: Adjustment) -> int:
        """The adjustment's place in the team's list (what the edit actions address)."""
        return self._team.adjustments.index(item)

    def tooltip(self, item: Adjustment, column: int, team: Team) -> str | None:
        return (f"Occurrences of {_leg(team, item.leg)} starting on local days {day_text(item.start)} to "
                f"{day_text(last_day(item))} use {fmt.window(item.window)} instead of {_usual(item, team)}")
