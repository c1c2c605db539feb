"""Keep calendar collections on a CalDAV server (Nextcloud, Fastmail, iCloud, Radicale,
SOGo) in step with the feeds: ``oncall publish --caldav URL``.

Pushing beats polling: a calendar server shows a change on every device within minutes,
where Google Calendar polls a subscribed feed every 8 to 24 hours. Each chosen feed (team,
site, member) is one calendar collection named ``oncall-<team>-<feed>``; each event is one
resource holding one VEVENT, keyed by its UID.

A sync reads every resource of a collection (one REPORT: data and ETag), then per UID:
creates what is missing (``If-None-Match: *``), replaces what differs (``If-Match`` with the
ETag just read, so a change made on the server meanwhile is refused with 412 and counted as
a conflict, never overwritten blindly), deletes what left the schedule (``If-Match`` again)
and leaves equal ones alone. Servers re-serialise what they store (property order, folding),
so "equal" compares the parsed content lines, not bytes. Every step is idempotent: after an
error or a conflict, running again converges.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from oncall.export.ics_feeds import FeedSpec
from oncall.export.ics_render import PRODID

COLLECTION_PREFIX = "oncall-"
_HEAD = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\n".encode("ascii")
_TAIL = b"END:VCALENDAR\r\n"
_EVENT = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)
_UID = re.compile(r"^UID:(.*)$", re.M)
_CALENDAR_TYPE = {"Content-Type": "text/calendar; charset=utf-8"}


class CalDavError(Exception):
    """The server cannot be used (unreachable, wrong password, refused); the message says which."""


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # UIDs changed on the server meanwhile

    def add(self, other: "SyncCounts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged
        self.conflicts += other.conflicts

    @property
    def written(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass(frozen=True)
class CalendarSync:
    """One collection's outcome: ``feed`` is the feed name (or the orphan's collection id)."""

    feed: str
    title: str
    url: str
    counts: SyncCounts
    orphan: bool = False  # the feed's member or site is gone: its calendar was emptied


def collection_id(team_slug: str, feed_name: str) -> str:
    return f"{COLLECTION_PREFIX}{team_slug}-{feed_name}"


def event_objects(body: bytes) -> dict[str, bytes]:
    """A feed's VCALENDAR -> one calendar object resource per UID (no METHOD, no calendar
    name: RFC 4791 forbids METHOD in a calendar collection and names belong to it)."""
    out = {}
    for block in _EVENT.findall(body):
        text = block.decode("utf-8")
        uid = _UID.search(text.replace("\r\n ", "")).group(1).strip()
        out[uid] = _HEAD + block + _TAIL
    return out


def normalised(text: str) -> tuple:
    """The content lines of a calendar object, unfolded and ordered within each component:
    equal for two serialisations of the same events (servers reorder and refold)."""
    lines = text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "").split("\n")
    stack: list[tuple[str, list, list]] = [("", [], [])]
    for line in lines:
        if not line:
            continue
        if line.startswith("BEGIN:"):
            stack.append((line[6:], [], []))
        elif line.startswith("END:") and len(stack) > 1:
            name, props, children = stack.pop()
            stack[-1][2].append((name, tuple(sorted(props)), tuple(sorted(children))))
        else:
            stack[-1][1].append(_canonical(line))
    root = stack[0][2]
    events = [c for cal in root if cal[0] == "VCALENDAR" for c in cal[2] if c[0] == "VEVENT"]
    return tuple(sorted(events))


_DURATION_NAMES = ("TRIGGER", "DURATION")


def _canonical(line: str) -> str:
    """A content line with its value in one spelling where servers choose another: durations
    (``P0D`` and ``PT0S`` are the same trigger; Radicale writes the second)."""
    name, sep, value = line.partition(":")
    if sep and name.split(";", 1)[0].upper() in _DURATION_NAMES and value[:1] in "+-P":
        from icalendar.prop import vDuration

        try:
            return f"{name}:{vDuration.from_ical(value).total_seconds():.0f}s"
        except ValueError:
            return line
    return line


class CalDavServer:
    """A logged-in connection to one CalDAV account, through the ``caldav`` library."""

    def __init__(self, url: str, user: str, password: str, *, timeout: float = 30.0) -> None:
        import caldav

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CalDavError(f"not a CalDAV address: {url!r} (e.g. https://dav.example.com/)")
        if parts.username or parts.password:
            raise CalDavError("put the user name in --user and the password in ONCALL_CALDAV_PASSWORD "
                              "or the keyring, not in the address")
        self.url = url
        self._client = caldav.DAVClient(url=url, username=user, password=password, timeout=timeout)
        self.principal = self._call(self._client.principal, "log in")

    def _call(self, action: Callable, doing: str):
        """Run a library call, turning its failures into one clear CalDavError."""
        from caldav.lib import error

        try:
            return action()
        except error.AuthorizationError as exc:
            raise CalDavError(f"{self.url}: the server refused the user name or password "
                              f"(HTTP {exc.status or 401}) while trying to {doing}") from None
        except error.DAVError as exc:
            raise CalDavError(f"{self.url}: could not {doing}: HTTP {exc.status or '?'} {exc.reason or ''}".strip()) \
                from None
        except (OSError, ConnectionError) as exc:
            raise CalDavError(f"{self.url}: cannot reach the server to {doing} ({_first_line(exc)})") from None
        except Exception as exc:  # noqa: BLE001 - the HTTP library's own errors (timeouts, refused)
            if type(exc).__module__.split(".")[0] in ("requests", "niquests", "urllib3", "httpx"):
                raise CalDavError(f"{self.url}: cannot reach the server to {doing} ({_first_line(exc)})") from None
            if _raised_in(exc, ("caldav", "lxml")):  # an answer that is not CalDAV: an HTML error page, no body
                raise CalDavError(f"{self.url}: could not {doing}: the server's answer is not CalDAV "
                                  f"({_first_line(exc)}); is this the CalDAV address?") from None
            raise

    def calendars(self) -> dict[str, object]:
        """The account's collections by id (the last path segment)."""
        found = self._call(self.principal.calendars, "list the calendars")
        return {str(c.url).rstrip("/").rsplit("/", 1)[-1]: c for c in found}

    def ensure(self, existing: Mapping[str, object], cal_id: str, title: str):
        if cal_id in existing:
            return existing[cal_id]
        return self._call(lambda: self.principal.make_calendar(name=title, cal_id=cal_id),
                          f"create the calendar {cal_id}")

    def sync_calendar(self, calendar, wanted: Mapping[str, bytes]) -> SyncCounts:
        """Make ``calendar`` hold exactly ``wanted`` (UID -> object), touching only differences."""
        counts = SyncCounts()
        stored = self._call(calendar.get_events, f"read {calendar.url}")
        seen: dict[str, object] = {}
        for obj in stored:
            match = _UID.search((obj.data or "").replace("\r\n ", "").replace("\n ", ""))
            uid = match.group(1).strip() if match else None
            if uid is None or uid in seen:
                self._delete(obj, counts, uid or str(obj.url))  # not ours to keep: a stray or a duplicate
                continue
            seen[uid] = obj
        base = str(calendar.url).rstrip("/") + "/"
        for uid, data in wanted.items():
            obj = seen.pop(uid, None)
            if obj is None:
                self._put(base + quote(uid, safe="@") + ".ics", data, {"If-None-Match": "*"}, uid, counts, True)
            elif normalised(obj.data) == normalised(data.decode("utf-8")):
                counts.unchanged += 1
            else:
                self._put(str(obj.url), data, _if_match(obj), uid, counts, False)
        for uid, obj in seen.items():
            self._delete(obj, counts, uid)
        return counts

    def _put(self, url: str, data: bytes, condition: dict, uid: str, counts: SyncCounts, new: bool) -> None:
        response = self._call(lambda: self._client.put(url, data.decode("utf-8"), {**_CALENDAR_TYPE, **condition}),
                              f"write {uid}")
        if response.status == 412:
            counts.conflicts.append(uid)
        elif response.status >= 400:
            raise CalDavError(f"{self.url}: the server refused {uid}: HTTP {response.status} {response.reason}")
        elif new:
            counts.created += 1
        else:
            counts.updated += 1

    def _delete(self, obj, counts: SyncCounts, uid: str) -> None:
        response = self._call(lambda: self._client.delete(str(obj.url), _if_match(obj)), f"delete {uid}")
        if response.status == 412:
            counts.conflicts.append(uid)
        elif response.status == 404:
            return  # someone else deleted it already: the goal is met
        elif response.status >= 400:
            raise CalDavError(f"{self.url}: the server refused to delete {uid}: HTTP {response.status}")
        else:
            counts.deleted += 1


