"""The main window: docks, tabs, menus and actions, wired to the document. Nothing else.

Panels, models and dialogs live in their own modules; the core computes, the panels show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QTabWidget, QWidget,
)

from oncall.core.model import LocalWindow

from .band_panel import BandPanel
from .coverage_panel import CoveragePanel
from .document import DocumentError, SaveConflict, TeamDocument, is_team_file
from .edit_actions import EditActions
from .feeds_panel import FeedsPanel
from .handoffs_panel import HandoffsPanel
from .settings import Settings
from .team_panel import TeamPanel
from .timeline_panel import TimelinePanel
from .view_loader import make_view, placeholder

Clock = Callable[[], datetime]
TEAM_FILTER = "Team files (*.toml)"
DB_FILTER = "oncall databases (*.db *.sqlite)"
SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"
FILL_FALLBACK_MS = 300


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class MainWindow(QMainWindow):
    panelsFilled = Signal()  # the docks deferred at start-up are filled (benchmarks wait for it)

    def __init__(self, document: TeamDocument, settings: Settings, clock: Clock = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.clock = clock
        self.actions = EditActions(document, self)
        # Hooks for modal questions (tests replace them).
        self.ask_save_changes: Callable[[], str] = self._ask_save_changes
        self.resolve_conflict: Callable[[SaveConflict], str] = self._resolve_conflict
        self.ask_open_path: Callable[[], str | None] = self._ask_open_path
        self.ask_save_path: Callable[[str, str], str | None] = self._ask_save_path
        self.show_error: Callable[[str, str], None] = lambda title, text: QMessageBox.warning(self, title, text)
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self._connect_document()
        self.statusBar().addPermanentWidget(self._source_label)
        self.resize(1400, 900)
        self.resizeDocks([self.now_dock], [560], Qt.Orientation.Horizontal)
        self.resizeDocks([self.team_dock], [250], Qt.Orientation.Vertical)
        self._stale: set[QWidget] = set()
        self._docks_pending = False  # the Now and Team docks wait for the first paint
        self._painted = False
        self._started = False  # panelsFilled was emitted
        self.tabs.currentChanged.connect(self._tab_shown)
        self._team_changed(document.team)
        self._source_changed()

    # ---------------------------------------------------------------- construction

    def _today(self) -> date:
        return self.clock().date()

    def _build_panels(self) -> None:
        self.band = BandPanel(self._today)
        self.timeline = TimelinePanel(self._today)
        self.timeline.set_display_zone_key(self.settings.display_zone())
        self.coverage = CoveragePanel(self._today)
        self.handoffs = HandoffsPanel(self._today, lambda: self.document.database, clock=self.clock)
        self.feeds = FeedsPanel(lambda: self.document.database, self.settings.feed_base_url,
                                self.settings.set_feed_base_url)
        self.handoffs.run_write = self.feeds.run_write = self.document.own_write
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for widget, title in ((self.band, "&Follow the sun"), (self.timeline, "T&imeline"),
                              (self.coverage, "&Coverage"), (self.handoffs, "&Handoffs"), (self.feeds, "F&eeds")):
            self.tabs.addTab(widget, title)
            widget.setAccessibleName(title.replace("&", ""))
        self.setCentralWidget(self.tabs)

        self.now = make_view("now_panel", "NowPanel", self)
        if self.now is not None and hasattr(self.now, "set_clock"):
            self.now.set_clock(self.clock)
        now_scroll = QScrollArea()  # the dock may be narrower than the panel's widest row
        now_scroll.setWidgetResizable(True)
        now_scroll.setFrameShape(QFrame.Shape.NoFrame)
        now_scroll.setWidget(self.now or placeholder("Now panel unavailable"))
        self.now_dock = self._dock("Now", "NowDock", now_scroll, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.team_panel = TeamPanel(self.actions)
        self.team_dock = self._dock("Team", "TeamDock", self.team_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._source_label = QLabel()
        self._source_label.setAccessibleName("Open team location")

        self.band.windowEdited.connect(self._window_edited)
        self.timeline.spanRequested.connect(self._span_requested)
        self.timeline.displayZoneChanged.connect(self.settings.set_display_zone)
        self.coverage.findingActivated.connect(self.show_on_timeline)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        S = QKeySequence.StandardKey
        a = self.actions
        self.new_action = self._action("&New team", self.new_team, S.New)
        self.open_action = self._action("&Open…", self.open_dialog, S.Open, "Open a team database or team file")
        self.save_action = self._action("&Save", self.save, S.Save)
        self.save_as_action = self._action("Save &As…", self.save_as, S.SaveAs)
        self.import_action = self._action("&Import team file…", self.import_team_file, "Ctrl+I",
                                          "Replace the team by a team file (undoable)")
        self.export_action = self._action("&Export team file…", self.export_team_file, "Ctrl+E")
        self.reload_action = self._action("&Reload", self.reload, S.Refresh, "Discard unsaved edits and reload")
        self.quit_action = self._action("&Quit", self.close, S.Quit)
        self.undo_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(S.Undo)])
        self.redo_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Y")] + QKeySequence.keyBindings(S.Redo)
        self.redo_action.setShortcuts(list({k.toString(): k for k in redo_keys}.values()))
        self.team_settings_action = self._action("&Team settings…", a.team_settings, "Ctrl+T")
        self.add_site_action = self._action("Add &site…", a.add_site, "Ctrl+Alt+S")
        self.add_member_action = self._action("Add &member…", a.add_member, "Ctrl+Shift+M")
        self.add_leg_action = self._action("Add &leg…", a.add_leg, "Ctrl+Shift+L")
        self.add_override_action = self._action("Add &override…", a.add_override, "Ctrl+Shift+O")
        self.add_time_off_action = self._action("Add time o&ff…", a.add_time_off, "Ctrl+Shift+F")
        self.today_action = self._action("Go to &today", self.go_to_today, "Ctrl+Home")
        self.tab_actions = [self._action(self.tabs.tabText(i).replace("&", ""), lambda i=i: self.tabs.setCurrentIndex(i),
                                         f"Ctrl+{i + 1}") for i in range(self.tabs.count())]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action, self.reload_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.team_settings_action, self.add_site_action, self.add_member_action,
                              self.add_leg_action, self.add_override_action, self.add_time_off_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(self.tab_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.today_action)
        view_menu.addSeparator()
        view_menu.addAction(self.now_dock.toggleViewAction())
        view_menu.addAction(self.team_dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About oncall", self._about))
        self.addActions([self.undo_action, self.redo_action])

    def _connect_document(self) -> None:
        doc = self.document
        doc.teamChanged.connect(self._team_changed)
        doc.modifiedChanged.connect(self.setWindowModified)
        doc.sourceChanged.connect(self._source_changed)
        doc.externalChange.connect(lambda text: self.statusBar().showMessage(text, 15000))
        doc.reloaded.connect(lambda text: self.statusBar().showMessage(text, 8000))

    # ---------------------------------------------------------------- document -> panels

    def _team_changed(self, team) -> None:
        """Update what is on screen now; hidden tabs catch up when first shown.

        Before the window is shown only the current tab is filled: the Now and Team docks
        follow right after the first paint (``fill_deferred``), so start-up paints the
        visible tab's content without waiting for holiday calendars and tables.
        """
        current = self.tabs.currentWidget()
        for index in range(self.tabs.count()):
            panel = self.tabs.widget(index)
            if panel is current:
                self._stale.discard(panel)
                panel.set_team(team)
            else:
                self._stale.add(panel)
        if self.isVisible():
            self._fill_docks(team)
        else:
            self._docks_pending = True
        self._update_title()

    def _fill_docks(self, team) -> None:
        self._docks_pending = False
        self.team_panel.set_team(team)
        if self.now is not None:
            self.now.set_team(team)

    def fill_deferred(self) -> None:
        """Fill the docks now if they still wait for the first paint (idempotent)."""
        if self._docks_pending:
            self._fill_docks(self.document.team)
        if not self._started:
            self._started = True
            self.panelsFilled.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True  # the docks fill once this paint is on screen
            QTimer.singleShot(0, self.fill_deferred)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._docks_pending:  # should no paint come (a minimised start), fill anyway
            QTimer.singleShot(FILL_FALLBACK_MS, self.fill_deferred)

    def _tab_shown(self, index: int) -> None:
        panel = self.tabs.widget(index)
        if panel in self._stale:
            self._stale.discard(panel)
            panel.set_team(self.document.team)

    def _source_changed(self) -> None:
        doc = self.document
        self._source_label.setText({"memory": "Not saved yet", "file": "Team file: ",
                                    "database": "Database: "}[doc.kind] + (doc.location or ""))
        self.reload_action.setEnabled(doc.kind != "memory")
        self._update_title()
        self.setWindowModified(doc.is_modified())

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.team.name or 'Team'} — {self.document.title()}[*] — oncall")

    # ---------------------------------------------------------------- views -> edits

    def _window_edited(self, leg_id: str, window: LocalWindow) -> None:
        self.actions.set_leg_window(leg_id, window)

    def _span_requested(self, action: str, start: datetime, end: datetime, row_kind: str, row_id: str) -> None:
        member = row_id if row_kind == "member" else None
        if action == "override":
            self.actions.add_override(start, end, member=None, replaces=member)
        else:
            self.actions.add_time_off(start, end, member=member, all_day=(end - start).total_seconds() >= 86400)

    def show_on_timeline(self, start: datetime, end: datetime | None) -> None:
        self.tabs.setCurrentWidget(self.timeline)
        self.timeline.show_span(start, end)

    def go_to_today(self) -> None:
        self.band.set_date(self._today())
        self.timeline.show_span(self.clock(), None)

    # ---------------------------------------------------------------- file actions

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current team (saved, discarded, or unmodified)."""
        if not self.document.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def new_team(self) -> None:
        if self.maybe_save():
            self.document.new()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_open_path()
        if path:
            self.open_location(path, check_saved=False)

    def open_location(self, location: str | None, *, check_saved: bool = True, demo_if_new: bool = False) -> bool:
        if check_saved and not self.maybe_save():
            return False
        try:
            self.document.open(location, demo_if_new=demo_if_new)
        except DocumentError as exc:
            self.show_error("Cannot open", str(exc))
            return False
        self._remember(self.document.location)
        return True

    def _remember(self, location: str | None) -> None:
        if not location:
            return
        self.settings.add_recent_file(location)
        if self.document.kind == "database":
            self.settings.set_last_database(location)

    def save(self) -> bool:
        if self.document.kind == "memory":
            return self.save_as()
        try:
            self.document.save()
        except SaveConflict as conflict:
            return self._handle_conflict(conflict)
        except DocumentError as exc:
            self.show_error("Not saved", str(exc))
            return False
        self.statusBar().showMessage("Saved", 4000)
        return True

    def _handle_conflict(self, conflict: SaveConflict) -> bool:
        from . import conflict_dialog  # a rare dialog: not imported at start-up

        choice = self.resolve_conflict(conflict)
        if choice == conflict_dialog.REAPPLY:
            failed = self.document.rebase_on_latest()
            if failed:
                self.show_error("Some edits no longer apply",
                                "These edits were dropped because the other user's changes conflict:\n\n"
                                + "\n".join(failed) + "\n\nThe rest are re-applied and not yet saved.")
                return False
            return self.save()
        if choice == conflict_dialog.DISCARD:
            self.document.reload()
        else:
            self.statusBar().showMessage("Not saved: your edits are kept. Save again when ready.", 15000)
        return False

    def save_as(self) -> bool:
        path = self.ask_save_path("Save team as", f"{DB_FILTER};;{TEAM_FILTER}")
        if not path:
            return False
        if "://" not in path and not Path(path).suffix:
            path += ".db"
        try:
            self.document.save_as(path)
        except DocumentError as exc:
            self.show_error("Not saved", str(exc))
            return False
        self._remember(self.document.location)
        return True

    def import_team_file(self) -> None:
        path = self.ask_open_path()
        if not path:
            return
        try:
            self.document.import_team_file(path)
        except DocumentError as exc:
            self.show_error("Cannot import", str(exc))

    def export_team_file(self) -> None:
        path = self.ask_save_path("Export team file", TEAM_FILTER)
        if not path:
            return
        if not is_team_file(path):
            path += ".toml"
        try:
            self.document.export_team_file(path)
        except DocumentError as exc:
            self.show_error("Not exported", str(exc))
            return
        self.statusBar().showMessage(f"Exported {path}", 6000)

    def reload(self) -> None:
        if self.maybe_save():
            try:
                self.document.reload()
            except DocumentError as exc:
                self.show_error("Cannot reload", str(exc))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            action = self.recent_menu.addAction(Path(path).name if "://" not in path else path)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_location(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # ---------------------------------------------------------------- modal questions

    def _ask_save_changes(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                          f"Save the changes to {self.document.team.name}?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL)

    def _resolve_conflict(self, conflict: SaveConflict) -> str:
        from . import conflict_dialog

        dialog = conflict_dialog.ConflictDialog(conflict, self)
        dialog.exec()
        return dialog.choice

    def _ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Open team", "", f"{DB_FILTER};;{TEAM_FILTER};;All files (*)")
        return path or None

    def _ask_save_path(self, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, "", filters)
        return path or None

    def _about(self) -> None:
        from oncall import __version__

        QMessageBox.about(self, "About oncall",
                          f"<b>oncall {__version__}</b><p>Plan follow-the-sun on-call with overlap windows "
                          "instead of hard handoffs.</p>")

    # ---------------------------------------------------------------- window state

    def restore_state(self) -> None:
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.document.close()
        event.accept()
