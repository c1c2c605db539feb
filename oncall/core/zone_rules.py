"""Clock changes after pytz's tables end (2037), up to 2100, from the same tz files.

pytz reads only the 32-bit part of each TZif file, so its tables stop in 2037. The rest of the
file holds explicit later changes (Gaza, Casablanca...) and a POSIX TZ rule for every year
after them; ``zoneinfo`` reads both. :func:`later_transitions` asks zoneinfo, built from
pytz's own file so that both readers agree on the tz release, and returns each change to the
second. :mod:`oncall.core.timezones` appends them to its tables.
"""

from __future__ import annotations

import io
import struct
import zoneinfo
from datetime import datetime, timezone

import pytz

SCAN_FROM = int(datetime(2037, 1, 1, tzinfo=timezone.utc).timestamp())  # pytz is complete before this
SCAN_TO = int(datetime(2101, 1, 1, tzinfo=timezone.utc).timestamp())  # limits.MAX_YEAR, plus a day
# Sampling steps, each shorter than any span between two changes it must not miss. Among the
# explicit entries after 2037 the shortest is 6.96 days (Asia/Gaza, Asia/Hebron, measured over
# every zone); under a POSIX rule daylight time lasts months.
EXPLICIT_STEP = 3 * 86400
RULE_STEP = 14 * 86400


def _tail(data: bytes) -> tuple[int | None, bool]:
    """(the last explicit transition, whether a daylight-saving rule follows) of a TZif file."""
    if data[:4] != b"TZif" or data[4:5] < b"2":
        return None, False
    isut, isstd, leap, time_count, type_count, chars = struct.unpack(">6l", data[20:44])
    v2 = 44 + time_count * 5 + type_count * 6 + chars + leap * 8 + isstd + isut
    isut, isstd, leap, time_count, type_count, chars = struct.unpack(">6l", data[v2 + 20:v2 + 44])
    times = data[v2 + 44:v2 + 44 + time_count * 8]
    last = struct.unpack(">q", times[-8:])[0] if time_count else None
    footer = data[v2 + 44 + time_count * 9 + type_count * 6 + chars + leap * 12 + isstd + isut:]
    return last, b"," in footer  # "EST5EDT,M3.2.0,M11.1.0": a comma starts the DST rule


def later_transitions(name: str, after: int) -> list[tuple[int, int, bool, str]]:
    """(POSIX start, UTC offset in seconds, dst, abbreviation) of each change in (after, 2101)."""
    with pytz.open_resource(name) as fh:
        data = fh.read()
    last_explicit, has_rule = _tail(data)
    if not has_rule and (last_explicit is None or last_explicit <= after):
        return []  # nothing changes after pytz's table: most zones stop here
    zone = zoneinfo.ZoneInfo.from_file(io.BytesIO(data), key=name)

    def state(t: int) -> tuple[int, bool, str]:
        local = datetime.fromtimestamp(t, zone)
        offset, dst = local.utcoffset(), local.dst()
        return offset.days * 86400 + offset.seconds, bool(dst), local.tzname()

    out = []
    t, current = after, state(after)
    explicit_until = last_explicit if last_explicit is not None else after
    end = SCAN_TO if has_rule else min(SCAN_TO, explicit_until + 1)
    while t < end:
        nxt = min(t + (EXPLICIT_STEP if t <= explicit_until else RULE_STEP), end)
        new = state(nxt)
        if new != current:
            lo, hi = t, nxt  # state(lo) == current, state(hi) != current
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if state(mid) == current else (lo, mid)
            new = state(hi)
            out.append((hi, *new))
            t, current = hi, new
            continue
        t = nxt
    return out
