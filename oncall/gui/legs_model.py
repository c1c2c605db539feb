"""Legs as a table: site, local window, days, rotation order, cadence, handoff day, dates."""

from __future__ import annotations

from oncall.core.labels import day_text
from oncall.core.model import CadenceKind, Leg, Team

from . import formatting as fmt
from .team_table_model import TeamTableModel


def _name(t: Team, member_id: str) -> str:
    return t.member(member_id).name if t.has_member(member_id) else member_id


def _site(leg: Leg, t: Team) -> str:
    return t.site(leg.site).name if t.has_site(leg.site) else leg.site


def _cadence(leg: Leg) -> str:
    if leg.cadence.kind is CadenceKind.EVERY_N_DAYS:
        return f"Every {leg.cadence.days} days"
    return leg.cadence.kind.value.capitalize()


def _handoff(leg: Leg) -> str:
    return fmt.weekday(leg.effective_handoff_day) if leg.cadence.kind is CadenceKind.WEEKLY else "—"


class LegsModel(TeamTableModel):
    columns = (
        ("Id", lambda lg, t: lg.id),
        ("Site", _site),
        ("Window (local)", lambda lg, t: fmt.window(lg.window)),
        ("Days", lambda lg, t: fmt.days(lg.days)),
        ("Rotation", lambda lg, t: " → ".join(_name(t, m) for m in lg.rotation)),
        ("Cadence", lambda lg, t: _cadence(lg)),
        ("Handoff day", lambda lg, t: _handoff(lg)),
        ("Start", lambda lg, t: day_text(lg.start)),
        ("End", lambda lg, t: day_text(lg.end) if lg.end else "—"),
    )

    def rows(self, team: Team) -> tuple[Leg, ...]:
        return team.legs
