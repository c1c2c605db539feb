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

import builtins
import sys
from collections.abc import Iterator
from contextlib import contextmanager

TEAM_FILE_SUFFIX = ".toml"
# Python's own import function, if this module is imported before PySide6 replaces it.
_PLAIN_IMPORT = builtins.__import__ if "PySide6" not in sys.modules else None


def _unhooked_import():
    """The import function without the ``__feature__`` hook, or None if there is none to skip.

    Imported before PySide6 (``oncall gui``), this module kept Python's own. Imported after it
    (scripts, tests, the benchmark's probes), PySide6 keeps the function it wrapped in
    ``builtins.__orig_import__`` (its lazy Qt-module loader, which imports like Python's own).
    """
    if _PLAIN_IMPORT is not None:
        return _PLAIN_IMPORT
    return getattr(builtins, "__orig_import__", None)


@contextmanager
def plain_imports() -> Iterator[None]:
    """Import Qt-free modules without PySide6's ``__feature__`` hook (about 20% less CPU).

    The hook only matters for modules that use PySide6 (``from __feature__ import ...``); the
    domain, storage and holiday modules imported here use no Qt at all. Outside this block
    the hook is back in place for everything else.
    """
    hooked, plain = builtins.__import__, _unhooked_import()
    if plain is None or hooked is plain:
        yield
        return
    builtins.__import__ = plain
    try:
        yield
    finally:
        builtins.__import__ = hooked


def for_location(location: str | None) -> None:
    """Import what painting the team needs and what reads it: the SQLite snapshot reader, or
    storage (SQLAlchemy) for a PostgreSQL URL; nothing more for a team file.

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

    # Not ``holidays``: the site calendars come from the file cache (services.holiday_cache),
    # which start_app turns on; only a year not seen before imports the package.
    import oncall.services.holiday_cache  # noqa: F401
    if location is not None and location.lower().endswith(TEAM_FILE_SUFFIX):
        return
    from oncall.services import session

    if "://" in (location or "") and not location.lower().startswith("sqlite:"):
        session.load_storage()  # PostgreSQL: SQLAlchemy now
    else:
        session.load_snapshot_reader()  # a SQLite file: its team is read without SQLAlchemy first
