"""The team as rules: frozen values that describe who covers what, in local wall-clock time.

These are the truth a team file, a database or the GUI edits. Shifts are never stored: they
are computed from these rules by :mod:`oncall.core.schedule`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum

from .span_ids import OVERRIDE_PREFIX, TIME_OFF_PREFIX, with_ids

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAYS = frozenset(range(7))
WORKDAYS = frozenset(range(5))
ID_PATTERN = re.compile(r"\A[a-z0-9_-]+\Z")  # \Z, not $: "alice\n" is no id


@dataclass(frozen=True, order=True)
class LocalWindow:
    """A span of local wall-clock time, as minutes past midnight.

    ``end <= start`` means the window crosses midnight and ends the next day (``22:00-06:00``);
    ``end == 1440`` is ``24:00``. A window whose end equals its start lasts a whole day.
    """

    start: int
    end: int

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def nominal_minutes(self) -> int:
        """Length on a day without a clock change."""
        return self.end - self.start if self.end > self.start else self.end + 1440 - self.start

    def __str__(self) -> str:
        return f"{format_hhmm(self.start)}-{format_hhmm(self.end)}"


def format_hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class CadenceKind(str, Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    EVERY_N_DAYS = "ndays"


@dataclass(frozen=True)
class Cadence:
    kind: CadenceKind
    days: int = 1  # N for EVERY_N_DAYS; 1 for daily, 7 for weekly (informational)

    def __str__(self) -> str:
        if self.kind is CadenceKind.EVERY_N_DAYS:
            return f"{self.days}d"
        return self.kind.value

    @staticmethod
    def daily() -> "Cadence":
        return Cadence(CadenceKind.DAILY, 1)

    @staticmethod
    def weekly() -> "Cadence":
        return Cadence(CadenceKind.WEEKLY, 7)

    @staticmethod
    def every(n: int) -> "Cadence":
        return Cadence(CadenceKind.EVERY_N_DAYS, n)


DEFAULT_WORKING_HOURS = LocalWindow(9 * 60, 17 * 60)


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    timezone: str
    holidays: str | None = None  # "AU-NSW", "GB-ENG", "US-CA", "DE"
    working_hours: LocalWindow = DEFAULT_WORKING_HOURS
    workdays: frozenset[int] = WORKDAYS


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    site: str
    email: str | None = None
    alarms: bool = True  # a reminder to join each overlap where this member is incoming


@dataclass(frozen=True)
class Leg:
    """One site's part of the follow-the-sun day.

    ``id`` is not in the team-file contract's example; files may set it, and otherwise it is
    the site id for a site's first leg and ``<site>-2``, ``<site>-3``... for later ones, so
    adding a leg never renames the earlier ones (feed UIDs derive from it).
    """

    id: str
    site: str
    window: LocalWindow
    rotation: tuple[str, ...]
    cadence: Cadence
    start: date
    days: frozenset[int] = ALL_DAYS
    handoff_day: int | None = None  # weekly only; None = the weekday of ``start``
    end: date | None = None  # exclusive

    @property
    def effective_handoff_day(self) -> int:
        return self.start.weekday() if self.handoff_day is None else self.handoff_day


@dataclass(frozen=True)
class Override:
    """``member`` covers [start, end): instead of ``replaces`` if set, else on top of the rota.

    Instants are UTC. ``timezone`` is the zone the times were written in (None: the covering
    member's site), kept so the team file round-trips in the author's wall-clock time.
    """

    member: str
    start: datetime
    end: datetime
    replaces: str | None = None
    timezone: str | None = None
    note: str | None = None
    id: str | None = None  # stable identity (team file `id`); edits and rebases address it


@dataclass(frozen=True)
class Unavailability:
    """Time off for ``member`` in [start, end) (UTC). ``all_day``: written as local dates."""

    member: str
    start: datetime
    end: datetime
    reason: str | None = None
    all_day: bool = False
    timezone: str | None = None
    id: str | None = None  # stable identity (team file `id`); edits and rebases address it


@dataclass(frozen=True)
class Adjustment:
    """A leg's window replaced for occurrences whose site-local start day is in [start, end).

    The drift fixer proposes these so overlaps survive the weeks when sites' clocks disagree.
    """

    leg: str
    start: date  # team file `from`, inclusive
    end: date  # team file `to`, exclusive
    window: LocalWindow
    reason: str | None = None


@dataclass(frozen=True)
class Team:
    name: str
    handoff_overlap: timedelta = timedelta(0)
    sites: tuple[Site, ...] = ()
    members: tuple[Member, ...] = ()
    legs: tuple[Leg, ...] = ()
    overrides: tuple[Override, ...] = ()
    unavailable: tuple[Unavailability, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    _index: dict = field(init=False, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        # Every override and time-off entry has a stable id (see core/span_ids.py).
        object.__setattr__(self, "overrides", with_ids(self.overrides, OVERRIDE_PREFIX))
        object.__setattr__(self, "unavailable", with_ids(self.unavailable, TIME_OFF_PREFIX))
        index = {
            "sites": {s.id: s for s in self.sites},
            "members": {m.id: m for m in self.members},
            "legs": {leg.id: leg for leg in self.legs},
        }
        object.__setattr__(self, "_index", index)

    def site(self, site_id: str) -> Site:
        return self._index["sites"][site_id]

    def member(self, member_id: str) -> Member:
        return self._index["members"][member_id]

    def leg(self, leg_id: str) -> Leg:
        return self._index["legs"][leg_id]

    def has_site(self, site_id: str) -> bool:
        return site_id in self._index["sites"]

    def has_member(self, member_id: str) -> bool:
        return member_id in self._index["members"]

    def override_index(self, override_id: str) -> int | None:
        """The position of the override with that id, or None."""
        return next((n for n, o in enumerate(self.overrides) if o.id == override_id), None)

    def time_off_index(self, entry_id: str) -> int | None:
        """The position of the time-off entry with that id, or None."""
        return next((n for n, u in enumerate(self.unavailable) if u.id == entry_id), None)

    def member_site(self, member_id: str) -> Site:
        return self.site(self.member(member_id).site)

    def member_zone(self, member_id: str) -> str:
        return self.member_site(member_id).timezone

    def evolve(self, **changes) -> "Team":
        """A copy with some fields replaced (the index is rebuilt)."""
        return replace(self, **changes)


def next_leg_id(site_id: str, existing: set[str]) -> str:
    """The default id for a new leg of ``site_id`` given the leg ids already taken."""
    if site_id not in existing:
        return site_id
    n = 2
    while f"{site_id}-{n}" in existing:
        n += 1
    return f"{site_id}-{n}"
