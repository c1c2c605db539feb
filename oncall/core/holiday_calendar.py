"""Public holidays per site, from the ``holidays`` package, by ``COUNTRY[-SUBDIVISION]`` code.

Importing ``holidays`` loads every country's module (~0.1 s of CPU), so a face may lend a
:class:`HolidayStore` that keeps computed years between runs (the desktop app's first paint
then needs no ``holidays`` import); the core itself does no I/O.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Protocol


class UnknownHolidayCalendar(ValueError):
    pass


class HolidayStore(Protocol):
    """Years computed before: ``load`` gives None when it has none for (code, year)."""

    def load(self, code: str, year: int) -> dict[date, str] | None: ...

    def save(self, code: str, year: int, days: dict[date, str]) -> None: ...


_store: HolidayStore | None = None


def use_store(store: HolidayStore | None) -> None:
    """Read and keep calendars through ``store`` from now on (None: compute every time)."""
    global _store
    if store is not _store:
        _store = store
        _calendar.cache_clear()


def split_code(code: str) -> tuple[str, str | None]:
    country, _, subdiv = code.strip().partition("-")
    return country.upper(), (subdiv.upper() or None)


@functools.cache
def _calendar(code: str, year: int) -> dict[date, str]:
    if _store is not None and (kept := _store.load(code, year)) is not None:
        return kept
    days = _compute(code, year)
    if _store is not None:
        _store.save(code, year, days)
    return days


def _compute(code: str, year: int) -> dict[date, str]:
    import holidays

    country, subdiv = split_code(code)
    try:
        calendar = holidays.country_holidays(country, subdiv=subdiv, years=year)
    except (NotImplementedError, KeyError) as exc:
        raise UnknownHolidayCalendar(_unknown_message(code, country, subdiv)) from exc
    return dict(calendar.items())


def _unknown_message(code: str, country: str, subdiv: str | None) -> str:
    import holidays

    supported = holidays.list_supported_countries()
    if country not in supported:
        return f"unknown holiday calendar {code!r}: no country {country!r} (use an ISO code such as AU, GB, US)"
    subdivs = ", ".join(sorted(supported[country])[:40])
    return f"unknown holiday calendar {code!r}: {country} has no subdivision {subdiv!r} (known: {subdivs})"


def check_code(code: str) -> str:
    """Normalise and validate a holiday calendar code; raises UnknownHolidayCalendar."""
    country, subdiv = split_code(code)
    normal = country if subdiv is None else f"{country}-{subdiv}"
    _calendar(normal, 2026)
    return normal


def holidays_in(code: str, first: date, last: date) -> dict[date, str]:
    """Holidays with their names for every day in [first, last]."""
    out: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        for day, name in _calendar(code, year).items():
            if first <= day <= last:
                out[day] = name
    return out


def holiday_name(code: str, day: date) -> str | None:
    return _calendar(code, day.year).get(day)
