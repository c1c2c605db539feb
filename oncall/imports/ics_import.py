"""Read another calendar (a PTO calendar, a Google, Outlook or Apple export) as UTC spans.

Event by event: an event that cannot be read or expanded is skipped and listed (UID, SUMMARY,
line, reason) and every other event in the window is still imported, because an engineer's
exported calendar almost always holds one strange entry and refusing all of it for that would
make the feature useless. A whole file is refused only when it is not iCalendar, too large, or
over the work limits (oncall.imports.work_limits). Recurrences are expanded by
recurring_ical_events, X-WR-TIMEZONE calendars converted by x_wr_timezone, floating times and
all-day dates read in the member's zone.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from oncall.core import timezones as tz

from .ics_blocks import Block, calendar_property, split_components
from .ics_event_checks import MAX_TEXT, SkippedEvent, event_problem, identity, short_error
from .ics_expand import expand
from .work_limits import MAX_FILE_BYTES, MAX_OCCURRENCES, Budget, WorkLimitExceeded

__all__ = ["IcsImportError", "ImportedSpan", "ReadResult", "SkippedEvent", "date_window",
           "read_calendar_bytes", "read_calendar_file", "MAX_FILE_BYTES", "MAX_OCCURRENCES"]


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
    skipped: tuple[SkippedEvent, ...] = ()  # events left out, each with its reason
    outside: int = 0  # events with no occurrence in the window
    notes: tuple[str, ...] = ()  # what was read differently than written, and why

    def as_json(self) -> dict:
        return {"imported": len(self.spans), "skipped": [s.as_json() for s in self.skipped],
                "outside_window": self.outside, "notes": list(self.notes)}


def read_calendar_file(path: str | Path, zone: str, start: datetime, end: datetime, *,
                       max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    """Events of the file that intersect [start, end), as UTC spans; floating times in ``zone``."""
    p = Path(path)
    try:
        if not p.is_file():
            raise IcsImportError(f"{p}: not a regular file")
        size = p.stat().st_size
        if size > max_bytes:
            raise IcsImportError(_too_big(str(p), size, max_bytes))
        with p.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IcsImportError(f"{p}: cannot read: {exc.strerror or exc}") from None
    return read_calendar_bytes(data, zone, start, end, source=str(p), max_bytes=max_bytes)


def read_calendar_bytes(data: bytes, zone: str, start: datetime, end: datetime, *,
                        source: str = "<calendar>", max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    if len(data) > max_bytes:
        raise IcsImportError(_too_big(source, len(data), max_bytes))
    text = _decode(data, source)
    budget = Budget()
    try:
        with budget.alarm(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = _Reader(zone, start, end, budget).read(text, source)
        return _with_warnings(result, caught)
    except WorkLimitExceeded:
        raise IcsImportError(f"{source}: reading it took more than {budget.seconds:g} s, the limit for one "
                             "import; nothing was imported (export a shorter range)") from None


def _with_warnings(result: ReadResult, caught: list) -> ReadResult:
    """The parser's warnings (a vendor TZID guessed as an IANA name) become notes, not stderr noise."""
    extra = []
    for warning in caught:
        text = " ".join(str(warning.message).split())[:200]
        if text not in extra and text not in result.notes:
            extra.append(text)
    return replace(result, notes=result.notes + tuple(extra)) if extra else result


def _forget_other_files_zones() -> None:
    """Each file's custom time zones are its own.

    icalendar keeps every VTIMEZONE it has read for the whole process, and the first definition
    of a TZID wins: a second file defining "Custom Office" differently was read with the first
    file's offsets, and a file using it without a definition borrowed one. Choosing the time
    zone provider again (public API) starts icalendar with an empty cache.
    """
    from icalendar.timezone import tzp

    tzp.use(tzp.name)


def _too_big(source: str, size: int, limit: int) -> str:
    return (f"{source}: {size // 1024} KiB is more than the {limit // 1024} KiB an import accepts; "
            "export a shorter range")


