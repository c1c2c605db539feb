"""The words of a feed event: SUMMARY and DESCRIPTION in plain, locale-independent English.

Day and month names are spelled from fixed tables (not ``strftime``), so a feed rendered on
any machine, in any locale, is byte-identical. A :class:`Wording` caches names and formatted
instants per team: a year of feeds formats the same instants many times.
"""

from __future__ import annotations

import re
from datetime import datetime

from oncall.core import timezones as tz
from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.shifts import Handoff, Shift, Source

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Text from a team file or a note without control characters (they break clients)."""
    return _CONTROL.sub("", text)


def wall(instant: datetime, zone: str) -> str:
    """``Mon 7 Dec 2026 08:00 AEDT`` (the zone's abbreviation at that instant)."""
    local = instant + tz.utc_offset(zone, instant)
    return (f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year} "
            f"{local.hour:02d}:{local.minute:02d} {tz.abbreviation(zone, instant)}")


class Wording:
    """Summaries and descriptions for one team's events."""

    def __init__(self, team: Team) -> None:
        self.team = team
        self._walls: dict[tuple[datetime, str], str] = {}
        self._members: dict[str, tuple[str, str]] = {}  # id -> ("Name, Site (Zone)", zone)

    # ------------------------------------------------------------ names and instants
    def member_name(self, member: str) -> str:
        team = self.team
        return clean(team.member(member).name) if team.has_member(member) else member

    def site_name(self, site: str) -> str:
        team = self.team
        return clean(team.site(site).name) if team.has_site(site) else site

    def wall(self, instant: datetime, zone: str) -> str:
        key = (instant, zone)
        text = self._walls.get(key)
        if text is None:
            text = self._walls[key] = wall(instant, zone)
        return text

    def span(self, start: datetime, end: datetime, zone: str) -> str:
        return f"{self.wall(start, zone)} to {self.wall(end, zone)}"

    def utc_line(self, start: datetime, end: datetime) -> str:
        return f"UTC: {self.span(start, end, 'UTC')}"

    def _member_prefix(self, member: str, fallback_site: str) -> tuple[str, str]:
        """(``Alice Chen, Sydney (Australia/Sydney)``, zone) for a member's local-time line."""
        cached = self._members.get(member)
        if cached is None:
            team = self.team
            site_id = team.member(member).site if team.has_member(member) else fallback_site
            if team.has_site(site_id):
                site = team.site(site_id)
                cached = (f"{self.member_name(member)}, {clean(site.name)} ({site.timezone})", site.timezone)
            else:
                cached = (self.member_name(member), "UTC")
            self._members[member] = cached
        return cached

    def local_line(self, member: str, start: datetime, end: datetime, fallback_site: str) -> str:
        prefix, zone = self._member_prefix(member, fallback_site)
        return f"{prefix}: {self.span(start, end, zone)}"

    # ------------------------------------------------------------ shifts
    def source(self, sh: Shift) -> str:
        """rotation | substitute for X | override for X | added override."""
        if sh.source is Source.ROTATION:
            return "rotation"
        if sh.replaces is None:
            return "added override"
        return f"{sh.source.value} for {self.member_name(sh.replaces)}"

    def leg(self, sh: Shift) -> str:
        if sh.leg is None:
            return "none (added override)"
        return f"{sh.leg} ({self.site_name(sh.site)})"

    def shift_summary(self, sh: Shift) -> str:
        return f"On call: {self.member_name(sh.member)} ({self.site_name(sh.site)})"

    def shift_description(self, sh: Shift) -> str:
        return (f"{self.local_line(sh.member, sh.start, sh.end, sh.site)}\n"
                f"{self.utc_line(sh.start, sh.end)}\n"
                f"Leg: {self.leg(sh)}\n"
                f"Source: {self.source(sh)}")

    # ------------------------------------------------------------ handoffs
    def handoff_summary(self, h: Handoff) -> str:
        return f"Handoff: {self.member_name(h.from_member)} -> {self.member_name(h.to_member)}"

    def handoff_description(self, h: Handoff, note: HandoffNote | None = None) -> str:
        out_name, in_name = self.member_name(h.from_member), self.member_name(h.to_member)
        overlap = "hard handoff, no overlap" if h.is_hard else f"{h.minutes} min overlap"
        text = (f"{out_name} hands over to {in_name} ({overlap}).\n"
                f"{self.local_line(h.from_member, h.start, h.end, h.outgoing.site)}\n"
                f"{self.local_line(h.to_member, h.start, h.end, h.incoming.site)}\n"
                f"{self.utc_line(h.start, h.end)}\n"
                f"Legs: {self.leg(h.outgoing)} -> {self.leg(h.incoming)}\n"
                f"Source: {out_name}: {self.source(h.outgoing)}; {in_name}: {self.source(h.incoming)}")
        if note is not None and not note.is_empty:
            text += "\n" + "\n".join(note_lines(note))
        return text


def note_lines(note: HandoffNote) -> list[str]:
    """A handoff note as description lines (only when the feed includes notes)."""
    lines = ["", "Handoff note:"]
    if note.summary.strip():
        lines.append(clean(note.summary.strip()))
    for inc in note.incidents:
        lines.append(f"Incident {clean(inc.id)}: {clean(inc.title)} ({clean(inc.state)})")
    for item in note.watch:
        lines.append(f"Watch: {clean(item)}")
    if note.acknowledged_at is not None:
        lines.append(f"Acknowledged {wall(note.acknowledged_at, 'UTC')}")
    return lines
