"""Edit a handoff note: summary, open incidents, things to watch, checklist, acknowledgement.

The dialog edits a value and gives one back (:meth:`HandoffNoteDialog.note`); the main window
saves it through storage, so the dialog never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimeZone
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QStyledItemDelegate, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from oncall.core.labels import day_text
from oncall.core.notes import ChecklistItem, HandoffNote, Incident
from oncall.gui.date_fields import date_entry
from oncall.services.handoffs import format_ref

INCIDENT_COLUMNS = ("Id", "Title", "State", "Link")
_UTC = QTimeZone(b"UTC")


def _to_qt(instant: datetime) -> QDateTime:
    u = instant.astimezone(timezone.utc)
    return QDateTime(QDate(u.year, u.month, u.day), QTime(u.hour, u.minute), _UTC)


def _from_qt(value: QDateTime) -> datetime:
    u = value.toTimeZone(_UTC)
    d, t = u.date(), u.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=timezone.utc)


def _buttons(add_text: str, on_add: Callable[[], None], on_remove: Callable[[], None]) -> QHBoxLayout:
    row = QHBoxLayout()
    add, remove = QPushButton(add_text), QPushButton("Remove")
    for button in (add, remove):
        button.setAutoDefault(False)  # Enter that finishes a cell must not press them (see keyPressEvent)
    add.clicked.connect(on_add)
    remove.clicked.connect(on_remove)
    row.addWidget(add)
    row.addWidget(remove)
    row.addStretch(1)
    return row


class _SyncEnterDelegate(QStyledItemDelegate):
    """Enter commits and closes the cell editor synchronously (Qt queues it; see the dialog)."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(editor, QWidget)):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)
            return True  # consumed: it does not reach the dialog's default button either
        return super().eventFilter(editor, event)


