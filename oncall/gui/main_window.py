"""The main window: docks, tabs, menus and actions, wired to the document. Nothing else.

Panels, models and dialogs live in their own modules; the core computes, the panels show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QTabWidget, QWidget

from oncall.core.model import LocalWindow

from . import startup, window_actions
from .band_panel import BandPanel
from .coverage_panel import CoveragePanel
from .default_docks import DefaultDocks
from .document import SaveConflict, TeamDocument
from .edit_actions import EditActions
from .feeds_panel import FeedsPanel
from .file_commands import CANCEL, DB_FILTER, DISCARD, SAVE, TEAM_FILTER, FileCommands
from .handoffs_panel import HandoffsPanel
from .settings import Settings
from .startup_frame import TAB_TITLES, default_dock_layout
from .team_panel import TeamPanel
from .timeline_panel import TimelinePanel
from .view_loader import make_view, placeholder

__all__ = ["CANCEL", "DB_FILTER", "DISCARD", "SAVE", "TEAM_FILTER", "MainWindow"]

Clock = Callable[[], datetime]
FILL_FALLBACK_MS = 300
OPEN_STORAGE_AFTER_MS = 200  # after the docks' first paint; opening imports SQLAlchemy (~0.3 s)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class MainWindow(FileCommands, QMainWindow):
    panelsFilled = Signal()  # the docks deferred at start-up are filled (benchmarks wait for it)

    def __init__(self, document: TeamDocument, settings: Settings, clock: Clock = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.clock = clock
        self.actions = EditActions(document, self, clock=lambda: self.clock())  # dialogs open on the window's day
        self.actions.team_zone = self.team_zone
        self.actions.set_team_zone = self.set_team_zone
        # Hooks for modal questions (tests replace them).
        self.ask_save_changes: Callable[[], str] = self._ask_save_changes
        self.resolve_conflict: Callable[[SaveConflict], str] = self._resolve_conflict
        self.ask_open_path: Callable[[], str | None] = self._ask_open_path
        self.ask_save_path: Callable[[str, str, str], str | None] = self._ask_save_path
        self.show_error: Callable[[str, str], None] = lambda title, text: QMessageBox.warning(self, title, text)
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)
        self._build_panels()
        window_actions.build_actions(self)
        window_actions.build_toolbar(self)
        window_actions.build_menus(self)
        self.plan_action = window_actions.make_action(
            self, "&Plan…", self.open_plan, tip="Propose window adjustments that keep every handoff overlapped all year")
        window_actions.add_tool(self, self.plan_action, toolbar=True)
        self._connect_document()
        self.statusBar().addPermanentWidget(self._source_label)
        self.default_docks = DefaultDocks(self, (self.now_dock, self.team_dock),
                                          lambda: default_dock_layout(self, self.now_dock, self.team_dock))
        self.resize(1400, 900)
        self.default_layout()
        self._stale: set[QWidget] = set()
        self._docks_pending = False  # the Now and Team docks wait for the first paint
        self._painted = False
        self._started = False  # panelsFilled was emitted
        self._start_plan: startup.StartPlan | None = None
        self.ask_first_run: Callable[[], str | None] = self._ask_first_run
        self.tabs.currentChanged.connect(self._tab_shown)
        self._team_changed(document.team)
        self._source_changed()

    # ---------------------------------------------------------------- construction

    def _today(self) -> date:
        return self.clock().date()

    def _build_panels(self) -> None:
        self.band = BandPanel(self._today)
        self.timeline = TimelinePanel(self._today)
        self.timeline.team_zone_of = lambda _team: self.team_zone()
        self.timeline.set_display_zone_key(self.settings.display_zone())
        self.coverage = CoveragePanel(self._today)
        self.handoffs = HandoffsPanel(self._today, lambda: self.document.database, clock=self.clock)
        self.feeds = FeedsPanel(lambda: self.document.database)
        self.handoffs.run_write = self.feeds.run_write = self.document.own_write
        self.handoffs.team_zone = self.team_zone
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # No mnemonics on the tabs: Alt+letter belongs to the menus; Ctrl+1..5 and Ctrl+Tab switch tabs.
        for widget, title in zip((self.band, self.timeline, self.coverage, self.handoffs, self.feeds),
                                 TAB_TITLES, strict=True):
            index = self.tabs.addTab(widget, title)
            widget.setAccessibleName(title)
            self.tabs.setTabToolTip(index, f"{title} (Ctrl+{index + 1}; Ctrl+Tab for the next tab)")
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
        self.band.adjustmentEdited.connect(self.actions.set_adjustment_window)
        self.timeline.spanRequested.connect(self._span_requested)
        self.timeline.coverRequested.connect(self.actions.cover_shift)
        self.band.coverRequested.connect(self.actions.cover_shift)
        self.timeline.displayZoneChanged.connect(self.settings.set_display_zone)
        self.coverage.findingActivated.connect(self.show_on_timeline)
        self.coverage.fixRequested.connect(self.open_plan)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(area, dock)
        return dock

    def _connect_document(self) -> None:
        doc = self.document
        doc.teamChanged.connect(self._team_changed)
        doc.modifiedChanged.connect(self.setWindowModified)
        doc.sourceChanged.connect(self._source_changed)
        # Bound methods, not lambdas: Qt drops the connection when this window is deleted, so a
        # document that outlives it (a late poll or open) never reaches a deleted status bar.
        doc.externalChange.connect(self._other_writer_saved)
        doc.reloaded.connect(self._reloaded)
        doc.storageFailed.connect(self._storage_failed)

    def _other_writer_saved(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def _reloaded(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _storage_failed(self, text: str) -> None:
        self.statusBar().showMessage(f"Cannot open the database: {text}", 15000)

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
        self._update_add_actions(team)
        self._update_title()

    def _update_add_actions(self, team) -> None:
        """Add member/leg/override/time off need a site (and a member) first: disabled, saying so."""
        from .team_panel import add_blocked_reasons

        reasons = add_blocked_reasons(team)
        for action, table, tip in ((self.add_member_action, "Members", "Add a team member"),
                                   (self.add_leg_action, "Legs", "Add a leg: a site's daily window and its rotation"),
                                   (self.add_override_action, "Overrides", "Someone covers a span, instead of "
                                                                           "someone else or on top"),
                                   (self.add_time_off_action, "Time off", "Someone is away: the rota skips them")):
            reason = reasons[table]
            action.setEnabled(reason is None)
            action.setToolTip(reason or tip)
            action.setStatusTip(reason or tip)

    def _fill_docks(self, team) -> None:
        self._docks_pending = False
        self.team_panel.set_team(team)
        if self.now is not None:
            self.now.set_team(team)

    def start(self, plan: startup.StartPlan) -> None:
        """Open ``plan``'s team right after the first paint (the frame shows before storage loads)."""
        self._start_plan = plan
        if self._painted:
            QTimer.singleShot(0, self.fill_deferred)

    def fill_deferred(self) -> None:
        """After the first paint: open the start plan's team, fill the docks (idempotent)."""
        plan, self._start_plan = self._start_plan, None
        if plan is not None:
            startup.run_plan(self, plan)
        if self._docks_pending:
            self._fill_docks(self.document.team)
        if not self._started:
            self._started = True
            self.panelsFilled.emit()
            # The team came from its snapshot (no SQLAlchemy yet): open the database itself once
            # the docks have painted, so the first save or note does not wait for it.
            QTimer.singleShot(OPEN_STORAGE_AFTER_MS, self, self.document.open_storage)  # not after the window

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True  # the docks fill once this paint is on screen
            QTimer.singleShot(0, self.fill_deferred)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._docks_pending or self._start_plan is not None:  # no paint comes (a minimised start): fill anyway
            QTimer.singleShot(FILL_FALLBACK_MS, self.fill_deferred)

    def _tab_shown(self, index: int) -> None:
        panel = self.tabs.widget(index)
        if panel in self._stale:
            self._stale.discard(panel)
            panel.set_team(self.document.team)

    def _source_changed(self) -> None:
        doc = self.document
        kind = "Demo database: " if startup.is_demo(doc.location) else {
            "memory": "Not saved yet", "file": "Team file: ", "database": "Database: "}[doc.kind]
        self._source_label.setText(kind + (doc.location or ""))
        self.reload_action.setEnabled(doc.kind != "memory")
        self._update_title()
        self.setWindowModified(doc.is_modified())

    def _update_title(self) -> None:
        title = startup.DEMO_TITLE if startup.is_demo(self.document.location) else self.document.title()
        self.setWindowTitle(f"{self.document.team.name or 'Team'} — {title}[*] — oncall")

    def team_zone(self) -> str:
        """The team's display zone: as chosen in Team settings, else its first site's, else UTC."""
        from .timeline_panel import team_zone

        chosen = self.settings.team_zone(self.document.location)
        return chosen or team_zone(self.document.team)

    def set_team_zone(self, zone: str) -> None:
        self.settings.set_team_zone(self.document.location, zone)
        self.timeline.set_team(self.document.team)  # its "Team (zone)" choice and, if chosen, the view

    # ---------------------------------------------------------------- first run

    def first_run(self) -> None:
        """Ask how to start (demo, new team, a file) instead of creating anything silently."""
        from . import first_run as choices

        while True:
            choice = self.ask_first_run()
            if choice == choices.DEMO:
                if self.open_location(str(startup.demo_database_path()), check_saved=False, demo_if_new=True):
                    return
            elif choice == choices.NEW:
                self.document.new()
                self.actions.team_settings()
                return
            elif choice == choices.OPEN:
                path = self.ask_open_path()
                if path and self.open_location(path, check_saved=False):
                    return
            else:
                return  # "Later": the empty, unsaved team

    def _ask_first_run(self) -> str | None:
        from .first_run import FirstRunDialog

        dialog = FirstRunDialog(self)
        dialog.exec()
        return dialog.choice

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

    def open_plan(self, start: date | None = None, end: date | None = None) -> None:
        """Tools > Plan… (a year from today) or Coverage > Fix… (the drift period)."""
        from .plan_dialog import open_plan_dialog

        open_plan_dialog(self, start, end)

    def print_week(self) -> None:
        """The toolbar's Print: the Handoffs tab's week print dialog, for the week it shows."""
        if self.handoffs in self._stale:
            self._stale.discard(self.handoffs)
            self.handoffs.set_team(self.document.team)
        self.handoffs.print_week()

    def go_to_today(self) -> None:
        self.band.set_date(self._today())
        self.timeline.show_span(self.clock(), None)

    # ---------------------------------------------------------------- window state

    def default_layout(self) -> None:
        """Docks for the window's size, following it until the user arranges them (``DefaultDocks``)."""
        self.default_docks.apply()

    def restore_state(self) -> None:
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._fit_screen()
        if state is not None and self.settings.docks_arranged():
            self.restoreState(state)
            self.default_docks.stop()  # the remembered layout is the user's
        else:  # never arranged: the default for this size, not the one saved for another screen
            self.default_layout()

    def take_place(self, geometry: QRect) -> None:
        """Take the start-up frame's place: its geometry, and the docks laid out for it before the first paint."""
        self.setGeometry(geometry)
        self.default_docks.fit()

    def _fit_screen(self) -> None:
        """First start: 1400x900, or 90% of a smaller screen."""
        screen = self.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
        self.resize(min(1400, int(available.width() * 0.9)), min(900, int(available.height() * 0.9)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState(),
                                  docks_arranged=not self.default_docks.following)
        self.settings.sync()
        self.document.close()
        event.accept()
