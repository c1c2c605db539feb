"""Sites as a table: id, name, zone, current offset, holidays, working hours, workdays."""

from __future__ import annotations

from datetime import datetime, timezone

from oncall.core.model import Site, Team

from . import formatting as fmt
from .team_table_model import TeamTableModel


def _now() -> datetime:
    return datetime.now(timezone.utc)


class SitesModel(TeamTableModel):
    columns = (
        ("Id", lambda s, t: s.id),
        ("Name", lambda s, t: s.name),
        ("Time zone", lambda s, t: s.timezone),
        ("Offset now", lambda s, t: fmt.offset_now(s.timezone, _now())),
        ("Holidays", lambda s, t: s.holidays or "none"),
        ("Working hours", lambda s, t: fmt.window(s.working_hours)),
        ("Workdays", lambda s, t: fmt.days(s.workdays)),
    )

    def rows(self, team: Team) -> tuple[Site, ...]:
        return team.sites
