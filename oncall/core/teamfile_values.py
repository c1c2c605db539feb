"""Team-file values: one small function per spelling, from a TOML value to a model value and back.

Each parser raises ``ValueError`` with a message that quotes the value and says what was
expected; :mod:`oncall.core.teamfile_parse` adds the file, table and key. The formatters are
their inverses, used by :mod:`oncall.core.teamfile_write`, so ``parse(format(x)) == x``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from . import timezones as tz
from .limits import MAX_OVERLAP, check_year
from .model import ID_PATTERN, WEEKDAYS, Cadence, LocalWindow

_HHMM = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")
_DURATION = re.compile(r"\s*(?:(\d{1,15})\s*h)?\s*(?:(\d{1,15})\s*m(?:in)?)?\s*(?:(\d{1,15})\s*s)?\s*")

# A wall-clock value as written: a date (local midnight), a naive date-time (wall time in the
# record's zone) or an aware date-time (an instant). Resolved once the record's zone is known.
Wall = date | datetime


def parse_hhmm(text: str, *, allow_24: bool) -> int:
    m = _HHMM.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a time of day (HH:MM)")
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not allow_24)):
        raise ValueError(f"{text!r} is not a valid time of day" + ("" if allow_24 else " (24:00 is only allowed as an end)"))
    return hours * 60 + minutes


def parse_window(text: Any) -> LocalWindow:
    """``HH:MM-HH:MM``; an end at or before the start crosses midnight; ``24:00`` as an end."""
    if not isinstance(text, str) or text.count("-") != 1:
        raise ValueError(f"{text!r} is not a window like \"08:00-16:00\"")
    a, b = text.split("-")
    return LocalWindow(parse_hhmm(a, allow_24=False), parse_hhmm(b, allow_24=True))


def format_window(window: LocalWindow) -> str:
    return str(window)


def parse_duration(value: Any) -> timedelta:
    """``30m``, ``1h``, ``1h30m``, ``90min``, ``45s``; ``0`` or ``"0"`` for none.

    Anything longer than the documented limit (:data:`oncall.core.limits.MAX_OVERLAP`) is
    refused here, before a huge number can reach date arithmetic.
    """
    if value in (0, "0", "") and not isinstance(value, bool):
        return timedelta(0)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a duration like \"30m\" or \"1h30m\"")
    m = _DURATION.fullmatch(value)
    if not m or not any(m.groups()):
        raise ValueError(f"{value!r} is not a duration like \"30m\" or \"1h30m\"")
    h, mi, s = (int(g) if g else 0 for g in m.groups())
    seconds = h * 3600 + mi * 60 + s
    if seconds > MAX_OVERLAP.total_seconds():
        raise ValueError(f"{value!r} is longer than {format_duration(MAX_OVERLAP)}")
    return timedelta(seconds=seconds)


def format_duration(td: timedelta) -> str:
    total = int(td.total_seconds())
    if total == 0:
        return "0m"
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")


def parse_weekday(value: Any) -> int:
    if isinstance(value, str) and value.strip().lower()[:3] in WEEKDAYS:
        return WEEKDAYS.index(value.strip().lower()[:3])
    raise ValueError(f"{value!r} is not a weekday (mon, tue, wed, thu, fri, sat, sun)")


def format_weekday(day: int) -> str:
    return WEEKDAYS[day]


def parse_weekdays(value: Any) -> frozenset[int]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"{value!r} is not a non-empty list of weekdays like [\"mon\", \"tue\"]")
    return frozenset(parse_weekday(v) for v in value)


def format_weekdays(days: frozenset[int]) -> list[str]:
    return [WEEKDAYS[d] for d in sorted(days)]


def parse_cadence(value: Any) -> Cadence:
    if value == "daily":
        return Cadence.daily()
    if value == "weekly":
        return Cadence.weekly()
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,5})\s*d\s*", value)
        if m and int(m.group(1)) >= 1:
            return Cadence.daily() if int(m.group(1)) == 1 else Cadence.every(int(m.group(1)))
    raise ValueError(f"{value!r} is not a cadence (\"daily\", \"weekly\" or \"<N>d\" such as \"3d\")")


def format_cadence(cadence: Cadence) -> str:
    return str(cadence)


def parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return check_year(value)
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return check_year(parsed)
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)")


def format_date(day: date) -> str:
    return day.isoformat()


def parse_wall(value: Any) -> Wall:
    """A date, a naive date-time or a date-time with an offset, as written (not yet resolved)."""
    if isinstance(value, time):
        raise ValueError(f"{value!r} is a time without a date")
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                value = date.fromisoformat(text)
            else:
                value = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise ValueError(f"{value!r} is not a date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if isinstance(value, (date, datetime)):
        check_year(value)
        if isinstance(value, datetime) and value.tzinfo is not None:
            try:
                value.astimezone(tz.UTC)
            except OverflowError:
                raise ValueError(f"{value!r} is outside the supported years") from None
        return value
    raise ValueError(f"{value!r} is not a date or date-time")


def resolve_wall(value: Wall, zone: str) -> tuple[datetime, bool]:
    """(UTC instant, whether it was a bare date) for a value from :func:`parse_wall`."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(tz.UTC), False
        return tz.resolve(zone, value), False
    return tz.resolve_date(zone, value), True


def parse_instant(value: Any, zone: str) -> tuple[datetime, bool]:
    """A date (local midnight), a naive datetime (wall time in ``zone``) or one with an offset.

    Returns (UTC instant, whether it was a bare date).
    """
    return resolve_wall(parse_wall(value), zone)


def format_wall(instant: datetime, zone: str, as_date: bool) -> str:
    """The shortest spelling that reads back as the same instant in ``zone``."""
    local = tz.to_local(zone, instant)
    if as_date and local.time() == time(0) and tz.resolve_date(zone, local.date()) == instant:
        return local.date().isoformat()
    if tz.resolve(zone, local) == instant:
        return local.strftime("%Y-%m-%dT%H:%M" + (":%S" if local.second else ""))
    return tz.to_local_aware(zone, instant).isoformat()


def parse_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a string")
    return value


def parse_ident(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid id (lowercase letters, digits, '_' and '-')")
    return value


def parse_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def parse_rotation(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{value!r} is not a non-empty list of member ids")
    return tuple(value)
