"""Every conversion between wall-clock time and UTC instants happens here.

Rules live in local wall-clock time plus an IANA zone name; the engine computes in UTC.
Local times resolve the way RFC 5545 section 3.3.5 says, so the app and every calendar
client agree on each instant:

* an ambiguous time (a fall-back fold) means its **first** occurrence;
* a time inside a DST gap (spring-forward) is read with the UTC offset **before** the gap
  (New York 2026-03-08 02:30 is 07:30Z, i.e. 03:30 EDT).

Both cases reduce to one rule: near a transition, use the offset in force before it.

pytz is the zone database (it ships its own tz data, so results do not depend on the host).
Its transition tables stop in 2037; the rule that continues them (the TZif footer, and
explicit later transitions such as Morocco's) is read through
``zoneinfo.ZoneInfo.from_file(pytz.open_resource(name))``, the same data, and appended to the
table up to 2100, so every year the engine accepts (:mod:`oncall.core.limits`) is exact.
``localize()`` costs about 25 us, too slow for a year of shifts, so each zone's table is
built once and answered with a binary search. Property tests check it against ``zoneinfo``
with ``fold=0`` (PEP 495's reading of gaps and folds is the RFC's) over 1970-2100.

The API, one function per direction and size:

==========================  =============================================================
wall time -> UTC, one       ``resolve(zone, naive_datetime)``; ``resolve_date(zone, day)``
                            for local midnight
wall time -> UTC, many      ``resolve_walls(zone, walls)``: ascending wall-clock seconds
                            (local time counted as if it were UTC) to POSIX seconds (the
                            schedule's hot loop)
UTC -> wall time, one       ``to_local(zone, instant)`` (naive); ``to_local_aware`` for
                            display; ``utc_offset``/``abbreviation``/``is_dst`` at an instant
UTC -> wall time, many      ``local_walls(zone, seconds)``: POSIX seconds to wall seconds;
                            ``dst_flags(zone, seconds)``: ``is_dst`` for each
clock changes               ``transitions(zone, start, end)``
==========================  =============================================================
"""

from __future__ import annotations

import bisect
import difflib
import functools
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytz

from .zone_rules import SCAN_FROM, later_transitions

UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1)
_FROM_TS = datetime.fromtimestamp


def _UTC_FROM_TS(secs: float) -> datetime:
    return datetime.fromtimestamp(secs, UTC)


class UnknownTimeZone(ValueError):
    """A zone name that is not in the IANA database (or is a bare fixed offset)."""

    def __init__(self, name: str, suggestion: str | None = None, *, fixed_offset: bool = False) -> None:
        msg = f"unknown time zone {name!r}"
        if fixed_offset:
            msg += " (a fixed UTC offset is not a place and never follows DST: use an IANA name such as 'Australia/Brisbane')"
        elif suggestion:
            msg += f" (did you mean {suggestion!r}?)"
        super().__init__(msg)
        self.name = name
        self.suggestion = suggestion


@functools.cache
def _lowercase_zone_names() -> dict[str, str]:
    return {name.lower(): name for name in pytz.all_timezones}


def _is_fixed_offset_alias(name: str) -> bool:
    """``UTC+10``/``GMT-3``/``Etc/GMT+5`` name an offset, not a place: they never follow DST."""
    upper = name.upper()
    for prefix in ("UTC", "GMT", "ETC/GMT", "ETC/UTC"):
        if upper.startswith(prefix) and len(upper) > len(prefix) and upper[len(prefix)] in "+-":
            return True
    return False


