"""How core values read in words, defined once for every face and export.

Day and month names are spelled here rather than with ``strftime("%a")``: Qt sets the
process locale, so ``%a`` would read "lun." in a French desktop session while the feeds,
PDFs and tests expect the same English text everywhere.
"""

from __future__ import annotations

from datetime import date, datetime

from . import timezones as tz
from .model import Leg, LocalWindow, Team, format_hhmm

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_MINUTES = 1440


def day_text(day: date) -> str:
    """``Mon 9 Mar 2026``."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def day_span_text(first: date, last: date) -> str:
    """``Mon 23 Nov 2026 – Sun 29 Nov 2026``: days ``first`` to ``last`` inclusive, each as :func:`day_text`."""
    return f"{day_text(first)} \u2013 {day_text(last)}"


def wall_text(zone: str, instant: datetime) -> str:
    """``Mon 7 Dec 2026 08:00 AEDT``: an instant on ``zone``'s wall clock, with the zone's abbreviation."""
    local = tz.to_local(zone, instant)
    return f"{day_text(local.date())} {local:%H:%M} {tz.abbreviation(zone, instant)}"


def axis_time_text(minutes: float) -> str:
    """A position on a 24-hour axis (minutes from midnight) as ``HH:MM``; the axis end is ``24:00``."""
    m = int(round(minutes))
    return format_hhmm(m if m == DAY_MINUTES else m % DAY_MINUTES)


def window_text(w: LocalWindow) -> str:
    """``07:00–16:00`` (en dash), ``22:00–06:00 (+1 day)``: a local window as every screen shows it.

    ``str(LocalWindow)`` keeps the ASCII ``07:00-16:00`` of the team file and the CLI's machine
    output; text for people (band, Team dock, timeline tooltips) comes from here.
    """
    return f"{format_hhmm(w.start)}\u2013{format_hhmm(w.end)}" + (" (+1 day)" if w.crosses_midnight else "")


def leg_label(team: Team, leg_id: str) -> str:
    """A leg as people name it: its site, plus the leg id when the site runs several legs."""
    return new_leg_label(team, team.leg(leg_id))


def new_leg_label(team: Team, leg: Leg, replacing: str | None = None) -> str:
    """What :func:`leg_label` will call ``leg`` once it is in ``team`` (added, or in place of ``replacing``).

    An undo text is written before the edit is made ("Add leg London (lon-2)"), so it cannot
    look the leg up in the team yet.
    """
    name = team.site(leg.site).name
    others = any(lg.site == leg.site for lg in team.legs if lg.id not in (leg.id, replacing))
    return f"{name} ({leg.id})" if others else name


__all__ = ["DAY_MINUTES", "DAY_NAMES", "MONTH_NAMES", "axis_time_text", "day_span_text", "day_text", "wall_text", "format_hhmm", "leg_label",
           "new_leg_label", "window_text"]
