"""Start-up: the window paints first and opens the team after; the first run asks (demo, new team,
a file) instead of creating the demo as team.db; the demo is titled "Demo"; the team's display
zone is a visible setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from oncall import storage
from oncall.core.demo import demo_team
from oncall.gui import app as gui_app
from oncall.gui import first_run
from oncall.gui.main_window import DISCARD
from oncall.gui.startup import StartPlan, demo_database_path, plan_start
from tests.gui_support import DialogScript, settings_at


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ONCALL_DATA_DIR", str(folder))
    return folder


def _start(qtbot, window):
    window.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.panelsFilled, timeout=10000):
        window.show()
    return window


def _click_in_chooser(qtbot, button_name: str):
    """A stand-in for the modal chooser: the real dialog, its button clicked with the mouse."""
    def ask():
        dialog = first_run.FirstRunDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(getattr(dialog, button_name), Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.choice
    return ask


def test_first_run_asks_and_the_demo_gets_its_own_database_titled_demo(qtbot, tmp_path, data_dir):
    settings = settings_at(tmp_path)
    assert plan_start(None, False, settings) == StartPlan(None, first_run=True)
    window = gui_app.create_window(None, False, settings)
    assert window.document.kind == "memory" and window.document.team.sites == ()  # nothing opened yet
    window.ask_first_run = _click_in_chooser(qtbot, "demo_button")
    _start(qtbot, window)
    assert window.document.team == demo_team()
    assert Path(window.document.location) == demo_database_path() == data_dir / "demo.db"
    assert not (data_dir / "team.db").exists()  # the real team's file is not taken by the demo
    assert " — Demo" in window.windowTitle() and "demo.db" not in window.windowTitle()
    assert window._source_label.text().startswith("Demo database: ")
    window._fill_recent()
    assert [a.text() for a in window.recent_menu.actions()] == ["Demo"]
    window.document.close()
    # Next start opens it again, no question asked.
    assert plan_start(None, False, settings) == StartPlan(str(demo_database_path()))


def test_first_run_new_team_asks_its_name_and_display_zone(qtbot, tmp_path, data_dir):
    window = gui_app.create_window(None, False, settings_at(tmp_path))
    window.ask_first_run = _click_in_chooser(qtbot, "new_button")

    def fill(dialog):
        dialog.name_edit.clear()
        qtbot.keyClicks(dialog.name_edit, "Checkout SRE")

    script = DialogScript(fill)
    window.actions.exec_dialog = script
    _start(qtbot, window)
    assert script.seen[0].windowTitle() == "Team settings"
    assert window.document.kind == "memory" and window.document.team.name == "Checkout SRE"
    assert script.seen[0].zone() == "UTC"  # no sites yet: the display zone to choose starts at UTC


def test_first_run_open_a_file_then_later(qtbot, tmp_path, data_dir):
    from oncall.core.teamfile import dump_team

    team_file = tmp_path / "ours.toml"
    team_file.write_text(dump_team(demo_team().evolve(name="Ours")), encoding="utf-8")
    window = gui_app.create_window(None, False, settings_at(tmp_path))
    window.ask_first_run = _click_in_chooser(qtbot, "open_button")
    window.ask_open_path = lambda: str(team_file)
    _start(qtbot, window)
    assert window.document.kind == "file" and window.document.team.name == "Ours"

    later = gui_app.create_window(None, False, settings_at(tmp_path / "other"))
    answers = iter([first_run.OPEN, None])  # open, cancel the file dialog, then "Later"
    later.ask_first_run = lambda: next(answers)
    later.ask_open_path = lambda: None
    _start(qtbot, later)
    assert later.document.kind == "memory" and later.document.team.sites == ()


def test_demo_flag_and_a_broken_database(qtbot, tmp_path, data_dir):
    window = gui_app.create_window(None, True, settings_at(tmp_path))
    _start(qtbot, window)
    assert window.document.team == demo_team() and Path(window.document.location).name == "demo.db"
    window.document.close()

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    broken = gui_app.create_window(str(bad), False, settings_at(tmp_path / "b"))
    errors, asked = [], []
    broken.show_error = lambda title, text: errors.append(text)
    broken.ask_first_run = lambda: asked.append(1)
    _start(qtbot, broken)
    assert "bad.db" in errors[0] and broken.document.kind == "memory"
    assert asked == [1]  # after the error the chooser is offered


def test_start_paints_the_frame_before_the_team_opens(qtbot, tmp_path, data_dir):
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True) as database:
        database.replace_team(demo_team())
    window = gui_app.create_window(str(db), False, settings_at(tmp_path))
    seen_at_first_paint = []
    original = window.paintEvent

    def paint(event):
        if not seen_at_first_paint:
            seen_at_first_paint.append(window.document.kind)
        original(event)

    window.paintEvent = paint
    _start(qtbot, window)
    assert seen_at_first_paint == ["memory"]
    assert window.document.kind == "database" and window.band.view.band() is not None


def test_team_display_zone_is_a_visible_setting(qtbot, tmp_path):
    from tests.gui_support import open_demo_window

    gen = open_demo_window(qtbot, tmp_path)
    window = next(gen)
    window.tabs.setCurrentWidget(window.timeline)
    assert window.team_zone() == "Australia/Sydney"  # not chosen yet: the first site's
    assert window.timeline.zone_combo.itemText(0) == "Team (Australia/Sydney)"

    def choose_london(dialog):
        dialog.zone_combo.setCurrentIndex(dialog.zone_combo.findData("Europe/London"))

    window.actions.exec_dialog = DialogScript(choose_london)
    window.team_settings_action.trigger()
    assert window.team_zone() == "Europe/London"
    assert window.timeline.zone_combo.itemText(0) == "Team (Europe/London)"
    assert window.timeline.view.display_zone() == "Europe/London"  # "Team" is the current choice
    assert window.settings.team_zone(window.document.location) == "Europe/London"
    assert window.document.undo_stack.count() == 0  # a view setting, not an edit of the team
    with pytest.raises(StopIteration):
        next(gen)


def test_start_app_paints_a_frame_in_the_last_layout_then_the_window(qtbot, tmp_path, data_dir):
    """``oncall gui``: a frame (Qt only, the saved geometry and dock layout) first, the real window after."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDockWidget, QTabWidget

    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import MainWindow
    from oncall.gui.settings import Settings
    from oncall.gui.startup_frame import StartupFrame

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True) as database:
        database.replace_team(demo_team())
    last = MainWindow(TeamDocument(demo_team()), Settings())  # the last session hid the Team dock
    qtbot.addWidget(last)
    last.team_dock.hide()  # the user's own layout (closing a dock arranges them)
    last.settings.save_window(last.saveGeometry(), last.saveState(), docks_arranged=True)
    last.settings.sync()
    frames, windows = [], []
    gui_app.start_app(str(db), on_frame=frames.append, on_window=windows.append)
    frame = frames[0]
    frame_geometry = frame.geometry()
    assert isinstance(frame, StartupFrame) and frame.isVisible()
    tabs = frame.centralWidget()
    assert isinstance(tabs, QTabWidget)
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Follow the sun", "Timeline", "Coverage",
                                                              "Handoffs", "Feeds"]
    assert not frame.findChild(QDockWidget, "TeamDock").isVisible()  # the last-seen layout
    assert frame.findChild(QDockWidget, "NowDock").isVisible()
    qtbot.waitUntil(lambda: bool(windows), timeout=10000)
    window = windows[0]
    window.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.document.kind == "database", timeout=10000)
    assert window.isVisible()
    qtbot.waitUntil(lambda: not _alive(frame), timeout=5000)  # the frame is gone once the window shows
    assert window.document.team == demo_team() and not window.team_dock.isVisible()
    assert window.size() == frame_geometry.size()


