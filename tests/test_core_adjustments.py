"""Window adjustments in the engine: the adjusted window on days inside [from, to) only,
with turns, overlap extension, substitutes and overrides unchanged; and their validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from oncall.core import adjustments as adj
from oncall.core.model import Adjustment, LocalWindow, Override, Unavailability
from oncall.core.schedule import compute_schedule, leg_slots, occurrences
from oncall.core.shifts import Source

from core_helpers import team_from, z

LON = [("lon", "Europe/London")]
SYD_LON = [("syd", "Australia/Sydney"), ("lon", "Europe/London")]


def _leg(site="lon", window="09:00-17:00", cadence="daily", start="2026-01-05", extra=""):
    return (f'site = "{site}"\nwindow = "{window}"\nrotation = ["{site}1", "{site}2"]\n'
            f'cadence = "{cadence}"\nstart = "{start}"\n{extra}')


def _with(team, *items):
    return team.evolve(adjustments=tuple(items))


def _shift_times(team, start, end):
    return [(sh.start, sh.end, sh.member) for sh in compute_schedule(team, start, end).shifts]


def test_adjusted_window_applies_on_days_inside_and_not_outside():
    team = _with(team_from(LON, [_leg()]),
                 Adjustment("lon", date(2026, 2, 3), date(2026, 2, 5), LocalWindow(7 * 60, 15 * 60), "early"))
    by_day = {sh.start.date(): (sh.start, sh.end) for sh in compute_schedule(team, z(2026, 2, 1), z(2026, 2, 8)).shifts}
    assert by_day[date(2026, 2, 2)] == (z(2026, 2, 2, 9), z(2026, 2, 2, 17))  # before: leg window
    assert by_day[date(2026, 2, 3)] == (z(2026, 2, 3, 7), z(2026, 2, 3, 15))  # first day, inclusive
    assert by_day[date(2026, 2, 4)] == (z(2026, 2, 4, 7), z(2026, 2, 4, 15))
    assert by_day[date(2026, 2, 5)] == (z(2026, 2, 5, 9), z(2026, 2, 5, 17))  # `to` is exclusive


def test_turns_overlap_extension_and_members_are_unchanged():
    base = team_from(LON, [_leg()], overlap="30m")
    team = _with(base, Adjustment("lon", date(2026, 2, 1), date(2026, 3, 1), LocalWindow(6 * 60, 14 * 60)))
    plain = compute_schedule(base, z(2026, 2, 1), z(2026, 3, 1)).shifts
    adjusted = compute_schedule(team, z(2026, 2, 1), z(2026, 3, 1)).shifts
    assert [sh.member for sh in plain] == [sh.member for sh in adjusted]  # same turns
    assert all(sh.end - sh.start == timedelta(hours=8, minutes=30) for sh in adjusted)  # +30m overlap
    assert all(sh.start.hour == 6 for sh in adjusted)


def test_a_window_crossing_midnight_ends_the_next_day():
    team = _with(team_from(LON, [_leg()]),
                 Adjustment("lon", date(2026, 2, 10), date(2026, 2, 11), LocalWindow(22 * 60, 6 * 60)))
    slots = leg_slots(team.legs[0], "Europe/London", timedelta(0), z(2026, 2, 9), z(2026, 2, 13),
                      adj.for_leg(team, "lon"))
    crossing = [s for s in slots if s.day == date(2026, 2, 10)]
    assert [(s.start, s.end) for s in crossing] == [(z(2026, 2, 10, 22), z(2026, 2, 11, 6))]
    assert [s.day for s in slots] == [date(2026, 2, d) for d in (9, 10, 11, 12)]  # still one a day, in order


def test_an_adjustment_across_a_dst_change_keeps_local_wall_times():
    # London springs forward on Sunday 29 March 2026: 07:00 local is 07:00Z before, 06:00Z after.
    team = _with(team_from(LON, [_leg()]),
                 Adjustment("lon", date(2026, 3, 27), date(2026, 4, 1), LocalWindow(7 * 60, 16 * 60)))
    by_day = {sh.start.date(): (sh.start, sh.end) for sh in compute_schedule(team, z(2026, 3, 26), z(2026, 4, 2)).shifts}
    assert by_day[date(2026, 3, 28)] == (z(2026, 3, 28, 7), z(2026, 3, 28, 16))
    assert by_day[date(2026, 3, 30)] == (z(2026, 3, 30, 6), z(2026, 3, 30, 15))
    assert by_day[date(2026, 4, 1)] == (z(2026, 4, 1, 8), z(2026, 4, 1, 16))  # back to 09:00 BST


def test_the_drift_case_sydney_london_closes_the_gap():
    # Sydney 08:00-17:00 AEST/AEDT then London 09:00-17:00; in March Sydney is on daylight
    # time and London on standard time, so Sydney ends at 06:00Z and London starts at 09:00Z.
    team = team_from(SYD_LON, [_leg("syd", "08:00-17:00"), _leg("lon", "09:00-17:00")])
    fixed = _with(team, Adjustment("lon", date(2026, 3, 1), date(2026, 3, 29), LocalWindow(6 * 60, 14 * 60),
                                   "Sydney on daylight time, London on standard time"))
    lon_march = [(s, e) for s, e, m in _shift_times(fixed, z(2026, 3, 10), z(2026, 3, 11)) if m.startswith("lon")]
    assert lon_march == [(z(2026, 3, 10, 6), z(2026, 3, 10, 14))]
    lon_april = [(s, e) for s, e, m in _shift_times(fixed, z(2026, 4, 10), z(2026, 4, 11)) if m.startswith("lon")]
    assert lon_april == [(z(2026, 4, 10, 8), z(2026, 4, 10, 16))]


def test_substitutes_and_overrides_apply_to_adjusted_occurrences():
    base = team_from(LON, [_leg()])
    team = _with(base, Adjustment("lon", date(2026, 2, 1), date(2026, 3, 1), LocalWindow(6 * 60, 14 * 60)))
    rostered = compute_schedule(team, z(2026, 2, 10), z(2026, 2, 11)).shifts[0].member
    other = "lon2" if rostered == "lon1" else "lon1"
    off = replace(team, unavailable=(Unavailability(rostered, z(2026, 2, 10, 5), z(2026, 2, 10, 7)),))
    sub = compute_schedule(off, z(2026, 2, 10), z(2026, 2, 11)).shifts[0]
    assert (sub.member, sub.source, sub.start) == (other, Source.SUBSTITUTE, z(2026, 2, 10, 6))
    ov = replace(team, overrides=(Override(other, z(2026, 2, 10, 10), z(2026, 2, 10, 12), replaces=rostered),))
    parts = [(sh.member, sh.start, sh.end) for sh in compute_schedule(ov, z(2026, 2, 10), z(2026, 2, 11)).shifts]
    assert parts == [(rostered, z(2026, 2, 10, 6), z(2026, 2, 10, 10)), (other, z(2026, 2, 10, 10), z(2026, 2, 10, 12)),
                     (rostered, z(2026, 2, 10, 12), z(2026, 2, 10, 14))]


def test_adjustments_of_another_leg_or_outside_the_range_change_nothing():
    base = team_from(SYD_LON, [_leg("syd", "08:00-17:00"), _leg("lon")])
    team = _with(base, Adjustment("syd", date(2026, 6, 1), date(2026, 7, 1), LocalWindow(7 * 60, 16 * 60)))
    lon = team.legs[1]
    assert occurrences(lon, "Europe/London", timedelta(0), z(2026, 6, 1), z(2026, 7, 1), adj.for_leg(team, "lon")) == \
        occurrences(lon, "Europe/London", timedelta(0), z(2026, 6, 1), z(2026, 7, 1))
    assert _shift_times(team, z(2026, 2, 1), z(2026, 3, 1)) == _shift_times(base, z(2026, 2, 1), z(2026, 3, 1))


def test_a_range_edge_inside_an_adjustment_keeps_only_intersecting_occurrences():
    team = _with(team_from(LON, [_leg(window="22:00-06:00")]),
                 Adjustment("lon", date(2026, 2, 1), date(2026, 3, 1), LocalWindow(20 * 60, 8 * 60)))
    shifts = compute_schedule(team, z(2026, 2, 10, 7), z(2026, 2, 11, 7, 30)).shifts
    # 9 Feb 20:00 - 10 Feb 08:00 reaches into the range; 10 Feb 20:00 - 11 Feb 08:00 too.
    assert [(sh.start, sh.end) for sh in shifts] == [(z(2026, 2, 9, 20), z(2026, 2, 10, 8)),
                                                     (z(2026, 2, 10, 20), z(2026, 2, 11, 8))]


def test_validation_names_both_overlapping_adjustments():
    items = (Adjustment("lon", date(2026, 10, 25), date(2027, 3, 28), LocalWindow(360, 900)),
             Adjustment("lon", date(2027, 3, 1), date(2027, 4, 1), LocalWindow(300, 900)),
             Adjustment("syd", date(2027, 3, 1), date(2027, 4, 1), LocalWindow(300, 900)))
    found = adj.problems(items, ["lon", "syd"])
    assert len(found) == 1
    index, message = found[0]
    assert index == 1
    assert "adjustment #2 (leg 'lon', 2027-03-01 to 2027-04-01)" in message
    assert "adjustment #1 (leg 'lon', 2026-10-25 to 2027-03-28)" in message


def test_validation_unknown_leg_empty_span_and_bad_window():
    items = (Adjustment("nope", date(2026, 1, 1), date(2026, 2, 1), LocalWindow(360, 900)),
             Adjustment("lon", date(2026, 2, 1), date(2026, 2, 1), LocalWindow(360, 900)),
             Adjustment("lon", date(2026, 3, 1), date(2026, 4, 1), LocalWindow(1500, 900)))
    messages = dict(adj.problems(items, ["lon"]))
    assert "'nope' is not a leg" in messages[0]
    assert "must be after 'from'" in messages[1]
    assert "not a window" in messages[2]


def test_window_on_and_adjustment_at():
    team = _with(team_from(LON, [_leg()]),
                 Adjustment("lon", date(2026, 2, 3), date(2026, 2, 5), LocalWindow(420, 900), "why"))
    leg = team.legs[0]
    assert adj.window_on(leg, date(2026, 2, 4), team.adjustments) == LocalWindow(420, 900)
    assert adj.window_on(leg, date(2026, 2, 5), team.adjustments) == leg.window
    assert adj.adjustment_at(team.adjustments, "lon", date(2026, 2, 3)).reason == "why"
    assert adj.adjustment_at(team.adjustments, "lon", date(2026, 2, 2)) is None


def test_lord_howe_half_hour_dst_inside_an_adjustment():
    # Lord Howe falls back 30 minutes on Sunday 5 April 2026 (+11:00 -> +10:30).
    team = _with(team_from([("lhi", "Australia/Lord_Howe")], [_leg("lhi", "09:00-17:00")]),
                 Adjustment("lhi", date(2026, 4, 3), date(2026, 4, 8), LocalWindow(8 * 60, 18 * 60)))
    from oncall.core import timezones as tz

    by_day = {tz.to_local("Australia/Lord_Howe", sh.slot_start).date(): (sh.start, sh.end)
              for sh in compute_schedule(team, z(2026, 4, 1), z(2026, 4, 9)).shifts}
    assert by_day[date(2026, 4, 2)] == (z(2026, 4, 1, 22), z(2026, 4, 2, 6))  # 09:00-17:00 +11
    assert by_day[date(2026, 4, 3)] == (z(2026, 4, 2, 21), z(2026, 4, 3, 7))  # 08:00-18:00 +11
    assert by_day[date(2026, 4, 6)] == (z(2026, 4, 5, 21, 30), z(2026, 4, 6, 7, 30))  # 08:00-18:00 +10:30
    assert by_day[date(2026, 4, 8)] == (z(2026, 4, 7, 22, 30), z(2026, 4, 8, 6, 30))  # back to 09:00-17:00
