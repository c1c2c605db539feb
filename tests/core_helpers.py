"""Small builders for core tests: a team file in a few lines, UTC instants."""

from __future__ import annotations

from datetime import datetime

from oncall.core.model import Team
from oncall.core.teamfile import parse_team
from oncall.core.timezones import UTC


def z(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=UTC)


def team_from(sites: list[tuple[str, str]], legs: list[str], *, overlap: str = "0m",
              members: dict[str, str] | None = None, extra: str = "") -> Team:
    """sites: (id, zone); members: id -> site (default: m1/m2 per site); legs: raw [[leg]] bodies."""
    parts = ["version = 1", "[team]", 'name = "T"', f'handoff_overlap = "{overlap}"']
    for sid, zone in sites:
        parts += ["[[site]]", f'id = "{sid}"', f'timezone = "{zone}"']
    if members is None:
        members = {f"{sid}{k}": sid for sid, _ in sites for k in (1, 2)}
    for mid, sid in members.items():
        parts += ["[[member]]", f'id = "{mid}"', f'site = "{sid}"']
    for body in legs:
        parts += ["[[leg]]", body]
    parts.append(extra)
    return parse_team("\n".join(parts), "test.toml").team
