"""Start the desktop app: pick what to open, build the window, run the event loop.

``oncall`` (no subcommand) and ``oncall gui [--db ...]`` end here. Without ``--db`` the app
opens the database used last time; on the first run it asks: the demo team (its own Demo
database), a new team, or a file (see :mod:`oncall.gui.startup`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

# Qt-free modules first: PySide6 makes every later import slower (see startup_imports). So
# this module imports Qt only inside its functions, after ``startup_imports.for_location``.
from oncall.resource_paths import resource

from . import startup_imports

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from .main_window import MainWindow
    from .settings import Settings

ICON = resource("oncall.svg")


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (an existing one is reused: tests create theirs)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from .settings import APPLICATION, ORGANIZATION

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setDesktopFileName("io.github.oncall.Oncall")
    app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationDisplayName("oncall")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def create_window(db: str | None = None, demo: bool = False, settings: Settings | None = None) -> MainWindow:
    """The window in the last-seen layout with an empty team; the team opens after its first paint."""
    from .document import TeamDocument
    from .main_window import MainWindow
    from .settings import Settings
    from .startup import plan_start

    settings = settings or Settings()
    window = MainWindow(TeamDocument(), settings)
    window.restore_state()
    window.start(plan_start(db, demo, settings))
    return window


def start_app(db: str | None = None, demo: bool = False,
              on_frame: Callable[[QMainWindow], None] | None = None,
              on_window: Callable[[MainWindow], None] | None = None) -> QMainWindow:
    """Show the start-up frame now; build and show the real window after the frame has painted.

    Only Qt and the settings are imported before the frame paints (see
    :mod:`oncall.gui.startup_frame`); the domain, the panels and storage load afterwards, and the
    team opens after the real window's own first paint. ``on_frame``/``on_window`` let the
    benchmark watch both windows.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    from .settings import Settings
    from .startup_frame import StartupFrame

    application()
    settings = Settings()
    frame = StartupFrame(settings)
    if on_frame is not None:
        on_frame(frame)

    def build() -> None:
        try:
            with startup_imports.plain_imports():  # Qt-free modules: no need for PySide6's import hook
                startup_imports.for_location(db)
            from oncall.services.holiday_cache import use_file_cache

            use_file_cache()  # the band's holidays without importing every country (~0.1 s)
            window = create_window(db, demo, settings)
        except Exception as exc:  # noqa: BLE001 - last resort: a dialog, not a traceback nobody sees
            from PySide6.QtWidgets import QMessageBox

            frame.close()
            QMessageBox.critical(None, "oncall cannot start", str(exc))
            application().exit(1)
            return
        if on_window is not None:
            on_window(window)
        window.take_place(frame.geometry())
        window.show()
        frame.hide()
        frame.deleteLater()

    class _FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                frame.removeEventFilter(self)
                QTimer.singleShot(0, build)  # once this paint is on screen
            return False

    watcher = _FirstPaint(frame)
    frame.installEventFilter(watcher)
    frame.show()
    return frame


def run_app(db: str | None = None, demo: bool = False) -> int:
    start_app(db, demo)
    return application().exec()


def main(argv: Sequence[str] | None = None) -> int:
    """``oncall-gui [--db PATH_OR_URL] [--demo]``."""
    parser = argparse.ArgumentParser(prog="oncall-gui", description="The oncall desktop app.")
    parser.add_argument("--db", help="database: a SQLite file path or a postgresql+psycopg:// URL")
    parser.add_argument("--demo", action="store_true", help="open the Demo database (created with the demo team)")
    args = parser.parse_args(argv)
    return run_app(args.db, args.demo)


if __name__ == "__main__":
    raise SystemExit(main())
