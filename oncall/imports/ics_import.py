"""Read another calendar (PTO, PagerDuty/Opsgenie export, Google export) as UTC spans.

Recurrences are expanded (recurring_ical_events) within a window, X-WR-TIMEZONE calendars
are converted to standard TZIDs (x_wr_timezone), floating times and all-day dates are read in
the member's zone. Everything that could make an import wrong or expensive is refused before
anything changes: files too large, undecodable or unparsable text, time zones nobody knows,
and recurrences that expand past a fixed number of occurrences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

from oncall.core import timezones as tz

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_OCCURRENCES = 5_000
MAX_TEXT = 200


class IcsImportError(ValueError):
    """The calendar file cannot be imported; the message names the file and the problem."""


@dataclass(frozen=True)
class ImportedSpan:
    start: datetime  # UTC
    end: datetime  # UTC
    summary: str
    all_day: bool
    uid: str | None = None


@dataclass(frozen=True)
class ReadResult:
    spans: tuple[ImportedSpan, ...]
    skipped: tuple[str, ...]  # why some events were left out (cancelled, zero length, ...)


def read_calendar_file(path: str | Path, zone: str, start: datetime, end: datetime, *,
                       max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    """Events of the file that intersect [start, end), as UTC spans; floating times in ``zone``."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise IcsImportError(f"{p}: {size // 1024} KiB is more than the {max_bytes // 1024} KiB an "
                                 "import accepts; export a shorter range")
        data = p.read_bytes()
    except OSError as exc:
        raise IcsImportError(f"{p}: cannot read: {exc.strerror or exc}") from None
    return read_calendar_bytes(data, zone, start, end, source=str(p))


def read_calendar_bytes(data: bytes, zone: str, start: datetime, end: datetime, *,
                        source: str = "<calendar>") -> ReadResult:
    if len(data) > MAX_FILE_BYTES:
        raise IcsImportError(f"{source}: larger than {MAX_FILE_BYTES // 1024} KiB")
    calendar = _parse(data, source)
    _check_zones(calendar, source)
    return _expand(calendar, zone, start, end, source)


def _parse(data: bytes, source: str):
    import icalendar
    import x_wr_timezone

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IcsImportError(f"{source}: not UTF-8 text (byte {exc.start}); is it an .ics file?") from None
    if "\x00" in text:
        raise IcsImportError(f"{source}: contains NUL bytes; not an iCalendar file")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise IcsImportError(f"{source}: no BEGIN:VCALENDAR; not an iCalendar file")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise IcsImportError(f"{source}: not a valid iCalendar file ({_short(exc)})") from None
    if calendar.name != "VCALENDAR":
        raise IcsImportError(f"{source}: the top-level component is {calendar.name}, not VCALENDAR")
    try:
        return x_wr_timezone.to_standard(calendar)
    except Exception as exc:  # noqa: BLE001 - an unknown X-WR-TIMEZONE, reported plainly
        zone = calendar.get("X-WR-TIMEZONE")
        raise IcsImportError(f"{source}: unknown calendar time zone X-WR-TIMEZONE:{zone} ({_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _check_zones(calendar, source: str) -> None:
    """A TZID icalendar could not resolve leaves a naive (floating) time: refuse it."""
    for event in calendar.walk("VEVENT"):
        for key in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            prop = event.get(key)
            if prop is None:
                continue
            tzid = prop.params.get("TZID")
            value = getattr(prop, "dt", None)
            if tzid and isinstance(value, datetime) and value.tzinfo is None:
                summary = str(event.get("SUMMARY", "")).strip()[:60]
                raise IcsImportError(f"{source}: unknown time zone {tzid!r} in {key} of event "
                                     f"{summary or event.get('UID', '?')!r}; nothing was imported")


def _expand(calendar, zone: str, start: datetime, end: datetime, source: str) -> ReadResult:
    import recurring_ical_events

    try:
        query = recurring_ical_events.of(calendar)
        occurrences = list(islice(_between(query, start, end), MAX_OCCURRENCES + 1))
    except IcsImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - broken RRULEs and the like, reported plainly
        raise IcsImportError(f"{source}: cannot expand its events ({_short(exc)})") from None
    if len(occurrences) > MAX_OCCURRENCES:
        raise IcsImportError(f"{source}: more than {MAX_OCCURRENCES} events between {start:%Y-%m-%d} and "
                             f"{end:%Y-%m-%d}; import a shorter range (--from/--to)")
    spans: list[ImportedSpan] = []
    skipped: list[str] = []
    for event in occurrences:
        span, why = _span(event, zone)
        if span is None:
            skipped.append(why)
        elif span.end > start and span.start < end:
            spans.append(span)
    spans = sorted(set(spans), key=lambda s: (s.start, s.end, s.summary))
    return ReadResult(tuple(spans), tuple(skipped))


def _between(query, start: datetime, end: datetime):
    for event in query.after(start):
        dtstart = event.get("DTSTART")
        value = dtstart.dt if dtstart is not None else None
        if value is not None and _sort_instant(value) >= end:
            return
        yield event


def _sort_instant(value) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(tz.UTC) if value.tzinfo else value.replace(tzinfo=tz.UTC)
    return datetime(value.year, value.month, value.day, tzinfo=tz.UTC)


def _span(event, zone: str) -> tuple[ImportedSpan | None, str]:
    summary = str(event.get("SUMMARY", "")).strip()[:MAX_TEXT] or "(no title)"
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None, f"cancelled: {summary}"
    dtstart = event.get("DTSTART")
    if dtstart is None:
        return None, f"no start: {summary}"
    first = dtstart.dt
    last = event["DTEND"].dt if event.get("DTEND") is not None else None
    if last is None and event.get("DURATION") is not None:
        last = first + event["DURATION"].dt
    all_day = not isinstance(first, datetime)
    if all_day:
        last = last if last is not None and not isinstance(last, datetime) else first + timedelta(days=1)
        s, e = tz.resolve_date(zone, first), tz.resolve_date(zone, last)
    else:
        if last is None or not isinstance(last, datetime):
            return None, f"no end: {summary}"
        s, e = _instant(first, zone), _instant(last, zone)
    if e <= s:
        return None, f"zero or negative length: {summary}"
    uid = event.get("UID")
    return ImportedSpan(s, e, summary, all_day, str(uid) if uid is not None else None), ""


def _instant(value: datetime, zone: str) -> datetime:
    """Aware -> UTC; floating -> read in the member's zone (RFC 5545 3.3.5 via the core)."""
    if value.tzinfo is None:
        return tz.resolve(zone, value)
    return value.astimezone(tz.UTC)


def date_window(today: date, start: date | None, end: date | None) -> tuple[datetime, datetime]:
    """The import window as UTC midnights; default 30 days back to 365 ahead, like feeds."""
    first = start or today - timedelta(days=30)
    last = end or today + timedelta(days=365)
    if last <= first:
        raise IcsImportError(f"--to ({last}) must be after --from ({first})")
    return (datetime(first.year, first.month, first.day, tzinfo=tz.UTC),
            datetime(last.year, last.month, last.day, tzinfo=tz.UTC))