def _decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IcsImportError(f"{source}: not UTF-8 text (byte {exc.start}); is it an .ics file?") from None
    return text


class _Reader:
    """One import's state: the window, the budget, and what was skipped or noted so far."""

    def __init__(self, zone: str, start: datetime, end: datetime, budget: Budget) -> None:
        self.zone, self.start, self.end, self.budget = zone, start, end, budget
        self.skipped: list[SkippedEvent] = []
        self.notes: list[str] = []
        self.outside = 0

    def read(self, text: str, source: str) -> ReadResult:
        import icalendar

        _forget_other_files_zones()
        split = split_components(text)
        if not split.calendars:
            raise IcsImportError(f"{source}: no BEGIN:VCALENDAR; not an iCalendar file")
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//oncall//calendar import//EN")
        calendar.add("version", "2.0")
        self._add_timezones(calendar, split.blocks)
        series, lines = self._add_events(calendar, split.blocks)
        self._note_structure(split)
        calendar = self._standard(calendar, calendar_property(split, "X-WR-TIMEZONE"))
        spans = self._spans(expand(calendar, series, self.start, self.end, self.budget), series, lines)
        if len(spans) > MAX_OCCURRENCES:
            raise IcsImportError(f"{source}: more than {MAX_OCCURRENCES} events between {self.start:%Y-%m-%d} "
                                 f"and {self.end:%Y-%m-%d}; import a shorter range (--from/--to)")
        return ReadResult(tuple(spans), tuple(self.skipped), self.outside, tuple(self.notes))

    def _add_timezones(self, calendar, blocks: list[Block]) -> None:
        import icalendar

        for block in blocks:
            if block.name != "VTIMEZONE":
                continue
            try:
                calendar.add_component(icalendar.Component.from_ical(block.text))
            except Exception as exc:  # noqa: BLE001 - events in that zone are then skipped by name
                self.notes.append(f"line {block.first_line}: a time zone definition cannot be read "
                                  f"({short_error(exc)})")

    def _add_events(self, calendar, blocks: list[Block]) -> tuple[dict[str, list], dict[str, int]]:
        import icalendar

        series: dict[str, list] = defaultdict(list)
        lines: dict[str, int] = {}
        for block in blocks:
            if block.name != "VEVENT":
                continue
            self.budget.check()
            if _outside_by_text(block, self.start, self.end):
                self.outside += 1
                continue
            try:
                event = icalendar.Component.from_ical(block.text)
            except Exception as exc:  # noqa: BLE001 - one unreadable event, not the whole file
                self._skip(None, _raw_summary(block), block.first_line, f"cannot be read ({short_error(exc)})")
                continue
            uid, summary = identity(event)
            problem = event_problem(event, self.end)
            if problem:
                self._skip(uid, summary, block.first_line, problem)
                continue
            if uid is None:
                uid = f"line-{block.first_line}"
                event["UID"] = uid
            lines.setdefault(uid, block.first_line)
            series[uid].append(event)
            calendar.add_component(event)
        return series, lines

    def _note_structure(self, split) -> None:
        for block in split.unclosed:
            if block.name == "VEVENT":
                self._skip(None, "(no title)", block.first_line, "the event never ends (END:VEVENT missing; "
                           "was the file cut short?)")
        for line in split.nested_events:
            self._skip(None, "(no title)", line, "a VEVENT inside another component is not an event of the calendar")
        others = sorted({b.name for b in split.blocks} - {"VEVENT", "VTIMEZONE"})
        if others:
            self.notes.append("not events, ignored: " + ", ".join(others))
        if split.calendars > 1:
            self.notes.append(f"{split.calendars} calendars in one file: read them all")

    def _standard(self, calendar, wr_zone: str | None):
        """Floating times of an X-WR-TIMEZONE calendar (Google's exports) are in that zone."""
        if not wr_zone:
            return calendar
        import x_wr_timezone

        calendar.add("X-WR-TIMEZONE", wr_zone)
        try:
            return x_wr_timezone.to_standard(calendar)
        except Exception as exc:  # noqa: BLE001 - an unknown zone name: say so, read floating times locally
            del calendar["X-WR-TIMEZONE"]
            self.notes.append(f"the calendar's time zone X-WR-TIMEZONE:{wr_zone[:60]} is unknown "
                              f"({short_error(exc)}); times without a zone are read in {self.zone}")
            return calendar

    def _spans(self, expansion, series: dict[str, list], lines: dict[str, int]) -> list[ImportedSpan]:
        spans: set[ImportedSpan] = set()
        for uid, events in series.items():
            summary = identity(events[0])[1]
            if uid in expansion.too_many:
                self._skip(uid, summary, lines[uid], f"more than {MAX_OCCURRENCES} occurrences in the window")
                continue
            if uid in expansion.fallbacks:
                self.notes.append(f"line {lines[uid]}: {summary}: recurrence not expanded "
                                  f"({expansion.fallbacks[uid]}); read as the single event it starts with")
            found = self._occurrence_spans(uid, summary, lines[uid], expansion.occurrences.get(uid, ()))
            if not found:
                self.outside += 1
            spans.update(found)
        return sorted(spans, key=lambda s: (s.start, s.end, s.summary))

    def _occurrence_spans(self, uid: str, summary: str, line: int, occurrences) -> list[ImportedSpan]:
        found = []
        reasons = set()
        for occurrence in occurrences:
            try:
                span, why = _span(occurrence, self.zone)
            except Exception as exc:  # noqa: BLE001 - e.g. a date outside what the core resolves
                span, why = None, f"cannot be placed in time ({short_error(exc)})"
            if span is None:
                reasons.add(why)
            elif span.end > self.start and span.start < self.end:
                found.append(span)
        for why in sorted(reasons):
            self._skip(uid, summary, line, why)
        return found

    def _skip(self, uid: str | None, summary: str, line: int | None, reason: str) -> None:
        self.skipped.append(SkippedEvent(uid, summary, line, reason))


