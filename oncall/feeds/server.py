"""Run the feed app under waitress (a production WSGI server), on loopback unless told.

``FeedServer`` starts on a background thread and stops cleanly, so tests and the benchmark
can serve on an ephemeral port; ``serve_forever`` is what ``oncall serve`` runs.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from waitress import create_server, wasyncore

from oncall.export.ics import FeedOptions

from .access import AccessRecorder
from .app import FeedApp
from .cache import FeedCache, utc_now
from .source import FeedSource

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8642

# A feed request is a short GET: anything bigger is refused by waitress before the app runs.
LIMITS = {
    "max_request_header_size": 16 * 1024,
    "max_request_body_size": 1024,
    "expose_tracebacks": False,
    "ident": "oncall",
}
# Idle or half-open connections (a client that connects and sends nothing, or half a request)
# hold a slot but no thread. Waitress stops accepting at ``connection_limit`` and closes a
# channel idle for ``channel_timeout`` seconds at its next sweep (every ``cleanup_interval``):
# a generous limit and a short timeout mean a few hundred idle sockets cannot keep a real
# calendar client out for long. A determined flood is the reverse proxy's job (operations.md).
CHANNEL_TIMEOUT_S = 10  # a feed GET arrives in well under a second; calendar clients do not idle
CLEANUP_INTERVAL_S = 2
MAX_CONNECTIONS = 1000
FDS_KEPT_FREE = 64  # database, log files, the listening sockets


def default_connection_limit() -> int:
    """MAX_CONNECTIONS, or fewer if the process may not open that many files."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):  # Windows: no RLIMIT_NOFILE
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(16, min(MAX_CONNECTIONS, soft - FDS_KEPT_FREE))


@dataclass(frozen=True)
class ServerSettings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    threads: int = 4
    poll_interval: float = 1.0
    flush_interval: float = 30.0
    options: FeedOptions = FeedOptions()
    connection_limit: int | None = None  # None: default_connection_limit()
    channel_timeout: int = CHANNEL_TIMEOUT_S


class FeedServer:
    def __init__(self, source: FeedSource, settings: ServerSettings = ServerSettings()) -> None:
        self.settings = settings
        self.cache = FeedCache(source, settings.options, poll_interval=settings.poll_interval)
        self.access = AccessRecorder(source, utc_now, flush_interval=settings.flush_interval)
        self.app = FeedApp(self.cache, self.access)
        limit = settings.connection_limit or default_connection_limit()
        self._server = create_server(self.app, host=settings.host, port=settings.port,
                                     threads=settings.threads, ipv6=":" in settings.host,
                                     connection_limit=limit, channel_timeout=settings.channel_timeout,
                                     cleanup_interval=min(CLEANUP_INTERVAL_S, settings.channel_timeout),
                                     **LIMITS)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        return self._server.socket.getsockname()[1]

    @property
    def base_url(self) -> str:
        host = self.settings.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    def start(self) -> "FeedServer":
        """Serve on a background thread (tests, benchmark, the GUI)."""
        self.access.start()
        self._thread = threading.Thread(target=self._loop, name="oncall-feed-server", daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        # waitress's own run() cannot be stopped from another thread without racing its
        # select(); a short-timeout loop that checks a flag can.
        while not self._stopping.is_set():
            wasyncore.loop(timeout=0.2, map=self._server._map, use_poll=True, count=1)

    def serve_forever(self) -> None:
        self.access.start()
        try:
            self._server.run()
        finally:
            self.access.stop()

    def stop(self) -> None:
        """Stop accepting, finish the requests being served, close every connection."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        for channel in list(self._server._map.values()):
            if channel is not self._server:
                channel.close()
        self._server.close()
        self.access.stop()
        logging.getLogger("oncall.feeds").debug("feed server stopped")

    def __enter__(self) -> "FeedServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
