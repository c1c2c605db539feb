"""Feeds computed once per team change: a request costs a lookup, not a schedule.

The cache is keyed by the database's change counter (every committed edit, token change or
import moves it) and by the UTC day (the horizon rolls daily). The counter is polled at most
every ``poll_interval`` seconds, so a burst of requests costs one cheap query, and an edited
rota shows within that interval.

Tokens are not cached: every request looks its secret up (one query on a unique index), so a
token revoked or rotated by `oncall feeds` answers 404 from the very next request.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from oncall.core.timezones import UTC
from oncall.export.ics import FeedOptions, FeedSet, FeedSpec
from oncall.export.ics_feeds import check_spec

from .source import FeedSource, TokenInfo

@dataclass(frozen=True)
class ServedFeed:
    name: str
    body: bytes
    etag: str  # strong: quoted digest of the bytes
    last_modified: datetime  # whole seconds, UTC, never earlier than one served before


def strong_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def utc_now() -> datetime:
    return datetime.now(UTC)


class FeedCache:
    def __init__(self, source: FeedSource, options: FeedOptions | None = None, *,
                 poll_interval: float = 1.0, clock: Callable[[], datetime] = utc_now,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self.options = options or FeedOptions()
        self.poll_interval = poll_interval
        self._clock, self._monotonic = clock, monotonic
        self._lock = threading.RLock()
        self._state: tuple[int, date] | None = None
        self._polled_at = float("-inf")
        self._feedset: FeedSet | None = None
        self._feeds: dict[str, ServedFeed | None] = {}
        self._last_modified: dict[str, datetime] = {}  # survives regenerations: never backwards
        self.generations = 0  # how often the schedule was computed (tests, diagnostics)

    # ------------------------------------------------------------------ freshness
    def refresh(self) -> None:
        """Poll the change counter if the interval has passed; drop what it invalidates."""
        if self._monotonic() - self._polled_at < self.poll_interval:
            return
        with self._lock:
            if self._monotonic() - self._polled_at < self.poll_interval:
                return
            state = (self.source.change_counter(), self._clock().date())
            self._polled_at = self._monotonic()
            if state != self._state:
                self._state = state
                self._feedset = None
                self._feeds = {}

    # ------------------------------------------------------------------ tokens
    def token(self, secret: str) -> TokenInfo | None:
        """The active token a secret belongs to, read afresh on every request (revocation is
        immediate); None for an unknown, revoked or rotated-away secret."""
        return self.source.lookup(secret)

    # ------------------------------------------------------------------ feeds
    def feed(self, kind: str, target: str | None) -> ServedFeed | None:
        """The feed's current bytes, or None if it names a site or member that is gone."""
        self.refresh()
        try:
            spec = FeedSpec(kind, target)
        except ValueError:
            return None
        served = self._feeds.get(spec.name, False)
        if served is not False:
            return served
        with self._lock:
            served = self._feeds.get(spec.name, False)
            if served is False:
                served = self._feeds[spec.name] = self._render(spec)
            return served

    def _render(self, spec: FeedSpec) -> ServedFeed | None:
        now = self._clock()
        if self._feedset is None:
            notes = self.source.notes() if self.options.include_notes else ()
            self._feedset = FeedSet.for_horizon(self.source.load_team(), now, self.options, notes)
            self.generations += 1
        try:
            check_spec(self._feedset.team, spec)
        except ValueError:
            return None
        doc = self._feedset.render(spec, self.source.revisions, now)
        previous = self._last_modified.get(spec.name)
        modified = doc.last_modified.replace(microsecond=0)
        if previous is not None and modified < previous:
            modified = previous
        self._last_modified[spec.name] = modified
        return ServedFeed(spec.name, doc.body, strong_etag(doc.body), modified)