def _raised_in(exc: BaseException, packages: tuple[str, ...]) -> bool:
    """Was ``exc`` raised inside one of ``packages`` (its innermost frame), not in oncall's own code?"""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__", "") if tb is not None else ""
    return type(exc).__module__.split(".")[0] in packages or module.split(".")[0] in packages


def _is_feed_name(name: str) -> bool:
    """Only collections this team's sync made are emptied (another team's slug may share a prefix)."""
    try:
        FeedSpec.parse(name)
        return True
    except ValueError:
        return False


def _if_match(obj) -> dict[str, str]:
    etag = obj.etag
    return {"If-Match": etag} if etag and not etag.startswith("W/") else {}


_REASONS = (  # what the HTTP libraries' long messages mean, in a few words
    (("Connection refused", "Errno 111"), "connection refused"),
    (("Name or service not known", "nodename nor servname", "getaddrinfo failed", "Errno -2", "Errno -3"),
     "the host name does not resolve"),
    (("CERTIFICATE_VERIFY_FAILED", "certificate verify failed"), "TLS certificate not accepted"),
    (("timed out", "Timeout"), "no answer in time"),
)


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    for needles, reason in _REASONS:
        if any(n in text for n in needles):
            return reason
    lines = text.strip().splitlines()
    return lines[0][:160] if lines else type(exc).__name__


def sync_feeds(server: CalDavServer, team_slug: str, feeds: Mapping[str, tuple[str, bytes]],
               existing_feeds: set[str]) -> list[CalendarSync]:
    """Sync each feed (name -> (title, feed bytes)) into its collection, then empty the
    collections of this team whose feed no longer exists (a removed member or site)."""
    calendars = server.calendars()
    results = []
    for name, (title, body) in feeds.items():
        cal_id = collection_id(team_slug, name)
        calendar = server.ensure(calendars, cal_id, title)
        results.append(CalendarSync(name, title, str(calendar.url), server.sync_calendar(calendar, event_objects(body))))
    prefix = collection_id(team_slug, "")
    for cal_id, calendar in sorted(calendars.items()):
        feed = cal_id[len(prefix):]
        if cal_id.startswith(prefix) and _is_feed_name(feed) and feed not in existing_feeds:
            counts = server.sync_calendar(calendar, {})
            results.append(CalendarSync(feed, cal_id, str(calendar.url), counts, orphan=True))
    return results
