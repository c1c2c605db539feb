"""Coverage and Timeline ranges: calendar months and quarters as well as weeks."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from oncall.gui.range_picker import period_days, period_start
from tests.gui_support import open_demo_window

UTC = timezone.utc


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _choose(qtbot, combo, text: str) -> None:
    """Pick an entry of a combo box by typing its first letters, as a keyboard user does."""
    combo.setFocus()
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not the end of the last one
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), combo.currentText()


def test_period_arithmetic():
    assert period_start(date(2026, 3, 17), "month") == date(2026, 3, 1)
    assert period_start(date(2026, 11, 30), "quarter") == date(2026, 10, 1)
    assert period_days(date(2026, 2, 1), "month") == 28
    assert period_days(date(2028, 2, 1), "month") == 29
    assert period_days(date(2026, 10, 1), "quarter") == 92
    assert period_days(date(2026, 12, 1), "month") == 31


def test_coverage_calendar_month_reaches_the_last_sunday_change(window, qtbot):
    window.tabs.setCurrentWidget(window.coverage)
    picker = window.coverage.range
    picker.start_edit.setDate(QDate(2026, 3, 1))
    assert picker.utc_range()[1] < datetime(2026, 3, 29, 1, tzinfo=UTC)  # 4 weeks: misses 29 March
    _choose(qtbot, picker.length, "Cal")
    start, end = picker.utc_range()
    assert (start, end) == (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    report = window.coverage.report()
    assert (report.start, report.end) == (start, end)
    # A day typed mid-month snaps to the month's first day.
    picker.start_edit.setFocus()
    picker.start_edit.setDate(QDate(2026, 2, 17))
    assert picker.first_day() == date(2026, 2, 1) and picker.days() == 28


def test_timeline_quarter_and_month(window, qtbot):
    window.tabs.setCurrentWidget(window.timeline)
    picker = window.timeline.range
    picker.start_edit.setDate(QDate(2026, 11, 18))
    _choose(qtbot, picker.length, "Q")
    assert window.timeline.view.range() == (date(2026, 10, 1), 92)
    _choose(qtbot, picker.length, "Cal")
    assert window.timeline.view.range() == (date(2026, 10, 1), 31)
    qtbot.keyClick(picker.start_edit, Qt.Key.Key_Up)  # steps the day section: still October
    assert window.timeline.view.range()[0].month in (10, 11)
    # show on timeline keeps a calendar month: it moves to the month of the span
    window.show_on_timeline(datetime(2026, 12, 14, 6, tzinfo=UTC), datetime(2026, 12, 14, 7, tzinfo=UTC))
    assert window.timeline.view.range() == (date(2026, 12, 1), 31)
    assert picker.length.currentData() == "month"
