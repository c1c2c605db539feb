"""Reading another tool's JSON with errors that name the tool, the path in the document and the problem.

A lead who saved the wrong curl output (another tool's document, a truncated download, an
error page) must learn which file and which field is wrong, not see a KeyError.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class ScheduleImportError(ValueError):
    """A schedule document that cannot be imported; nothing was written."""


class Document:
    """A JSON value with the path that leads to it, for messages like ``schedule.schedule_layers[1].start``."""

    def __init__(self, value: Any, tool: str, source: str, path: str = "") -> None:
        self.value, self.tool, self.source, self.path = value, tool, source, path

    def fail(self, problem: str) -> ScheduleImportError:
        where = f" at {self.path}" if self.path else ""
        return ScheduleImportError(f"{self.tool}: {self.source}{where}: {problem}")

    def child(self, key: str | int, value: Any) -> "Document":
        path = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        return Document(value, self.tool, self.source, path)

    def get(self, key: str, default: Any = None) -> Any:
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, found {_kind(self.value)}")
        return self.value.get(key, default)

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and key in self.value

    def obj(self, key: str, *, optional: bool = False) -> "Document | None":
        value = self.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise self.child(key, value).fail(f"expected an object, found {_kind(value)}")
        return self.child(key, value)

    def items(self, key: str, *, optional: bool = False) -> list["Document"]:
        value = self.get(key)
        if value is None and optional:
            return []
        if not isinstance(value, list):
            raise self.child(key, value).fail(f"expected a list, found {_kind(value)}")
        here = self.child(key, value)
        return [here.child(i, item) for i, item in enumerate(value)]

    def text(self, key: str, *, optional: bool = False) -> str | None:
        value = self.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.child(key, value).fail(f"expected text, found {_kind(value)}")
        return value.strip()

    def zone(self, key: str, *, optional: bool = False) -> str | None:
        """An IANA time zone name, checked (with a "did you mean" for near misses)."""
        from oncall.core.timezones import check_zone

        raw = self.text(key, optional=optional)
        if raw is None:
            return None
        try:
            return check_zone(raw)
        except ValueError as exc:
            raise self.child(key, raw).fail(str(exc)) from None

    def number(self, key: str, *, optional: bool = False, minimum: int | None = None,
               maximum: int | None = None) -> int | None:
        value = self.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise self.child(key, value).fail(f"expected a whole number, found {_kind(value)}")
        if minimum is not None and value < minimum:
            raise self.child(key, value).fail(f"must be at least {minimum}, found {value}")
        if maximum is not None and value > maximum:
            raise self.child(key, value).fail(f"must be at most {maximum}, found {value}")
        return int(value)

    def instant(self, key: str, *, optional: bool = False) -> datetime | None:
        """An ISO 8601 date-time with an offset (``...Z`` or ``+02:00``), as UTC."""
        raw = self.text(key, optional=optional)
        if raw is None:
            return None
        parsed = self.child(key, raw).local(raw)
        if parsed.tzinfo is None:
            raise self.child(key, raw).fail(f"{raw!r} has no UTC offset")
        return parsed.astimezone(timezone.utc)

    def local(self, raw: str) -> datetime:
        """An ISO 8601 date-time, naive when written without an offset."""
        from oncall.core.limits import LimitError, check_year

        try:
            return check_year(datetime.fromisoformat(raw.replace("Z", "+00:00")))
        except LimitError as exc:
            raise self.fail(str(exc)) from None
        except ValueError:
            raise self.fail(f"{raw!r} is not an ISO 8601 date-time") from None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "an object", list: "a list", str: f"text {value!r:.40}", bool: f"{value}"}.get(
        type(value), f"{type(value).__name__} {value!r:.40}")


def load_json(path: str | Path, tool: str) -> Document:
    """The file's JSON, or an error naming the file; size-limited so a wrong file cannot hang us."""
    p = Path(path)
    try:
        if not p.is_file():
            raise ScheduleImportError(f"{tool}: {p}: not a file")
        if p.stat().st_size > MAX_DOCUMENT_BYTES:
            raise ScheduleImportError(f"{tool}: {p}: larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
        data = p.read_bytes()
    except OSError as exc:
        raise ScheduleImportError(f"{tool}: {p}: cannot read: {exc.strerror or exc}") from None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ScheduleImportError(f"{tool}: {p}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ScheduleImportError(f"{tool}: {p}: not JSON (line {exc.lineno}, column {exc.colno}: "
                                  f"{exc.msg}); was the download cut short?") from None
    except RecursionError:
        raise ScheduleImportError(f"{tool}: {p}: nested too deeply to be a schedule") from None
    return Document(value, tool, str(p))
