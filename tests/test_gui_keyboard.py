"""Keyboard and accessibility of the main window: mnemonics, Tab out of tables, tab switching, Quit,
toolbar, tooltips and accessible names, driven with real key presses."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QTableView, QTabWidget, QToolButton,
)

from tests.gui_support import open_demo_window


_MNEMONIC = re.compile(r"&([^&\s])")


def _mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _visible_mnemonics(win) -> dict[str, list[str]]:
    """Every Alt+letter the window answers to right now: menus, buttons, buddied labels, tabs, boxes."""
    owners: dict[str, list[str]] = {}

    def add(text: str, who: str) -> None:
        key = _mnemonic(text)
        if key:
            owners.setdefault(key, []).append(f"{who} {text!r}")

    for action in win.menuBar().actions():
        if action.isVisible():
            add(action.text(), "menu")
    for widget in win.findChildren(QAbstractButton):
        if widget.isVisible() and not isinstance(widget.parent(), QTabWidget) and not isinstance(widget, QToolButton):
            add(widget.text(), "button")
    for label in win.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            add(label.text(), "label")
    for box in win.findChildren(QGroupBox):
        if box.isVisible():
            add(box.title(), "group")
    for tabs in win.findChildren(QTabWidget):
        if tabs.isVisible():
            for i in range(tabs.count()):
                add(tabs.tabText(i), "tab")
    return owners


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def test_no_two_visible_controls_share_a_mnemonic_on_any_tab(window, qtbot):
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: window.tabs.currentWidget().isVisible(), timeout=2000)
        owners = _visible_mnemonics(window)
        clashes = {k: v for k, v in owners.items() if len(v) > 1}
        assert not clashes, f"tab {window.tabs.tabText(index)}: {clashes}"
        # The menus own Alt+F, Alt+E, Alt+V, Alt+H (and Alt+T once Tools has an entry).
        for key in "fevh":
            assert owners[key][0].startswith("menu"), owners[key]


def test_alt_f_opens_the_file_menu_not_a_from_field(window, qtbot):
    window.tabs.setCurrentWidget(window.timeline)  # the tab with a "From" date field
    window.timeline.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    popup = QApplication.activePopupWidget()
    assert window.quit_action in popup.actions()
    popup.close()
    assert not window.timeline.range.start_edit.hasFocus()


def test_tab_leaves_a_team_table_and_ctrl_tab_switches_tabs(window, qtbot):
    page = window.team_panel.show_page("Members")
    page.view.setFocus()
    page.select_row(0)
    assert page.view.hasFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    assert not page.view.hasFocus()  # focus moved on to the buttons, not to the next cell
    assert page.view.currentIndex().row() == 0 and page.view.currentIndex().column() == 0
    window.tabs.setCurrentIndex(0)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(page.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.coverage


def test_ctrl_q_quits(window, qtbot):
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.activateWindow()
    window.band.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_toolbar_has_the_main_actions_with_tooltips(window):
    actions = [a for a in window.toolbar.actions() if not a.isSeparator()]
    expected = [window.new_action, window.open_action, window.save_action, window.undo_action,
                window.redo_action, window.add_override_action, window.add_time_off_action, window.print_action]
    assert [a for a in actions if a in expected] == expected
    plan = getattr(window, "plan_action", None)
    if plan is not None:
        assert plan in actions
    for action in actions:
        button = window.toolbar.widgetForAction(action)
        assert button is not None and button.isVisible()
        assert action.toolTip().strip(), action.text()
    # Icon-only buttons (low priority) still say what they do.
    assert window.toolbar.widgetForAction(window.open_action).toolTip().startswith("Open")


def test_toolbar_add_override_opens_the_dialog(window, qtbot):
    seen = []
    window.actions.exec_dialog = lambda dialog: seen.append(dialog) or False
    qtbot.mouseClick(window.toolbar.widgetForAction(window.add_override_action), Qt.MouseButton.LeftButton)
    assert seen and seen[0].windowTitle() == "Add override"


def test_accessible_names_on_views_and_tables(window):
    assert window.band.view.accessibleName() == "Follow-the-sun band"
    assert window.timeline.view.accessibleName() == "Shift timeline"
    tables = window.findChildren(QTableView)
    assert len(tables) >= 8
    for table in tables:
        assert table.accessibleName().strip(), table
        assert not table.tabKeyNavigation(), table.accessibleName()
    assert window.toolbar.accessibleName() == "Main toolbar"


def test_panel_buttons_without_obvious_text_have_tooltips(window):
    names = {"Previous day", "Next day"}
    for button in window.findChildren(QAbstractButton):
        if button.accessibleName() in names:
            assert button.toolTip()


def test_a_tool_added_later_shows_the_tools_menu_and_sits_before_print(window, qtbot):
    from PySide6.QtGui import QAction

    from oncall.gui.window_actions import add_tool

    tools = window.tools_menu.menuAction()
    assert tools.isVisible() == bool(window.tools_menu.actions())  # no empty menu
    ran = []
    action = QAction("&Something…", window)
    action.setToolTip("Do something")
    action.triggered.connect(lambda: ran.append(1))
    add_tool(window, action, toolbar=True)
    assert tools.isVisible()
    items = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert items.index(action) == items.index(window.print_action) - 1
    qtbot.mouseClick(window.toolbar.widgetForAction(action), Qt.MouseButton.LeftButton)
    assert ran == [1]
    assert _visible_mnemonics(window)["t"][0].startswith("menu")


def test_every_window_level_shortcut_has_one_owner(window):
    from PySide6.QtGui import QAction, QShortcut

    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for key in action.shortcuts():
            if not key.isEmpty():
                owners.setdefault(key.toString(), []).append(action.text().replace("&", ""))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.context() != Qt.ShortcutContext.WidgetShortcut and not shortcut.key().isEmpty():
            owners.setdefault(shortcut.key().toString(), []).append(f"shortcut {shortcut.objectName()}")
    shared = {k: v for k, v in owners.items() if len(set(v)) > 1}
    assert not shared, shared
    assert {"Ctrl+Q", "Ctrl+Tab", "Ctrl+Shift+Tab", "Ctrl+1"} <= set(owners)


def test_controls_that_are_not_self_explaining_have_tooltips(window, qtbot):
    from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QToolButton

    missing = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        for cls in (QComboBox, QDateTimeEdit, QToolButton, QAbstractButton):
            for widget in window.findChildren(cls):
                if not widget.isVisible() or widget.objectName().startswith("qt_") or widget.toolTip():
                    continue
                text = getattr(widget, "text", lambda: "")().replace("&", "")
                if cls is QAbstractButton and text and not text.endswith("…"):
                    continue  # a button that says what it does ("Today", "New feed")
                missing.append((window.tabs.tabText(index), cls.__name__, widget.accessibleName(), text))
    assert not missing, sorted(set(missing))
