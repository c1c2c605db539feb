"""Date editors in the desktop app stop at the supported years (1970-2100).

Before: Qt's default range let a range start on 9999-12-31, and the engine overflowed
computing a year from there (the same OverflowError the CLI gave for `report --from 9999-12-01`).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit

from oncall.core.demo import demo_team
from oncall.core.report import build_report
from oncall.gui.leg_dialog import LegDialog
from oncall.gui.range_picker import RangePicker
from oncall.gui.span_editor import SpanEditor


def test_range_picker_clamps_to_2100_and_the_report_still_runs(qtbot):
    picker = RangePicker(date(2026, 3, 1), 7)
    qtbot.addWidget(picker)
    picker.set_range(date(9999, 12, 31))
    assert picker.first_day() == date(2100, 12, 31)
    start, end = picker.utc_range()
    assert build_report(demo_team(), start, end).shifts  # a week past 2100-12-31 still resolves
    picker.start_edit.setDate(QDate(1, 1, 1))
    assert picker.first_day() == date(1970, 1, 1)


def test_every_date_editor_of_the_span_editor_and_leg_dialog_is_limited(qtbot):
    team = demo_team()
    span = SpanEditor(team, "Europe/London", datetime(2026, 3, 1, tzinfo=timezone.utc),
                      datetime(2026, 3, 2, tzinfo=timezone.utc))
    leg = LegDialog(team, team.legs[0])
    for widget in (span, leg):
        qtbot.addWidget(widget)
        edits = [e for e in widget.findChildren(QDateTimeEdit) if not isinstance(e, QTimeEdit)]
        assert edits
        for edit in edits:
            assert edit.minimumDate() == QDate(1970, 1, 1) and edit.maximumDate() == QDate(2100, 12, 31), edit
