"""The Qt-free modules the first paint needs, imported before PySide6 (start-up speed).

Once PySide6 is imported, its ``__feature__`` import hook reads the source file of every
module imported after it (``inspect.getsource``, to see whether the module uses PySide6),
which makes importing SQLAlchemy, the holiday calendars and the domain ~40% slower: about
0.2 s of the desktop app's cold start. Importing them first skips that work; importing
them is needed anyway to open the team and paint its band.

Nothing is imported when this module is: ``oncall gui`` first paints a frame with Qt alone
(:mod:`oncall.gui.startup_frame`) and calls :func:`for_location` after that paint, accepting
the slower imports for a window on screen at once. Nothing here may import PySide6.
"""

from __future__ import annotations

TEAM_FILE_SUFFIX = ".toml"


def for_location(location: str | None) -> None:
    """Import what painting the team needs, and storage (SQLAlchemy) unless it is a team file.

    ``None`` means the last or the default database. Called before Qt is imported it is
    fastest in total (scripts); :func:`oncall.gui.app.start_app` calls it after the start-up
    frame has painted (the frame first, then the rest).
    """
    import oncall.core.coverage  # noqa: F401
    import oncall.core.report  # noqa: F401
    import oncall.core.schedule  # noqa: F401
    import oncall.viewmodels.band_layout  # noqa: F401
    import oncall.viewmodels.coverage  # noqa: F401
    import oncall.viewmodels.now_status  # noqa: F401
    import oncall.viewmodels.team_edits  # noqa: F401
    import oncall.viewmodels.timeline_layout  # noqa: F401

    try:  # site calendars (the band greys holidays); holidays.countries loads every country at once
        import holidays.countries  # noqa: F401
    except ImportError:  # pragma: no cover - a build without the holidays package still starts
        pass
    if location is None or not location.lower().endswith(TEAM_FILE_SUFFIX):
        from oncall.services.session import load_storage

        load_storage()
