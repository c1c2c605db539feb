"""Golden file: the demo team's team feed for the week of the demo override, byte for byte.

Regenerate after an intended change with ``ONCALL_UPDATE_GOLDEN=1 pytest tests/test_feeds_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

from feeds_support import Stores
from oncall.core.demo import demo_team, utc
from oncall.export.ics import FeedOptions, FeedSet, FeedSpec

GOLDEN = Path(__file__).parent / "golden"


def _render(name: str, options: FeedOptions = FeedOptions()) -> bytes:
    feeds = FeedSet(demo_team(), utc(2026, 12, 6), utc(2026, 12, 10), options)
    return feeds.render(FeedSpec.parse(name), Stores(), utc(2026, 11, 26, 10)).body


def _check(file: str, body: bytes) -> None:
    path = GOLDEN / file
    if os.environ.get("ONCALL_UPDATE_GOLDEN"):
        path.write_bytes(body)
    assert body == path.read_bytes(), f"{file} differs from the golden file"


def test_team_feed_matches_golden_file():
    _check("demo-team-2026-12-06.ics", _render("team"))


def test_member_feed_with_alarm_matches_golden_file():
    _check("demo-member-dan-2026-12-06.ics", _render("member-dan", FeedOptions(alarm_minutes=30)))


def test_member_feed_with_overlap_alarms_matches_golden_file():
    """Alice joins each overlap with the engineer before her: a VALARM at its start."""
    _check("demo-member-alice-2026-12-06.ics", _render("member-alice"))
