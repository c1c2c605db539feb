"""The note editor and print preview, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pypdf import PdfReader

from oncall.core.demo import demo_team, utc
from oncall.core.notes import HandoffNote, Incident
from oncall.gui.handoff_note_dialog import HandoffNoteDialog
from oncall.gui.print_preview import make_preview, save_pdf
from oncall.services import handoffs as service
from oncall.storage import open_database

KEY = ("bob", "dan", utc(2026, 3, 9, 6, 30))


def _db(tmp_path) -> str:
    url = str(tmp_path / "team.db")
    with open_database(url, create=True) as database:
        database.replace_team(demo_team(), user="lead")
    return url


def _press_ok(qtbot, dialog):
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    QTimer.singleShot(0, lambda: qtbot.mouseClick(ok, Qt.MouseButton.LeftButton))
    return dialog.exec()


def test_edit_save_reopen_the_note_is_there(qtbot, tmp_path):
    db = open_database(_db(tmp_path), create=False)
    choice = service.choose_by_ref(demo_team(), *KEY, db=db)
    note, stored = service.note_or_blank(db, choice)
    assert stored is None and [c.text for c in note.checklist][0] == "Pager tested"

    dialog = HandoffNoteDialog(note, now=lambda: utc(2026, 3, 9, 6, 42))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.summary_edit, "DB failover at 05:10 <ok> & calm")
    dialog.add_incident(Incident("INC-9", "Card auth slow", "mitigated", "https://status.example.com/9"))
    dialog.add_watch("disk on db-3")
    dialog.checklist_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.ack_check.setChecked(True)
    assert _press_ok(qtbot, dialog) == QDialog.DialogCode.Accepted
    edited = dialog.note()
    service.save_note(db, edited, expected=stored)

    reopened_note, reopened_stored = service.note_or_blank(db, choice)
    assert reopened_stored is not None
    again = HandoffNoteDialog(reopened_note)
    qtbot.addWidget(again)
    assert again.summary_edit.toPlainText() == "DB failover at 05:10 <ok> & calm"
    assert again.incidents_table.rowCount() == 1 and again.incidents_table.item(0, 0).text() == "INC-9"
    assert again.watch_list.item(0).text() == "disk on db-3"
    assert again.checklist_list.item(0).checkState() == Qt.CheckState.Checked
    assert again.checklist_list.item(1).checkState() == Qt.CheckState.Unchecked
    assert again.ack_check.isChecked()
    got = again.note()
    assert got.key == KEY and got.acknowledged_at == utc(2026, 3, 9, 6, 42)
    assert (got.summary, got.incidents, got.watch, got.checklist) == (
        edited.summary, edited.incidents, edited.watch, edited.checklist)
    db.close()


def test_unchanged_dialog_gives_back_the_same_note(qtbot):
    note = HandoffNote(*KEY, summary="x\n  y", watch=("a",), acknowledged_at=utc(2026, 3, 9, 7), author="bob")
    dialog = HandoffNoteDialog(note)
    qtbot.addWidget(dialog)
    assert dialog.note() == note


def test_removing_rows_and_unticking_acknowledgement(qtbot):
    note = HandoffNote(*KEY, incidents=(Incident("A", "a"), Incident("B", "b")), watch=("w1", "w2"),
                       acknowledged_at=utc(2026, 3, 9, 7))
    dialog = HandoffNoteDialog(note)
    qtbot.addWidget(dialog)
    dialog.incidents_table.setCurrentCell(0, 0)
    dialog.remove_incident()
    dialog.watch_list.setCurrentRow(1)
    dialog.remove_watch()
    dialog.ack_check.setChecked(False)
    dialog.add_incident(Incident("", "", ""))  # a blank row is not an incident
    result = dialog.note()
    assert [i.id for i in result.incidents] == ["B"] and result.watch == ("w1",)
    assert result.acknowledged_at is None and not dialog.ack_time.isEnabled()


def test_cancel_leaves_the_note_alone(qtbot):
    dialog = HandoffNoteDialog(HandoffNote(*KEY))
    qtbot.addWidget(dialog)
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    QTimer.singleShot(0, lambda: qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton))
    assert dialog.exec() == QDialog.DialogCode.Rejected


def test_print_preview_paints_with_the_export_painter(qtbot, tmp_path):
    html = service.day_html(demo_team(), date(2026, 3, 9))
    dialog = make_preview(html, paper="a4")
    qtbot.addWidget(dialog)
    target = QPrinter(QPrinter.PrinterMode.HighResolution)
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "preview.pdf"
    target.setOutputFileName(str(path))
    dialog.paintRequested.emit(target)  # what the preview does for every refresh
    assert len(PdfReader(str(path)).pages) == 3


def test_save_pdf_for_a_handoff_and_a_week(qtbot, tmp_path):
    team = demo_team()
    handoff = service.find_handoff(team, *KEY)
    assert save_pdf(service.handoff_html(team, handoff), tmp_path / "one.pdf", "letter") == 1
    week = service.week_html(team, date(2026, 3, 9), "Europe/London")
    assert save_pdf(week, tmp_path / "week.pdf", "a4") >= 1
