"""The drift fixer over a full year of named time-zone scenarios, judged by the engine's report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from oncall.core.demo import demo_team
from oncall.core.model import Adjustment, LocalWindow
from oncall.planning.drift import PlanError, default_max_window, plan_drift
from oncall.planning.drift_solver import minutes_inside
from oncall.planning.seasons import split_seasons
from plan_support import SCENARIOS, YEAR_END, YEAR_START, engine_verdict, tiled_team


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_scenario_is_repaired_for_a_whole_year(name):
    team = tiled_team(SCENARIOS[name])
    gaps_before, _ = engine_verdict(team)
    plan = plan_drift(team, YEAR_START, YEAR_END)
    gaps_after, smallest = engine_verdict(plan.planned)
    assert gaps_after == 0, f"{name}: {gaps_after} gap minutes left ({gaps_before} before)"
    assert smallest >= 30, f"{name}: a handoff with {smallest} min overlap"
    assert all(a.window.nominal_minutes <= plan.max_window for a in plan.planned.adjustments)
    assert not plan.unclosable and not plan.problems
    if gaps_before:
        assert plan.proposals, name


def test_scenarios_drift_before_the_plan():
    """The scenarios are real tests: all but the no-DST one open gaps somewhere in the year."""
    drifting = {name for name, sites in SCENARIOS.items() if engine_verdict(tiled_team(sites))[0] > 0}
    assert drifting >= {"sydney-london-sf", "lord-howe", "chatham", "date-line", "casablanca"}


def test_lord_howe_needs_half_hour_adjustments():
    plan = plan_drift(tiled_team(SCENARIOS["lord-howe"]), YEAR_START, YEAR_END)
    assert any((p.earlier + p.later) % 60 == 30 for p in plan.proposals)


def test_casablanca_ramadan_is_its_own_season():
    team = tiled_team(SCENARIOS["casablanca"])
    seasons = split_seasons(team, YEAR_START, YEAR_END)
    # Morocco moves its clocks back for Ramadan (mid-February to late March 2026) and forward after.
    starts = [s.start.date() for s in seasons.items]
    assert any(date(2026, 2, 10) <= d <= date(2026, 2, 20) for d in starts)
    assert any(date(2026, 3, 18) <= d <= date(2026, 3, 25) for d in starts)


def test_demo_team_two_adjustments_one_per_site_balanced():
    plan = plan_drift(demo_team(), YEAR_START, YEAR_END)
    assert {(p.adjustment.leg, str(p.adjustment.window)) for p in plan.proposals} == {
        ("syd", "08:00-18:00"), ("lon", "06:00-16:00")}
    assert plan.after.gap_minutes == 0 and plan.before.gap_minutes > 0
    assert all("Sydney on daylight time" in p.adjustment.reason for p in plan.proposals)


def test_default_limit_is_longest_window_plus_an_hour():
    assert default_max_window(demo_team()) == 600


def test_working_hours_decide_the_side():
    """London working from 06:00: its earlier start is inside working hours, Sydney's later end
    is not, so London takes every repair (at the price of balance) in one adjustment per run."""
    team = demo_team()
    sites = tuple(s if s.id != "lon" else s.__class__(**{**s.__dict__, "working_hours": LocalWindow(360, 1020)})
                  for s in team.sites)
    plan = plan_drift(team.evolve(sites=sites), YEAR_START, YEAR_END)
    assert [(p.adjustment.leg, str(p.adjustment.window), p.adjustment.start) for p in plan.proposals] == [
        ("lon", "06:00-16:00", date(2026, 1, 5)), ("lon", "06:00-16:00", date(2026, 10, 25))]
    assert plan.proposals[0].adjustment.end == date(2026, 3, 29)  # the day London's clocks go forward
    assert plan.after.gap_minutes == 0


def test_one_leg_and_no_leg_teams_plan_nothing():
    team = demo_team()
    for legs in ((), team.legs[:1]):
        plan = plan_drift(team.evolve(legs=legs, overrides=(), unavailable=()), YEAR_START, YEAR_END)
        assert not plan.proposals and not plan.unclosable and not plan.problems


def test_minutes_inside_working_hours_wraps_midnight():
    assert minutes_inside(16 * 60, 18 * 60, LocalWindow(9 * 60, 17 * 60)) == 60
    assert minutes_inside(-60, 30, LocalWindow(22 * 60, 6 * 60)) == 90
    assert minutes_inside(1440 + 8 * 60, 1440 + 10 * 60, LocalWindow(9 * 60, 17 * 60)) == 60


def test_a_gap_too_wide_for_the_limit_is_reported_with_the_reason():
    team = tiled_team(SCENARIOS["sydney-london-sf"])
    # London's window cut to two hours: a four-hour limit leaves it two hours to grow.
    legs = tuple(leg if leg.id != "lon" else
                 leg.__class__(**{**leg.__dict__, "window": LocalWindow(leg.window.start, leg.window.start + 120)})
                 for leg in team.legs)
    team = team.evolve(legs=legs)
    plan = plan_drift(team, YEAR_START, YEAR_END, max_window=240)
    found = {(u.outgoing, u.incoming): u for u in plan.unclosable}
    assert ("lon", "sfo") in found
    u = found[("lon", "sfo")]
    assert "--max-window" in u.reason and "4 h window limit" in u.reason and u.minutes_short > 120
    assert "London's window (" in u.reason
    assert not plan.problems  # what could be closed was closed; the engine agrees


def test_existing_adjustments_are_respected_and_kept():
    team = demo_team()
    mine = Adjustment("sfo", date(2026, 6, 1), date(2026, 7, 1), LocalWindow(7 * 60, 16 * 60), "summer cover")
    plan = plan_drift(team.evolve(adjustments=(mine,)), YEAR_START, YEAR_END)
    assert mine in plan.planned.adjustments and not plan.removed
    assert plan.after.gap_minutes == 0


def test_bad_ranges_and_limits_are_errors():
    with pytest.raises(PlanError):
        plan_drift(demo_team(), YEAR_END, YEAR_START)
    with pytest.raises(PlanError):
        plan_drift(demo_team(), YEAR_START, YEAR_END, max_window=1440)


def test_a_short_range_plans_only_its_seasons():
    plan = plan_drift(demo_team(), YEAR_START + timedelta(days=120), YEAR_START + timedelta(days=200))
    assert not plan.proposals and plan.before.gap_minutes == 0


ZONES = ("Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "Asia/Tokyo",
         "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tehran", "Africa/Casablanca", "Europe/London", "Europe/Berlin",
         "America/Sao_Paulo", "America/Santiago", "America/New_York", "America/Mexico_City",
         "America/Los_Angeles", "Pacific/Pago_Pago", "Pacific/Kiritimati", "America/St_Johns")


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from(ZONES), min_size=2, max_size=4, unique=True), st.sampled_from((15, 30, 60)))
def test_any_follow_the_sun_team_is_repaired_or_told_why(zones, overlap):
    """Random sites, tiled in January: the engine agrees with the plan, and a gap is left only
    where the plan says it cannot be closed within the limit."""
    team = tiled_team([(f"s{i}", z) for i, z in enumerate(zones)], overlap=overlap)
    plan = plan_drift(team, YEAR_START, YEAR_END)
    assert not plan.problems
    assert all(a.window.nominal_minutes <= plan.max_window for a in plan.added)
    gaps, smallest = engine_verdict(plan.planned)
    if not plan.unclosable:
        assert gaps == 0 and smallest >= overlap
