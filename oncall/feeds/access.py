"""Who fetched what, without the secret: the access log and per-token last access.

A token's last access is written to the database in batches (every ``flush_interval``
seconds and at shutdown), not per request: a write transaction per fetch would cap the server
at the database's commit rate.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from .source import FeedSource

log = logging.getLogger("oncall.feeds.access")


def log_request(client: str, method: str, route: str, status: int, size: int, millis: float,
                feed: str | None = None, token_id: int | None = None) -> None:
    """One line per request. ``route`` is a pattern (``/feeds/<token>.ics``), never the raw path."""
    extra = f" feed={feed} token=#{token_id}" if feed is not None else ""
    log.info("%s %s %s %d %dB %.1fms%s", client, method, route, status, size, millis, extra)


class AccessRecorder:
    def __init__(self, source: FeedSource, clock: Callable[[], datetime], *,
                 flush_interval: float = 30.0) -> None:
        self.source = source
        self._clock = clock
        self.flush_interval = flush_interval
        self._pending: dict[int, datetime] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def record(self, token_id: int) -> None:
        when = self._clock().replace(microsecond=0)
        with self._lock:
            self._pending[token_id] = max(when, self._pending.get(token_id, when))

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        for token_id, when in sorted(pending.items()):
            try:
                self.source.touch(token_id, when)
            except Exception:  # noqa: BLE001 - a failed bookkeeping write must not stop serving
                logging.getLogger("oncall.feeds").warning("could not record access of token #%d", token_id,
                                                          exc_info=True)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="oncall-feed-access", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.flush()

    def _run(self) -> None:
        while not self._stop.wait(self.flush_interval):
            self.flush()
