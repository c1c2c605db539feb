"""Write a team's feeds to a folder: team.ics, site-<id>.ics, member-<id>.ics.

The public entry points for calendar feeds live here; the pieces are in ``ics_*`` modules
(events, text, render, feeds, revision file). Revisions persist in
``DIR/.oncall-revisions.json`` so re-exports are byte-identical when nothing changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from oncall.atomic_file import write_atomic
from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import RevisionStore

from .ics_feeds import (
    FeedDocument, FeedOptions, FeedSet, FeedSpec, all_specs, calendar_name, horizon,
)
from .ics_revision_file import FILE_NAME as REVISION_FILE, RevisionFile, RevisionFileError

__all__ = [
    "ExportResult", "FeedDocument", "FeedOptions", "FeedSet", "FeedSpec", "REVISION_FILE",
    "RevisionFile", "RevisionFileError", "all_specs", "calendar_name", "export_ics", "horizon",
    "write_if_changed",
]

_FEED_FILE = re.compile(r"(team|site-.+|member-.+)\.ics")


@dataclass(frozen=True)
class ExportResult:
    written: tuple[Path, ...]  # files whose bytes changed
    unchanged: tuple[Path, ...]
    removed: tuple[Path, ...]  # feeds of sites/members that no longer exist


def export_ics(team: Team, out_dir: str | Path, now: datetime, options: FeedOptions | None = None, *,
               start: datetime | None = None, end: datetime | None = None,
               notes: Iterable[HandoffNote] = (),
               revisions: Callable[[str], RevisionStore] | None = None) -> ExportResult:
    """Render every feed into ``out_dir``; only files whose bytes changed are rewritten.

    ``start``/``end`` replace the horizon (``options.days_back``/``days_ahead`` from ``now``).
    ``revisions`` (name -> store, e.g. the database's) replaces the revision file; events are
    revised under ``team``, each feed's ``feed@`` entry under its own name (see ``ics_feeds``).
    Raises RevisionFileError for an unreadable revision file, OSError for an unwritable folder.
    """
    options = options or FeedOptions()
    out = Path(out_dir)
    revision_file = RevisionFile.load(out) if revisions is None else None
    if start is None or end is None:
        h_start, h_end = horizon(now, options)
        start, end = start or h_start, end or h_end
    feeds = FeedSet(team, start, end, options, notes).render_all(revisions or revision_file.store, now)
    out.mkdir(parents=True, exist_ok=True)
    written, unchanged = [], []
    for name, doc in feeds.items():
        path = out / f"{name}.ics"
        (written if write_if_changed(path, doc.body) else unchanged).append(path)
    removed = [p for p in sorted(out.iterdir())
               if _FEED_FILE.fullmatch(p.name) and p.stem not in feeds and p.is_file()]
    for p in removed:
        p.unlink()
    if revision_file is not None:
        revision_file.save()
    return ExportResult(tuple(written), tuple(unchanged), tuple(removed))


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True
