"""FeedEvents to iCalendar bytes, byte-stable.

The calendar object (VERSION, PRODID, NAME, X-WR-CALNAME, REFRESH-INTERVAL, ...) is built
with icalendar. Events are the hot path (a year of a 200-member team is tens of thousands of
VEVENTs across all feeds), and icalendar's generic object model costs about 250 us per event,
so each VEVENT is written line by line with icalendar's own value encoders (TEXT escaping,
DATE-TIME, DURATION) and its folding rule, in icalendar's canonical property order.
``event_component`` builds the same event as an icalendar ``Event``; tests check that both
give identical bytes, so the fast path cannot drift from the library.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event
from icalendar.prop import vDuration

from oncall.core.revisions import Revision

from .ics_events import SHIFT, FeedEvent

PRODID = "-//oncall//On-call feeds//EN"
REFRESH = timedelta(hours=1)
CRLF = "\r\n"
_FOLD_LIMIT = 75


@dataclass(frozen=True)
class RenderOptions:
    alarm_minutes: int | None = None  # VALARM this many minutes before each shift starts
    overlap_alarms: bool = False  # a VALARM at the start of each overlap the member joins

    @property
    def any_alarm(self) -> bool:
        return self.alarm_minutes is not None or self.overlap_alarms


def fingerprint(event: FeedEvent, options: RenderOptions) -> str:
    """A digest of everything an event's bytes show except its revision."""
    alarm = options.alarm_minutes if event.kind == SHIFT else None
    parts = [event.uid, utc_value(event.start), utc_value(event.end), event.summary,
             event.description, "" if alarm is None else str(alarm)]
    if options.overlap_alarms and event.alarms:  # absent before overlap alarms: old prints hold
        parts.extend(f"{offset.total_seconds():.0f} {text}" for offset, text in event.alarms)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def fold(line: str) -> str:
    """RFC 5545 folding exactly as icalendar does it (fast path for short or ASCII lines)."""
    if len(line) < _FOLD_LIMIT and line.isascii():
        return line
    if not line.isascii():
        return _fold_utf8(line)
    chunks: list[str] = []
    i, n = 0, len(line)
    while n - i >= _FOLD_LIMIT:
        cut = i + _FOLD_LIMIT - 1
        if cut - i > 1 and line[cut - 1] in "\\^":
            cut -= 1  # never split an escape sequence (icalendar issue #1501)
        chunks.append(line[i:cut])
        i = cut
    chunks.append(line[i:])
    return "\r\n ".join(chunks)


def _fold_utf8(line: str) -> str:
    """:func:`fold` for a line with non-ASCII text: icalendar counts octets, one character at
    a time (tens of microseconds a line, which a team with a "José" pays on every event);
    this cuts the UTF-8 bytes at the same places: the longest run of whole characters that
    fits in 74 octets, less a trailing escape character."""
    data = line.encode("utf-8")
    chunks: list[bytes] = []
    i, n = 0, len(data)
    while n - i >= _FOLD_LIMIT:
        cut = i + _FOLD_LIMIT - 1
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        if cut - i > 1 and data[cut - 1] in b"\\^":
            cut -= 1  # never split an escape sequence (icalendar issue #1501)
        chunks.append(data[i:cut])
        i = cut
    chunks.append(data[i:])
    return b"\r\n ".join(chunks).decode("utf-8")


def _text(name: str, value: str) -> str:
    return fold(f"{name}:{escape_text(value) if _SPECIAL.search(value) else value}") + CRLF


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping, the same replacements in the same order as icalendar's
    ``vText.to_ical`` (tests compare the two), without building a ``vText`` per value.
    Without a backslash or CR (feed text nearly always), four of them cannot match."""
    if "\\" in value or "\r" in value:
        return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
                .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))
    return value.replace(";", r"\;").replace(",", r"\,").replace("\n", r"\n")


_SPECIAL = re.compile(r"[\\;,\r\n]")
_UTC_TEXT: dict[datetime, str] = {}


def utc_value(instant: datetime) -> str:
    """``20261207T210000Z``: what ``vDatetime`` writes for a UTC instant, without its
    per-call zone lookup (tests compare the two). Memoised: feeds repeat instants."""
    text = _UTC_TEXT.get(instant)
    if text is None:
        if len(_UTC_TEXT) > 200_000:
            _UTC_TEXT.clear()
        text = _UTC_TEXT[instant] = (f"{instant.year:04d}{instant.month:02d}{instant.day:02d}T"
                                     f"{instant.hour:02d}{instant.minute:02d}{instant.second:02d}Z")
    return text


def render_event(event: FeedEvent, revision: Revision, options: RenderOptions) -> str:
    """One VEVENT (CRLF line ends, folded), properties in icalendar's canonical order."""
    stamp = utc_value(revision.last_modified)
    alarm = _alarms(event, options) if event.kind == SHIFT and options.any_alarm else ""
    return (f"BEGIN:VEVENT\r\n{_summary_line(event.summary)}"
            f"DTSTART:{utc_value(event.start)}\r\nDTEND:{utc_value(event.end)}\r\nDTSTAMP:{stamp}\r\n"
            f"{_text('UID', event.uid)}SEQUENCE:{revision.sequence}\r\n{_text('DESCRIPTION', event.description)}"
            f"LAST-MODIFIED:{stamp}\r\nTRANSP:TRANSPARENT\r\n{alarm}{_END_EVENT}")