def check_zone(name: str) -> str:
    """Return the canonical spelling of an IANA zone name, or raise UnknownTimeZone.

    Fixed-offset names such as ``UTC+10`` are refused: a site is a place, and places change
    their offsets (DST, law); an offset cannot.
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownTimeZone(str(name))
    if _is_fixed_offset_alias(name):
        raise UnknownTimeZone(name, fixed_offset=True)
    canonical = _lowercase_zone_names().get(name.strip().lower())
    if canonical is None:
        close = difflib.get_close_matches(name, pytz.all_timezones, n=1, cutoff=0.7)
        raise UnknownTimeZone(name, close[0] if close else None)
    return canonical


def all_zone_names() -> list[str]:
    """Zone names a user may pick: the common IANA names, place-like ones only."""
    return [z for z in pytz.common_timezones if not _is_fixed_offset_alias(z)]


@dataclass(frozen=True)
class _Table:
    """A zone's offsets as sorted transition instants (seconds since the epoch, UTC).

    ``offsets[i]`` (seconds) is in force from ``utc_starts[i]`` until ``utc_starts[i+1]``.
    ``local_starts[i]`` is the earliest wall time at which that offset may apply, i.e. the
    smaller of the wall clocks just before and just after the transition.
    """

    utc_starts: tuple[int, ...]
    offsets: tuple[int, ...]
    dst: tuple[bool, ...]
    abbrevs: tuple[str, ...]
    local_starts: tuple[int, ...]
    local_ends_of_ambiguity: tuple[int, ...]


def _seconds(td: timedelta) -> int:
    return td.days * 86400 + td.seconds


@functools.cache
def _pytz_table(name: str) -> _Table:
    """The zone's table as pytz has it: complete up to 2037 (its last entry then holds on)."""
    zone = pytz.timezone(name)
    trans = getattr(zone, "_utc_transition_times", None) or []
    info = getattr(zone, "_transition_info", None) or []
    if trans and info:
        utc_starts = [-(2**62)] + [int((t - _EPOCH).total_seconds()) for t in trans[1:]]
        offsets = [_seconds(i[0]) for i in info]
        dsts = [bool(_seconds(i[1])) for i in info]
        abbrevs = [i[2] for i in info]
    else:
        # A static zone (UTC, or a zone pytz stores without transitions).
        probe = datetime(2000, 1, 1)
        utc_starts, offsets = [-(2**62)], [_seconds(zone.utcoffset(probe))]
        dsts, abbrevs = [bool(zone.dst(probe))], [zone.tzname(probe)]
    return _make_table(utc_starts, offsets, dsts, abbrevs)


@functools.cache
def _full_table(name: str) -> _Table:
    """pytz's table plus the changes from 2037 to 2100 (a scan of tens of ms per zone)."""
    base = _pytz_table(name)
    if len(base.utc_starts) == 1:
        return base
    later = later_transitions(name, max(base.utc_starts[-1] + 1, SCAN_FROM))
    if not later:
        return base
    return _make_table([*base.utc_starts, *(row[0] for row in later)], [*base.offsets, *(row[1] for row in later)],
                       [*base.dst, *(row[2] for row in later)], [*base.abbrevs, *(row[3] for row in later)])


def _make_table(utc_starts: list[int], offsets: list[int], dsts: list[bool], abbrevs: list[str]) -> _Table:
    local_starts = [utc_starts[0]]
    ambiguity_ends = [utc_starts[0]]
    for i in range(1, len(utc_starts)):
        before, after = utc_starts[i] + offsets[i - 1], utc_starts[i] + offsets[i]
        local_starts.append(min(before, after))
        ambiguity_ends.append(max(before, after))
    return _Table(
        tuple(utc_starts), tuple(offsets), tuple(dsts), tuple(abbrevs),
        tuple(local_starts), tuple(ambiguity_ends),
    )


# Times (POSIX or wall seconds) before this are answered by pytz's table alone: every later
# entry starts at SCAN_FROM or after, and a wall differs from its instant by under a day.
_PYTZ_UNTIL = SCAN_FROM - 86400


def _table(name: str, until: float = math.inf) -> _Table:
    """A table right for every time up to ``until`` (POSIX or wall seconds).

    The scan past 2037 waits until a time after it is asked for: the desktop app's first
    paint (this week, three zones) would otherwise spend ~90 ms of CPU on years 2037-2100.
    """
    return _pytz_table(name) if until < _PYTZ_UNTIL else _full_table(name)


