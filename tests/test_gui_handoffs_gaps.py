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
    assert model.index(row, OVERLAP_COLUMN).data() == "gap 30 min"
    assert model.index(row, OVERLAP_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is not None
