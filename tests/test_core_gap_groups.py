"""Gaps grouped by cause: one finding per recurring hole, with its days and why it happens."""

from __future__ import annotations

from oncall.core.demo import demo_team, utc
from oncall.core.gap_groups import group_gaps
from oncall.core.report import build_report

from core_helpers import team_from, z


def test_a_dst_season_of_identical_gaps_is_one_finding():
    report = build_report(demo_team(), utc(2026, 3, 1), utc(2026, 3, 29))
    assert len(report.gaps) == 28
    (group,) = report.gap_groups
    assert group.message == ("daily 06:30\u201307:00Z from 1 Mar to 28 Mar: Sydney is on daylight time, "
                             "London on standard time")
    assert len(group.days) == 28 and group.minutes == 28 * 30
    assert group.days[-1] == "Sat 28 Mar 2026 06:30\u201307:00Z (30 min): Sydney ends 17:30 AEDT, London starts 07:00 GMT"


def test_a_year_of_the_demo_team_is_two_findings():
    report = build_report(demo_team(), utc(2026, 1, 5), utc(2027, 1, 4))
    assert [len(g.gaps) for g in report.gap_groups] == [83, 71]
    assert report.gap_groups[1].message.startswith("daily 06:30\u201307:00Z from 25 Oct 2026 to 3 Jan 2027:")


def test_windows_that_never_meet_say_so():
    team = team_from([("a", "UTC"), ("b", "UTC")],
                     ['site = "a"\nwindow = "00:00-11:00"\nrotation = ["a1"]\ncadence = "daily"\nstart = "2026-01-05"',
                      'site = "b"\nwindow = "12:00-24:00"\nrotation = ["b1"]\ncadence = "daily"\nstart = "2026-01-05"'],
                     members={"a1": "a", "b1": "b"})
    (group,) = group_gaps(team, build_report(team, z(2026, 3, 2), z(2026, 3, 9)).gaps)
    assert group.message == "daily 11:00\u201312:00Z from 2 Mar to 8 Mar: a's window ends before b's starts"


def test_a_weekday_rota_groups_across_weekends_and_an_unavailable_rotation_is_its_own_cause():
    legs = ['site = "a"\nwindow = "00:00-12:00"\nrotation = ["a1"]\ncadence = "daily"\nstart = "2026-01-05"',
            'site = "b"\nwindow = "12:00-23:00"\ndays = ["mon", "tue", "wed", "thu", "fri"]\n'
            'rotation = ["b1"]\ncadence = "daily"\nstart = "2026-01-05"']
    off = '[[unavailable]]\nmember = "b1"\nstart = "2026-03-04"\nend = "2026-03-05"'
    team = team_from([("a", "UTC"), ("b", "UTC")], legs, members={"a1": "a", "b1": "b"}, extra=off)
    report = build_report(team, z(2026, 3, 2), z(2026, 3, 16))
    messages = [g.message for g in report.gap_groups]
    assert "on 9 days 23:00\u201300:00Z from 2 Mar to 13 Mar: b's window ends before a's starts" in messages
    assert any(m.endswith("b1 is unavailable and nobody else in the b rotation is free") for m in messages)


def test_the_printed_week_lists_each_cause_once_above_its_days():
    from datetime import date

    from oncall.export.handoff_sheet import week_sheet
    from oncall.export.markdown import sheet_markdown
    from oncall.services.handoffs import render

    sheet = week_sheet(demo_team(), date(2026, 3, 9))
    assert len(sheet.gaps) == 7 and len(sheet.gap_causes) == 1
    cause = ("daily 06:30\u201307:00Z from 9 Mar to 15 Mar: Sydney is on daylight time, "
             "London on standard time")
    assert f"- **{cause}** (7 days)" in sheet_markdown(sheet)
    assert f"<b>{cause}</b> (7 days)" in render(sheet, "html")
