"""Turn imported calendar spans into unavailability or overrides, and say what would change.

The plan is computed first and shown (entries added, entries already present, the shifts
whose member changes); applying it is a separate step, so a preview changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oncall.core.model import Override, Team, Unavailability
from oncall.core.schedule import compute_schedule
from oncall.core.shifts import Shift

from .ics_import import ImportedSpan

UNAVAILABLE, OVERRIDE = "unavailable", "override"


@dataclass(frozen=True)
class ShiftChange:
    before: Shift | None
    after: Shift | None


@dataclass(frozen=True)
class ImportPlan:
    member: str
    mode: str  # UNAVAILABLE | OVERRIDE
    added: tuple[Unavailability | Override, ...]
    already_present: int
    team_after: Team
    shift_changes: tuple[ShiftChange, ...]

    @property
    def changes_anything(self) -> bool:
        return bool(self.added)


def plan_import(team: Team, member: str, mode: str, spans: tuple[ImportedSpan, ...],
                start: datetime, end: datetime, replaces: str | None = None) -> ImportPlan:
    """What importing ``spans`` for ``member`` as ``mode`` would add and change in [start, end)."""
    if not team.has_member(member):
        raise ValueError(f"no member {member!r} in the team")
    if mode not in (UNAVAILABLE, OVERRIDE):
        raise ValueError(f"--as must be {UNAVAILABLE} or {OVERRIDE}, not {mode!r}")
    if replaces is not None and (mode != OVERRIDE or not team.has_member(replaces) or replaces == member):
        raise ValueError("--replaces needs --as override and another member of the team")
    zone = team.member_zone(member)
    if mode == UNAVAILABLE:
        existing = {(u.member, u.start, u.end) for u in team.unavailable}
        candidates = [Unavailability(member, s.start, s.end, s.summary, s.all_day, zone if s.all_day else None)
                      for s in spans]
    else:
        existing = {(o.member, o.start, o.end) for o in team.overrides}
        candidates = [Override(member, s.start, s.end, replaces, None, s.summary) for s in spans]
    added = tuple(c for c in candidates if (c.member, c.start, c.end) not in existing)
    if mode == UNAVAILABLE:
        after = team.evolve(unavailable=team.unavailable + added)
    else:
        after = team.evolve(overrides=team.overrides + added)
    changes = shift_changes(team, after, start, end) if added else ()
    return ImportPlan(member, mode, added, len(candidates) - len(added), after, changes)


def shift_changes(before: Team, after: Team, start: datetime, end: datetime) -> tuple[ShiftChange, ...]:
    """Shifts present in one schedule and not the other, paired by time where they match."""
    old = set(compute_schedule(before, start, end).shifts)
    new = set(compute_schedule(after, start, end).shifts)
    gone = sorted(old - new, key=Shift.sort_key)
    came = sorted(new - old, key=Shift.sort_key)
    by_span = {(s.start, s.end): s for s in came}
    out: list[ShiftChange] = []
    for s in gone:
        out.append(ShiftChange(s, by_span.pop((s.start, s.end), None)))
    out.extend(ShiftChange(None, s) for s in sorted(by_span.values(), key=Shift.sort_key))
    out.sort(key=lambda c: (c.before or c.after).start)
    return tuple(out)
