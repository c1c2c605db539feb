"""The schema revision the code expects, read from the migration files without SQLAlchemy or Alembic.

Opening a team database first asks which revision it holds. The answer for the usual case
(the newest) must be cheap: the desktop app reads its team with the standard library's
sqlite3 module before SQLAlchemy is even imported (:mod:`oncall.storage.sqlite_snapshot`),
and Alembic costs ~0.25 s to import. So the newest revision is read from the version files'
``revision``/``down_revision`` lines; :func:`head_from_files` answers None whenever those do
not form one plain chain, and the callers then ask Alembic.
"""

from __future__ import annotations

import functools
import re
from enum import Enum
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
OUR_TABLES = {"team", "sites", "members"}


class SchemaState(Enum):
    EMPTY = "empty"  # no tables: a new database
    CURRENT = "current"
    OLDER = "older"  # an earlier oncall schema: upgrade after a backup
    NEWER = "newer"  # written by a newer oncall: refuse
    FOREIGN = "foreign"  # tables, but not ours


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"""(?:"([^"]*)"|'([^']*)')""")


def _literal(value: str) -> str | None:
    """A revision line's value: a quoted id, or None; anything else is not understood."""
    if value == "None":
        return None
    match = _QUOTED.fullmatch(value)
    if match is None:
        raise ValueError(value)
    return match.group(1) if match.group(1) is not None else match.group(2)


@functools.cache
def head_from_files() -> str | None:
    """The newest revision by reading the version files (no Alembic), or None if unsure.

    Sure only when every version file names exactly one ``revision`` and one
    ``down_revision`` (a quoted id or None) and together they form a single chain.
    """
    links: dict[str, str | None] = {}
    try:
        for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
            if path.name == "__init__.py":
                continue
            found: dict[str, list[str | None]] = {"revision": [], "down_revision": []}
            for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
                found[name].append(_literal(value))
            if len(found["revision"]) != 1 or len(found["down_revision"]) != 1 or found["revision"][0] is None:
                return None
            links[found["revision"][0]] = found["down_revision"][0]
    except (OSError, ValueError):
        return None
    if not links or sum(1 for down in links.values() if down is None) != 1:
        return None
    referenced = set(links.values())
    heads = [rev for rev in links if rev not in referenced]
    if len(heads) != 1 or not referenced - {None} <= set(links):
        return None
    return heads[0]
