"""Turn order, substitutes, overrides, handoffs and gaps: the semantics of the contract."""

from __future__ import annotations

from datetime import date, timedelta

from oncall.core.coverage import gaps, handoffs
from oncall.core.report import build_report
from oncall.core.schedule import compute_schedule, turn_index
from oncall.core.shifts import Source

from core_helpers import team_from, z

NY = [("ny", "America/New_York")]


def leg(window="09:00-17:00", rotation='["ny1", "ny2"]', cadence="weekly", start="2026-03-02", extra="", site="ny"):
    return f'site = "{site}"\nwindow = "{window}"\nrotation = {rotation}\ncadence = "{cadence}"\nstart = "{start}"\n{extra}'


def test_weekly_turn_counts_handoff_days_after_start():
    team = team_from(NY, [leg(extra='handoff_day = "thu"')])
    lg = team.legs[0]  # start Monday 2 March
    assert [turn_index(lg, date(2026, 3, d)) for d in (2, 3, 4, 5, 6, 11, 12)] == [0, 0, 0, 1, 1, 1, 2]


def test_weekly_turn_defaults_to_the_start_weekday():
    lg = team_from(NY, [leg()]).legs[0]
    assert [turn_index(lg, date(2026, 3, d)) for d in (2, 8, 9, 16)] == [0, 0, 1, 2]


def test_daily_and_n_day_turns():
    daily = team_from(NY, [leg(cadence="daily")]).legs[0]
    three = team_from(NY, [leg(cadence="3d")]).legs[0]
    assert [turn_index(daily, date(2026, 3, d)) for d in (2, 3, 4)] == [0, 1, 2]
    assert [turn_index(three, date(2026, 3, d)) for d in (2, 4, 5, 8)] == [0, 0, 1, 2]


def test_new_york_weekly_turn_across_spring_forward_lasts_167_hours():
    team = team_from(NY, [leg(window="09:00-09:00", start="2026-03-02")])
    shifts = compute_schedule(team, z(2026, 3, 2), z(2026, 3, 16)).shifts
    first_turn = [s for s in shifts if s.member == "ny1" and s.start < z(2026, 3, 9, 12)]
    assert sum((s.end - s.start for s in first_turn), timedelta()) == timedelta(hours=167)
    # Each 24 h window is 24 h except the one containing the clock change (23 h).
    assert sorted({s.hours for s in first_turn}) == [23.0, 24.0]


def test_window_crossing_midnight_ends_next_day():
    team = team_from(NY, [leg(window="22:00-06:00", cadence="daily")])
    s = compute_schedule(team, z(2026, 6, 1), z(2026, 6, 3)).shifts
    # 22:00 EDT on 31 May is 02:00Z on 1 June; it ends at 06:00 EDT the next local day.
    assert [(x.start, x.end) for x in s] == [(z(2026, 6, 1, 2), z(2026, 6, 1, 10)), (z(2026, 6, 2, 2), z(2026, 6, 2, 10))]


def test_days_are_the_day_the_window_starts():
    team = team_from(NY, [leg(window="22:00-06:00", extra='days = ["fri"]')])
    s = compute_schedule(team, z(2026, 6, 1), z(2026, 6, 15)).shifts
    assert [sh.start for sh in s] == [z(2026, 6, 6, 2), z(2026, 6, 13, 2)]  # Fri 22:00 EDT


def test_overlap_extends_each_shift_past_its_window():
    team = team_from(NY, [leg()], overlap="30m")
    s = compute_schedule(team, z(2026, 6, 1), z(2026, 6, 2)).shifts[0]
    assert s.end - s.start == timedelta(hours=8, minutes=30)


def test_leg_end_is_exclusive():
    team = team_from(NY, [leg(cadence="daily", extra='end = "2026-03-04"')])
    s = compute_schedule(team, z(2026, 3, 1), z(2026, 3, 10)).shifts
    assert len(s) == 2


UNAVAILABLE = """
[[unavailable]]
member = "{m}"
start = "{s}"
end = "{e}"
"""


def three_member_team(extra=""):
    return team_from(NY, [leg(rotation='["a", "b", "c"]', cadence="daily")],
                     members={"a": "ny", "b": "ny", "c": "ny"}, extra=extra)


def test_unavailable_member_is_replaced_by_next_available_in_rotation_order():
    team = three_member_team(UNAVAILABLE.format(m="a", s="2026-03-02T12:00", e="2026-03-02T13:00")
                             + UNAVAILABLE.format(m="b", s="2026-03-02", e="2026-03-03"))
    s = compute_schedule(team, z(2026, 3, 2), z(2026, 3, 3)).shifts[0]
    assert (s.member, s.source, s.replaces) == ("c", Source.SUBSTITUTE, "a")


