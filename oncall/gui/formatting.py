"""How instants, windows and days read on screen (display only; conversions live in the core)."""

from __future__ import annotations

from datetime import datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.labels import DAY_NAMES, MONTH_NAMES, wall_text, window_text
from oncall.core.model import WEEKDAYS


def local_time(zone: str, instant: datetime, *, with_date: bool = True) -> str:
    """``Mon 7 Dec 2026 08:00 AEDT`` (or ``08:00 AEDT``)."""
    if with_date:
        return wall_text(zone, instant)
    return f"{tz.to_local(zone, instant):%H:%M} {tz.abbreviation(zone, instant)}"


def utc_time(instant: datetime) -> str:
    return f"{DAY_NAMES[instant.weekday()]} {instant.day} {MONTH_NAMES[instant.month - 1]} {instant:%Y %H:%M}Z"


window = window_text  # one spelling of a window for the GUI and the viewmodels' tooltips (core.labels)


def days(selected: frozenset[int]) -> str:
    """``Every day``, ``Mon–Fri``, or a list like ``Mon, Wed, Fri``."""
    ordered = sorted(selected)
    if len(ordered) == 7:
        return "Every day"
    if ordered and ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{DAY_NAMES[ordered[0]]}–{DAY_NAMES[ordered[-1]]}"
    return ", ".join(DAY_NAMES[d] for d in ordered) or "No days"


def weekday(index: int | None) -> str:
    return "" if index is None else DAY_NAMES[index]


def duration(td: timedelta) -> str:
    minutes = round(td.total_seconds() / 60)
    h, m = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    if h and m:
        return f"{sign}{h} h {m} min"
    return f"{sign}{h} h" if h else f"{sign}{m} min"


def offset_now(zone: str, instant: datetime) -> str:
    return "UTC" + tz.format_offset(tz.utc_offset(zone, instant))


__all__ = ["DAY_NAMES", "WEEKDAYS", "local_time", "utc_time", "window", "days", "weekday", "duration", "offset_now"]
