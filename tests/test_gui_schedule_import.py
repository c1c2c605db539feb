"""File > Import from another tool…: the real dialog filled by typing, checked, then opened as the team."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui_support import open_demo_window

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


@pytest.fixture
def dialog(qtbot):
    from oncall.gui.schedule_import_dialog import ScheduleImportDialog

    d = ScheduleImportDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def choose_tool(qtbot, dialog, label: str) -> None:
    dialog.tool.setFocus()
    while dialog.tool.currentText() != label:
        qtbot.keyClick(dialog.tool, Qt.Key.Key_Down)


def type_path(qtbot, edit, path: Path) -> None:
    edit.clear()
    qtbot.keyClicks(edit, str(path))


def test_checking_shows_the_report_and_the_proof(qtbot, dialog):
    assert not dialog.check_button.isEnabled() and not dialog.open_button.isEnabled()
    type_path(qtbot, dialog.schedule, FIXTURES / "opsgenie" / "follow-the-sun-schedule.json")
    choose_tool(qtbot, dialog, "Opsgenie")
    assert not dialog.shifts_row.isEnabled()  # Grafana only
    type_path(qtbot, dialog.timeline, FIXTURES / "opsgenie" / "follow-the-sun-timeline.json")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.verdict.text() == "Matches Opsgenie's own timeline: 169 of 169 shifts."
    assert "Team 'Around the world': 1 site, 6 members, 3 legs" in dialog.details.toPlainText()
    assert dialog.open_button.isEnabled()
    qtbot.keyClicks(dialog.timeline, " ")  # any change asks for a new check
    assert not dialog.open_button.isEnabled()


def test_grafana_needs_its_shifts_and_errors_are_shown_not_raised(qtbot, dialog):
    choose_tool(qtbot, dialog, "Grafana OnCall")
    assert dialog.shifts_row.isEnabled()
    type_path(qtbot, dialog.schedule, FIXTURES / "grafana" / "weekly-schedule.json")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.verdict.text().startswith("Cannot import: Grafana OnCall: give the shifts too")
    assert not dialog.open_button.isEnabled()
    type_path(qtbot, dialog.shifts, FIXTURES / "grafana" / "approximated-shifts.json")
    type_path(qtbot, dialog.schedule, FIXTURES / "grafana" / "approximated-schedule.json")
    type_path(qtbot, dialog.timeline, FIXTURES / "grafana" / "approximated-timeline.json")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "differences from Grafana OnCall's timeline" in dialog.verdict.text()
    assert "Approximated:" in dialog.details.toPlainText()


def test_the_import_opens_as_the_team(window, tmp_path):
    from oncall.services.schedule_import import import_schedule

    result = import_schedule("pagerduty", FIXTURES / "pagerduty" / "follow-the-sun-schedule.json")
    target = tmp_path / "imported"
    window.ask_save_path = lambda *a: str(target)
    assert window.open_imported_schedule(result)
    assert window.document.location.endswith("imported.toml")
    assert window.document.team.name == "Follow the sun"
    assert len(window.document.team.legs) == 3
    assert (tmp_path / "imported.toml").read_text().startswith("version = 1")


def test_the_file_menu_offers_the_import(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Import from another too&l…" in texts
