"""What every on-call tool's schedule reduces to, before it becomes oncall's team.

PagerDuty layers, Opsgenie rotations and Grafana OnCall rolling shifts all say the same
thing in different words: in a time zone, users take turns of a fixed length counted from
an anchor, and within each turn they are on call only inside some local windows
(restrictions). The tool modules translate their JSON into these values; ``to_team``
translates these values into sites, members and legs, once, for all three tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ToolUser:
    id: str
    name: str
    email: str | None = None


@dataclass(frozen=True)
class Restriction:
    """On call from ``start`` (minutes after local midnight) for ``minutes``.

    ``weekday`` (0 = Monday) for a restriction that starts on one weekday; None: every day.
    A weekly restriction may last several days (PagerDuty allows up to a week).
    """

    weekday: int | None
    start: int
    minutes: int


@dataclass(frozen=True)
class ToolRotation:
    """Users take turns of ``turn_seconds`` of local wall-clock time counted from ``anchor``.

    Turn k belongs to ``users[k mod len(users)]``. Within a turn the user is on call inside
    the ``restrictions`` windows, or all the time when there are none. ``start``/``end``
    (naive local) bound the rotation.
    """

    name: str
    path: str  # where it stands in the source document, for the import report
    zone: str
    users: tuple[str, ...]
    turn_seconds: int
    anchor: datetime
    start: datetime
    end: datetime | None = None
    restrictions: tuple[Restriction, ...] = ()
    notes: tuple[str, ...] = field(default=())  # approximations the tool module already made
    level: int = 0  # where layers hide each other (PagerDuty, Grafana), the higher level wins


@dataclass(frozen=True)
class RenderedShift:
    """One entry of a tool's own timeline: who it says is on call, from when to when (UTC)."""

    user: str
    start: datetime
    end: datetime


def display_name(username: str | None) -> str | None:
    """``kai.nakamura@example.com`` -> ``Kai Nakamura``: Opsgenie and Grafana name people by login."""
    if not username:
        return None
    local = username.split("@")[0]
    return " ".join(part.capitalize() for part in local.replace("_", ".").replace("-", ".").split(".") if part)
