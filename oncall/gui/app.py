"""Start the desktop app: pick what to open, build the window, run the event loop.

``oncall`` (no subcommand) and ``oncall gui [--db ...]`` end here. Without ``--db`` the app
opens the database used last time; on the first run it asks: the demo team (its own Demo
database), a new team, or a file (see :mod:`oncall.gui.startup`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

# Qt-free modules first: PySide6 makes every later import slower (see startup_imports). So
# this module imports Qt only inside its functions, after ``startup_imports.for_location``.
from oncall.resource_paths import resource

from . import startup_imports

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

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


def open_window(db: str | None = None, demo: bool = False) -> MainWindow:
    """Everything ``oncall gui`` does before showing the window (the benchmark starts here too)."""
    startup_imports.for_location(db)  # before the QApplication imports Qt
    application()
    return create_window(db, demo)


def run_app(db: str | None = None, demo: bool = False) -> int:
    try:
        window = open_window(db, demo)
    except Exception as exc:  # noqa: BLE001 - last resort: a dialog, not a traceback in a terminal nobody sees
        from PySide6.QtWidgets import QMessageBox

        application()
        QMessageBox.critical(None, "oncall cannot start", str(exc))
        return 1
    window.show()
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