class HandoffNoteDialog(QDialog):
    """``HandoffNoteDialog(note, parent)``; after ``exec()`` returns Accepted, read ``note()``.

    ``heading`` (e.g. ``Alice Chen (Sydney) → Carol Smith (London), Mon 9 Mar 06:00 UTC``)
    is shown above the fields; ``now`` is the clock used when the acknowledgement is ticked.
    """

    def __init__(self, note: HandoffNote, parent: QWidget | None = None, *, heading: str | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._original = note
        self._now = now or (lambda: datetime.now(timezone.utc))
        self.setWindowTitle(f"Handoff note {format_ref(*note.key)}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(heading or f"{note.outgoing} → {note.incoming} at {day_text(note.at.date())} {note.at:%H:%M} UTC"))
        form = QFormLayout()
        layout.addLayout(form)

        self.summary_edit = QPlainTextEdit(note.summary)
        self.summary_edit.setObjectName("summary_edit")
        self.summary_edit.setAccessibleName("Summary")
        self.summary_edit.setPlaceholderText("What is going on, what you did, what the incoming engineer should know")
        form.addRow("&Summary", self.summary_edit)

        layout.addWidget(self._incidents_box(note))
        layout.addWidget(self._watch_box(note))
        layout.addWidget(self._checklist_box(note))
        layout.addLayout(self._acknowledgement_row(note))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 760)

    # -- sections ------------------------------------------------------------------------------
    def _incidents_box(self, note: HandoffNote) -> QGroupBox:
        box = QGroupBox("Open &incidents")
        self.incidents_table = QTableWidget(0, len(INCIDENT_COLUMNS))
        self.incidents_table.setItemDelegate(_SyncEnterDelegate(self.incidents_table))
        self.incidents_table.setObjectName("incidents_table")
        self.incidents_table.setAccessibleName("Open incidents")
        self.incidents_table.setHorizontalHeaderLabels(list(INCIDENT_COLUMNS))
        self.incidents_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.incidents_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for incident in note.incidents:
            self.add_incident(incident)
        inner = QVBoxLayout(box)
        inner.addWidget(self.incidents_table)
        inner.addLayout(_buttons("Add incident", lambda: self._add_and_edit_incident(), self.remove_incident))
        return box

    def _watch_box(self, note: HandoffNote) -> QGroupBox:
        box = QGroupBox("Things to &watch")
        self.watch_list = QListWidget()
        self.watch_list.setItemDelegate(_SyncEnterDelegate(self.watch_list))
        self.watch_list.setObjectName("watch_list")
        self.watch_list.setAccessibleName("Things to watch")
        for text in note.watch:
            self.add_watch(text)
        inner = QVBoxLayout(box)
        inner.addWidget(self.watch_list)
        inner.addLayout(_buttons("Add item", self._add_and_edit_watch, self.remove_watch))
        return box

    def _checklist_box(self, note: HandoffNote) -> QGroupBox:
        box = QGroupBox("&Checklist")
        self.checklist_list = QListWidget()
        self.checklist_list.setItemDelegate(_SyncEnterDelegate(self.checklist_list))
        self.checklist_list.setObjectName("checklist_list")
        self.checklist_list.setAccessibleName("Checklist")
        for item in note.checklist:
            self.add_check(item.text, item.done)
        inner = QVBoxLayout(box)
        inner.addWidget(self.checklist_list)
        inner.addLayout(_buttons("Add check", self._add_and_edit_check, self.remove_check))
        return box

    def _acknowledgement_row(self, note: HandoffNote) -> QHBoxLayout:
        row = QHBoxLayout()
        self.ack_check = QCheckBox("&Acknowledged by the incoming engineer at")
        self.ack_check.setObjectName("ack_check")
        self.ack_time = date_entry(QDateTimeEdit(), with_time=True, suffix="UTC")
        self.ack_time.setObjectName("ack_time")
        self.ack_time.setAccessibleName("Acknowledged at (UTC)")
        self.ack_time.setTimeZone(_UTC)
        self.ack_time.setDateTime(_to_qt(note.acknowledged_at or note.at))
        self.ack_check.setChecked(note.acknowledged_at is not None)
        self.ack_time.setEnabled(note.acknowledged_at is not None)
        self.ack_check.toggled.connect(self._ack_toggled)
        row.addWidget(self.ack_check)
        row.addWidget(self.ack_time)
        row.addStretch(1)
        return row

    # -- cell editors ---------------------------------------------------------------------------
    # Qt's delegate commits an Enter through a *queued* call. If the editor is closed before that
    # call runs (a click on "Add item" right after Enter moves the focus, and the focus-out closes
    # the editor), Qt warns "commitData called with an editor that does not belong to this view".
    # The views here use _SyncEnterDelegate, which commits and closes on Enter at once.

    def _views(self) -> tuple[QAbstractItemView, ...]:
        return (self.incidents_table, self.watch_list, self.checklist_list)

    def finish_edits(self) -> None:
        """Commit and close any open cell editor (before another one opens, and before ``note()``)."""
        for view in self._views():
            if view.state() == QAbstractItemView.State.EditingState:
                view.setFocus()  # the editor loses focus: the delegate commits and closes it now

    # -- editing helpers (also used by tests) --------------------------------------------------
    def add_incident(self, incident: Incident) -> None:
        row = self.incidents_table.rowCount()
        self.incidents_table.insertRow(row)
        for col, value in enumerate((incident.id, incident.title, incident.state, incident.link or "")):
            self.incidents_table.setItem(row, col, QTableWidgetItem(value))

    def _add_and_edit_incident(self) -> None:
        self.finish_edits()
        self.add_incident(Incident("", "", "open"))
        row = self.incidents_table.rowCount() - 1
        self.incidents_table.setCurrentCell(row, 0)
        self.incidents_table.editItem(self.incidents_table.item(row, 0))

    def remove_incident(self) -> None:
        self.finish_edits()
        row = self.incidents_table.currentRow()
        if row >= 0:
            self.incidents_table.removeRow(row)

    def add_watch(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.watch_list.addItem(item)
        return item

    def _add_and_edit_watch(self) -> None:
        self.finish_edits()
        item = self.add_watch("")
        self.watch_list.setCurrentItem(item)
        self.watch_list.editItem(item)

    def remove_watch(self) -> None:
        self.finish_edits()
        row = self.watch_list.currentRow()
        if row >= 0:
            self.watch_list.takeItem(row)

    def add_check(self, text: str, done: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        self.checklist_list.addItem(item)
        return item

    def _add_and_edit_check(self) -> None:
        self.finish_edits()
        item = self.add_check("")
        self.checklist_list.setCurrentItem(item)
        self.checklist_list.editItem(item)

    def remove_check(self) -> None:
        self.finish_edits()
        row = self.checklist_list.currentRow()
        if row >= 0:
            self.checklist_list.takeItem(row)

    def _ack_toggled(self, checked: bool) -> None:
        self.ack_time.setEnabled(checked)
        if checked and self._original.acknowledged_at is None:
            self.ack_time.setDateTime(_to_qt(self._now()))

    # -- the result ----------------------------------------------------------------------------
    def _cell(self, row: int, col: int) -> str:
        item = self.incidents_table.item(row, col)
        return item.text().strip() if item is not None else ""

    def _incidents(self) -> tuple[Incident, ...]:
        out = []
        for row in range(self.incidents_table.rowCount()):
            ident, title, state, link = (self._cell(row, c) for c in range(len(INCIDENT_COLUMNS)))
            if ident or title or link:  # a row left blank is not an incident
                out.append(Incident(ident, title, state or "open", link or None))
        return tuple(out)

    def note(self) -> HandoffNote:
        """The edited note (same handoff key, author and update time as the one given)."""
        self.finish_edits()
        watch = tuple(t for t in (self.watch_list.item(i).text().strip() for i in range(self.watch_list.count())) if t)
        checks = []
        for i in range(self.checklist_list.count()):
            item = self.checklist_list.item(i)
            if item.text().strip():
                checks.append(ChecklistItem(item.text().strip(), item.checkState() == Qt.CheckState.Checked))
        acknowledged = _from_qt(self.ack_time.dateTime()) if self.ack_check.isChecked() else None
        return replace(self._original, summary=self.summary_edit.toPlainText(),
                       incidents=self._incidents(), watch=watch, checklist=tuple(checks),
                       acknowledged_at=acknowledged)