def _alive(widget) -> bool:
    from shiboken6 import isValid

    return isValid(widget) and widget.isVisible()


def test_plain_imports_puts_the_import_hook_back():
    import builtins

    from oncall.gui import startup_imports

    hooked = builtins.__import__
    with startup_imports.plain_imports():
        import json  # noqa: F401 - any import works inside
        inside = builtins.__import__
    assert builtins.__import__ is hooked
    # PySide6 is loaded here (pytest-qt), so its hook is in place outside the block and skipped
    # inside: Python's own import if kept before PySide6 loaded, else the one the hook wraps.
    assert inside is startup_imports._unhooked_import() is not None
    assert inside is not hooked


def test_frame_without_saved_state_has_the_windows_default_layout(qtbot, tmp_path):
    from PySide6.QtWidgets import QDockWidget

    from oncall.gui.startup_frame import StartupFrame, default_dock_layout

    frame = StartupFrame(settings_at(tmp_path))
    qtbot.addWidget(frame)
    frame.resize(1400, 900)
    now, team = frame.findChild(QDockWidget, "NowDock"), frame.findChild(QDockWidget, "TeamDock")
    default_dock_layout(frame, now, team)
    frame.show()
    qtbot.waitExposed(frame)
    assert now.width() >= 300 and team.height() >= 200  # not squeezed to the docks' minimum
    frame.resize(1024, 700)
    default_dock_layout(frame, now, team)
    assert frame.tabifiedDockWidgets(team) == [now]  # compact: Now and Team share the bottom


