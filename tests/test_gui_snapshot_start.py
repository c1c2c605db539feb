"""The app paints the team read from its SQLite snapshot, before SQLAlchemy is imported, opens the
database right after, and saves, reloads and fails as an app that opened it at once."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from oncall import storage
from oncall.core.demo import demo_team
from oncall.gui import app as gui_app
from oncall.gui import main_window
from oncall.gui.main_window import DISCARD
from oncall.services.session import open_session
from tests.gui_support import settings_at

ROOT = Path(__file__).resolve().parents[1]

_START = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from oncall.gui import app as gui_app
from oncall.gui import main_window

seen = {}

class Watch(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window
        window.band.view.installEventFilter(self)
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen and obj.band() is not None:
            seen["painted"] = (self.window.document.team.name, "sqlalchemy" in sys.modules,
                               self.window.document.session.is_open)
        return False

def on_window(window):
    window.watch = Watch(window)
    def check():
        if window.document.kind == "database" and window.document.session.is_open:
            seen["opened"] = "sqlalchemy" in sys.modules
            gui_app.application().quit()
        else:
            QTimer.singleShot(20, check)
    QTimer.singleShot(0, check)

gui_app.start_app(sys.argv[1], on_window=on_window)
QTimer.singleShot(20000, gui_app.application().quit)
gui_app.application().exec()
print(seen.get("painted"), seen.get("opened"))
"""


def test_the_team_paints_from_the_snapshot_then_the_database_opens(tmp_path):
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True, first_team=demo_team()):
        pass
    env = {"QT_QPA_PLATFORM": "offscreen", "ONCALL_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", _START, str(db)], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == f"('{demo_team().name}', False, False) True", out.stderr


def _window_on(qtbot, tmp_path, db: Path):
    window = gui_app.create_window(str(db), False, settings_at(tmp_path))
    window.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.panelsFilled, timeout=10000):
        window.show()
    return window


def test_an_edit_saved_before_the_database_opened_is_stored(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(main_window, "OPEN_STORAGE_AFTER_MS", 60_000)  # the lead saves first
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True, first_team=demo_team()):
        pass
    window = _window_on(qtbot, tmp_path, db)
    assert window.document.kind == "database" and not window.document.session.is_open
    team = window.document.team
    window.document.apply("Rename Sydney", lambda t: t.evolve(
        sites=(replace(t.sites[0], name="Sydney HQ"),) + t.sites[1:]))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.document.is_modified(), timeout=10000)
    assert window.document.session.is_open
    with open_session(str(db)) as check:
        assert check.team.sites[0].name == "Sydney HQ" and check.team.members == team.members


def test_the_database_opens_on_its_own_and_notices_another_writer(qtbot, tmp_path):
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True, first_team=demo_team()):
        pass
    window = _window_on(qtbot, tmp_path, db)
    qtbot.waitUntil(lambda: window.document.session.is_open, timeout=10000)  # no save, no click needed
    with open_session(str(db)) as other:
        other.save(other.team.evolve(name="Renamed elsewhere"))
    window.document.poll_for_changes()
    assert window.document.team.name == "Renamed elsewhere"


def test_a_database_gone_bad_after_the_snapshot_says_so_and_keeps_the_team_shown(qtbot, tmp_path):
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True, first_team=demo_team()):
        pass
    window = _window_on(qtbot, tmp_path, db)
    db.write_text("replaced by another program\n")
    window.document.open_storage()
    assert "Cannot open the database" in window.statusBar().currentMessage()
    assert "not an SQLite database" in window.statusBar().currentMessage()
    assert window.document.database is None
    window.tabs.setCurrentWidget(window.handoffs)  # the notes panel asks for the database: no crash
    assert window.document.team == demo_team()
    assert db.read_text() == "replaced by another program\n"


def test_a_window_closed_before_its_database_opened_leaves_nothing_behind(qtbot, tmp_path):
    """Before: the timer that opens the database, and the document's messages, reached the deleted
    window (RuntimeError: Internal C++ object (MainWindow) already deleted)."""
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True, first_team=demo_team()):
        pass
    window = gui_app.create_window(str(db), False, settings_at(tmp_path))  # not qtbot's: this test deletes it
    window.ask_save_changes = lambda: DISCARD
    with qtbot.waitSignal(window.panelsFilled, timeout=10000):
        window.show()
    document = window.document
    db.write_text("replaced by another program\n")
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not _alive(window), timeout=5000)
    qtbot.wait(main_window.OPEN_STORAGE_AFTER_MS + 100)  # the open would have come now
    assert not document.session.is_open
    document.storageFailed.emit("late message")  # nobody deleted is listening any more


def _alive(widget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)