def _outside_by_text(block: Block, start: datetime, end: datetime) -> bool:
    """A one-off event whose raw dates lie days outside the window: counted without parsing.

    Long calendar exports are mostly history; this keeps a large file's import fast. Events
    with recurrence or RECURRENCE-ID are always parsed (a modification can move an occurrence).
    """
    keys = block.fields
    if "RRULE" in keys or "RDATE" in keys or "RECURRENCE-ID" in keys or "DURATION" in keys:
        return False
    first, last = _raw_day(keys.get("DTSTART")), _raw_day(keys.get("DTEND"))
    if first is None:
        return False
    margin = timedelta(days=2)
    return first > (end + margin).date() or (last is not None and last < (start - margin).date())


def _raw_day(value: str | None) -> date | None:
    if not value or len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _raw_summary(block: Block) -> str:
    return " ".join(block.fields.get("SUMMARY", "").split())[:MAX_TEXT] or "(no title)"


def _span(event, zone: str) -> tuple[ImportedSpan | None, str]:
    """One occurrence as a UTC span, or None and why it adds no time."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None, "cancelled"
    first = event["DTSTART"].dt
    last = event["DTEND"].dt if event.get("DTEND") is not None else None
    if last is None and event.get("DURATION") is not None:
        last = first + event["DURATION"].dt
    all_day = not isinstance(first, datetime)
    if all_day:
        last = last if last is not None and not isinstance(last, datetime) else first + timedelta(days=1)
        s, e = tz.resolve_date(zone, first), tz.resolve_date(zone, last)
    else:
        if last is None or not isinstance(last, datetime):
            return None, "no end (a start time without DTEND or DURATION lasts no time)"
        s, e = _instant(first, zone), _instant(last, zone)
    if e <= s:
        return None, "zero or negative length"
    summary = identity(event)[1]
    uid = str(event.get("UID", "")) or None
    return ImportedSpan(s, e, summary, all_day, None if uid and uid.startswith("line-") else uid), ""


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
