"""The fair planner: better spread than the substitute rule, rules kept, honest about the impossible."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from core_helpers import team_from, z
from fair_support import (
    assert_nobody_on_call_while_unavailable, leg_spread, reported, three_member_team, time_off,
)
from oncall.core.demo import demo_team, large_team
from oncall.core.schedule import compute_schedule
from oncall.planning.fair import FairSettings, plan_fair

START, END = z(2026, 1, 5), z(2026, 3, 30)  # twelve weekly turns of the Berlin leg


def test_time_off_that_forces_a_substitute_is_evened_out_later():
    # p's own week 3 (26 Jan) is time off: the substitute rule gives it to q, who then has
    # five turns to p's three. The plan hands p a later turn instead.
    team = three_member_team(time_off("p", "2026-01-26", "2026-02-02"))
    plan = plan_fair(team, START, END)
    assert plan.solution.optimal
    before = leg_spread(team, START, END, "ber", "hours")
    after = leg_spread(plan.team, START, END, "ber", "hours")
    assert before >= 2 * 70 - 1  # two turns apart (a 10-hour window, 7 days)
    assert after < before
    assert leg_spread(plan.team, START, END, "ber") < leg_spread(team, START, END, "ber")
    assert plan.changes and all(ov.note.startswith("planned: ") and ov.replaces for ov in plan.overrides)
    assert all(ov.id and ov.id.startswith("planned-ber-") for ov in plan.overrides)
    assert len(plan.changes) <= 4  # a small, reviewable change
    assert_nobody_on_call_while_unavailable(plan.team, START, END)
    assert not plan.conflicts


def test_plan_respects_max_consecutive_turns():
    team = three_member_team(time_off("p", "2026-01-26", "2026-02-02"))
    plan = plan_fair(team, START, END)
    holders = []
    for shift in reported(plan.team, START, END).shifts:
        week = (shift.start - START).days // 7
        if not holders or holders[-1][0] != week:
            holders.append((week, shift.member))
    runs = [a[1] == b[1] for a, b in zip(holders, holders[1:])]
    assert not any(runs), holders  # weekly cadence: at most one turn in a row


def test_demo_team_with_two_turns_in_a_row_allowed_balances_bobs_leave():
    team = demo_team()
    start, end = z(2026, 10, 1), z(2027, 1, 1)
    plan = plan_fair(team, start, end, FairSettings(max_consecutive=2))
    assert plan.solution.optimal
    assert plan.after.out_of_hours_spread < plan.before.out_of_hours_spread
    assert leg_spread(plan.team, start, end, "syd") < leg_spread(team, start, end, "syd")
    assert_nobody_on_call_while_unavailable(plan.team, start, end)


def two_leg_team():
    """x is on a day leg (08-16) and a night leg (20-04): the plain rota gives x both on even days."""
    day = 'id = "day"\nsite = "utc"\nwindow = "08:00-16:00"\nrotation = ["x", "a"]\ncadence = "daily"\nstart = "2026-01-05"'
    night = ('id = "night"\nsite = "utc"\nwindow = "20:00-04:00"\nrotation = ["x", "b"]\ncadence = "daily"\n'
             'start = "2026-01-05"')
    return team_from([("utc", "UTC")], [day, night], members={"x": "utc", "a": "utc", "b": "utc"})


def test_member_on_two_legs_gets_the_minimum_rest_between_shifts():
    team = two_leg_team()
    start, end = z(2026, 1, 5), z(2026, 1, 19)
    plain = [s for s in compute_schedule(team, start, end).shifts if s.member == "x"]
    assert any(b.start - a.end < timedelta(hours=11) for a, b in zip(plain, plain[1:]))  # the problem
    plan = plan_fair(team, start, end)
    assert not plan.conflicts
    shifts = [s for s in reported(plan.team, start, end).shifts if s.member == "x"]
    for a, b in zip(shifts, shifts[1:]):
        if a.leg != b.leg:
            assert b.start - a.end >= timedelta(hours=11), (a, b)
    assert_nobody_on_call_while_unavailable(plan.team, start, end)


def test_rest_setting_is_honoured():
    team = two_leg_team()
    start, end = z(2026, 1, 5), z(2026, 1, 12)
    plan = plan_fair(team, start, end, FairSettings(min_rest=timedelta(hours=3)))
    # With only 3 hours of rest required, x may work the day and the night of one date.
    shifts = [s for s in reported(plan.team, start, end).shifts if s.member == "x"]
    assert all(b.start >= a.end for a, b in zip(shifts, shifts[1:]))


def test_a_week_everyone_is_away_is_named_and_left_uncovered():
    off = "".join(time_off(m, "2026-02-09", "2026-02-16", "offsite") for m in "pqr")
    team = three_member_team(off)
    plan = plan_fair(team, START, END)
    [conflict] = plan.conflicts
    assert conflict.leg == "ber" and conflict.constraint == "time off" and conflict.uncovered
    assert conflict.start == z(2026, 2, 9, 7)  # Monday 08:00 in Berlin
    assert "p: time off" in conflict.detail and "r: time off" in conflict.detail
    report = reported(plan.team, START, END)
    assert any(u.slot.start >= z(2026, 2, 9) for u in report.uncovered)  # marked, not papered over
    assert_nobody_on_call_while_unavailable(plan.team, START, END)


def test_rule_broken_by_every_choice_is_relaxed_and_named():
    # Bob away two weeks in a two-person weekly leg: Alice must do two turns in a row.
    team = demo_team()
    start, end = z(2026, 12, 1), z(2027, 1, 1)
    plan = plan_fair(team, start, end)
    [conflict] = plan.conflicts
    assert conflict.leg == "syd" and conflict.constraint == "max consecutive" and not conflict.uncovered
    assert "Alice Chen" in conflict.detail and "Bob Nguyen: time off" in conflict.detail  # named as people know them
    assert_nobody_on_call_while_unavailable(plan.team, start, end)


def test_same_input_same_plan():
    team = demo_team()
    start, end = z(2026, 10, 1), z(2027, 1, 1)
    settings = FairSettings(max_consecutive=2, seed=3)
    first = plan_fair(team, start, end, settings)
    second = plan_fair(team, start, end, settings)
    assert first.overrides == second.overrides
    assert first.overrides  # something to compare


def test_history_relieves_whoever_carried_more_before():
    # q covered p's three weeks of leave in the history range; this quarter p takes more.
    team = three_member_team(time_off("p", "2025-12-01", "2025-12-29"), start="2025-11-03")
    start, end = z(2026, 1, 5), z(2026, 3, 30)
    without = plan_fair(team, start, end)
    with_history = plan_fair(team, start, end, FairSettings(history_start=z(2025, 11, 3)))
    hours = {r.member: r.after.hours for r in with_history.members}
    assert hours["p"] > hours["q"]
    assert without.overrides != with_history.overrides
    assert_nobody_on_call_while_unavailable(with_history.team, start, end)


def test_existing_overrides_are_kept():
    extra = ('[[override]]\nmember = "r"\nreplaces = "p"\nstart = "2026-01-05T08:00"\nend = "2026-01-12T08:00"\n'
             'note = "swap"\n' + time_off("p", "2026-01-26", "2026-02-02"))
    team = three_member_team(extra)
    plan = plan_fair(team, START, END)
    assert plan.team.overrides[0] == team.overrides[0]
    report = reported(plan.team, START, END)
    first_week = [s for s in report.shifts if s.start < z(2026, 1, 12)]
    assert {s.member for s in first_week} == {"r"}


def test_range_must_be_forward():
    with pytest.raises(ValueError, match="before it starts"):
        plan_fair(three_member_team(), END, START)


def test_same_plan_when_the_time_limit_cuts_the_search():
    # A budget too small to prove anything: the deterministic-time budget still gives one answer.
    team = large_team(sites=3, members=36, overrides=200, unavailable=60, years=1)
    start, end = z(2026, 4, 6), z(2026, 7, 6)
    settings = FairSettings(time_limit=0.3, max_consecutive=2)
    first = plan_fair(team, start, end, settings)
    second = plan_fair(team, start, end, settings)
    assert first.overrides == second.overrides
    assert [(s.objective, s.bound) for s in first.solution.stages] == [
        (s.objective, s.bound) for s in second.solution.stages]
    assert_nobody_on_call_while_unavailable(first.team, start, end)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from("pqrs"), st.integers(0, 80), st.integers(1, 16)), max_size=8),
       st.sampled_from(["daily", "weekly", "3d"]))
def test_any_time_off_planned_file_has_nobody_on_call_while_away(offs, cadence):
    extra = "".join(time_off(m, str(date(2026, 1, 5) + timedelta(days=d)), str(date(2026, 1, 5) + timedelta(days=d + n)))
                    for m, d, n in offs)
    leg = (f'site = "ber"\nwindow = "08:00-20:00"\nrotation = ["p", "q", "r", "s"]\ncadence = "{cadence}"\n'
           f'start = "2026-01-05"')
    team = team_from([("ber", "Europe/Berlin")], [leg], members={m: "ber" for m in "pqrs"}, extra=extra)
    start, end = z(2026, 1, 5), z(2026, 3, 2)
    plan = plan_fair(team, start, end, FairSettings(time_limit=1))
    assert_nobody_on_call_while_unavailable(plan.team, start, end)
    assert plan.after.out_of_hours_spread <= plan.before.out_of_hours_spread or plan.conflicts


def test_an_override_placing_someone_elsewhere_keeps_them_off_that_turn():
    # r is added on call (no replaces) during week 5: r cannot take that week's turn.
    extra = ('[[override]]\nmember = "r"\nstart = "2026-02-04T10:00"\nend = "2026-02-04T14:00"\nnote = "incident"\n'
             + time_off("p", "2026-01-26", "2026-02-02"))
    team = three_member_team(extra)
    plan = plan_fair(team, START, END)
    week5 = [s for s in reported(plan.team, START, END).shifts
             if z(2026, 2, 2) <= s.start < z(2026, 2, 9) and s.leg == "ber"]
    assert week5 and "r" not in {s.member for s in week5}
    turn = next(t for t in plan_turns(team) if t.start.date() == date(2026, 2, 2))
    assert any(m == "r" and "already on call in an override" in why for m, why in turn.excluded)


def plan_turns(team):
    from oncall.planning.fair_turns import build_problem

    return build_problem(team, START, END, FairSettings()).turns


def test_a_member_on_two_overlapping_legs_is_planned_or_named_never_split():
    # x is on an early (06:00-14:30) and a late (14:00-22:30) leg: the plain rota has x on both
    # at 14:00-14:30 every other day. An override replacing x takes every shift of x in its span,
    # so the plan must never leave a slot half moved: each decided slot stays whole (plan_fair
    # checks it against the schedule) and x never holds overlapping shifts of two legs unless
    # that turn is named as a conflict.
    early = 'id = "early"\nsite = "utc"\nwindow = "06:00-14:30"\nrotation = ["x", "a"]\ncadence = "daily"\nstart = "2026-01-05"'
    late = 'id = "late"\nsite = "utc"\nwindow = "14:00-22:30"\nrotation = ["x", "b"]\ncadence = "daily"\nstart = "2026-01-05"'
    team = team_from([("utc", "UTC")], [early, late], members={"x": "utc", "a": "utc", "b": "utc"})
    start, end = z(2026, 1, 5), z(2026, 1, 26)
    plan = plan_fair(team, start, end)
    named = {(k.leg, k.start) for k in plan.conflicts}
    shifts = sorted((s for s in reported(plan.team, start, end).shifts if s.member == "x"), key=lambda s: s.start)
    for a, b in zip(shifts, shifts[1:]):
        if a.leg != b.leg and b.start < a.end:
            assert {(a.leg, a.slot_start), (b.leg, b.slot_start)} & named, (a, b)
    assert all("an override cannot move it alone" in k.detail for k in plan.conflicts if k.constraint == "min rest")
    assert_nobody_on_call_while_unavailable(plan.team, start, end)
