"""The Qt-free numbers behind the views: band, timeline and now panel data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oncall.core.coverage import gaps
from oncall.core.demo import demo_team, large_team, utc
from oncall.core.model import Cadence, Leg, LocalWindow, Member, Site, Team
from oncall.core.schedule import compute_schedule
from oncall.core.shifts import Source
from oncall.viewmodels.band_layout import build_band, dragged_window, nudged_window
from oncall.viewmodels.now_status import format_duration, handoff_text, now_status, site_clock
from oncall.viewmodels.timeline_layout import build_timeline, shift_details


def test_band_moves_with_dst_between_march_and_april():
    march = build_band(demo_team(), date(2026, 3, 20))
    april = build_band(demo_team(), date(2026, 4, 20))
    # London 07:00 local: 07:00Z in GMT, 06:00Z in BST.
    assert march.row("lon").pieces[0].start == 7 * 60
    assert april.row("lon").pieces[0].start == 6 * 60
    assert march.gaps and not april.gaps  # the gap before London's day closes in April


def test_band_gaps_agree_with_core_gaps():
    team = demo_team()
    band = build_band(team, date(2026, 11, 26))
    shifts = compute_schedule(team, utc(2026, 11, 25), utc(2026, 11, 28)).shifts
    core = [g for g in gaps(shifts, utc(2026, 11, 26), utc(2026, 11, 27))]
    assert [(g.start, g.end) for g in band.gaps] == [
        ((g.start - utc(2026, 11, 26)).total_seconds() / 60, (g.end - utc(2026, 11, 26)).total_seconds() / 60)
        for g in core
    ]
    assert band.gaps[0].minutes == 30


def test_band_working_hours_skip_holidays():
    band = build_band(demo_team(), date(2026, 11, 26))  # Thanksgiving in San Francisco
    sfo = band.row("sfo")
    assert sfo.working == ((0.0, 60.0),)  # only the end of Wednesday's working day


def test_dragged_window_converts_utc_back_to_local_time_in_bst():
    team = demo_team()
    band = build_band(team, date(2026, 4, 20))
    piece = band.row("lon").pieces[0]
    # 05:00Z on a BST day is 06:00 local.
    assert dragged_window(team, band, "lon", piece, "start", 5 * 60) == LocalWindow(6 * 60, 16 * 60)
    assert dragged_window(team, band, "lon", piece, "end", 15 * 60 + 17) == LocalWindow(7 * 60, 16 * 60 + 15)
    assert dragged_window(team, band, "lon", piece, "start", piece.start) is None  # unchanged


def test_dragged_window_in_a_quarter_hour_zone():
    site = Site("ktm", "Kathmandu", "Asia/Kathmandu")
    team = Team("t", timedelta(0), (site,), (Member("a", "A", "ktm"),),
                (Leg("ktm", "ktm", LocalWindow(540, 1020), ("a",), Cadence.daily(), date(2026, 1, 1)),))
    band = build_band(team, date(2026, 6, 1))
    piece = band.row("ktm").pieces[0]
    assert piece.start == 540 - 345  # 09:00 +05:45 is 03:15Z
    assert dragged_window(team, band, "ktm", piece, "start", 2 * 60 + 15) == LocalWindow(8 * 60, 1020)


def test_dragged_window_across_midnight_for_sydney():
    team = demo_team()
    band = build_band(team, date(2026, 11, 26))
    ending = next(p for p in band.row("syd").pieces if p.has_end)
    # Sydney's window ends 17:00 AEDT = 06:00Z; drop the end at 08:00Z = 19:00 AEDT.
    assert dragged_window(team, band, "syd", ending, "end", 8 * 60) == LocalWindow(8 * 60, 19 * 60)


def test_nudged_window_refuses_to_empty():
    assert nudged_window(LocalWindow(480, 495), "end", -15) is None
    assert nudged_window(LocalWindow(0, 1440), "start", -15) == LocalWindow(1425, 1440)
    assert nudged_window(LocalWindow(480, 960), "end", 15) == LocalWindow(480, 975)


def test_timeline_rows_bars_and_marks_for_demo_week():
    team = demo_team()
    data = build_timeline(team, date(2026, 12, 7), 7, "Europe/London", "member")
    assert [r.id for r in data.rows] == ["alice", "bob", "carol", "dan", "erin", "frank"]
    overrides = [b for b in data.bars if b.source is Source.OVERRIDE]
    assert overrides and all(data.rows[b.row].id == "dan" for b in overrides)
    assert overrides[0].label == "Dan for Carol"
    assert data.hatches  # handoff overlaps
    assert len(data.day_marks) == 7 and data.day_marks[5].weekend


def test_timeline_day_widths_follow_dst_in_display_zone():
    data = build_timeline(demo_team(), date(2026, 3, 29), 1, "Europe/London", "site")
    assert data.total_minutes == 23 * 60  # the spring-forward day is 23 hours long


def test_timeline_time_off_holidays_and_substitutes():
    team = demo_team()
    data = build_timeline(team, date(2026, 12, 21), 7, "UTC", "member")
    kinds = {(data.rows[s.row].id, s.kind) for s in data.shades}
    assert ("bob", "time_off") in kinds
    assert any(s.kind == "holiday" and "Christmas" in s.text for s in data.shades)
    subs = [b for b in data.bars if b.source is Source.SUBSTITUTE]
    assert subs and subs[0].shift.replaces == "bob"


def test_timeline_site_mode_lanes_keep_overlapping_overrides_apart():
    data = build_timeline(large_team(), date(2026, 11, 1), 30, "UTC", "site")
    for row_index, row in enumerate(data.rows):
        by_lane: dict[int, list] = {}
        for b in (b for b in data.bars if b.row == row_index):
            by_lane.setdefault(b.lane, []).append(b)
            assert b.lane < row.lanes
        for bars in by_lane.values():
            bars.sort(key=lambda b: b.start)
            for a, b in zip(bars, bars[1:]):
                assert b.start >= a.end - 30  # at most the handoff overlap shares a lane


def test_timeline_rejects_unknown_zone_and_mode():
    with pytest.raises(ValueError):
        build_timeline(demo_team(), date(2026, 12, 7), 7, "Mars/Olympus", "site")
    with pytest.raises(ValueError):
        build_timeline(demo_team(), date(2026, 12, 7), 7, "UTC", "leg")


def test_shift_details_lists_every_participant_zone():
    team = demo_team()
    shifts = compute_schedule(team, utc(2026, 12, 7), utc(2026, 12, 8)).shifts
    dan = next(sh for sh in shifts if sh.member == "dan")
    text = shift_details(team, dan, "America/New_York")
    assert "override for Carol Smith" in text
    assert "Dan (London), Carol (London): Mon 7 Dec 07:00 \u2013 16:30 GMT" in text
    assert "Display (America/New_York): Mon 7 Dec 02:00 \u2013 11:30 EST" in text
    assert "UTC: Mon 7 Dec 07:00 \u2013 16:30 UTC" in text


def test_now_status_and_handoff_countdown():
    team = demo_team()
    now = utc(2026, 11, 26, 14, 47)
    status = now_status(team, now)
    assert [sh.member for sh in status.on_call] == ["carol"]
    assert status.next_up[0].member == "erin"
    h = status.next_handoff
    assert (h.from_member, h.to_member, h.minutes) == ("carol", "erin", 90)
    assert handoff_text(team, h, now) == ("Carol Smith \u2192 Erin Garcia in 1 h 43 min (Thu 16:30 UTC); "
                                          "90 min overlap starts in 13 min 00 s")


def test_site_clock_reports_dst_offset_and_holiday():
    team = demo_team()
    now = utc(2026, 11, 26, 14, 47)
    syd = site_clock(team.site("syd"), now)
    assert (syd.abbreviation, syd.offset_text, syd.dst, syd.status) == ("AEDT", "+11:00", True, "off hours")
    sfo = site_clock(team.site("sfo"), now)
    assert sfo.status == "holiday: Thanksgiving Day" and not sfo.dst
    assert site_clock(team.site("lon"), now).status == "working hours"


def test_format_duration():
    assert format_duration(timedelta(days=3, hours=4, minutes=5)) == "3 d 4 h"
    assert format_duration(timedelta(hours=2, minutes=5)) == "2 h 05 min"
    assert format_duration(timedelta(seconds=-5)) == "0 s"
