"""Time off (unavailability) as a table; all-day entries show local dates."""

from __future__ import annotations

from datetime import timedelta

from oncall.core import timezones as tz
from oncall.core.labels import day_text
from oncall.core.model import Team, Unavailability

from . import formatting as fmt
from .team_table_model import TeamTableModel


def zone_of(u: Unavailability, t: Team) -> str:
    return u.timezone or (t.member_zone(u.member) if t.has_member(u.member) else "UTC")


def _when(u: Unavailability, t: Team, end: bool) -> str:
    zone = zone_of(u, t)
    instant = u.end if end else u.start
    if u.all_day:
        day = tz.to_local(zone, instant).date() - (timedelta(days=1) if end else timedelta(0))
        return day_text(day)
    return fmt.local_time(zone, instant)


class TimeOffModel(TeamTableModel):
    columns = (
        ("Member", lambda u, t: t.member(u.member).name if t.has_member(u.member) else u.member),
        ("From", lambda u, t: _when(u, t, False)),
        ("To (incl.)", lambda u, t: _when(u, t, True)),
        ("Reason", lambda u, t: u.reason or ""),
    )

    def rows(self, team: Team) -> tuple[Unavailability, ...]:
        return team.unavailable
