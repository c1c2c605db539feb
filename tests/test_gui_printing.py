"""Printing from the Handoffs tab: the week dialog (zone, Save PDF with a sensible name), and
"Print handoff…" only with a selection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pypdf import PdfReader

from oncall.core.demo import demo_team
from oncall.gui.print_week_dialog import PREVIEW, PrintWeekDialog, documents_folder, pdf_name
from tests.gui_support import open_demo_window


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def test_pdf_name_and_folder():
    assert pdf_name("Payments SRE", date(2026, 3, 9)) == "payments-sre-handoffs-2026-W11.pdf"
    assert pdf_name("  ", date(2026, 12, 28)) == "team-handoffs-2026-W53.pdf"
    assert documents_folder().is_absolute()


def test_week_dialog_defaults_to_the_users_zone_then_the_teams(qtbot):
    team = demo_team()
    mine = PrintWeekDialog(team, date(2026, 3, 11), "Asia/Tokyo", "Europe/London", lambda *a: None)
    qtbot.addWidget(mine)
    assert mine.zone() == "Asia/Tokyo" and mine.monday() == date(2026, 3, 9)
    assert mine.week_label.text().startswith("2026-W11")
    unknown = PrintWeekDialog(team, date(2026, 3, 11), None, "Europe/London", lambda *a: None)
    qtbot.addWidget(unknown)
    assert unknown.zone() == "Europe/London"
    zones = [unknown.zone_combo.itemData(i) for i in range(unknown.zone_combo.count())]
    assert zones == ["Europe/London", "Australia/Sydney", "America/Los_Angeles", "UTC"]  # no repeats


def test_save_pdf_from_the_toolbar_print(window, qtbot, tmp_path):
    panel = window.handoffs
    asked, seen = [], []

    def run(dialog):
        seen.append(dialog)
        dialog.week_edit.setDate(QDate(2026, 3, 11))
        dialog.zone_combo.setCurrentIndex(dialog.zone_combo.findData("Europe/London"))
        dialog.ask_path = lambda suggested: asked.append(suggested) or str(tmp_path / "week")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    panel.exec_dialog = run
    window.print_action.trigger()  # the toolbar's Print
    assert Path(asked[0]).name == "payments-sre-handoffs-2026-W11.pdf"
    assert Path(asked[0]).parent == documents_folder()
    written = tmp_path / "week.pdf"
    text = " ".join("".join(page.extract_text() for page in PdfReader(str(written)).pages).replace("\ufb00", "ff").split())
    assert "handoff sheet 2026-W11" in text and "times in Europe/London" in text
    assert str(written) in panel.status.text()


def test_preview_prints_the_chosen_zone(window, qtbot):
    panel = window.handoffs
    window.tabs.setCurrentWidget(panel)
    printed = []
    panel.preview = printed.append

    def run(dialog):
        dialog.zone_combo.setCurrentIndex(dialog.zone_combo.findData("America/Los_Angeles"))
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        assert dialog.choice == PREVIEW
        return dialog.result() == 1

    panel.exec_dialog = run
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1 and "times in America/Los_Angeles" in printed[0]


def test_save_failure_is_shown_and_the_dialog_stays(qtbot, tmp_path):
    def fail(zone, monday, path):
        raise OSError("disk full")

    dialog = PrintWeekDialog(demo_team(), date(2026, 3, 9), None, "UTC", fail)
    qtbot.addWidget(dialog)
    dialog.ask_path = lambda suggested: str(tmp_path / "x.pdf")
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Not saved: disk full" in dialog.problem.text()


def test_print_handoff_needs_a_selection(window, qtbot):
    panel = window.handoffs
    window.tabs.setCurrentWidget(panel)
    assert not panel.print_one_button.isEnabled()
    rect = panel.view.visualRect(panel.model.index(1, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.print_one_button.isEnabled()
    printed = []
    panel.preview = printed.append
    qtbot.mouseClick(panel.print_one_button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1
    panel.range.set_range(date(2026, 3, 9))  # a new range: nothing selected any more
    assert not panel.print_one_button.isEnabled()


def test_the_week_sheet_prints_what_the_note_dialog_wrote(window, qtbot, tmp_path):
    """Found walking the app: a note's summary and things to watch, typed in the note dialog, were
    missing from the printed week (it showed "0/4 ticked, not acknowledged" and nothing else)."""
    from PySide6.QtWidgets import QLineEdit, QPushButton

    panel = window.handoffs
    window.tabs.setCurrentWidget(panel)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))

    def write(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.summary_edit, "Quiet night.")
        qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.summary_edit, "Payments queue slow after 05:00.")
        add_watch = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add item")
        qtbot.mouseClick(add_watch, Qt.MouseButton.LeftButton)  # opens the new item's editor
        editor = dialog.watch_list.findChild(QLineEdit)
        qtbot.keyClicks(editor, "Disk on db-3")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        dialog.accept()
        return dialog.result() == 1

    panel.exec_dialog = write
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)

    def save(dialog):
        dialog.ask_path = lambda suggested: str(tmp_path / "week.pdf")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    panel.exec_dialog = save
    window.print_action.trigger()
    text = " ".join("".join(p.extract_text() for p in PdfReader(str(tmp_path / "week.pdf")).pages).split())
    assert "Quiet night. Payments queue slow after 05:00." in text
    assert "Watch: Disk on db-3" in text


@pytest.mark.parametrize("system", ["Etc/UTC", "Universal", "Etc/Zulu"])
def test_a_computer_on_etc_utc_prints_one_utc_column(window, qtbot, tmp_path, monkeypatch, system):
    """Found walking the app on a machine set to Etc/UTC: the print dialog offered "Mine (Etc/UTC)" and
    the sheet had two identical columns, "UTC | UTC", with every time twice."""
    import time

    monkeypatch.setenv("TZ", system)
    time.tzset()
    try:
        seen = []

        def save(dialog):
            seen.append([dialog.zone_combo.itemText(i) for i in range(dialog.zone_combo.count())])
            dialog.ask_path = lambda suggested: str(tmp_path / "week.pdf")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            return dialog.result() == 1

        window.handoffs.exec_dialog = save
        window.print_action.trigger()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert not any(system in text for text in seen[0]), seen[0]
    assert seen[0][0].startswith("Team (")  # no zone of "mine" apart from UTC: the team's comes first
    text = " ".join(PdfReader(str(tmp_path / "week.pdf")).pages[0].extract_text().split())
    assert "with UTC alongside" in text and "UTC UTC" not in text