def test_partial_availability_is_not_enough_to_substitute():
    team = three_member_team(UNAVAILABLE.format(m="a", s="2026-03-02", e="2026-03-03")
                             + UNAVAILABLE.format(m="b", s="2026-03-02T16:00", e="2026-03-02T18:00")
                             + UNAVAILABLE.format(m="c", s="2026-03-02T09:00", e="2026-03-02T09:30"))
    sched = compute_schedule(team, z(2026, 3, 2), z(2026, 3, 3))
    assert sched.shifts == () and len(sched.uncovered) == 1
    report = build_report(team, z(2026, 3, 2), z(2026, 3, 3))
    assert [w.kind for w in report.warnings] == ["uncovered"]
    assert sum(g.minutes for g in report.gaps) == 24 * 60


OVERRIDE = """
[[override]]
member = "{m}"
{r}
start = "{s}"
end = "{e}"
"""


def test_override_with_replaces_takes_only_the_part_inside_its_span():
    team = three_member_team(OVERRIDE.format(m="c", r='replaces = "a"', s="2026-03-02T12:00", e="2026-03-02T14:00"))
    s = compute_schedule(team, z(2026, 3, 2), z(2026, 3, 3)).shifts
    assert [(x.member, x.start.hour, x.end.hour, x.source.value) for x in s] == [
        ("a", 14, 17, "rotation"), ("c", 17, 19, "override"), ("a", 19, 22, "rotation")]
    assert s[1].replaces == "a"


def test_override_without_replaces_adds_a_shift_on_top():
    team = three_member_team(OVERRIDE.format(m="c", r="", s="2026-03-02T12:00", e="2026-03-02T14:00"))
    s = compute_schedule(team, z(2026, 3, 2), z(2026, 3, 3)).shifts
    assert [(x.member, x.source.value) for x in s] == [("a", "rotation"), ("c", "override")]


def test_handoff_overlap_window_and_hard_handoffs():
    sites = [("ny", "America/New_York"), ("lon", "Europe/London")]
    team = team_from(sites, [leg(window="08:00-16:00", rotation='["ny1"]', cadence="daily"),
                             leg(site="lon", window="21:00-05:00", rotation='["lon1"]', cadence="daily")],
                     overlap="30m")
    start, end = z(2026, 6, 2), z(2026, 6, 3)
    sched = compute_schedule(team, start - timedelta(days=1), end + timedelta(days=1))
    hs = handoffs(sched.shifts, start, end)
    # NY 08:00-16:30 EDT = 12:00-20:30Z; London 21:00 BST = 20:00Z: 30 min overlap.
    ny_to_lon = [h for h in hs if h.from_member == "ny1"][0]
    assert (ny_to_lon.start, ny_to_lon.end, ny_to_lon.minutes) == (z(2026, 6, 2, 20), z(2026, 6, 2, 20, 30), 30)
    # London ends 05:30 BST = 04:30Z; NY starts 12:00Z: a 450 min gap, no handoff.
    assert [h.to_member for h in hs] == ["lon1"]
    g = gaps(sched.shifts, start, end)
    assert [(x.start, x.end) for x in g] == [(z(2026, 6, 2, 4, 30), z(2026, 6, 2, 12))]


def test_no_handoff_when_the_same_member_continues():
    team = team_from(NY, [leg(window="00:00-24:00", rotation='["ny1"]', cadence="daily")], overlap="1h")
    report = build_report(team, z(2026, 6, 1), z(2026, 6, 8))
    assert report.handoffs == () and report.gaps == ()


def test_report_lists_shifts_whole_but_counts_hours_inside_the_range():
    team = team_from(NY, [leg(window="20:00-04:00", rotation='["ny1"]', cadence="daily")])
    report = build_report(team, z(2026, 6, 2, 4), z(2026, 6, 3, 4))
    # 20:00 EDT = 00:00Z: both shifts straddle a range edge and are listed whole.
    assert [(s.start, s.end) for s in report.shifts] == [(z(2026, 6, 2), z(2026, 6, 2, 8)), (z(2026, 6, 3), z(2026, 6, 3, 8))]
    ny1 = next(f for f in report.members if f.member == "ny1")
    assert (ny1.hours, ny1.shifts) == (8.0, 2)  # 04:00-08:00Z and 00:00-04:00Z


def test_coverage_and_gaps_add_up():
    team = team_from(NY, [leg(window="09:00-17:00", cadence="daily")])
    start, end = z(2026, 3, 1), z(2026, 4, 1)
    report = build_report(team, start, end)
    gap_s = sum((g.end - g.start).total_seconds() for g in report.gaps)
    covered = (end - start).total_seconds() - gap_s
    assert abs(report.quality.coverage - round(100 * covered / (end - start).total_seconds(), 1)) < 0.05
