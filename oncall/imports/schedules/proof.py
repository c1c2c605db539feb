"""Proof of an import: the imported team's shifts against the tool's own rendering of who is on call.

An importer's word that it understood a schedule is worth little; the tool's own timeline
is the authority. Per person, the on-call time oncall computes and the time the tool shows
must be the same set of instants; every stretch where they differ is listed (who, when, in
the person's local time and in UTC), and the entries that match are counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from oncall.core.model import Team
from oncall.core.schedule import compute_schedule
from oncall.core.spans import merge

from .rotations import RenderedShift

TOLERANCE = timedelta(minutes=1)  # tools round to the minute; a shorter stretch is not a difference


@dataclass(frozen=True)
class Difference:
    member: str  # oncall member id (or the tool's user id when it is not a member)
    start: datetime
    end: datetime
    only_in: str  # "oncall" or the tool's name


@dataclass
class Proof:
    tool: str
    start: datetime
    end: datetime
    total: int = 0
    matched: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return not self.differences

    def as_json(self) -> dict:
        return {"tool": self.tool, "from": _z(self.start), "to": _z(self.end), "shifts": self.total,
                "matched": self.matched, "matches": self.matches,
                "differences": [{"member": d.member, "start": _z(d.start), "end": _z(d.end), "only_in": d.only_in}
                                for d in self.differences]}


def _z(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%MZ")


def prove(team: Team, rendered: list[RenderedShift], member_of: dict[str, str], tool: str, weeks: int) -> Proof:
    """Compare over the first ``weeks`` weeks the timeline covers."""
    first = min(s.start for s in rendered)
    last = max(s.end for s in rendered)
    end = min(last, first + timedelta(weeks=weeks))
    proof = Proof(tool, first, end)
    theirs: dict[str, list] = defaultdict(list)
    entries = []
    for shift in rendered:
        s, e = max(shift.start, first), min(shift.end, end)
        if s < e:
            who = member_of.get(shift.user, shift.user)
            theirs[who].append((s, e))
            entries.append((who, s, e))
    ours: dict[str, list] = defaultdict(list)
    for shift in compute_schedule(team, first, end).shifts:
        s, e = max(shift.start, first), min(shift.end, end)
        if s < e:
            ours[shift.member].append((s, e))
    merged_ours = {m: merge(spans) for m, spans in ours.items()}
    merged_theirs = {m: merge(spans) for m, spans in theirs.items()}
    proof.total = len(entries)
    proof.matched = sum(_covered(merged_ours.get(who, []), s, e) for who, s, e in entries)
    for member in sorted(set(merged_ours) | set(merged_theirs)):
        a, b = merged_ours.get(member, []), merged_theirs.get(member, [])
        proof.differences += [Difference(member, s, e, tool) for s, e in _minus(b, a)]
        proof.differences += [Difference(member, s, e, "oncall") for s, e in _minus(a, b)]
    proof.differences.sort(key=lambda d: (d.start, d.member))
    return proof


def _covered(spans: list, start: datetime, end: datetime) -> bool:
    return not _minus([(start, end)], spans)


def _minus(spans: list, remove: list) -> list:
    """Parts of ``spans`` not in ``remove`` (both merged and sorted), longer than the tolerance."""
    out = []
    for s, e in spans:
        cursor = s
        for rs, re_ in remove:
            if re_ <= cursor or rs >= e:
                continue
            if rs > cursor:
                out.append((cursor, rs))
            cursor = max(cursor, re_)
        if cursor < e:
            out.append((cursor, e))
    return [(s, e) for s, e in out if e - s >= TOLERANCE]
