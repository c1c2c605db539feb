"""The words of a feed event: SUMMARY and DESCRIPTION in plain, locale-independent English.

Day and month names are spelled from fixed tables (not ``strftime``), so a feed rendered on
any machine, in any locale, is byte-identical. A :class:`Wording` caches names and formatted
instants per team: a year of feeds formats the same instants many times.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from oncall.core import timezones as tz
from oncall.core.labels import DAY_NAMES, MONTH_NAMES
from oncall.core.model import Team, format_hhmm
from oncall.core.notes import HandoffNote
from oncall.core.shifts import Handoff, Shift, Source

DASH = "\u2013"  # en dash between the two ends of an overlap
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HHMM = tuple(format_hhmm(m) for m in range(24 * 60))  # a lookup table: formatting is hot here
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def clean(text: str) -> str:
    """Text from a team file or a note without control characters (they break clients)."""
    return _CONTROL.sub("", text)


def wall(instant: datetime, zone: str) -> str:
    """``Mon 7 Dec 2026 08:00 AEDT`` (the zone's abbreviation at that instant).

    The plain reference; :class:`Wording` gives the same text much faster for many instants."""
    local = instant + tz.utc_offset(zone, instant)
    return (f"{DAY_NAMES[local.weekday()]} {local.day} {MONTH_NAMES[local.month - 1]} {local.year} "
            f"{local.hour:02d}:{local.minute:02d} {tz.abbreviation(zone, instant)}")


class Wording:
    """Summaries and descriptions for one team's events.

    A year of feeds formats thousands of instants in a few zones, so names are looked up
    once, each distinct instant is converted once (through :mod:`oncall.core.timezones`, the
    one zone table), and each local day's text (``Mon 7 Dec 2026``) is built once.
    """

    def __init__(self, team: Team) -> None:
        self.team = team
        self._member_names = {m.id: clean(m.name) for m in team.members}
        self._site_names = {s.id: clean(s.name) for s in team.sites}
        self._walls: dict[str, dict[datetime, str]] = {}  # zone -> instant -> text
        self._days: dict[int, str] = {}
        self._members: dict[str, tuple[str, str]] = {}  # id -> ("Name, Site (Zone)", zone)

    # ------------------------------------------------------------ names and instants
    def member_name(self, member: str) -> str:
        return self._member_names.get(member, member)

    def site_name(self, site: str) -> str:
        return self._site_names.get(site, site)

    def wall(self, instant: datetime, zone: str) -> str:
        """Exactly :func:`wall`'s text (tests compare them over random zones and instants)."""
        walls = self._walls.get(zone) or self._walls.setdefault(zone, {})
        text = walls.get(instant)
        if text is None:
            text = walls[instant] = self._format(instant, zone)
        return text

    def _format(self, instant: datetime, zone: str) -> str:
        day, rest = divmod(int(tz.local_walls(zone, [instant.timestamp()])[0] // 60), 1440)
        day_text = self._days.get(day)
        if day_text is None:
            d = date.fromordinal(day + _EPOCH_ORDINAL)
            day_text = self._days[day] = f"{DAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
        return f"{day_text} {_HHMM[rest]} {tz.abbreviation(zone, instant)}"

    def span(self, start: datetime, end: datetime, zone: str) -> str:
        walls = self._walls.get(zone) or self._walls.setdefault(zone, {})  # wall(), inlined: hot
        a = walls.get(start)
        if a is None:
            a = walls[start] = self._format(start, zone)
        b = walls.get(end)
        if b is None:
            b = walls[end] = self._format(end, zone)
        return f"{a} to {b}"

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
        start, end = sh.start, sh.end
        prefix, zone = self._member_prefix(sh.member, sh.site)
        return (f"{prefix}: {self.span(start, end, zone)}\n"
                f"UTC: {self.span(start, end, 'UTC')}\n"
                f"Leg: {self.leg(sh)}\n"
                f"Source: {self.source(sh)}")

    def incoming(self, h: Handoff, note: HandoffNote | None = None) -> tuple[list[str], str]:
        """What the incoming engineer's shift says about one handoff into it, and the text of
        its reminder. The lines: who hands over and the overlap on the incoming member's own
        clock, then the note's summary and things to watch (when the feed includes notes and
        there is one). The reminder: ``Join Carol Smith's handoff: overlap 06:30–07:00 your time``.
        """
        out_name = self.member_name(h.from_member)
        a, b, abbrev = self.overlap_times(h)
        if h.is_hard:
            lines = [f"Handoff from {out_name}: hard handoff at {a} {abbrev} your time, no overlap"]
            alarm = f"Take over from {out_name} at {a} your time (hard handoff, no overlap)"
        else:
            lines = [f"Handoff from {out_name}: overlap {a} to {b} {abbrev} your time ({h.minutes} min). "
                     "Join while they are still on call."]
            alarm = f"Join {out_name}'s handoff: overlap {a}{DASH}{b} your time"
        if note is not None and not note.is_empty:
            lines += note_lines(note)
        return lines, alarm

    def overlap_times(self, h: Handoff) -> tuple[str, str, str]:
        """(``06:30``, ``07:00``, ``AEDT``): the overlap's ends on the incoming member's clock
        (the abbreviation is the one at the overlap's start)."""
        _prefix, zone = self._member_prefix(h.to_member, h.incoming.site)
        _day, a, abbrev = self.wall(h.start, zone).rsplit(" ", 2)
        b = self.wall(h.end, zone).rsplit(" ", 2)[1]
        return a, b, abbrev

    # ------------------------------------------------------------ handoffs
    def handoff_summary(self, h: Handoff) -> str:
        return f"Handoff: {self.member_name(h.from_member)} -> {self.member_name(h.to_member)}"

    def handoff_description(self, h: Handoff) -> str:
        outgoing, incoming = h.outgoing, h.incoming
        start, end = h.start, h.end  # properties of Handoff: read once
        out_name, in_name = self.member_name(h.from_member), self.member_name(h.to_member)
        out_prefix, out_zone = self._member_prefix(h.from_member, outgoing.site)
        in_prefix, in_zone = self._member_prefix(h.to_member, incoming.site)
        overlap = "hard handoff, no overlap" if h.is_hard else f"{h.minutes} min overlap"
        text = (f"{out_name} hands over to {in_name} ({overlap}).\n"
                f"{out_prefix}: {self.span(start, end, out_zone)}\n"
                f"{in_prefix}: {self.span(start, end, in_zone)}\n"
                f"UTC: {self.span(start, end, 'UTC')}\n"
                f"Legs: {self.leg(outgoing)} -> {self.leg(incoming)}\n"
                f"Source: {out_name}: {self.source(outgoing)}; {in_name}: {self.source(incoming)}")
        return text


def note_lines(note: HandoffNote) -> list[str]:
    """A handoff note as lines of the incoming engineer's shift (only when the feed includes
    notes). Only that one event shows a note, so writing or editing one revises it alone."""
    lines = [f"Handoff note: {clean(note.summary.strip())}" if note.summary.strip() else "Handoff note:"]
    for inc in note.incidents:
        lines.append(f"Incident {clean(inc.id)}: {clean(inc.title)} ({clean(inc.state)})")
    for item in note.watch:
        lines.append(f"Watch: {clean(item)}")
    if note.acknowledged_at is not None:
        lines.append(f"Acknowledged {wall(note.acknowledged_at, 'UTC')}")
    return lines
