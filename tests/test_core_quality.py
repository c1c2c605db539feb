"""The quality score is honest: a gap caps it at 59 (red), a hard handoff at 79 (amber);
only full coverage with overlapped handoffs is green (80-100), where balance decides."""

from __future__ import annotations

from oncall.core.model import Team
from oncall.core.report import build_report, quality_score, report_to_dict

from core_helpers import team_from, z

THREE = [("syd", "Australia/Sydney"), ("lon", "Europe/London"), ("sfo", "America/Los_Angeles")]
UTC2 = [("a", "UTC"), ("b", "UTC")]


def _leg(site, window, rotation=None, cadence="daily"):
    rotation = rotation or f'["{site}1", "{site}2"]'
    return f'site = "{site}"\nwindow = "{window}"\nrotation = {rotation}\ncadence = "{cadence}"\nstart = "2026-01-05"'


def test_march_2026_three_site_team_with_gaps_is_red():
    # Business-hours windows that only meet while every site is on the same DST footing.
    team = team_from(THREE, [_leg("syd", "08:00-17:00"), _leg("lon", "08:00-17:00"), _leg("sfo", "08:00-17:00")],
                     overlap="30m")
    report = build_report(team, z(2026, 3, 1), z(2026, 4, 1))
    q = report.quality
    assert q.gap_minutes == sum(g.minutes for g in report.gaps) > 0
    assert q.coverage > 80  # mostly covered, which used to score in the 90s
    assert q.score <= 59 and q.grade == "red"


def test_an_empty_team_scores_zero():
    q = build_report(Team("Nobody"), z(2026, 3, 1), z(2026, 4, 1)).quality
    assert (q.score, q.coverage, q.grade) == (0, 0.0, "red")
    assert q.gap_minutes == 31 * 24 * 60


def test_hard_handoffs_without_gaps_are_amber():
    team = team_from(UTC2, [_leg("a", "00:00-12:00"), _leg("b", "12:00-24:00")])
    q = build_report(team, z(2026, 3, 2), z(2026, 3, 9)).quality
    assert q.gap_minutes == 0 and q.hard_handoffs == 14  # 12:00 and 24:00 on each of 7 days
    assert 60 <= q.score <= 79 and q.grade == "amber"


def test_full_coverage_with_overlaps_is_green_and_balance_decides():
    fair = team_from(UTC2, [_leg("a", "00:00-12:00"), _leg("b", "12:00-24:00")], overlap="30m")
    q = build_report(fair, z(2026, 3, 2), z(2026, 3, 30)).quality
    assert (q.gap_minutes, q.hard_handoffs) == (0, 0)
    assert q.score == 100 and q.grade == "green"
    # a1 takes a2's turns for a week: worse balance, still green, lower score
    a2_covered = ('[[override]]\nmember = "a1"\nreplaces = "a2"\n'
                  'start = "2026-03-09T00:00Z"\nend = "2026-03-16T00:00Z"')
    unfair = team_from(UTC2, [_leg("a", "00:00-12:00"), _leg("b", "12:00-24:00")], overlap="30m",
                       extra=a2_covered)
    u = build_report(unfair, z(2026, 3, 2), z(2026, 3, 30)).quality
    assert 80 <= u.score < q.score and u.grade == "green"


def test_score_bands_hold_at_their_edges():
    assert quality_score(99.999, 100, 100, True, 0) == 59
    assert quality_score(100, 100, 100, False, 1) == 79
    assert quality_score(100, 0, 0, False, 1) == 60
    assert quality_score(100, 0, 0, False, 0) == 80
    assert quality_score(0, 100, 100, True, 5) == 0


def test_json_quality_carries_gap_minutes_and_hard_handoffs():
    team = team_from(UTC2, [_leg("a", "00:00-11:00"), _leg("b", "12:00-24:00")])
    d = report_to_dict(build_report(team, z(2026, 3, 2), z(2026, 3, 4)))["quality"]
    assert d["gap_minutes"] == 120 and d["hard_handoffs"] == 2 and d["score"] <= 59
