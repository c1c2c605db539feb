"""A span of time as one wall clock shows it, worded for print.

Handoffs cross the date line daily (San Francisco's Monday afternoon is Sydney's Tuesday
morning), so every local reading carries its weekday and ``+1 day``/``-1 day`` against the
UTC date of the same moment. All conversions go through :mod:`oncall.core.timezones`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oncall.core import labels, timezones as tz


def day_text(moment: datetime) -> str:
    """``Mon 9 Mar 2026``."""
    return labels.day_text(moment)


@dataclass(frozen=True)
class Clock:
    """[start, end) read on ``zone``'s wall clock; ``start == end`` is a single instant."""

    zone: str
    start: datetime  # naive local wall time
    end: datetime
    start_abbreviation: str
    end_abbreviation: str
    offset: str  # "+11:00" at the start
    day_shift: int  # local start date minus the UTC start date: -1, 0 or +1

    @property
    def is_instant(self) -> bool:
        return self.start == self.end

    @property
    def day(self) -> str:
        return day_text(self.start)

    @property
    def times(self) -> str:
        """``16:30–17:00 AEDT``; ``23:30 – Tue 00:30 AEDT`` across midnight; one time if an instant."""
        first = f"{self.start:%H:%M}"
        if self.is_instant:
            return f"{first} {self.start_abbreviation}"
        last = f"{self.end:%H:%M}"
        if self.start_abbreviation != self.end_abbreviation:  # a clock change inside the span
            return f"{first} {self.start_abbreviation} – {last} {self.end_abbreviation}"
        if self.end.date() != self.start.date():
            return f"{first} – {self.end:%a} {last} {self.start_abbreviation}"
        return f"{first}–{last} {self.start_abbreviation}"

    @property
    def day_note(self) -> str:
        """``+1 day`` where this clock's date is ahead of UTC's, ``-1 day`` where behind."""
        if self.day_shift == 0:
            return ""
        return f"{self.day_shift:+d} day"

    @property
    def text(self) -> str:
        """``Tue 10 Mar 2026 09:30–10:00 AEDT (UTC+11:00) +1 day``."""
        note = f" {self.day_note}" if self.day_note else ""
        return f"{self.day} {self.times} (UTC{self.offset}){note}"

    @property
    def time_of_day(self) -> str:
        """``06:30`` (start only), for tables."""
        return f"{self.start:%H:%M}"


def clock(zone: str, start: datetime, end: datetime | None = None) -> Clock:
    """Read the aware instants ``start``/``end`` (default: ``start``) on ``zone``'s clock."""
    end = start if end is None else end
    local_start = tz.to_local(zone, start)
    utc_start = tz.to_local("UTC", start)
    return Clock(
        zone=zone,
        start=local_start,
        end=tz.to_local(zone, end),
        start_abbreviation=tz.abbreviation(zone, start),
        end_abbreviation=tz.abbreviation(zone, end),
        offset=tz.format_offset(tz.utc_offset(zone, start)),
        day_shift=(local_start.date() - utc_start.date()).days,
    )
