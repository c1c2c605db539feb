"""The written form of a handoff key: ``OUTGOING:INCOMING@2026-03-09T06:30Z``.

It names the note a person wants to edit (``oncall note --handoff ...``) and is printed on
every summary, so what is on paper can be typed back. The instant is UTC, minutes precision
(handoffs fall on whole minutes); ``Z`` or ``+00:00`` may end it, seconds are accepted.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from oncall.core.limits import MAX_YEAR, MIN_YEAR

_PATTERN = re.compile(r"\s*([a-z0-9_-]+)\s*:\s*([a-z0-9_-]+)\s*@\s*(\S+)\s*")


class HandoffRefError(ValueError):
    """Text that is not ``OUTGOING:INCOMING@YYYY-MM-DDTHH:MMZ``."""


def format_ref(outgoing: str, incoming: str, at: datetime) -> str:
    return f"{outgoing}:{incoming}@{at.astimezone(timezone.utc):%Y-%m-%dT%H:%M}Z"


def parse_ref(text: str) -> tuple[str, str, datetime]:
    """(outgoing, incoming, UTC instant) from ``alice:carol@2026-03-09T06:30Z``."""
    match = _PATTERN.fullmatch(text or "")
    if not match:
        raise HandoffRefError(
            f"not a handoff: {text!r} (expected OUTGOING:INCOMING@YYYY-MM-DDTHH:MMZ, "
            "e.g. alice:carol@2026-03-09T06:30Z)")
    outgoing, incoming, when = match.groups()
    return outgoing, incoming, parse_utc_instant(when)


def parse_utc_instant(text: str) -> datetime:
    """``2026-03-09T06:30Z`` (or ``+00:00``) as an aware UTC datetime; other offsets refused."""
    raw = text.strip()
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise HandoffRefError(f"not a UTC time: {text!r} (expected e.g. 2026-03-09T06:30Z)") from None
    if value.tzinfo is None or value.utcoffset() != timezone.utc.utcoffset(None):
        raise HandoffRefError(f"give the handoff time in UTC with a Z: {text!r} (e.g. 2026-03-09T06:30Z)")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise HandoffRefError(f"{text!r} is outside the supported years {MIN_YEAR}-{MAX_YEAR}")
    return value.astimezone(timezone.utc)
