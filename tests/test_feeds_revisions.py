"""One revision namespace per team: an event's revision (and bytes) is the same in every feed.

The team feed's namespace (``team``) holds every event's revision and its own ``feed@`` entry;
every other feed keeps only its ``feed@`` entry (HTTP Last-Modified). Revision data written in
the older per-feed layout carries on from the team feed's namespace.
"""

from __future__ import annotations

import json
from datetime import timedelta

from feeds_support import NOW, Stores, events_by_uid, render_all, sequence
from oncall.core.demo import demo_team
from oncall.core.revisions import Revision
from oncall.export.ics import REVISION_FILE, FeedOptions, FeedSet, FeedSpec, export_ics
from oncall.export.ics_feeds import EVENTS, FEED_UID
from oncall.storage import open_database

ALARM = b"BEGIN:VALARM\r\n"


def _without_alarm(block: bytes) -> bytes:
    """A member feed's shift without its VALARMs: the bytes the team feed shows."""
    while ALARM in block:
        head, _, rest = block.partition(ALARM)
        block = head + rest.partition(b"END:VALARM\r\n")[2]
    return block


def test_every_feed_shows_an_event_with_the_team_feeds_bytes():
    for options in (FeedOptions(), FeedOptions(alarm_minutes=10)):
        _, docs, _ = render_all(options=options)
        team = events_by_uid(docs["team"].body)
        for name, doc in docs.items():
            for uid, block in events_by_uid(doc.body).items():
                assert _without_alarm(block) == team[uid], f"{uid} differs in {name}"


def test_events_share_one_namespace_and_other_feeds_keep_only_their_feed_entry():
    feeds, docs, stores = render_all()
    assert EVENTS == "team"
    assert set(stores.by_feed) == set(docs)
    assert set(stores.by_feed[EVENTS].revisions) == {e.uid for e in feeds.events} | {FEED_UID}
    for name, store in stores.by_feed.items():
        if name != EVENTS:
            assert set(store.revisions) == {FEED_UID}, name


def test_diverged_per_feed_revisions_give_way_to_the_team_feeds():
    """Old layout: a member feed rendered alone had moved its own SEQUENCE; now it shows the event's."""
    stores = Stores()
    _, first, _ = render_all(stores=stores)
    uid = next(iter(events_by_uid(first["member-alice"].body)))
    old = stores.by_feed[EVENTS].revisions[uid]
    stores("member-alice").revisions[uid] = Revision("stale", 7, old.last_modified)
    _, again, _ = render_all(stores=stores, now=NOW + timedelta(hours=1))
    assert again["team"].body == first["team"].body
    assert events_by_uid(again["member-alice"].body)[uid] == events_by_uid(first["team"].body)[uid]


def test_a_feed_rendered_alone_revises_only_its_events_and_the_rest_later():
    """The server renders feeds as they are requested, from one FeedSet."""
    stores = Stores()
    feeds = FeedSet.for_horizon(demo_team(), NOW)
    member = feeds.render(FeedSpec.parse("member-dan"), stores, NOW)
    assert set(stores.by_feed) == {EVENTS, "member-dan"}
    assert set(stores.by_feed[EVENTS].revisions) == {e.uid for e in feeds.select(FeedSpec.parse("member-dan"))}
    team = feeds.render(FeedSpec("team"), stores, NOW + timedelta(minutes=5))
    assert FEED_UID in stores.by_feed[EVENTS].revisions
    dan = events_by_uid(member.body)
    assert all(events_by_uid(team.body)[uid] == _without_alarm(block) for uid, block in dan.items())


def test_turning_reminders_on_bumps_every_shift_once_in_every_feed():
    stores = Stores()
    _, before, _ = render_all(stores=stores)
    _, after, _ = render_all(stores=stores, now=NOW + timedelta(hours=1), options=FeedOptions(alarm_minutes=15))
    old, new = events_by_uid(before["team"].body), events_by_uid(after["team"].body)
    for uid in old:
        bump = 1 if b"SUMMARY:On call: " in old[uid] else 0
        assert sequence(new[uid]) == sequence(old[uid]) + bump, uid
    assert ALARM not in after["team"].body and ALARM in after["member-bob"].body
    _, same, _ = render_all(stores=stores, now=NOW + timedelta(hours=2), options=FeedOptions(alarm_minutes=15))
    assert {k: d.body for k, d in same.items()} == {k: d.body for k, d in after.items()}


def test_revision_file_in_the_per_feed_layout_carries_on_and_is_rewritten(tmp_path):
    export_ics(demo_team(), tmp_path, NOW)
    path = tmp_path / REVISION_FILE
    data = json.loads(path.read_text())
    team_uids = data["feeds"]["team"]
    # Make it look like an older file: events had moved a few times, and every feed's
    # namespace held its own copy of its events.
    for entry in team_uids.values():
        entry[1] = 3
    alice = (tmp_path / "member-alice.ics").read_bytes()
    for uid in events_by_uid(alice):
        data["feeds"]["member-alice"][uid] = ["old", 9, "2026-01-01T00:00:00+00:00"]
    path.write_text(json.dumps(data))

    export_ics(demo_team(), tmp_path, NOW + timedelta(hours=1))
    for name in ("team.ics", "member-alice.ics", "site-lon.ics"):
        blocks = events_by_uid((tmp_path / name).read_bytes())
        assert blocks and all(sequence(b) == 3 for b in blocks.values()), name
    saved = json.loads(path.read_text())["feeds"]
    assert set(saved["member-alice"]) == {FEED_UID}, "the old per-feed event entries are dropped"
    assert len(saved["team"]) == len(team_uids)


def test_database_revisions_one_namespace_and_byte_identical_regeneration(tmp_path):
    db = open_database(str(tmp_path / "team.db"), demo_if_new=True)
    try:
        team = db.load_team()
        out = tmp_path / "feeds"
        first = export_ics(team, out, NOW, revisions=db.revisions)
        again = export_ics(team, out, NOW + timedelta(hours=3), revisions=db.revisions)
        assert len(first.written) == 10 and again.written == () and len(again.unchanged) == 10
        assert not (out / REVISION_FILE).exists()
        events = db.revisions(EVENTS).all()
        assert FEED_UID in events and len(events) > 2000
        assert set(db.revisions("member-alice").all()) == {FEED_UID}
        assert set(db.revisions("site-syd").all()) == {FEED_UID}
    finally:
        db.close()
