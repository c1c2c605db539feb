"""Where the database lives: the default SQLite file, a path, or a PostgreSQL URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import platformdirs

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DATA_DIR_ENV = "ONCALL_DATA_DIR"
DATABASE_FILE = "team.db"
SQLITE_FILE_URL = "sqlite:///"


def default_database_path() -> Path:
    """``$ONCALL_DATA_DIR/team.db`` if set (tests, CI, portable installs), else the user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir("oncall", appauthor=False))
    return base / DATABASE_FILE


def _looks_like_url(text: str) -> bool:
    head, sep, _ = text.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum() and len(head) > 1


def _file_url(path: Path) -> str:
    # Percent-encoded: SQLAlchemy decodes %XX in the database part and ends it at "?", so
    # "a%20b.db" or "team?.db" must not reach it raw (it opened "a b.db", or "team").
    return SQLITE_FILE_URL + quote(str(path), safe="/\\:")


def sqlite_file_of(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL as SQLAlchemy reads it, without importing SQLAlchemy
    (None: a URL with options, in memory, or another database)."""
    if not url.startswith(SQLITE_FILE_URL) or "?" in url:
        return None
    name = unquote(url[len(SQLITE_FILE_URL):])
    return Path(name) if name and name != ":memory:" else None


def database_url(path_or_url: str | os.PathLike | None) -> str:
    """None -> the default SQLite file; a path -> ``sqlite:///<absolute path>``; a URL unchanged."""
    if path_or_url is None:
        return _file_url(default_database_path().absolute())
    text = os.fspath(path_or_url)
    if _looks_like_url(text):
        return text
    return _file_url(Path(text).expanduser().absolute())


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
    path = sqlite_file_of(url)
    if path is not None:  # a plain file: no need to import SQLAlchemy
        return str(path)
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
