"""A RevisionStore (oncall.core.revisions) kept in the database, one namespace per name.

Feeds keep every event's revision under the team feed's name (an event has one SEQUENCE in
every feed it appears in) and a `feed@` entry per feed that dates the feed as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from oncall.core.revisions import Revision, next_revisions

from .schema import FeedRevisionRow

if TYPE_CHECKING:  # pragma: no cover
    from .database import Database


class DatabaseRevisionStore:
    """Derived data (not audited, does not move the change counter)."""

    def __init__(self, db: "Database", feed_name: str) -> None:
        self._db = db
        self.feed = feed_name

    def _previous(self, conn) -> dict[str, Revision]:
        t = FeedRevisionRow.__table__
        rows = conn.execute(select(t.c.uid, t.c.fingerprint, t.c.sequence, t.c.last_modified)
                            .where(t.c.feed == self.feed))
        return {r.uid: Revision(r.fingerprint, r.sequence, r.last_modified) for r in rows}

    def sync(self, fingerprints: Mapping[str, str], now: datetime) -> dict[str, Revision]:
        t = FeedRevisionRow.__table__
        with self._db.writing() as (conn, _session):
            previous = self._previous(conn)
            current = next_revisions(previous, fingerprints, now)
            new = [{"feed": self.feed, "uid": uid, "fingerprint": r.fingerprint, "sequence": r.sequence,
                    "last_modified": r.last_modified} for uid, r in current.items() if uid not in previous]
            changed = [(uid, r) for uid, r in current.items() if uid in previous and previous[uid] != r]
            if new:
                conn.execute(insert(t), new)
            for uid, r in changed:
                conn.execute(update(t).where(t.c.feed == self.feed, t.c.uid == uid)
                             .values(fingerprint=r.fingerprint, sequence=r.sequence,
                                     last_modified=r.last_modified))
        return current

    def all(self) -> dict[str, Revision]:
        with self._db.reading() as conn:
            return self._previous(conn)
