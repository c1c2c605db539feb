"""The WSGI application that serves ``/feeds/<token>.ics``.

HTTP rules, in the order a calendar client meets them:

* only GET and HEAD (anything else: 405 with ``Allow``), on any path;
* a path that is not ``/feeds/<token>.ics``, an unknown or revoked token, or a feed whose
  member/site is gone: the same 404, so a probe learns nothing;
* ``If-None-Match`` is checked first (weak comparison of every listed tag with the current
  strong ETag, or ``*``); only without it is ``If-Modified-Since`` used;
* the access log names the route and the token's number, never the secret.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from oncall.core.timezones import UTC

from .access import AccessRecorder, log_request
from .cache import FeedCache, ServedFeed

FEED_ROUTE = "/feeds/<token>.ics"
_FEED_PATH = re.compile(r"/feeds/([A-Za-z0-9_-]{16,128})\.ics")
MAX_PATH = 512
CONTENT_TYPE = "text/calendar; charset=utf-8"
_COMMON = [
    ("Cache-Control", "private, no-cache"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
]

StartResponse = Callable[..., object]
log = logging.getLogger("oncall.feeds")


class FeedApp:
    def __init__(self, cache: FeedCache, access: AccessRecorder | None = None) -> None:
        self.cache = cache
        self.access = access

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        began = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "GET")
        feed_name, token_id = None, None
        try:
            status, headers, body, feed_name, token_id = self._handle(environ, method)
        except Exception:  # noqa: BLE001 - never let a path (with a secret) reach a traceback
            log.exception("feed request failed (%s %s)", method, FEED_ROUTE)
            status, headers, body = _plain(503, "Service Unavailable", "The feed is unavailable; try again later.\n")
        if method == "HEAD":
            payload = b""
        else:
            payload = body
        start_response(status, headers)
        route = FEED_ROUTE if feed_name is not None else "<other>"
        log_request(environ.get("REMOTE_ADDR", "-"), method[:16], route, int(status[:3]), len(payload),
                    (time.perf_counter() - began) * 1000, feed_name, token_id)
        return [payload]

    def _handle(self, environ: dict, method: str):
        if method not in ("GET", "HEAD"):
            status, headers, body = _plain(405, "Method Not Allowed", "Only GET and HEAD.\n")
            return status, headers + [("Allow", "GET, HEAD")], body, None, None
        path = environ.get("PATH_INFO", "")
        match = _FEED_PATH.fullmatch(path) if len(path) <= MAX_PATH else None
        if match is None or environ.get("QUERY_STRING"):
            return (*_not_found(), None, None)
        token = self.cache.token(match.group(1))
        if token is None:
            return (*_not_found(), None, None)
        feed = self.cache.feed(token.kind, token.target)
        if feed is None:
            return (*_not_found(), None, token.id)
        if self.access is not None:
            self.access.record(token.id)
        return (*_respond(feed, environ), feed.name, token.id)


def _plain(code: int, reason: str, text: str) -> tuple[str, list[tuple[str, str]], bytes]:
    body = text.encode("utf-8")
    return (f"{code} {reason}", [("Content-Type", "text/plain; charset=utf-8"),
                                 ("Content-Length", str(len(body)))] + _COMMON, body)


def _not_found():
    return _plain(404, "Not Found", "Not found.\n")


def _respond(feed: ServedFeed, environ: dict):
    headers = [("ETag", feed.etag), ("Last-Modified", http_date(feed.last_modified))] + _COMMON
    if _not_modified(feed, environ):
        return "304 Not Modified", headers, b""
    headers = [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(feed.body))),
               ("Content-Disposition", f'inline; filename="{feed.name}.ics"')] + headers
    return "200 OK", headers, feed.body


def _not_modified(feed: ServedFeed, environ: dict) -> bool:
    inm = environ.get("HTTP_IF_NONE_MATCH")
    if inm is not None:
        return etag_matches(inm, feed.etag)
    ims = environ.get("HTTP_IF_MODIFIED_SINCE")
    if ims is None:
        return False
    since = parse_http_date(ims)
    return since is not None and feed.last_modified <= since


def etag_matches(header: str, etag: str) -> bool:
    """RFC 9110 If-None-Match: ``*`` or any listed tag equal under weak comparison."""
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    for candidate in header.split(","):
        if candidate.strip().removeprefix("W/") == wanted:
            return True
    return False


def http_date(instant: datetime) -> str:
    return format_datetime(instant.astimezone(UTC), usegmt=True)


def parse_http_date(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
