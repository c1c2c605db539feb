"""Where a team comes from: a team file or a database (default: the local SQLite file)."""

from __future__ import annotations

from pathlib import Path

from oncall.core.model import Team


class SessionError(Exception):
    """The team could not be read; the message names the file or database and the problem."""


def load_team_file(path: str | Path) -> Team:
    from oncall.core.teamfile import TeamFileError, load_team_file as _load

    try:
        return _load(path).team
    except TeamFileError as exc:
        raise SessionError(str(exc)) from exc


def database_url(path_or_url: str | None) -> str:
    """A SQLAlchemy URL for a path, a URL, or None (the default database)."""
    from oncall import storage

    return storage.database_url(path_or_url)


def describe_url(url: str) -> str:
    """For messages: the file path for SQLite, the URL without its password otherwise."""
    from oncall import storage

    return storage.describe(url)


def open_database(url: str, *, create: bool = True, demo_if_new: bool = False):
    """Open a team database; storage errors become SessionError (message names the place)."""
    from oncall import storage

    try:
        return storage.open_database(url, create=create, demo_if_new=demo_if_new)
    except storage.StorageError as exc:
        raise SessionError(str(exc)) from exc


def load_team_from_database(url: str) -> Team:
    """Read the team; a missing database is an error that says how to make one."""
    from oncall import storage

    db = open_database(url, create=False)
    try:
        return db.load_team()
    except storage.StorageError as exc:
        raise SessionError(str(exc)) from exc
    finally:
        db.close()


def ensure_demo_database(path_or_url: str | None) -> str:
    """Create the database with the demo team if it does not exist yet; return its URL."""
    url = database_url(path_or_url)
    open_database(url, create=True, demo_if_new=True).close()
    return url
