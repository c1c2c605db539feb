"""Screens that speak alike: status tones that follow a light/dark switch, undo texts in names with
en-dash windows, one display format for dates in every caption and heading. Real widgets throughout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui_support import dark_palette, drawn_text_colour
from oncall.gui.palette import contrast, tone_color

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"


@pytest.fixture
def restore_palette():
    app = QApplication.instance()
    before = app.palette()
    yield app
    app.setPalette(before)


# ---------------------------------------------------------------- the import verdict follows light/dark


def _check(qtbot, dialog, tool: str, schedule: str, timeline: str | None = None, shifts: str | None = None) -> None:
    dialog.tool.setCurrentIndex(dialog.tool.findData(tool))
    for edit, name in ((dialog.schedule, schedule), (dialog.timeline, timeline), (dialog.shifts, shifts)):
        edit.clear()
        if name:
            qtbot.keyClicks(edit, str(FIXTURES / name))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("case", ["good", "warning", "error", "neutral"])
def test_import_verdict_stays_readable_after_a_switch_to_dark_and_back(case, qtbot, restore_palette):
    from oncall.gui.schedule_import_dialog import ScheduleImportDialog

    app = restore_palette
    dialog = ScheduleImportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    if case == "good":
        _check(qtbot, dialog, "opsgenie", "opsgenie/follow-the-sun-schedule.json", "opsgenie/follow-the-sun-timeline.json")
        assert dialog.verdict.text().startswith("Matches")
    elif case == "warning":
        _check(qtbot, dialog, "grafana", "grafana/approximated-schedule.json", "grafana/approximated-timeline.json",
               "grafana/approximated-shifts.json")
        assert "differences from Grafana OnCall's timeline" in dialog.verdict.text()
    elif case == "error":
        _check(qtbot, dialog, "opsgenie", "pagerduty/weekly-schedule.json")
        assert dialog.verdict.text().startswith("Cannot import")
    else:
        _check(qtbot, dialog, "opsgenie", "opsgenie/follow-the-sun-schedule.json")
        assert dialog.verdict.text().startswith("Imported. Give the tool's timeline")
    for palette in (dark_palette(), QPalette(app.palette()), dark_palette()):  # the verdict was set in light
        app.setPalette(palette)
        QApplication.processEvents()
        window = palette.color(QPalette.ColorRole.Window)
        drawn = drawn_text_colour(dialog.verdict)
        assert contrast(drawn, window) >= 4.5, (case, drawn.name(), window.name())
        expected = palette.color(QPalette.ColorRole.WindowText) if case == "neutral" else tone_color(case, palette)
        assert contrast(drawn, expected) < 1.3, (case, drawn.name(), expected.name())  # its tone, not another
    assert dialog.verdict.font().bold() == (case != "neutral")
