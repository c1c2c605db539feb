"""The main window's actions, menus and toolbar: every window-level shortcut has one owner.

Window-level mnemonics belong to the menus (Alt+F File, Alt+E Edit, Alt+V View, Alt+T Tools,
Alt+H Help); the tabs are reached with Ctrl+1..5 and Ctrl+Tab, so their titles carry no
mnemonic, and the panels' own buttons use letters no menu uses (the GUI tests check that no
two visible controls share one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from .startup_frame import MENU_TITLES

if TYPE_CHECKING:
    from .main_window import MainWindow

S = QKeySequence.StandardKey


def make_action(window: MainWindow, text: str, slot: Callable[[], object], shortcut=None,
                tip: str | None = None) -> QAction:
    """A window action: ``tip`` is both the tooltip and the status-bar text."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _icon(window: MainWindow, theme: str, fallback: QStyle.StandardPixmap) -> QIcon:
    return QIcon.fromTheme(theme, window.style().standardIcon(fallback))


def build_actions(w: MainWindow) -> None:
    a = w.actions
    SP = QStyle.StandardPixmap
    w.new_action = make_action(w, "&New team", w.new_team, S.New, "Start a new, empty team")
    w.open_action = make_action(w, "&Open…", w.open_dialog, S.Open, "Open a team database or team file")
    w.save_action = make_action(w, "&Save", w.save, S.Save, "Save the team")
    w.save_as_action = make_action(w, "Save &As…", w.save_as, S.SaveAs, "Save the team under another name")
    w.import_action = make_action(w, "&Import team file…", w.import_team_file, "Ctrl+I",
                                  "Replace the team by a team file (undoable)")
    w.export_action = make_action(w, "&Export team file…", w.export_team_file, "Ctrl+E",
                                  "Write the team as a TOML team file")
    w.import_tool_action = make_action(w, "Import from another too&l…", w.import_from_tool, None,
                                       "Migrate a schedule from PagerDuty, Opsgenie or Grafana OnCall")
    w.reload_action = make_action(w, "&Reload", w.reload, S.Refresh, "Discard unsaved edits and reload")
    # Ctrl+Q everywhere: the standard key is empty on Windows.
    w.quit_action = make_action(w, "&Quit", w.close, "Ctrl+Q", "Close the window (asks to save changes)")
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.new_action.setIcon(_icon(w, "document-new", SP.SP_FileIcon))
    w.open_action.setIcon(_icon(w, "document-open", SP.SP_DialogOpenButton))
    w.save_action.setIcon(_icon(w, "document-save", SP.SP_DialogSaveButton))
    w.undo_action = w.document.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setShortcuts([QKeySequence(S.Undo)])
    w.undo_action.setIcon(_icon(w, "edit-undo", SP.SP_ArrowBack))
    w.redo_action = w.document.undo_stack.createRedoAction(w, "&Redo")
    redo_keys = [QKeySequence("Ctrl+Y")] + QKeySequence.keyBindings(S.Redo)
    w.redo_action.setShortcuts(list({k.toString(): k for k in redo_keys}.values()))
    w.redo_action.setIcon(_icon(w, "edit-redo", SP.SP_ArrowForward))
    w.team_settings_action = make_action(w, "&Team settings…", a.team_settings, "Ctrl+T",
                                         "The team's name, handoff overlap and display zone")
    w.add_site_action = make_action(w, "Add &site…", a.add_site, "Ctrl+Alt+S", "Add a site (an office and its zone)")
    w.add_member_action = make_action(w, "Add &member…", a.add_member, "Ctrl+Shift+M", "Add a team member")
    w.add_leg_action = make_action(w, "Add &leg…", a.add_leg, "Ctrl+Shift+L",
                                   "Add a leg: a site's daily window and its rotation")
    w.add_override_action = make_action(w, "Add &override…", a.add_override, "Ctrl+Shift+O",
                                        "Someone covers a span, instead of someone else or on top")
    w.add_time_off_action = make_action(w, "Add time o&ff…", a.add_time_off, "Ctrl+Shift+F",
                                        "Someone is away: the rota skips them")
    w.print_action = make_action(w, "&Print week / PDF…", w.print_week, S.Print,
                                 "Print the handoffs of a week, or save them as a PDF")
    w.print_action.setIcon(_icon(w, "document-print", SP.SP_FileDialogDetailedView))
    w.today_action = make_action(w, "Go to &today", w.go_to_today, "Ctrl+Home", "Show today on the band and timeline")
    w.tab_actions = [make_action(w, w.tabs.tabText(i), lambda i=i: w.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
                     for i in range(w.tabs.count())]
    w.next_tab_action = make_action(w, "Ne&xt tab", lambda: _step_tab(w, 1), "Ctrl+Tab")
    w.previous_tab_action = make_action(w, "Pre&vious tab", lambda: _step_tab(w, -1), "Ctrl+Shift+Tab")
    for action in (w.next_tab_action, w.previous_tab_action):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)


