"""Overrides as a table, times in the zone they were written in (else the member's site)."""

from __future__ import annotations

from oncall.core.model import Override, Team

from . import formatting as fmt
from .team_table_model import TeamTableModel


def _name(t: Team, member_id: str | None) -> str:
    if member_id is None:
        return "— (adds cover)"
    return t.member(member_id).name if t.has_member(member_id) else member_id


def zone_of(o: Override, t: Team) -> str:
    return o.timezone or (t.member_zone(o.member) if t.has_member(o.member) else "UTC")


class OverridesModel(TeamTableModel):
    columns = (
        ("Member", lambda o, t: _name(t, o.member)),
        ("Replaces", lambda o, t: _name(t, o.replaces)),
        ("Start", lambda o, t: fmt.local_time(zone_of(o, t), o.start)),
        ("End", lambda o, t: fmt.local_time(zone_of(o, t), o.end)),
        ("Note", lambda o, t: o.note or ""),
    )

    def rows(self, team: Team) -> tuple[Override, ...]:
        return team.overrides

    def tooltip(self, item: Override, column: int, team: Team) -> str | None:
        return f"{fmt.utc_time(item.start)} – {fmt.utc_time(item.end)}"
