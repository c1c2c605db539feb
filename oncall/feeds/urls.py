"""Subscription URLs: the same feed as ``https://`` (or ``http://``) and ``webcal://``.

``webcal://`` makes a click open the calendar app's subscribe dialog; the https form is what
Google Calendar's "From URL" box wants. Both name the same resource.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class FeedUrls:
    https: str  # http:// when the server is plain HTTP (loopback, behind a proxy)
    webcal: str


def check_base_url(base_url: str) -> str:
    """``https://cal.example.com/oncall`` without a trailing slash; ValueError if unusable."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) base URL: {base_url!r} (e.g. https://cal.example.com)")
    if parts.query or parts.fragment:
        raise ValueError(f"a base URL has no query or fragment: {base_url!r}")
    return base_url.strip().rstrip("/")


def feed_urls(base_url: str, path: str) -> FeedUrls:
    """The two forms of ``<base_url>/<path>``."""
    base = check_base_url(base_url)
    url = f"{base}/{path.lstrip('/')}"
    return FeedUrls(url, "webcal://" + url.split("://", 1)[1])


def server_feed_urls(base_url: str, secret: str) -> FeedUrls:
    """Where ``oncall serve`` answers for a token."""
    return feed_urls(base_url, f"feeds/{secret}.ics")
