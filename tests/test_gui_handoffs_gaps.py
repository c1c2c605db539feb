"""The Handoffs tab lists gaps between two members, in red, beside the real handoffs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oncall.core.demo import demo_team, utc
from oncall.core.report import build_report
from oncall.gui.handoffs_model import OVERLAP_COLUMN, HandoffsModel, handoff_rows


def test_gaps_between_two_members_are_rows_with_a_negative_overlap(qtmodeltester):
    team = demo_team()
    report = build_report(team, utc(2026, 11, 30), utc(2026, 12, 1))
    rows = handoff_rows(report)
    gaps = [h for h in rows if h.end < h.start]
    # In the northern winter Sydney ends 06:30Z and London starts 07:00Z.
    assert [(h.from_member, h.to_member, h.at, h.minutes) for h in gaps] == [("bob", "dan", utc(2026, 11, 30, 6, 30), -30)]
    assert len(rows) == len(report.handoffs) + 1
    assert [h.at for h in rows] == sorted(h.at for h in rows)

    model = HandoffsModel()
    model.set_report(team, report)
    qtmodeltester.check(model)
    row = next(i for i in range(model.rowCount()) if model.item(i).end < model.item(i).start)
    # The junction's designed overlap is 90 min (the 365 days from the range start).
    assert model.index(row, OVERLAP_COLUMN).data() == "gap 30 min (normally 1 h 30 min)"
    assert model.index(row, OVERLAP_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_one_normal_overlap_in_the_tab_the_report_and_the_printed_week():
    from datetime import date

    from oncall.export.handoff_sheet import week_sheet

    team = demo_team()
    monday = date(2026, 3, 9)
    report = build_report(team, utc(2026, 3, 9), utc(2026, 3, 16))
    assert report.normals == {("syd", "lon"): 90, ("lon", "sfo"): 90, ("sfo", "syd"): 30}
    sheet = [w.message for w in week_sheet(team, monday).warnings]
    panel = [w.message for w in report.warnings if w.kind == "dst_drift"]
    assert sheet == panel  # the printed sheet and the Coverage panel say the same
    assert any("London to San Francisco overlap is 150 min (normally 90 min)" in m for m in sheet)
    model = HandoffsModel()
    model.set_report(team, report)
    lon_sfo = next(i for i in range(model.rowCount())
                   if model.item(i).outgoing.leg == "lon" and model.item(i).incoming.leg == "sfo")
    assert model.index(lon_sfo, OVERLAP_COLUMN).data() == "2 h 30 min (normally 1 h 30 min)"
