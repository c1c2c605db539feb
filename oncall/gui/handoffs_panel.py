"""The handoffs in a range, each with its handoff note; print preview and PDF of the week.

Notes live in the team database (a team file has none): the panel reads and writes them
through :mod:`oncall.services.handoffs`, edits them in the handoff-note dialog and prints
with the print-preview helpers, so nothing here formats or stores a note itself. Those are
imported when first used, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.shifts import Handoff
from oncall.viewmodels.coverage import ReportCache, shared_cache

from . import formatting as fmt
from .handoffs_model import HandoffsModel, handoff_rows
from .range_picker import RangePicker
from .table_views import FittedTableView


class HandoffsPanel(QWidget):
    def __init__(self, today: Callable[[], date], database: Callable[[], object | None],
                 cache: ReportCache | None = None, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        super().__init__(parent)
        self._cache = cache or shared_cache()
        self._database = database
        self._clock = clock
        self._team: Team | None = None
        self._notes: dict = {}
        self.show_error: Callable[[str], None] = lambda text: QMessageBox.warning(self, "Handoff note", text)
        self.exec_dialog: Callable[[QDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        self.preview: Callable[[str], object] = self._preview
        # Runs a write to the team database; the main window passes TeamDocument.own_write so
        # that saving a note is not mistaken for another user's save.
        self.run_write: Callable[[Callable[[], object]], object] = lambda write: write()
        self.range = RangePicker(today() - timedelta(days=today().weekday()), 7)
        self.model = HandoffsModel(self)
        self.model.note_state = self._note_state
        self.view = FittedTableView(self.model, "Handoffs")
        self.view.activated.connect(self.open_note)  # Enter or double-click
        self.note_button = QPushButton("Open &note…")
        self.print_one_button = QPushButton("&Print handoff…")
        self.print_button = QPushButton("Print &week / PDF…")
        self.team_zone: Callable[[], str] = lambda: "UTC"  # the team's display zone (the main window's)
        self.print_one_button.setToolTip("Print the selected handoff's summary and note")
        self.print_button.setToolTip("Print a week's handoff sheet, or save it as a PDF")
        self.note_button.setToolTip("Write or read the selected handoff's note (Enter or double-click)")
        self.note_button.clicked.connect(lambda: self.open_note(self.view.currentIndex()))
        self.print_one_button.clicked.connect(self.print_selected)
        self.print_button.clicked.connect(self.print_week)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.range)
        top.addStretch(1)
        for b in (self.note_button, self.print_one_button, self.print_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.range.changed.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        """A handoff must be selected to print or open it."""
        selected = self.view.selectionModel().hasSelection() and self.view.currentIndex().isValid()
        self.print_one_button.setEnabled(selected)
        self.note_button.setEnabled(selected and self._database() is not None)

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
        has_db = self._database() is not None
        self._update_buttons()
        if not has_db:
            self.status.setText("Handoff notes are kept in the team database; save the team as a database "
                                "(File > Save As) to write them.")
        else:
            rows = handoff_rows(report)
            gaps = sum(1 for h in rows if h.is_gap)
            with_note = sum(1 for h in rows if h.key() in self._notes)
            gap_text = f" and {gaps} gap{'s' if gaps != 1 else ''} (in red)" if gaps else ""
            self.status.setText(f"{len(rows) - gaps} handoffs{gap_text}, {with_note} with a note. "
                                "Double-click a handoff to write or read its note.")

    def _load_notes(self, start: datetime, end: datetime) -> dict:
        from oncall.services import handoffs as handoff_service

        try:
            return {n.key: n for n in handoff_service.load_notes(self._database(), start, end + timedelta(seconds=1))}
        except handoff_service.HandoffServiceError:  # a notes read failure must not hide the handoffs
            return {}

    def _note_state(self, h: Handoff) -> str:
        note = self._notes.get(h.key())
        if note is None:
            return ""
        if note.acknowledged_at:
            return "✓ acknowledged"
        return "note written" + (f": {note.summary.splitlines()[0][:60]}" if note.summary.strip() else "")

    def selected_handoff(self) -> Handoff | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _heading(self, h: Handoff) -> str:
        team = self._team
        out, inc = team.member(h.from_member), team.member(h.to_member)
        return (f"{out.name} ({team.site(out.site).name}) → {inc.name} ({team.site(inc.site).name}), "
                f"{fmt.utc_time(h.at)}")

    def open_note(self, index: QModelIndex) -> None:
        db = self._database()
        if db is None or not index.isValid() or self._team is None:
            return
        from oncall.services import handoffs as handoff_service

        from .handoff_note_dialog import HandoffNoteDialog

        handoff = self.model.item(index.row())
        stored = self._notes.get(handoff.key())
        note = stored or HandoffNote(*handoff.key())
        dialog = HandoffNoteDialog(note, self, heading=self._heading(handoff), now=self._clock)
        if not self.exec_dialog(dialog):
            return
        try:
            self.run_write(lambda: handoff_service.save_note(db, dialog.note(), expected=stored,
                                                             now=self._clock()))
        except handoff_service.HandoffServiceError as exc:
            self.show_error(str(exc))
        self.refresh()

    def print_selected(self) -> None:
        handoff = self.selected_handoff()
        if handoff is not None and self._team is not None:
            from oncall.services import handoffs as handoff_service

            self.preview(handoff_service.handoff_html(self._team, handoff, self._database()))

    def print_week(self) -> None:
        """Ask for the week and the zone, then preview/print it or save it as a PDF."""
        if self._team is None:
            return
        from oncall.services import handoffs as handoff_service

        from .print_preview import save_pdf
        from .print_week_dialog import PREVIEW, SAVED, PrintWeekDialog
        from .timeline_panel import system_zone

        team, db = self._team, self._database()
        mine = system_zone()
        dialog = PrintWeekDialog(team, self.range.first_day(), None if mine == "UTC" else mine,
                                 self.team_zone(),
                                 lambda zone, monday, path: save_pdf(
                                     handoff_service.week_html(team, monday, zone, db), path),
                                 self)
        if not self.exec_dialog(dialog):
            return
        if dialog.choice == PREVIEW:
            self.preview(handoff_service.week_html(team, dialog.monday(), dialog.zone(), db))
        elif dialog.choice == SAVED:
            self.status.setText(f"Saved {dialog.saved_path}")

    def _preview(self, html: str) -> None:
        from .print_preview import preview_html

        preview_html(html, self)
