"""The handoffs in a range, with each one's handoff note (when a database holds notes).

Opening a note and printing use the handoff-notes pieces (``handoff_note_dialog``,
``print_preview``) when they are installed; without a database, notes cannot be stored and
the panel says so.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from oncall.core.model import Team
from oncall.core.shifts import Handoff
from oncall.services.coverage import ReportCache, shared_cache

from .handoffs_model import HandoffsModel
from .range_picker import RangePicker


def _optional(module: str):
    try:
        return importlib.import_module(f"oncall.gui.{module}")
    except ImportError:
        return None


class HandoffsPanel(QWidget):
    def __init__(self, today: Callable[[], date], database: Callable[[], object | None],
                 cache: ReportCache | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache or shared_cache()
        self._database = database
        self._team: Team | None = None
        self._notes: dict = {}
        self.range = RangePicker(today(), 7)
        self.model = HandoffsModel(self)
        self.model.note_state = self._note_state
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Handoffs")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open_note)
        self.note_button = QPushButton("Open &note…")
        self.print_button = QPushButton("&Print / PDF…")
        self.note_button.clicked.connect(lambda: self._open_note(self.view.currentIndex()))
        self.print_button.clicked.connect(self._print)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.range)
        top.addStretch(1)
        top.addWidget(self.note_button)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.range.changed.connect(self.refresh)

    def set_team(self, team: Team) -> None:
        self._team = team
        self.refresh()

    def refresh(self) -> None:
        if self._team is None:
            return
        start, end = self.range.utc_range()
        report = self._cache.report(self._team, start, end)
        self._notes = self._load_notes(start, end)
        self.model.set_report(self._team, report)
        db = self._database()
        dialog = _optional("handoff_note_dialog")
        self.note_button.setEnabled(db is not None and dialog is not None)
        self.print_button.setEnabled(_optional("print_preview") is not None)
        if db is None:
            self.status.setText("Handoff notes are kept in the team database; open or save the team as a "
                                "database to write them.")
        else:
            self.status.setText(f"{len(report.handoffs)} handoffs, {len(self._notes)} with a note. "
                                "Double-click a handoff to write or read its note.")

    def _load_notes(self, start, end) -> dict:
        db = self._database()
        notes = getattr(db, "notes", None)
        if notes is None:
            return {}
        try:
            return {n.key: n for n in notes.list(start, end)}
        except Exception:  # noqa: BLE001 - a notes read failure must not hide the handoffs
            return {}

    def _note_state(self, h: Handoff) -> str:
        note = self._notes.get(h.key())
        if note is None:
            return ""
        if getattr(note, "acknowledged_at", None):
            return "✓ acknowledged"
        return "note written"

    def selected_handoff(self) -> Handoff | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _open_note(self, index: QModelIndex) -> None:
        module = _optional("handoff_note_dialog")
        db = self._database()
        if module is None or db is None or not index.isValid() or self._team is None:
            return
        handoff = self.model.item(index.row())
        opener = getattr(module, "open_note_dialog", None)
        if opener is not None:
            opener(self, self._team, handoff, db)
        else:
            dialog_class = getattr(module, "HandoffNoteDialog")
            dialog_class(self._team, handoff, db, self).exec()
        self.refresh()

    def _print(self) -> None:
        module = _optional("print_preview")
        if module is None or self._team is None:
            return
        start, end = self.range.utc_range()
        opener = getattr(module, "open_print_preview", None)
        if opener is not None:
            opener(self, self._team, start, end, self._database())


