"""The weekly handoff sheet a team lead pins up: every handoff of an ISO week, by day.

Days are the seven local days Monday to Sunday in the chosen zone, so a lead in London
gets London days; the gaps and coverage warnings of the same span follow the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.findings import Finding
from oncall.core.gap_groups import GapGroup
from oncall.core.limits import MAX_YEAR, MIN_YEAR
from oncall.core.model import Team
from oncall.core.notes import HandoffNote, attach_notes
from oncall.core.report import build_report

from .handoff_clock import Clock, clock, day_text
from .handoff_summary import HandoffSummary, OrphanNote, Party, in_range, orphans, party, summarize, timeline

_WEEK = re.compile(r"\s*(\d{4})-?W(\d{1,2})\s*", re.IGNORECASE)


class WeekError(ValueError):
    """Text that is not an ISO week such as ``2026-W11``."""


def parse_iso_week(text: str) -> date:
    """The Monday of ISO week ``2026-W11``."""
    match = _WEEK.fullmatch(text or "")
    if not match:
        raise WeekError(f"not an ISO week: {text!r} (expected YYYY-Www, e.g. 2026-W11)")
    year, week = int(match.group(1)), int(match.group(2))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise WeekError(f"{text!r} is outside the supported years {MIN_YEAR}-{MAX_YEAR}")
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise WeekError(f"{year} has no week {week}") from None


def iso_week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class SheetRow:
    summary: HandoffSummary
    local: Clock  # the handoff instant on the sheet's clock

    @property
    def utc_time(self) -> str:
        """``06:30``, or ``23:30 Sun`` when the UTC date is not the row's local date."""
        utc = clock("UTC", self.summary.handoff.at)
        if utc.start.date() == self.local.start.date():
            return utc.time_of_day
        return f"{utc.time_of_day} {utc.start:%a}"

    @property
    def note_status(self) -> str:
        """``3/4 ticked, acknowledged`` / ``note, 1/4 ticked`` / ``no note``."""
        note = self.summary.note
        if note is None:
            return "no note"
        done = sum(c.done for c in note.checklist)
        parts = [f"{done}/{len(note.checklist)} ticked"]
        if note.incidents:
            parts.append(f"{len(note.incidents)} incident{'s' if len(note.incidents) > 1 else ''}")
        parts.append("acknowledged" if note.acknowledged_at else "not acknowledged")
        return ", ".join(parts)


@dataclass(frozen=True)
class SheetDay:
    day: date
    rows: tuple[SheetRow, ...]

    @property
    def label(self) -> str:
        return day_text(datetime.combine(self.day, datetime.min.time()))


@dataclass(frozen=True)
class GapRow:
    local: Clock
    utc: Clock
    minutes: int
    before: Party | None
    after: Party | None

    @property
    def between(self) -> str:
        a = self.before.name if self.before else "(start of week)"
        b = self.after.name if self.after else "(end of week)"
        return f"{a} → {b}"


@dataclass(frozen=True)
class WeekSheet:
    team: str
    week: str
    zone: str
    start: datetime
    end: datetime
    days: tuple[SheetDay, ...]
    gaps: tuple[GapRow, ...]
    warnings: tuple[Finding, ...]
    orphans: tuple[OrphanNote, ...]
    gap_causes: tuple[GapGroup, ...] = ()  # the gaps grouped by cause, listed above the days

    @property
    def title(self) -> str:
        return f"{self.team}: handoff sheet {self.week}"

    @property
    def subtitle(self) -> str:
        """``Mon 9 Mar 2026 – Sun 15 Mar 2026``."""
        return f"{self.days[0].label} – {self.days[-1].label}"

    @property
    def show_utc(self) -> bool:
        """A UTC column next to a UTC sheet would repeat every time."""
        return self.zone != "UTC"

    @property
    def zone_short(self) -> str:
        """``London`` for ``Europe/London``: a column heading."""
        return self.zone.rsplit("/", 1)[-1].replace("_", " ")

    @property
    def handoff_count(self) -> int:
        return sum(len(d.rows) for d in self.days)


def week_range(monday: date, zone: str = "UTC") -> tuple[datetime, datetime]:
    """[Monday 00:00, next Monday 00:00) in ``zone``, as UTC instants."""
    return tz.resolve_date(zone, monday), tz.resolve_date(zone, monday + timedelta(days=7))


def week_sheet(team: Team, monday: date, zone: str = "UTC", notes: Iterable[HandoffNote] = ()) -> WeekSheet:
    """The sheet of the ISO week starting ``monday`` with days in ``zone``."""
    days = [monday + timedelta(days=k) for k in range(7)]
    start, end = week_range(monday, zone)
    everything = timeline(team, start, end)
    attached = attach_notes(notes, everything, start, end)
    summaries = summarize(team, everything, in_range(everything, start, end), attached.attached)
    by_day: dict[date, list[SheetRow]] = {d: [] for d in days}
    for s in summaries:
        row = SheetRow(s, clock(zone, s.handoff.at))
        by_day[row.local.start.date()].append(row)
    report = build_report(team, start, end)
    gaps = tuple(
        GapRow(clock(zone, g.start, g.end), clock("UTC", g.start, g.end), g.minutes,
               party(team, g.before.member) if g.before else None,
               party(team, g.after.member) if g.after else None)
        for g in report.gaps)
    return WeekSheet(team.name, iso_week_label(monday), zone, start, end,
                     tuple(SheetDay(d, tuple(by_day[d])) for d in days), gaps,
                     report.warnings, orphans(team, attached.orphans), report.gap_groups)
