"""Expand recurring events series by series, so one broken series cannot sink the calendar.

recurring_ical_events (the reference for RFC 5545 recurrence, RECURRENCE-ID modifications and
EXDATE/RDATE lists) groups a calendar into series; each series is expanded on its own, only
within the window, with the budget checked at every occurrence. A series the library cannot
expand falls back to its events' own DTSTART/DTEND, once, and says so; a series with more
occurrences in the window than an import accepts is left out and named. If the library cannot
even group the calendar, each UID is grouped in a calendar of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .ics_event_checks import short_error
from .work_limits import MAX_OCCURRENCES, Budget, WorkLimitExceeded, as_utc

_MARGIN = timedelta(days=1)  # floating times are compared as UTC; any zone is within a day of it


class TooManyOccurrences(Exception):
    pass


@dataclass
class Expansion:
    occurrences: dict[str, list] = field(default_factory=lambda: defaultdict(list))  # by series UID
    fallbacks: dict[str, str] = field(default_factory=dict)  # UID -> why recurrence was not expanded
    too_many: set[str] = field(default_factory=set)  # UIDs left out: over the occurrence cap


def expand(calendar, series: dict[str, list], start: datetime, end: datetime, budget: Budget) -> Expansion:
    """Occurrences intersecting [start, end) (with a day's margin), grouped by series UID."""
    result = Expansion()
    try:
        groups = _series_of(calendar)
    except (WorkLimitExceeded, KeyboardInterrupt):
        raise
    except Exception:  # noqa: BLE001 - one bad series stops the grouping: group each UID alone
        groups = None
    if groups is not None:
        for group in groups:
            uid = str(getattr(group, "uid", "") or "")
            _expand_group(uid, lambda g=group: [g], series.get(uid, ()), start, end, budget, result)
        return result
    for uid, events in series.items():
        _expand_group(uid, lambda e=events: _series_of(_alone(calendar, e)), events, start, end, budget, result)
    return result


def _series_of(calendar) -> list:
    import recurring_ical_events

    return list(recurring_ical_events.of(calendar).series)


def _expand_group(uid: str, groups, events, start: datetime, end: datetime, budget: Budget,
                  result: Expansion) -> None:
    found = []
    try:
        for group in groups():
            for occurrence in group.between(start - _MARGIN, end + _MARGIN):
                budget.check()
                found.append(occurrence.as_component(False))
                if len(found) > MAX_OCCURRENCES:
                    raise TooManyOccurrences()
    except (WorkLimitExceeded, KeyboardInterrupt):
        raise
    except TooManyOccurrences:
        result.too_many.add(uid)
        return
    except Exception as exc:  # noqa: BLE001 - the library's own failure: read the events as written
        result.fallbacks[uid] = short_error(exc)
        found = [e for e in events if _intersects(e, start, end)]
    result.occurrences[uid].extend(found)


def _alone(calendar, events: list):
    """A calendar with the original's time zones and properties and one series' events."""
    import icalendar

    single = icalendar.Calendar()
    for key, value in calendar.items():
        single[key] = value
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            single.add_component(component)
    for event in events:
        single.add_component(event)
    return single


def _intersects(event, start: datetime, end: datetime) -> bool:
    try:
        first = as_utc(event.get("DTSTART").dt)
        last_prop = event.get("DTEND")
        last = as_utc(last_prop.dt) if last_prop is not None else first + _MARGIN
    except OverflowError:  # year 1 or 9999 shifted by its zone: outside every range an import accepts
        return False
    return last > start - _MARGIN and first < end + _MARGIN