def _wall_seconds(naive: datetime) -> int:
    return (naive.toordinal() - 719163) * 86400 + naive.hour * 3600 + naive.minute * 60 + naive.second


def _offset_for_wall(table: _Table, wall: int) -> int:
    """The UTC offset (seconds) RFC 5545 assigns to a wall-clock time given as seconds."""
    i = bisect.bisect_right(table.local_starts, wall) - 1
    if i > 0 and wall < table.local_ends_of_ambiguity[i]:
        # Inside the gap or the fold of transition i: the offset before it.
        return table.offsets[i - 1]
    # A later transition can start inside this one's range only when two transitions lie
    # within hours of each other; local_starts stays sorted in every real zone.
    return table.offsets[i]


def resolve(zone: str, naive: datetime) -> datetime:
    """The UTC instant (aware, tz=UTC) of a wall-clock time in ``zone``, per RFC 5545."""
    wall = _wall_seconds(naive)
    instant = _FROM_TS(wall - _offset_for_wall(_table(zone, wall), wall), UTC)
    return instant.replace(microsecond=naive.microsecond) if naive.microsecond else instant


def resolve_walls(zone: str, walls: list[int]) -> list[int]:
    """Wall-clock seconds to POSIX seconds by the rule above, for many walls at once.

    ``walls`` must be ascending (a leg's days, in order): each run between two transitions is
    then converted with one subtraction per item.

    One offset holds from one transition's wall start to the next, so each such run is
    converted with a single subtraction per item; only walls inside a gap or a fold take
    the per-item rule. A year of one leg is two or three runs instead of 370 searches.
    """
    table = _table(zone, max(walls, default=0))
    local_starts, ambiguity_ends, offsets = table.local_starts, table.local_ends_of_ambiguity, table.offsets
    find, find_left = bisect.bisect_right, bisect.bisect_left
    last = len(local_starts) - 1
    out: list[int] = []
    k, n = 0, len(walls)
    while k < n:
        wall = walls[k]
        i = find(local_starts, wall) - 1
        if i > 0 and wall < ambiguity_ends[i]:
            out.append(wall - offsets[i - 1])  # inside the gap or the fold of transition i
            k += 1
            continue
        j = find_left(walls, local_starts[i + 1], k) if i < last else n
        offset = offsets[i]
        out += [w - offset for w in walls[k:j]]
        k = j
    return out


def from_seconds(seconds: float) -> datetime:
    return _FROM_TS(seconds, UTC)


_ONE_DAY = timedelta(days=1)


def utc_instants(seconds: list[float]) -> list[datetime]:
    """``[from_seconds(s) for s in seconds]``, faster for daily series.

    Building a datetime from a timestamp costs about four times adding a day to the
    previous one, and a leg's occurrences are mostly exactly 86,400 s apart. When two
    POSIX values differ by exactly 86,400 their fractional parts are equal, so both
    constructions give the same datetime.
    """
    out: list[datetime] = []
    append = out.append
    prev_s: float | None = None
    prev = None
    for s in seconds:
        if prev_s is not None and s - prev_s == 86400:
            prev = prev + _ONE_DAY
        else:
            prev = _FROM_TS(s, UTC)
        append(prev)
        prev_s = s
    return out


def local_walls(zone: str, seconds: list[float]) -> list[float]:
    """POSIX seconds to wall-clock seconds in ``zone`` (``// 86400 + 719163`` is the local day's ordinal)."""
    table = _table(zone, max(seconds, default=0))
    utc_starts, offsets, find = table.utc_starts, table.offsets, bisect.bisect_right
    return [s + offsets[find(utc_starts, s) - 1] for s in seconds]


