"""Helpers shared by the feed tests (tests/test_feeds_*.py)."""

from __future__ import annotations

import re
from datetime import datetime

from oncall.core.demo import demo_team, utc
from oncall.core.revisions import InMemoryRevisionStore
from oncall.export.ics import FeedOptions, FeedSet

NOW = utc(2026, 11, 26, 10)
EVENT = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)


class Stores:
    """One in-memory revision store per feed name, kept across regenerations."""

    def __init__(self) -> None:
        self.by_feed: dict[str, InMemoryRevisionStore] = {}

    def __call__(self, name: str) -> InMemoryRevisionStore:
        return self.by_feed.setdefault(name, InMemoryRevisionStore())


def render_all(team=None, now: datetime = NOW, stores: Stores | None = None, options: FeedOptions | None = None,
               notes=()):
    stores = stores if stores is not None else Stores()
    feeds = FeedSet.for_horizon(team or demo_team(), now, options, notes)
    return feeds, feeds.render_all(stores, now), stores


def events_by_uid(body: bytes) -> dict[str, bytes]:
    """UID -> the VEVENT's exact bytes."""
    out = {}
    for block in EVENT.findall(body):
        uid = re.search(rb"\r\nUID:(.*?)\r\n", block).group(1).decode()
        assert uid not in out, f"duplicate UID {uid}"
        out[uid] = block
    return out


def sequence(block: bytes) -> int:
    return int(re.search(rb"\r\nSEQUENCE:(\d+)\r\n", block).group(1))
