"""The handoff-note dialog edited with the keyboard only: no "commitData called with an editor that
does not belong to this view" warning, and what was typed ends up in the note."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton

from oncall.core.demo import utc
from oncall.core.notes import HandoffNote
from oncall.gui.handoff_note_dialog import HandoffNoteDialog


def _button(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text)


def test_type_an_incident_then_add_a_watch_item_without_qt_warnings(qtbot, qtlog):
    dialog = HandoffNoteDialog(HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30)))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)  # keys go to the focus widget of the active window
    qtbot.mouseClick(_button(dialog, "Add incident"), Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "INC-7")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to the Title cell, its editor opens
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Checkout errors")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.incidents_table.rowCount() == 1  # Enter finished the cell, nothing else
    qtbot.mouseClick(_button(dialog, "Add item"), Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "error budget")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.mouseClick(_button(dialog, "Add check"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "status page updated")
    qtbot.mouseClick(_button(dialog, "Add incident"), Qt.MouseButton.LeftButton)  # while the check is edited
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    warnings = [r.message for r in qtlog.records if "commitData" in r.message or "editor" in r.message]
    assert warnings == []
    note = dialog.note()
    assert [(i.id, i.title, i.state) for i in note.incidents] == [("INC-7", "Checkout errors", "open")]
    assert note.watch == ("error budget",)
    assert note.checklist[-1].text == "status page updated"


def test_typed_cell_text_survives_opening_another_editor_at_once(qtbot, qtlog):
    """Enter queues the commit; "Add check" right after (no event loop in between) still keeps the text."""
    dialog = HandoffNoteDialog(HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30)))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.mouseClick(_button(dialog, "Add item"), Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "queue depth")
    QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    _button(dialog, "Add check").click()  # before the queued commit has run
    qtbot.keyClicks(QApplication.focusWidget(), "rollback plan")
    note = dialog.note()
    assert note.watch == ("queue depth",)
    assert note.checklist[-1].text == "rollback plan"
    assert not [r.message for r in qtlog.records if "commitData" in r.message]