def dst_flags(zone: str, seconds: list[float]) -> list[bool]:
    """:func:`is_dst` for many POSIX seconds at once (one table lookup, a search per item)."""
    table = _table(zone, max(seconds, default=0))
    utc_starts, dst, find = table.utc_starts, table.dst, bisect.bisect_right
    return [dst[find(utc_starts, s) - 1] for s in seconds]


def resolve_date(zone: str, day: date) -> datetime:
    """Local midnight of ``day`` (midnight falling in a gap resolves per the rule above)."""
    wall = (day.toordinal() - 719163) * 86400
    return _FROM_TS(wall - _offset_for_wall(_table(zone, wall), wall), UTC)


def _index_at(table: _Table, instant: datetime) -> int:
    return bisect.bisect_right(table.utc_starts, instant.timestamp()) - 1


def utc_offset(zone: str, instant: datetime) -> timedelta:
    """The zone's UTC offset in force at an aware instant."""
    table = _table(zone, instant.timestamp())
    return timedelta(seconds=table.offsets[_index_at(table, instant)])


def is_dst(zone: str, instant: datetime) -> bool:
    table = _table(zone, instant.timestamp())
    return table.dst[_index_at(table, instant)]


def abbreviation(zone: str, instant: datetime) -> str:
    """The zone's abbreviation at an instant (``AEDT``, ``+0545``-style where tzdata has none)."""
    table = _table(zone, instant.timestamp())
    return table.abbrevs[_index_at(table, instant)]


def to_local(zone: str, instant: datetime) -> datetime:
    """An aware instant as naive wall-clock time in ``zone``."""
    secs = instant.timestamp()
    table = _table(zone, secs)
    offset = table.offsets[bisect.bisect_right(table.utc_starts, secs) - 1]
    return _UTC_FROM_TS(secs + offset).replace(tzinfo=None)


def to_local_aware(zone: str, instant: datetime) -> datetime:
    """An aware instant with a fixed-offset tzinfo of the zone's offset at that instant.

    Safe for display and ISO formatting; arithmetic on it is plain offset arithmetic.
    """
    offset = utc_offset(zone, instant)
    return instant.astimezone(timezone(offset, abbreviation(zone, instant)))


def format_offset(offset: timedelta) -> str:
    """``+05:45``, ``-11:00``, ``+12:45``."""
    total = _seconds(offset) // 60
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def transitions(zone: str, start: datetime, end: datetime) -> list[tuple[datetime, timedelta, timedelta]]:
    """Offset changes in [start, end): (instant, offset before, offset after)."""
    table = _table(zone, end.timestamp())
    lo = _index_at(table, start) + 1
    hi = _index_at(table, end - timedelta(microseconds=1)) + 1
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return [
        (
            epoch + timedelta(seconds=table.utc_starts[i]),
            timedelta(seconds=table.offsets[i - 1]),
            timedelta(seconds=table.offsets[i]),
        )
        for i in range(max(lo, 1), hi)
    ]


def localize_reference(zone: str, naive: datetime) -> datetime:
    """The RFC 5545 reading computed the slow, obvious way with pytz's ``localize``.

    Kept for tests and as documentation of what :func:`resolve` must equal.
    """
    tz = pytz.timezone(zone)
    try:
        return tz.localize(naive, is_dst=None).astimezone(UTC)
    except pytz.exceptions.AmbiguousTimeError:
        first = tz.localize(naive, is_dst=True).astimezone(UTC)
        second = tz.localize(naive, is_dst=False).astimezone(UTC)
        return min(first, second)
    except pytz.exceptions.NonExistentTimeError:
        # Offset before the gap = the offset one gap-length earlier (gaps are < 1 day).
        for hours in (1, 2, 3, 6, 12, 24):
            probe = naive - timedelta(hours=hours)
            try:
                before = tz.localize(probe, is_dst=None)
            except pytz.exceptions.InvalidTimeError:
                continue
            return (naive - before.utcoffset()).replace(tzinfo=UTC)
        raise