def test_a_new_teams_display_zone_stays_as_chosen_when_sites_are_added(qtbot, tmp_path, data_dir):
    """Found walking the app: "Start a new team", Team settings accepted with its display zone UTC,
    then Add site Sydney: the timeline's "Team" zone became Australia/Sydney (the first site's, the
    fallback for a zone never chosen), as the README says it never silently does."""
    window = gui_app.create_window(None, False, settings_at(tmp_path))
    window.ask_first_run = _click_in_chooser(qtbot, "new_button")

    def name_it(dialog):
        qtbot.keyClicks(dialog.name_edit, "Payments SRE")
        assert dialog.zone() == "UTC"

    def sydney(dialog):
        qtbot.keyClicks(dialog.name_edit, "Sydney")
        dialog.zone.set_zone("Australia/Sydney")

    window.actions.exec_dialog = DialogScript(name_it, sydney)
    _start(qtbot, window)
    window.add_site_action.trigger()
    assert [s.timezone for s in window.document.team.sites] == ["Australia/Sydney"]
    assert window.team_zone() == "UTC"
    window.tabs.setCurrentWidget(window.timeline)
    assert window.timeline.zone_combo.itemText(0) == "Team (UTC)"


def test_a_new_teams_empty_band_names_the_next_thing_to_add(qtbot, tmp_path, data_dir):
    """Found walking the app: a new team's band said "add a leg" while Add leg was disabled (it
    needs a site and a member first)."""
    window = gui_app.create_window(None, False, settings_at(tmp_path))
    window.ask_first_run = _click_in_chooser(qtbot, "new_button")

    def site(dialog):
        qtbot.keyClicks(dialog.name_edit, "Sydney")
        dialog.zone.set_zone("Australia/Sydney")

    def member(dialog):
        qtbot.keyClicks(dialog.name_edit, "Alice Chen")

    window.actions.exec_dialog = DialogScript(lambda d: qtbot.keyClicks(d.name_edit, "T"), site, member)
    _start(qtbot, window)
    band = window.band.view
    assert "Add site" in band.accessibleDescription() and not window.add_leg_action.isEnabled()
    window.add_site_action.trigger()
    assert "Add member" in band.accessibleDescription()
    window.add_member_action.trigger()
    assert "Add leg" in band.accessibleDescription() and window.add_leg_action.isEnabled()
    band.grab()  # the same words are painted
