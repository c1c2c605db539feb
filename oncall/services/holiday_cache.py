"""Holiday calendars kept between runs in a small JSON file (start-up speed).

The ``holidays`` package imports all of its ~250 country modules on first use, about 0.1 s
of CPU (0.25 s on a busy machine), before the desktop app can paint the band's working hours.
A calendar is a pure function of the package's version, the site's code and the year, so
the years computed once are kept in ``holidays-cache.json`` next to the default database,
under the package version: a new ``holidays`` release starts an empty cache.

The file is only a cache: unreadable, damaged or unwritable means computing as before.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from datetime import date
from pathlib import Path

from oncall.core import holiday_calendar

CACHE_FILE = "holidays-cache.json"


def package_version() -> str | None:
    """The installed ``holidays`` release, from its dist-info folder's name (None: no cache).

    ``importlib.metadata.version`` scans every installed distribution (~30 ms, a third of
    what the cache saves); the folder next to the package names the same version.
    """
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    site = Path(spec.origin).parent.parent
    names = sorted(path.name for path in site.glob("holidays-*.dist-info"))
    if len(names) != 1:
        return None  # not a plain install (or two records): do not guess
    return names[0].removeprefix("holidays-").removesuffix(".dist-info")


class HolidayFileCache:
    """A :class:`oncall.core.holiday_calendar.HolidayStore` over one JSON file."""

    def __init__(self, path: Path, version: str | None) -> None:
        self.path = path
        self.version = version
        self._calendars: dict[str, list[list[str]]] | None = None  # read on first use

    @staticmethod
    def _key(code: str, year: int) -> str:
        return f"{code}/{year}"

    def _read(self) -> dict[str, list[list[str]]]:
        if self._calendars is None:
            self._calendars = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return self._calendars
            if isinstance(data, dict) and data.get("holidays") == self.version \
                    and isinstance(data.get("calendars"), dict):
                self._calendars = data["calendars"]
        return self._calendars

    def load(self, code: str, year: int) -> dict[date, str] | None:
        if self.version is None:
            return None
        rows = self._read().get(self._key(code, year))
        try:
            return {date.fromisoformat(day): str(name) for day, name in rows} if rows is not None else None
        except (TypeError, ValueError):
            return None  # a damaged entry: compute it again

    def save(self, code: str, year: int, days: dict[date, str]) -> None:
        if self.version is None:
            return
        calendars = self._read()
        calendars[self._key(code, year)] = [[day.isoformat(), name] for day, name in sorted(days.items())]
        text = json.dumps({"holidays": self.version, "calendars": calendars}, ensure_ascii=False)
        try:  # a whole file or none: another oncall process may read it meanwhile
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".holidays-", dir=self.path.parent)
        except OSError:
            return  # read-only data folder: compute again next run
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(temp, self.path)
        except OSError:
            Path(temp).unlink(missing_ok=True)


def default_cache_path() -> Path:
    from oncall.services.session import default_database_path

    return default_database_path().with_name(CACHE_FILE)


def use_file_cache(path: Path | None = None) -> HolidayFileCache:
    """Keep holiday calendars in ``path`` (default: next to the default database) from now on."""
    cache = HolidayFileCache(path or default_cache_path(), package_version())
    holiday_calendar.use_store(cache)
    return cache
