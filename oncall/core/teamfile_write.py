"""Writing a team file: the model -> plain TOML values per key -> text via ``tomli_w``.

``tomli_w`` does the quoting and escaping (control characters, quotes, any Unicode), so the
text always parses back; ``parse_team(dump_team(t)).team == t`` is tested with generated
teams. Writing a key is one line (``_put(out, "key", value, default)``) in the table's
function below; a value equal to the model's default is left out, so files stay short.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from .model import ALL_DAYS, Adjustment, DEFAULT_WORKING_HOURS, WORKDAYS, Leg, Member, Override, Site, Team, Unavailability
from .teamfile_parse import FORMAT_VERSION
from .teamfile_values import (
    format_cadence, format_date, format_duration, format_wall, format_weekday, format_weekdays, format_window,
)


def _put(out: dict, key: str, value: Any, default: Any = None) -> None:
    if value is not None and value != default:
        out[key] = value


def dump_team(team: Team) -> str:
    """A team file for ``team``; ``parse_team(dump_team(t))`` gives an equal team."""
    head: dict[str, Any] = {"version": FORMAT_VERSION,
                            "team": {"name": team.name, "handoff_overlap": format_duration(team.handoff_overlap)}}
    parts = [tomli_w.dumps(head)]
    for table, items, write in (
        ("site", team.sites, _site), ("member", team.members, _member), ("leg", team.legs, _leg),
        ("override", team.overrides, lambda o: _override(team, o)),
        ("unavailable", team.unavailable, lambda u: _time_off(team, u)),
        ("adjustment", team.adjustments, _adjustment),
    ):
        # One [[table]] header per item, as docs/team-file.md shows it: tomli_w would write a
        # list of short tables as one inline array, which is valid but hard to read and diff.
        parts += [f"\n[[{table}]]\n{tomli_w.dumps(write(item))}" for item in items]
    return "".join(parts)


def _site(s: Site) -> dict:
    out = {"id": s.id, "name": s.name, "timezone": s.timezone}
    _put(out, "holidays", s.holidays)
    _put(out, "working_hours", format_window(s.working_hours), format_window(DEFAULT_WORKING_HOURS))
    _put(out, "workdays", format_weekdays(s.workdays), format_weekdays(WORKDAYS))
    return out


def _member(m: Member) -> dict:
    out = {"id": m.id, "name": m.name}
    _put(out, "email", m.email, "")
    out["site"] = m.site
    _put(out, "alarms", m.alarms, True)
    return out


def dump_overrides(team: Team, overrides: list[Override]) -> str:
    """``[[override]]`` tables for ``overrides`` of ``team``, to append to its file (a plan's additions).

    Appended tables join the end of the override list, so they apply after the file's own.
    """
    return "".join(f"\n[[override]]\n{tomli_w.dumps(_override(team, ov))}" for ov in overrides)


def _leg(leg: Leg) -> dict:
    out = {"id": leg.id, "site": leg.site, "window": format_window(leg.window)}
    _put(out, "days", format_weekdays(leg.days), format_weekdays(ALL_DAYS))
    out["rotation"] = list(leg.rotation)
    out["cadence"] = format_cadence(leg.cadence)
    if leg.cadence.kind.value == "weekly" and leg.handoff_day is not None:
        out["handoff_day"] = format_weekday(leg.handoff_day)
    out["start"] = format_date(leg.start)
    _put(out, "end", leg.end and format_date(leg.end))
    return out


def _override(team: Team, ov: Override) -> dict:
    zone = ov.timezone or team.member_zone(ov.member)
    out: dict[str, Any] = {}
    _put(out, "id", ov.id)
    out["member"] = ov.member
    _put(out, "replaces", ov.replaces)
    _put(out, "timezone", ov.timezone)
    out["start"] = format_wall(ov.start, zone, False)
    out["end"] = format_wall(ov.end, zone, False)
    _put(out, "note", ov.note, "")
    return out


def _time_off(team: Team, u: Unavailability) -> dict:
    zone = u.timezone or team.member_zone(u.member)
    out: dict[str, Any] = {}
    _put(out, "id", u.id)
    out["member"] = u.member
    _put(out, "timezone", u.timezone)
    out["start"] = format_wall(u.start, zone, u.all_day)
    out["end"] = format_wall(u.end, zone, u.all_day)
    _put(out, "reason", u.reason, "")
    return out


def _adjustment(a: Adjustment) -> dict:
    out = {"leg": a.leg, "from": format_date(a.start), "to": format_date(a.end), "window": format_window(a.window)}
    _put(out, "reason", a.reason)
    return out
