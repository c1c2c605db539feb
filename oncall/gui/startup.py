"""What the app opens at start, decided before the window exists and done after its first paint.

The window paints first (frame, docks and tabs in the last-seen layout from QSettings, an empty
team), and only then imports storage, opens the database and fills the panels: the user sees
the app at once instead of after SQLAlchemy and the holiday calendars have loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .settings import Settings

DEMO_FILE = "demo.db"
DEMO_TITLE = "Demo"


@dataclass(frozen=True)
class StartPlan:
    location: str | None  # what to open; None with first_run
    demo_if_new: bool = False  # create the demo team if the database is new
    first_run: bool = False  # nothing to open: ask (demo, new team, a file)


def demo_database_path() -> Path:
    """``demo.db`` next to the default ``team.db`` (the demo never takes the real team's file)."""
    from oncall.services.session import default_database_path

    return default_database_path().with_name(DEMO_FILE)


def is_demo(location: str | None) -> bool:
    return bool(location) and "://" not in location and Path(location).name == DEMO_FILE


def plan_start(db: str | None, demo: bool, settings: Settings) -> StartPlan:
    """``--db`` wins; ``--demo`` opens the Demo database; else the last database if it still
    exists; else it is the first run."""
    if db:
        return StartPlan(db, demo)
    if demo:
        return StartPlan(str(demo_database_path()), True)
    last = settings.last_database()
    if last and ("://" in last or Path(last).exists()):
        return StartPlan(last)
    return StartPlan(None, first_run=True)


def run_plan(window: MainWindow, plan: StartPlan) -> None:
    """Open what ``plan`` says, in the shown window (an error: the message, and an empty team)."""
    if plan.first_run:
        window.first_run()
        return
    if not window.open_location(plan.location, check_saved=False, demo_if_new=plan.demo_if_new):
        window.first_run()  # the error was shown: offer the other ways to start
