"""One normal overlap per junction: the rota's most frequent overlap over 365 days from the
range start, whatever the range, and unchanged by overrides and time off."""

from __future__ import annotations

from datetime import timedelta

from oncall.core.demo import demo_team, utc
from oncall.core.junctions import normal_overlaps
from oncall.core.model import Override
from oncall.core.report import build_report


def test_the_demo_team_s_designed_overlaps():
    assert normal_overlaps(demo_team(), utc(2026, 3, 1)) == {("syd", "lon"): 90, ("lon", "sfo"): 90, ("sfo", "syd"): 30}


def test_a_week_a_month_and_a_year_share_the_normal():
    team = demo_team()
    for days in (7, 28, 365, 400):
        report = build_report(team, utc(2026, 3, 1), utc(2026, 3, 1) + timedelta(days=days))
        assert report.normals == normal_overlaps(team, utc(2026, 3, 1)), days
        drift = [w.message for w in report.warnings if w.kind == "dst_drift" and "Sydney to London" in w.message]
        assert drift and all("(normally 90 min)" in m for m in drift), days


def test_overrides_and_time_off_do_not_move_the_normal_and_reuse_it():
    team = demo_team()
    before = normal_overlaps(team, utc(2026, 6, 1))
    cover = Override("dan", utc(2026, 6, 2, 6), utc(2026, 6, 20, 6), replaces="carol")
    edited = team.evolve(overrides=team.overrides + (cover,))
    assert normal_overlaps(edited, utc(2026, 6, 1)) is before  # cached: the rota did not change
    year = build_report(edited, utc(2026, 6, 1), utc(2027, 6, 1))
    assert year.normals == before
