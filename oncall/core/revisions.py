"""When did a feed event last change? Revisions make regenerated feeds byte-stable.

A feed event's DTSTAMP, LAST-MODIFIED and SEQUENCE must not move unless the event changed,
or calendar clients see churn and ETags never hold. The exporter fingerprints each event's
content; a :class:`RevisionStore` remembers, per UID, the last fingerprint, how often it
changed (SEQUENCE) and when (LAST-MODIFIED). Storage keeps one in the database; a JSON file
beside exported feeds keeps one for team-file users; tests use the in-memory one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Revision:
    fingerprint: str
    sequence: int
    last_modified: datetime  # UTC


class RevisionStore(Protocol):
    def sync(self, fingerprints: Mapping[str, str], now: datetime) -> dict[str, Revision]:
        """Record the current fingerprints of a feed's events; return each UID's revision.

        A UID seen first gets sequence 0 and last_modified=now; a changed fingerprint bumps
        sequence and sets last_modified=now; an unchanged one keeps its revision.
        ``now`` never moves a last_modified backwards.
        """
        ...


def next_revisions(previous: Mapping[str, Revision], fingerprints: Mapping[str, str],
                   now: datetime) -> dict[str, Revision]:
    """The pure rule every store applies."""
    out: dict[str, Revision] = {}
    for uid, fp in fingerprints.items():
        old = previous.get(uid)
        if old is None:
            out[uid] = Revision(fp, 0, now)
        elif old.fingerprint == fp:
            out[uid] = old
        else:
            out[uid] = Revision(fp, old.sequence + 1, max(now, old.last_modified))
    return out


class InMemoryRevisionStore:
    def __init__(self) -> None:
        self.revisions: dict[str, Revision] = {}

    def sync(self, fingerprints: Mapping[str, str], now: datetime) -> dict[str, Revision]:
        current = next_revisions(self.revisions, fingerprints, now)
        self.revisions.update(current)
        return current
