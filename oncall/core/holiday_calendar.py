"""Public holidays per site, from the ``holidays`` package, by ``COUNTRY[-SUBDIVISION]`` code."""

from __future__ import annotations

import functools
from datetime import date


class UnknownHolidayCalendar(ValueError):
    pass


def split_code(code: str) -> tuple[str, str | None]:
    country, _, subdiv = code.strip().partition("-")
    return country.upper(), (subdiv.upper() or None)


@functools.cache
def _calendar(code: str, year: int) -> dict[date, str]:
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