def _step_tab(w: MainWindow, step: int) -> None:
    w.tabs.setCurrentIndex((w.tabs.currentIndex() + step) % w.tabs.count())


def build_menus(w: MainWindow) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu(MENU_TITLES[0])
    file_menu.addActions([w.new_action, w.open_action])
    w.recent_menu = file_menu.addMenu("Open &recent")
    w.recent_menu.aboutToShow.connect(w._fill_recent)
    file_menu.addSeparator()
    file_menu.addActions([w.save_action, w.save_as_action, w.reload_action])
    file_menu.addSeparator()
    file_menu.addActions([w.import_action, w.import_tool_action, w.export_action])
    file_menu.addSeparator()
    file_menu.addAction(w.print_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = bar.addMenu(MENU_TITLES[1])
    edit_menu.addActions([w.undo_action, w.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([w.team_settings_action, w.add_site_action, w.add_member_action,
                          w.add_leg_action, w.add_override_action, w.add_time_off_action])
    view_menu = bar.addMenu(MENU_TITLES[2])
    view_menu.addActions(w.tab_actions)
    view_menu.addActions([w.next_tab_action, w.previous_tab_action])
    view_menu.addSeparator()
    view_menu.addAction(w.today_action)
    view_menu.addSeparator()
    for dock, key in ((w.now_dock, "Ctrl+Shift+N"), (w.team_dock, "Ctrl+Shift+T")):
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(key))
        toggle.setToolTip(f"Show or hide the {dock.windowTitle()} panel")
        view_menu.addAction(toggle)
    view_menu.addAction(w.toolbar.toggleViewAction())
    w.tools_menu = bar.addMenu(MENU_TITLES[3])
    w.tools_menu.menuAction().setVisible(False)  # shown once a tool is added (add_tool)
    w.help_menu = bar.addMenu(MENU_TITLES[4])
    w.help_menu.addAction(make_action(w, "&About oncall", w._about))
    w.addActions([w.undo_action, w.redo_action, w.next_tab_action, w.previous_tab_action])


def build_toolbar(w: MainWindow) -> QToolBar:
    """New, Open, Save | Undo, Redo | Add override, Add time off, Plan (when present), Print."""
    bar = QToolBar("Toolbar", w)
    bar.setObjectName("MainToolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setIconSize(QSize(18, 18))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setMovable(False)
    for action in (w.new_action, w.open_action, w.save_action, w.undo_action, w.redo_action):
        action.setPriority(QAction.Priority.LowPriority)  # icon only; the tooltip names it
    bar.addActions([w.new_action, w.open_action, w.save_action])
    bar.addSeparator()
    bar.addActions([w.undo_action, w.redo_action])
    bar.addSeparator()
    bar.addActions([w.add_override_action, w.add_time_off_action])
    w.toolbar_plan_anchor = bar.addSeparator()
    bar.addAction(w.print_action)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    w.toolbar = bar
    return bar


def add_tool(w: MainWindow, action: QAction, *, toolbar: bool = False) -> None:
    """Put ``action`` in the Tools menu (and on the toolbar, before Print): how others plug in."""
    w.tools_menu.addAction(action)
    w.tools_menu.menuAction().setVisible(True)
    if toolbar:
        w.toolbar.insertAction(w.toolbar_plan_anchor, action)
