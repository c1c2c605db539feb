"""What makes one calendar event unusable, said in words, before anything is expanded.

Every check here looks at one VEVENT only, so a strange entry (a time without a date, an end
before its start, an unknown zone, a runaway recurrence) is skipped and listed while the rest
of an engineer's calendar is still imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .work_limits import rule_problem

MAX_TEXT = 200


@dataclass(frozen=True)
class SkippedEvent:
    """An event left out of an import, and why (shown in the preview and in JSON)."""

    uid: str | None
    summary: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        name = self.summary if self.summary != "(no title)" or not self.uid else f"UID {self.uid}"
        return f"{where}{name}: {self.reason}"

    def as_json(self) -> dict:
        return {"uid": self.uid, "summary": self.summary, "line": self.line, "reason": self.reason}


def text_of(event, key: str, default: str = "") -> str:
    """A text property as a short single line, whatever shape icalendar gave it."""
    value = event.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return default
    try:
        text = str(value)
    except Exception:  # noqa: BLE001 - a broken property still has to be named somehow
        return default
    return " ".join(text.split())[:MAX_TEXT] or default


def identity(event) -> tuple[str | None, str]:
    uid = text_of(event, "UID") or None
    return uid, text_of(event, "SUMMARY", "(no title)")


def event_problem(event, window_end: datetime) -> str | None:
    """Why ``event`` cannot be imported at all, or None when it can be expanded."""
    start, problem = _when(event, "DTSTART")
    if problem:
        return problem
    if start is None:
        return "no DTSTART"
    if isinstance(start, time):
        return "DTSTART is a time of day without a date"
    end, problem = _when(event, "DTEND")
    if problem:
        return problem
    if end is not None:
        problem = _end_problem(start, end)
        if problem:
            return problem
    elif event.get("DURATION") is not None:
        problem = _duration_problem(event)
        if problem:
            return problem
    return _rule_problem(event, start, window_end)


def _when(event, key: str) -> tuple[date | datetime | time | None, str | None]:
    prop = event.get(key)
    if prop is None:
        return None, None
    if isinstance(prop, list):
        return None, f"{key} is given {len(prop)} times"
    try:
        value = prop.dt
    except Exception as exc:  # noqa: BLE001 - icalendar's BrokenCalendarProperty and kin
        return None, f"{key} cannot be read ({short_error(exc)})"
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    if tzid and isinstance(value, datetime) and value.tzinfo is None:
        return None, f"unknown time zone {str(tzid)!r} in {key}"
    return value, None


def _end_problem(start, end) -> str | None:
    if isinstance(end, time):
        return "DTEND is a time of day without a date"
    if isinstance(start, datetime) != isinstance(end, datetime):
        return "DTSTART and DTEND are not both dates or both date-times"
    if isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None):
        return None  # one floating, one zoned: each is resolved on its own later
    if end < start:
        return f"ends ({end}) before it starts ({start})"
    return None


def _duration_problem(event) -> str | None:
    try:
        duration = event["DURATION"].dt
    except Exception as exc:  # noqa: BLE001
        return f"DURATION cannot be read ({short_error(exc)})"
    if not isinstance(duration, timedelta):
        return "DURATION is not a duration"
    if duration < timedelta(0):
        return f"negative DURATION ({event['DURATION'].to_ical().decode(errors='replace')})"
    return None


def _rule_problem(event, start, window_end: datetime) -> str | None:
    rules = event.get("RRULE")
    if rules is None:
        return None
    for rule in rules if isinstance(rules, list) else [rules]:
        try:
            problem = rule_problem(rule, start, window_end)
        except Exception as exc:  # noqa: BLE001 - a rule icalendar kept as something odd
            problem = f"RRULE cannot be read ({short_error(exc)})"
        if problem:
            return problem
    return None


def short_error(exc: BaseException) -> str:
    """The first line of an exception's message, for a one-line reason."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