_SUMMARY_LINES: dict[str, str] = {}


def _summary_line(summary: str) -> str:
    """``SUMMARY:...`` folded: a team's events share a few dozen summaries, so remembered."""
    line = _SUMMARY_LINES.get(summary)
    if line is None:
        if len(_SUMMARY_LINES) > 10_000:
            _SUMMARY_LINES.clear()
        line = _SUMMARY_LINES[summary] = _text("SUMMARY", summary)
    return line


_END_EVENT = "END:VEVENT\r\n"
_END_EVENT_BYTES = _END_EVENT.encode("ascii")


@functools.lru_cache(maxsize=256)
def _alarm_text(summary: str, minutes: int) -> str:
    """A VALARM depends only on the summary and the lead time: a team has a few dozen."""
    trigger = vDuration(-timedelta(minutes=minutes)).to_ical().decode("ascii")
    return ("BEGIN:VALARM\r\nACTION:DISPLAY\r\n" + _text("DESCRIPTION", summary)
            + f"TRIGGER:{trigger}{CRLF}END:VALARM\r\n")


@functools.lru_cache(maxsize=4096)
def _overlap_alarm_text(offset: timedelta, text: str) -> str:
    """A reminder at an overlap's start, relative to the shift's start (RELATED=START, the
    default: clients that ignore absolute triggers still honour it)."""
    trigger = vDuration(offset).to_ical().decode("ascii")
    return ("BEGIN:VALARM\r\nACTION:DISPLAY\r\n" + _text("DESCRIPTION", text)
            + f"TRIGGER:{trigger}{CRLF}END:VALARM\r\n")


def _alarms(event: FeedEvent, options: RenderOptions) -> str:
    """A shift's VALARMs: the reminder before it starts, then one per overlap to join."""
    text = "" if options.alarm_minutes is None else _alarm_text(event.summary, options.alarm_minutes)
    if options.overlap_alarms:
        text += "".join([_overlap_alarm_text(offset, words) for offset, words in event.alarms])
    return text


def add_alarms(rendered: bytes, event: FeedEvent, options: RenderOptions) -> bytes:
    """A shift's VEVENT rendered without alarms (UTF-8) -> the same with its VALARMs:
    exactly what ``render_event`` gives with ``options`` (tests compare them), without
    rendering the event a second time."""
    if event.kind != SHIFT:
        return rendered
    alarms = _alarms(event, options)
    if not alarms:
        return rendered
    if not rendered.endswith(_END_EVENT_BYTES):  # pragma: no cover - render_event ends so
        raise ValueError("not a rendered VEVENT")
    return rendered[: -len(_END_EVENT_BYTES)] + (alarms + _END_EVENT).encode("utf-8")


def add_alarm(rendered: bytes, event: FeedEvent, minutes: int) -> bytes:
    """:func:`add_alarms` with the reminder before the shift only."""
    return add_alarms(rendered, event, RenderOptions(minutes))


def event_component(event: FeedEvent, revision: Revision, options: RenderOptions) -> Event:
    """The same VEVENT through icalendar's object model (the reference for tests)."""
    ev = Event()
    ev.add("summary", event.summary)
    ev.add("dtstart", event.start)
    ev.add("dtend", event.end)
    ev.add("dtstamp", revision.last_modified)
    ev.add("uid", event.uid)
    ev.add("sequence", revision.sequence)
    ev.add("description", event.description)
    ev.add("last-modified", revision.last_modified)
    ev.add("transp", "TRANSPARENT")
    if event.kind == SHIFT and options.alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.summary)
        alarm.add("trigger", -timedelta(minutes=options.alarm_minutes))
        ev.add_component(alarm)
    if event.kind == SHIFT and options.overlap_alarms:
        for offset, text in event.alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", text)
            alarm.add("trigger", offset)
            ev.add_component(alarm)
    return ev


def calendar_component(name: str) -> Calendar:
    """The calendar's own properties. REFRESH-INTERVAL is added by hand: icalendar's
    ``refresh_interval`` helper omits the ``VALUE=DURATION`` parameter RFC 7986 requires."""
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    return cal


_END = b"END:VCALENDAR\r\n"


@functools.lru_cache(maxsize=1024)
def calendar_frame(name: str) -> tuple[bytes, bytes]:
    """(header, footer): the bytes before and after the events (a pure function of the name,
    remembered: a server renders the same few calendars every day)."""
    whole = calendar_component(name).to_ical()
    if not whole.endswith(_END):  # pragma: no cover - icalendar always ends this way
        raise RuntimeError("unexpected icalendar output")
    return whole[: -len(_END)], _END
