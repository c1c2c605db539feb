"""Where the feed server gets the team, tokens and revisions: a small protocol and the
database implementation of it.

The server only needs these few calls, so tests and other back ends can provide them without
a database. ``DatabaseFeedSource`` serialises calls to one :class:`oncall.storage.Database`
(the storage layer is thread-compatible, not thread-safe; the server is multi-threaded).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import Revision, RevisionStore


@dataclass(frozen=True)
class TokenInfo:
    """What a valid secret unlocks: one feed (``kind``/``target``) and the token's id."""

    id: int
    kind: str
    target: str | None
    label: str | None = None


class FeedSource(Protocol):
    def change_counter(self) -> int: ...

    def load_team(self) -> Team: ...

    def notes(self) -> list[HandoffNote]: ...

    def revisions(self, feed_name: str) -> RevisionStore:
        """The revisions kept under a name: ``team`` holds every event's (and the team
        feed's ``feed@``), any other feed name only that feed's ``feed@`` entry."""
        ...

    def lookup(self, secret: str) -> TokenInfo | None:
        """The active token for ``secret`` (constant-time comparison), else None."""
        ...

    def touch(self, token_id: int, when: datetime) -> None:
        """Record the last access of a token (never moves backwards)."""
        ...


class _LockedRevisions:
    def __init__(self, store: RevisionStore, lock: threading.RLock) -> None:
        self._store, self._lock = store, lock

    def sync(self, fingerprints: Mapping[str, str], now: datetime) -> dict[str, Revision]:
        with self._lock:
            return self._store.sync(fingerprints, now)


class DatabaseFeedSource:
    """A FeedSource over an open ``oncall.storage.Database`` (one lock for every call)."""

    def __init__(self, db) -> None:
        self.db = db
        self._lock = threading.RLock()

    def change_counter(self) -> int:
        with self._lock:
            return self.db.change_counter()

    def load_team(self) -> Team:
        with self._lock:
            return self.db.load_team()

    def notes(self) -> list[HandoffNote]:
        with self._lock:
            return self.db.notes.list()

    def revisions(self, feed_name: str) -> RevisionStore:
        with self._lock:
            return _LockedRevisions(self.db.revisions(feed_name), self._lock)

    def lookup(self, secret: str) -> TokenInfo | None:
        with self._lock:
            found = self.db.feed_tokens.active(secret)  # one index probe per request
        return None if found is None else TokenInfo(*found)

    def touch(self, token_id: int, when: datetime) -> None:
        with self._lock:
            self.db.feed_tokens.touch(token_id, when)
