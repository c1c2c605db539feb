"""Generated feeds: valid in three parsers, right instants, stable UIDs, exact calendar bytes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import icalendar
import pytest
import vobject
from hypothesis import given, settings, strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar.parser import Contentline

from feeds_support import NOW, events_by_uid, render_all
from oncall.core.coverage import handoffs
from oncall.core.demo import demo_team, utc
from oncall.core.model import Override
from oncall.core.notes import HandoffNote
from oncall.core.revisions import Revision
from oncall.core.schedule import compute_schedule
from oncall.export.ics import FeedOptions, FeedSet, FeedSpec, horizon
from oncall.export.ics_events import FeedEvent
from oncall.core import timezones as tz
from oncall.export.ics_events import stamp
from oncall.export.ics_render import (
    RenderOptions, add_alarm, add_alarms, escape_text, event_component, fold, render_event, utc_value,
)
from oncall.export.ics_text import Wording, wall


@pytest.fixture(scope="module")
def demo_feeds():
    feeds, docs, _ = render_all()
    return feeds, docs


def test_every_feed_kind_is_written(demo_feeds):
    _, docs = demo_feeds
    team = demo_team()
    assert set(docs) == {"team"} | {f"site-{s.id}" for s in team.sites} | {f"member-{m.id}" for m in team.members}


@pytest.mark.parametrize("name", ["team", "site-lon", "member-alice", "member-erin"])
def test_feeds_parse_in_three_independent_parsers(demo_feeds, name):
    body = demo_feeds[1][name].body
    text = body.decode("utf-8")
    cal = icalendar.Calendar.from_ical(body)
    n = len(cal.walk("VEVENT"))
    assert n > 100
    vcal = vobject.readOne(text, validate=True)
    vcal.validate()
    assert len(vcal.vevent_list) == n
    stream = IcsCalendarStream.calendar_from_ics(text)
    assert len(stream.events) == n
    assert {e.uid for e in stream.events} == {str(e["UID"]) for e in cal.walk("VEVENT")}


def test_calendar_properties_are_exact_bytes(demo_feeds):
    body = demo_feeds[1]["member-alice"].body
    head = body.split(b"BEGIN:VEVENT")[0]
    assert head == (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//oncall//On-call feeds//EN\r\n"
                    b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
                    b"NAME:Payments SRE on call: Alice Chen\r\nX-WR-CALNAME:Payments SRE on call: Alice Chen\r\n"
                    b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n")
    assert body.endswith(b"END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_times_are_utc_never_floating_or_all_day_and_events_transparent(demo_feeds):
    body = demo_feeds[1]["team"].body
    stamps = re.findall(rb"\r\n(DTSTART|DTEND|DTSTAMP|LAST-MODIFIED)([;:][^\r]*)\r\n", body)
    assert stamps and all(re.fullmatch(rb":\d{8}T\d{6}Z", value) for _, value in stamps)
    cal = icalendar.Calendar.from_ical(body)
    for ev in cal.walk("VEVENT"):
        assert isinstance(ev["DTSTART"].dt, datetime) and ev["DTSTART"].dt.utcoffset() == timedelta(0)
        assert str(ev["TRANSP"]) == "TRANSPARENT"


def test_instants_equal_the_engines_shifts_and_handoffs(demo_feeds):
    feeds, docs = demo_feeds
    team = demo_team()
    start, end = horizon(NOW, FeedOptions())
    everything = compute_schedule(team, start - timedelta(days=2), end + timedelta(days=2)).shifts
    shifts = [s for s in everything if s.end > start and s.start < end]
    overlaps = handoffs(everything, start, end)
    cal = icalendar.Calendar.from_ical(docs["team"].body)
    got_shifts = sorted((e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"])) for e in cal.walk("VEVENT")
                        if str(e["SUMMARY"]).startswith("On call: "))
    want = sorted((s.start, s.end, f"On call: {team.member(s.member).name} ({team.site(s.site).name})") for s in shifts)
    assert got_shifts == want
    got_handoffs = sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in cal.walk("VEVENT")
                          if str(e["SUMMARY"]).startswith("Handoff: "))
    assert got_handoffs == sorted((h.start, h.end) for h in overlaps)
    alice = icalendar.Calendar.from_ical(docs["member-alice"].body)
    alice_shifts = sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in alice.walk("VEVENT")
                          if str(e["SUMMARY"]).startswith("On call: "))
    assert alice_shifts == sorted((s.start, s.end) for s in shifts if s.member == "alice")
    alice_handoffs = [e for e in alice.walk("VEVENT") if str(e["SUMMARY"]).startswith("Handoff: ")]
    assert len(alice_handoffs) == sum(1 for h in overlaps if "alice" in (h.from_member, h.to_member))


def test_no_duplicate_uids_even_when_an_override_splits_a_slot():
    team = demo_team()
    # Carol's London slot of 10 Dec (07:00-16:30 GMT) split by a three-hour override in the middle.
    team = team.evolve(overrides=team.overrides + (Override("dan", utc(2026, 12, 10, 10), utc(2026, 12, 10, 13), "carol"),))
    _, docs, _ = render_all(team)
    for doc in docs.values():
        events_by_uid(doc.body)  # asserts uniqueness
    uids = events_by_uid(docs["site-lon"].body)
    pieces = sorted(u for u in uids if u.startswith("lon-20261210T0700Z"))
    assert pieces == ["lon-20261210T0700Z-2@payments-sre.oncall", "lon-20261210T0700Z-3@payments-sre.oncall",
                      "lon-20261210T0700Z@payments-sre.oncall"]


def test_summaries_and_description_say_local_time_utc_leg_and_source(demo_feeds):
    cal = icalendar.Calendar.from_ical(demo_feeds[1]["site-lon"].body)
    by_summary = {}
    for ev in cal.walk("VEVENT"):
        by_summary.setdefault(str(ev["SUMMARY"]), []).append(ev)
    assert "On call: Carol Smith (London)" in by_summary
    assert "Handoff: Alice Chen -> Carol Smith" in by_summary or "Handoff: Bob Nguyen -> Carol Smith" in by_summary
    dan_cover = [e for e in by_summary["On call: Dan Okafor (London)"] if "override for Carol Smith" in str(e["DESCRIPTION"])]
    assert dan_cover, "the demo override shows its source"
    text = str(dan_cover[0]["DESCRIPTION"])
    assert "Dan Okafor, London (Europe/London): Mon 7 Dec 2026 07:00 GMT" in text
    assert "UTC: Mon 7 Dec 2026 07:00 UTC to Mon 7 Dec 2026 16:30 UTC" in text
    assert "Leg: lon (London)" in text
    handoff = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Handoff: ") and "-> Erin" in str(e["SUMMARY"]))
    desc = str(handoff["DESCRIPTION"])
    assert "min overlap" in desc and "(America/Los_Angeles)" in desc and "(Europe/London)" in desc and "UTC: " in desc


def test_alarm_only_in_member_feeds_and_only_on_shifts():
    _, docs, _ = render_all(options=FeedOptions(alarm_minutes=15, overlap_alarms=False))
    member = icalendar.Calendar.from_ical(docs["member-bob"].body)
    for ev in member.walk("VEVENT"):
        alarms = ev.walk("VALARM")
        if str(ev["SUMMARY"]).startswith("On call: "):
            assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt == timedelta(minutes=-15)
        else:
            assert alarms == []
    assert b"BEGIN:VALARM" not in docs["team"].body


def test_handoff_notes_only_when_enabled():
    team = demo_team()
    feeds = FeedSet.for_horizon(team, NOW)
    h = next(e for e in feeds.events if e.kind == "handoff")
    shift_out = next(s for s in feeds.shifts if s.end == h.end and s.member == h.members[0])
    note = HandoffNote(h.members[0], h.members[1], shift_out.end, summary="DB failover pending; watch p99")
    _, hidden, _ = render_all(notes=[note])
    _, shown, _ = render_all(options=FeedOptions(include_notes=True), notes=[note])
    assert b"DB failover" not in hidden["team"].body
    assert b"DB failover pending" in shown["team"].body


def test_feed_spec_names_round_trip():
    for spec in (FeedSpec("team"), FeedSpec("site", "syd"), FeedSpec("member", "a-b")):
        assert FeedSpec.parse(spec.name) == spec
    with pytest.raises(ValueError):
        FeedSpec.parse("members-x")


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=300)


@settings(max_examples=150, deadline=None)
@given(summary=texts, description=texts, seq=st.integers(0, 10_000), alarm=st.one_of(st.none(), st.integers(0, 600)),
       joins=st.lists(st.tuples(st.integers(0, 600), texts), max_size=3))
def test_fast_event_renderer_equals_icalendar_object_model(summary, description, seq, alarm, joins):
    start = utc(2026, 12, 7, 21, 0)
    event = FeedEvent("syd-20261207T2100Z@t.oncall", "shift", start, start + timedelta(hours=9, minutes=30),
                      summary, description, ("alice",), ("syd",),
                      tuple((timedelta(minutes=m), text) for m, text in joins))
    revision = Revision("f", seq, utc(2026, 11, 26, 10, 11))
    options = RenderOptions(alarm, overlap_alarms=bool(joins))
    assert render_event(event, revision, options) == event_component(event, revision, options).to_ical().decode("utf-8")
    plain = render_event(event, revision, RenderOptions()).encode("utf-8")
    # feeds add the VALARMs to the plain rendering instead of rendering twice
    assert add_alarms(plain, event, options) == render_event(event, revision, options).encode("utf-8")
    if alarm is not None:
        assert add_alarm(plain, event, alarm) == render_event(event, revision, RenderOptions(alarm)).encode("utf-8")


special = st.lists(st.sampled_from(["\\", "\\N", "\\n", ";", ",", "\r", "\n", "\r\n", "a", " ", "é", ":"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(special)
def test_text_escaping_equals_icalendar(value):
    from icalendar.prop import vText

    assert escape_text(value) == vText(value).to_ical().decode("utf-8")


zones = st.sampled_from(["UTC", "Australia/Sydney", "Europe/London", "America/Los_Angeles", "Asia/Kathmandu",
                         "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham", "Africa/Casablanca",
                         "Asia/Tehran", "America/Sao_Paulo", "Antarctica/Troll"])
instants = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.replace(tzinfo=tz.UTC))


@settings(max_examples=400, deadline=None)
@given(zone=zones, instant=instants)
def test_wording_wall_clock_text_equals_the_plain_conversion(zone, instant):
    assert Wording(demo_team()).wall(instant, zone) == wall(instant, zone)


def test_wording_wall_clock_text_at_every_transition_of_a_century():
    words = Wording(demo_team())
    for zone in ("Australia/Sydney", "Europe/London", "America/Los_Angeles", "Australia/Lord_Howe", "Pacific/Chatham"):
        for at, _, _ in tz.transitions(zone, utc(1950, 1, 1), utc(2050, 1, 1)):
            for delta in (timedelta(seconds=-1), timedelta(0), timedelta(seconds=1), timedelta(minutes=59)):
                assert words.wall(at + delta, zone) == wall(at + delta, zone)


def test_uid_stamp_equals_strftime():
    for instant in (utc(2026, 12, 7, 21), utc(1999, 1, 2, 3, 4), utc(2100, 12, 31, 23, 59), datetime(999, 5, 6, 7, 8, tzinfo=tz.UTC)):
        assert stamp(instant) == instant.strftime("%Y%m%dT%H%MZ")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=400))
def test_fold_equals_icalendar_folding(line):
    assert fold(line) == Contentline(line).to_ical().decode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\\", "^", ";", "é", "€", "😀", "漢", "\u0301", "\\n"]), max_size=300).map("".join))
def test_fold_of_non_ascii_lines_equals_icalendar_folding(line):
    """Octets, not characters, count: a name like "José" must not move a fold."""
    assert fold(line) == Contentline(line).to_ical().decode("utf-8")


def test_utc_value_equals_icalendar_datetime_encoding():
    from icalendar.prop import vDatetime

    for instant in (utc(2026, 1, 1), utc(2026, 12, 31, 23, 59), datetime(2027, 3, 4, 5, 6, 7, tzinfo=utc(2026, 1, 1).tzinfo)):
        assert utc_value(instant) == vDatetime(instant).to_ical().decode()
