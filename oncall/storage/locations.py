"""Where the database lives: the default SQLite file, a path, or a PostgreSQL URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DATA_DIR_ENV = "ONCALL_DATA_DIR"
DATABASE_FILE = "team.db"


def default_database_path() -> Path:
    """``$ONCALL_DATA_DIR/team.db`` if set (tests, CI, portable installs), else the user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir("oncall", appauthor=False))
    return base / DATABASE_FILE


def _looks_like_url(text: str) -> bool:
    head, sep, _ = text.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum() and len(head) > 1


def database_url(path_or_url: str | os.PathLike | None) -> str:
    """None -> the default SQLite file; a path -> ``sqlite:///<absolute path>``; a URL unchanged."""
    if path_or_url is None:
        return f"sqlite:///{default_database_path().absolute()}"
    text = os.fspath(path_or_url)
    if _looks_like_url(text):
        return text
    return f"sqlite:///{Path(text).expanduser().absolute()}"


def parse_url(url: str) -> URL:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from .errors import StorageError

    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StorageError(url, f"not a database path or URL ({exc})") from None


def describe(url: str) -> str:
    """For messages: the file path for SQLite, the URL without its password otherwise."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for in-memory or non-SQLite URLs)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)
