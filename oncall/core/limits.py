"""The documented limits of the engine (docs/team-file.md, "Limits"), checked once at the edge.

Every face (team file, database, CLI arguments) checks its input against these before any
date arithmetic runs, so an out-of-range value ends in one readable message instead of an
``OverflowError`` deep in the schedule or a computation that never finishes. The numbers are
generous for planning on-call and small enough that the worst case stays cheap.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

MIN_YEAR = 1970  # time-zone rules before 1970 are guesses in the tz database anyway
MAX_YEAR = 2100  # every instant in between resolves exactly (see core/timezones.py)
MAX_RANGE_DAYS = 3660  # a report, export or sheet covers at most ten years
MAX_OVERLAP = timedelta(hours=12)  # a handoff overlap longer than half a day is not a handoff
MAX_FILE_BYTES = 10 * 1024 * 1024  # team files, calendars and notes are read up to 10 MB


class LimitError(ValueError):
    """A value outside the documented limits; ``str()`` says which limit."""


def year_text() -> str:
    return f"{MIN_YEAR}-{MAX_YEAR}"


def check_year(value: date | datetime, what: str = "") -> date | datetime:
    """``value`` unchanged if its year is supported, else :class:`LimitError`."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        label = f"{what} " if what else ""
        raise LimitError(f"{label}{value.isoformat()} is outside the supported years {year_text()}")
    return value


def check_range(start: date | datetime, end: date | datetime) -> None:
    """A [start, end) range within the supported years and at most ``MAX_RANGE_DAYS`` long."""
    check_year(start, "start")
    check_year(end, "end")
    if end <= start:
        raise LimitError(f"the end {end.isoformat()} is not after the start {start.isoformat()}")
    if (end - start) > timedelta(days=MAX_RANGE_DAYS):
        raise LimitError(f"{start.isoformat()} to {end.isoformat()} is longer than the limit of "
                         f"{MAX_RANGE_DAYS} days (ten years); ask for a shorter range")

