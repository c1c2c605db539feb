"""The data a handoff summary and the weekly sheet print: clocks, gaps, orphans, next handoffs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oncall.core.demo import demo_team, utc
from oncall.core.model import LocalWindow
from oncall.core.notes import HandoffNote
from oncall.export.handoff_clock import clock
from oncall.export.handoff_ref import HandoffRefError, format_ref, parse_ref
from oncall.export.handoff_sheet import WeekError, parse_iso_week, week_sheet
from oncall.export.handoff_summary import handoff_day

from core_helpers import team_from


def _by_ref(doc):
    return {s.ref: s for s in doc.handoffs}


def test_a_day_lists_its_handoffs_with_gaps_between_members_as_negative_overlap():
    doc = handoff_day(demo_team(), date(2026, 3, 9))
    assert [s.ref for s in doc.handoffs] == [
        "bob:dan@2026-03-09T06:30Z", "dan:frank@2026-03-09T16:30Z", "frank:bob@2026-03-09T22:30Z"]
    gap = _by_ref(doc)["bob:dan@2026-03-09T06:30Z"]
    assert (gap.minutes, gap.kind, gap.alert) == (-30, "gap", True)
    assert gap.minutes_text == "gap: nobody on call for 30 min"
    assert (gap.window_utc.day, gap.window_utc.times) == ("Mon 9 Mar 2026", "06:30–07:00 UTC")
    normal = _by_ref(doc)["dan:frank@2026-03-09T16:30Z"]
    assert (normal.minutes, normal.kind, normal.alert) == (150, "overlap", False)


def test_local_times_carry_weekday_offset_and_plus_one_day_across_the_date_line():
    s = _by_ref(handoff_day(demo_team(), date(2026, 3, 9)))["frank:bob@2026-03-09T22:30Z"]
    assert s.window_outgoing.text == "Mon 9 Mar 2026 14:00–15:30 PDT (UTC-07:00)"
    assert s.window_incoming.text == "Tue 10 Mar 2026 08:00–09:30 AEDT (UTC+11:00) +1 day"


def test_local_times_follow_each_zone_through_dst_changes():
    # Before the US springs forward (8 Mar) San Francisco is on PST; after it, PDT.
    before = _by_ref(handoff_day(demo_team(), date(2026, 3, 6)))
    after = _by_ref(handoff_day(demo_team(), date(2026, 3, 9)))
    sfo_before = next(s for s in before.values() if s.outgoing.member in ("erin", "frank"))
    sfo_after = next(s for s in after.values() if s.outgoing.member in ("erin", "frank"))
    assert sfo_before.window_outgoing.offset == "-08:00" and "PST" in sfo_before.window_outgoing.times
    assert sfo_after.window_outgoing.offset == "-07:00" and "PDT" in sfo_after.window_outgoing.times
    # Sydney falls back on 5 Apr 2026: AEDT (+11) becomes AEST (+10).
    april = handoff_day(demo_team(), date(2026, 4, 7))
    syd = next(s for s in april.handoffs if s.incoming.member in ("alice", "bob"))
    assert syd.window_incoming.offset == "+10:00" and "AEST" in syd.window_incoming.times


def test_a_span_across_a_clock_change_names_both_abbreviations():
    c = clock("Europe/London", utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30))
    assert c.times == "00:30 GMT – 02:30 BST"


def test_a_span_across_local_midnight_shows_the_next_weekday():
    c = clock("Australia/Sydney", utc(2026, 3, 9, 12, 30), utc(2026, 3, 9, 13, 30))
    assert c.times == "23:30 – Tue 00:30 AEDT"


def test_across_the_date_line_one_member_is_a_day_behind():
    team = team_from(
        [("akl", "Pacific/Auckland"), ("hnl", "Pacific/Honolulu")],
        ['site = "akl"\nwindow = "09:00-21:00"\nrotation = ["akl1"]\ncadence = "daily"\nstart = "2026-01-01"',
         'site = "hnl"\nwindow = "22:00-10:00"\nrotation = ["hnl1"]\ncadence = "daily"\nstart = "2026-01-01"'],
        overlap="30m")
    s = _by_ref(handoff_day(team, date(2026, 1, 6)))["akl1:hnl1@2026-01-06T08:30Z"]
    assert s.window_utc.day == "Tue 6 Jan 2026"
    assert s.window_outgoing.text == "Tue 6 Jan 2026 21:00–21:30 NZDT (UTC+13:00)"
    assert s.window_incoming.text == "Mon 5 Jan 2026 22:00–22:30 HST (UTC-10:00) -1 day"


def test_a_hard_handoff_is_flagged():
    team = team_from(
        [("lon", "Europe/London"), ("nyc", "America/New_York")],
        ['site = "lon"\nwindow = "08:00-13:00"\nrotation = ["lon1"]\ncadence = "daily"\nstart = "2026-01-01"',
         'site = "nyc"\nwindow = "08:00-20:00"\nrotation = ["nyc1"]\ncadence = "daily"\nstart = "2026-01-01"'])
    s = _by_ref(handoff_day(team, date(2026, 1, 6)))["lon1:nyc1@2026-01-06T13:00Z"]
    assert (s.minutes, s.kind, s.alert, s.minutes_text) == (0, "hard", True, "hard handoff: 0 min overlap")
    assert s.window_utc.is_instant


def test_next_handoff_of_each_member():
    s = _by_ref(handoff_day(demo_team(), date(2026, 3, 9)))["bob:dan@2026-03-09T06:30Z"]
    assert s.next_outgoing.text == ("Bob Nguyen next takes over from Frank Miller on Tue 10 Mar 2026 "
                                    "09:30 AEDT (22:30 UTC)")
    assert s.next_incoming.text == ("Dan Okafor next hands over to Frank Miller on Mon 9 Mar 2026 "
                                    "16:30 GMT (16:30 UTC)")


def test_notes_attach_to_their_handoff_and_unmatched_ones_are_orphans_with_where_they_were():
    here = HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30), summary="db-3 disk")
    gone = HandoffNote("alice", "carol", utc(2026, 3, 9, 5, 0), summary="old rota")
    elsewhere = HandoffNote("alice", "carol", utc(2026, 3, 20, 5, 0), summary="other day")
    doc = handoff_day(demo_team(), date(2026, 3, 9), notes=[here, gone, elsewhere])
    assert _by_ref(doc)["bob:dan@2026-03-09T06:30Z"].note == here
    assert [o.note for o in doc.orphans] == [gone]
    assert doc.orphans[0].text == ("Alice Chen → Carol Smith on Mon 9 Mar 2026 05:00 UTC; "
                                   "that handoff is no longer in the rota")
    assert doc.orphans[0].ref == "alice:carol@2026-03-09T05:00Z"


def test_a_rota_edit_that_moves_a_handoff_orphans_its_note_never_drops_it():
    team = demo_team()
    note = HandoffNote("dan", "frank", utc(2026, 3, 9, 16, 30), summary="watch the queue")
    lon = team.leg("lon")
    moved = team.evolve(legs=tuple(replace(lg, window=LocalWindow(7 * 60, 15 * 60)) if lg is lon else lg
                                   for lg in team.legs))
    before, after = handoff_day(team, date(2026, 3, 9), notes=[note]), handoff_day(moved, date(2026, 3, 9), notes=[note])
    assert _by_ref(before)["dan:frank@2026-03-09T16:30Z"].note == note and not before.orphans
    assert "dan:frank@2026-03-09T16:30Z" not in _by_ref(after)
    assert [o.note for o in after.orphans] == [note]


def test_a_member_filter_keeps_their_handoffs_and_orphans_only():
    notes = [HandoffNote("alice", "carol", utc(2026, 3, 9, 5, 0)), HandoffNote("x", "y", utc(2026, 3, 9, 1, 0))]
    doc = handoff_day(demo_team(), date(2026, 3, 9), notes=notes, member="frank")
    assert [s.ref for s in doc.handoffs] == ["dan:frank@2026-03-09T16:30Z", "frank:bob@2026-03-09T22:30Z"]
    assert doc.orphans == ()
    assert doc.title == "Payments SRE: handoffs for Frank Miller on Mon 9 Mar 2026 (UTC)"


def test_a_day_in_another_zone_is_that_zones_midnight_to_midnight():
    doc = handoff_day(demo_team(), date(2026, 3, 10), "Australia/Sydney")
    assert doc.start == utc(2026, 3, 9, 13) and doc.end == utc(2026, 3, 10, 13)
    assert [s.ref for s in doc.handoffs] == [
        "dan:frank@2026-03-09T16:30Z", "frank:bob@2026-03-09T22:30Z", "bob:dan@2026-03-10T06:30Z"]


def test_a_note_for_an_unknown_member_prints_their_id():
    doc = handoff_day(demo_team(), date(2026, 3, 9), notes=[HandoffNote("zoe", "carol", utc(2026, 3, 9, 3))])
    assert doc.orphans[0].outgoing.name == "zoe"


def test_week_sheet_groups_by_local_day_with_gaps_and_dst_warnings():
    sheet = week_sheet(demo_team(), parse_iso_week("2026-W11"), "Australia/Sydney")
    assert sheet.week == "2026-W11" and sheet.start == utc(2026, 3, 8, 13)
    assert [d.day for d in sheet.days] == [date(2026, 3, 9 + k) for k in range(7)]
    assert sheet.handoff_count == 21
    for day in sheet.days:
        assert all(r.local.start.date() == day.day for r in day.rows)
        assert len(day.rows) == 3
    first = sheet.days[0].rows[0]
    assert (first.local.time_of_day, first.utc_time) == ("03:30", "16:30 Sun")
    assert len(sheet.gaps) == 7 and all(g.minutes == 30 for g in sheet.gaps)
    assert sheet.gaps[0].between == "Bob Nguyen → Dan Okafor"
    assert any(w.kind == "dst_drift" for w in sheet.warnings)


def test_week_sheet_note_status():
    note = HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30), acknowledged_at=utc(2026, 3, 9, 6, 40))
    sheet = week_sheet(demo_team(), parse_iso_week("2026-W11"), "UTC", [note])
    assert sheet.days[0].rows[0].note_status == "0/4 ticked, acknowledged"
    assert sheet.days[0].rows[1].note_status == "no note"


@pytest.mark.parametrize("text", ["2026-W1x", "2026-11", "W11", "2026-W54"])
def test_bad_iso_weeks_are_refused(text):
    with pytest.raises(WeekError):
        parse_iso_week(text)


def test_handoff_refs_round_trip_and_bad_ones_say_the_format():
    assert parse_ref("bob:dan@2026-03-09T06:30Z") == ("bob", "dan", utc(2026, 3, 9, 6, 30))
    assert parse_ref(" bob:dan@2026-03-09T06:30:00+00:00 ") == ("bob", "dan", utc(2026, 3, 9, 6, 30))
    assert format_ref("bob", "dan", utc(2026, 3, 9, 6, 30)) == "bob:dan@2026-03-09T06:30Z"
    with pytest.raises(HandoffRefError, match="OUTGOING:INCOMING@"):
        parse_ref("bob->dan")
    with pytest.raises(HandoffRefError, match="UTC"):
        parse_ref("bob:dan@2026-03-09T06:30+01:00")
    with pytest.raises(HandoffRefError, match="UTC"):
        parse_ref("bob:dan@2026-03-09T06:30")
