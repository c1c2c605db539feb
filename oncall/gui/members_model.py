"""Members as a table: id, name, site, email, and the legs they rotate on."""

from __future__ import annotations

from oncall.core.model import Member, Team

from .team_table_model import TeamTableModel


def _site_name(m: Member, t: Team) -> str:
    return t.site(m.site).name if t.has_site(m.site) else m.site


def _legs(m: Member, t: Team) -> str:
    return ", ".join(lg.id for lg in t.legs if m.id in lg.rotation) or "—"


class MembersModel(TeamTableModel):
    columns = (
        ("Id", lambda m, t: m.id),
        ("Name", lambda m, t: m.name),
        ("Site", _site_name),
        ("Email", lambda m, t: m.email or ""),
        ("Legs", _legs),
    )

    def rows(self, team: Team) -> tuple[Member, ...]:
        return team.members
