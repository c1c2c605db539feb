"""Feeds computed once per team change: a request costs a lookup, not a schedule.

The cache is keyed by the database's change counter (every committed edit, token change or
import moves it) and by the UTC day (the horizon rolls daily). The counter is polled at most
every ``poll_interval`` seconds, so a burst of requests costs one cheap query, and a revoked
token or an edited rota takes effect within that interval.
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

MAX_REMEMBERED_SECRETS = 10_000  # bounds memory when someone tries random tokens


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
        self._secrets: dict[str, TokenInfo | None] = {}
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
                self._secrets = {}

    # ------------------------------------------------------------------ tokens
    def token(self, secret: str) -> TokenInfo | None:
        """The token a secret belongs to. Remembered per change counter (any token edit moves
        it); keyed by the secret's SHA-256, so the map itself holds no secret."""
        self.refresh()
        key = hashlib.sha256(secret.encode("utf-8")).hexdigest()
        secrets = self._secrets
        if key in secrets:
            return secrets[key]
        info = self.source.lookup(secret)
        with self._lock:
            if len(self._secrets) >= MAX_REMEMBERED_SECRETS:
                self._secrets = {k: v for k, v in self._secrets.items() if v is not None}
            self._secrets[key] = info
        return info

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
