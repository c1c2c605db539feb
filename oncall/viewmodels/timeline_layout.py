"""What the week/month timeline shows, as plain numbers (no Qt).

The x axis is UTC time from local midnight of the first day in the display zone to local
midnight after the last day, so a DST day is honestly 23 or 25 hours wide. Positions are
minutes from that origin. Rows are sites or members; overlapping bars in one row get lanes.
Everything a paint needs is here, computed once per team/range change, never while painting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.coverage import gaps as find_gaps, handoffs as find_handoffs
from oncall.core.holiday_calendar import UnknownHolidayCalendar, holidays_in
from oncall.core.labels import window_text
from oncall.core.adjustments import adjustment_at, for_leg
from oncall.core.model import Adjustment, Team
from oncall.core.schedule import compute_schedule
from oncall.core.shifts import Shift, Source

ROW_KINDS = ("site", "member")
DISPLAY_UTC = "UTC"
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class TimelineRow:
    kind: str  # "site" | "member"
    id: str
    label: str
    detail: str  # site: zone; member: site name
    site_index: int
    lanes: int


@dataclass(frozen=True)
class TimelineBar:
    row: int
    lane: int
    start: float
    end: float
    shift: Shift
    label: str  # "Dan for Carol", "Alice": first names
    labels: tuple[str, ...] = ()  # longest first, down to initials: the view shows the first that fits
    adjusted: tuple[bool, bool] = (False, False)  # (start, end) edge moved by an [[adjustment]]

    @property
    def source(self) -> Source:
        return self.shift.source


@dataclass(frozen=True)
class Shade:
    """A shaded span on one row: a public holiday or time off (``row`` None = every row)."""

    row: int | None
    start: float
    end: float
    kind: str  # "holiday" | "time_off"
    text: str


@dataclass(frozen=True)
class Hatch:
    row: int
    start: float
    end: float


@dataclass(frozen=True)
class DayMark:
    start: float
    end: float
    day: date
    weekend: bool


@dataclass(frozen=True)
class TimelineData:
    first_day: date
    days: int
    zone: str
    row_mode: str
    origin: datetime  # UTC instant of local midnight of first_day in zone
    end: datetime
    rows: tuple[TimelineRow, ...]
    bars: tuple[TimelineBar, ...]  # sorted by row, then start
    hatches: tuple[Hatch, ...]
    shades: tuple[Shade, ...]
    gaps: tuple[tuple[float, float], ...]
    day_marks: tuple[DayMark, ...]

    @property
    def total_minutes(self) -> float:
        return (self.end - self.origin).total_seconds() / 60

    def instant(self, minutes: float) -> datetime:
        return self.origin + timedelta(minutes=minutes)

    def minutes(self, instant: datetime) -> float:
        return (instant - self.origin).total_seconds() / 60


def check_display_zone(zone: str) -> str:
    return DISPLAY_UTC if zone.upper() == DISPLAY_UTC else tz.check_zone(zone)


def build_timeline(team: Team, first_day: date, days: int, zone: str = DISPLAY_UTC,
                   row_mode: str = "site") -> TimelineData:
    """Shifts, overlaps, holidays and time off of ``days`` local days from ``first_day``."""
    if row_mode not in ROW_KINDS:
        raise ValueError(f"row mode must be 'site' or 'member', not {row_mode!r}")
    zone = check_display_zone(zone)
    origin = tz.resolve_date(zone, first_day)
    end = tz.resolve_date(zone, first_day + _DAY * days)
    margin = _DAY * 2
    shifts = compute_schedule(team, origin - margin, end + margin).shifts
    visible = [sh for sh in shifts if sh.end > origin and sh.start < end]
    rows, row_of = _rows(team, row_mode)
    clip = _clipper(origin, end)
    bars, lanes = _bars(team, visible, row_of, row_mode, clip)
    rows = tuple(TimelineRow(r.kind, r.id, r.label, r.detail, r.site_index, lanes.get(i, 1))
                 for i, r in enumerate(rows))
    hatches = _hatches(find_handoffs(shifts, origin, end + _DAY), row_of, row_mode, clip)
    shades = _holiday_shades(team, rows, first_day, days, clip) + _time_off_shades(team, rows, row_mode, clip)
    gap_spans = tuple(sp for g in find_gaps(shifts, origin, end) if (sp := clip(g.start, g.end)))
    marks = tuple(_day_marks(zone, origin, first_day, days))
    return TimelineData(first_day, days, zone, row_mode, origin, end, rows, tuple(bars), hatches,
                        tuple(shades), gap_spans, marks)


def _clipper(origin: datetime, end: datetime):
    total = (end - origin).total_seconds() / 60

    def clip(a: datetime, b: datetime) -> tuple[float, float] | None:
        s = max((a - origin).total_seconds() / 60, 0.0)
        e = min((b - origin).total_seconds() / 60, total)
        return (s, e) if e > s else None
    return clip


def _rows(team: Team, mode: str) -> tuple[list[TimelineRow], dict[str, int]]:
    index = {s.id: i for i, s in enumerate(team.sites)}
    if mode == "site":
        rows = [TimelineRow("site", s.id, s.name, s.timezone, i, 1) for i, s in enumerate(team.sites)]
    else:
        members = sorted(team.members, key=lambda m: index.get(m.site, 0))  # grouped by site, stable
        rows = [TimelineRow("member", m.id, m.name, team.site(m.site).name, index[m.site], 1) for m in members]
    return rows, {r.id: i for i, r in enumerate(rows)}


def _row_key(team: Team, shift: Shift, mode: str) -> str:
    return shift.member if mode == "member" else team.member(shift.member).site


def _bars(team: Team, shifts: list[Shift], row_of: dict[str, int], mode: str, clip):
    tolerance = team.handoff_overlap.total_seconds() / 60
    by_row: dict[int, list[tuple[float, float, Shift]]] = {}
    for sh in shifts:
        span = clip(sh.start, sh.end)
        row = row_of.get(_row_key(team, sh, mode))
        if span and row is not None:
            by_row.setdefault(row, []).append((span[0], span[1], sh))
    bars: list[TimelineBar] = []
    lanes: dict[int, int] = {}
    for row in sorted(by_row):
        items = sorted(by_row[row], key=lambda t: (t[0], t[1]))
        lane_ends: list[float] = []
        for s, e, sh in items:
            lane = _free_lane(lane_ends, s, e, sh, tolerance)
            bars.append(TimelineBar(row, lane, s, e, sh, _bar_label(team, sh), bar_labels(team, sh),
                                    adjusted_edges(team, sh) if team.adjustments else (False, False)))
        lanes[row] = max(1, len(lane_ends))
    return bars, lanes


def shift_adjustment(team: Team, shift: Shift) -> Adjustment | None:
    """The adjustment that set the window of the slot ``shift`` comes from, if any."""
    if shift.leg is None or shift.slot_start is None or shift.leg not in {lg.id for lg in team.legs}:
        return None
    zone = team.site(team.leg(shift.leg).site).timezone
    return adjustment_at(for_leg(team, shift.leg), shift.leg, tz.to_local(zone, shift.slot_start).date())


def adjusted_edges(team: Team, shift: Shift) -> tuple[bool, bool]:
    """Which ends of the bar are an adjusted window's start/end (a split part keeps only its own)."""
    a = shift_adjustment(team, shift)
    if a is None:
        return False, False
    leg = team.leg(shift.leg)
    zone = team.site(leg.site).timezone
    day = tz.to_local(zone, shift.slot_start).date()
    wall = (day.toordinal() - 719163) * 86400 + (a.window.end + (1440 if a.window.crosses_midnight else 0)) * 60
    slot_end = tz.resolve_walls(zone, [wall])[0] + team.handoff_overlap.total_seconds()
    return (a.window.start != leg.window.start and shift.start == shift.slot_start,
            a.window.end != leg.window.end and shift.end.timestamp() == slot_end)


def _free_lane(lane_ends: list[float], start: float, end: float, shift: Shift, tolerance: float) -> int:
    """The first lane free at ``start``.

    Consecutive rota shifts overlap by the handoff overlap, which is hatched anyway, so
    that much overlap keeps them in one lane; any other overlap (an added override, two
    legs of one site) opens another lane.
    """
    slack = 0.0 if shift.source is Source.OVERRIDE else tolerance
    for lane, lane_end in enumerate(lane_ends):
        if lane_end - slack <= start:
            lane_ends[lane] = end
            return lane
    lane_ends.append(end)
    return len(lane_ends) - 1


def _bar_label(team: Team, sh: Shift) -> str:
    name = _first_name(team, sh.member)
    if sh.replaces and team.has_member(sh.replaces):
        return f"{name} for {_first_name(team, sh.replaces)}"
    return name


def bar_labels(team: Team, sh: Shift) -> tuple[str, ...]:
    """What a bar may say, longest first: full name, first name, initials, one initial.

    ``("Dan Okafor for Carol", "Dan for Carol", "Dan", "DO", "D")``. A narrow bar shows the
    longest that fits instead of an elided stub like "Ca…".
    """
    full, first = _full_name(team, sh.member), _first_name(team, sh.member)
    initials = _initials(full)
    if sh.replaces and team.has_member(sh.replaces):
        other = _first_name(team, sh.replaces)
        candidates = (f"{full} for {other}", f"{first} for {other}", first, initials, initials[:1])
    else:
        candidates = (full, first, initials, initials[:1])
    return tuple(dict.fromkeys(c for c in candidates if c))


def _full_name(team: Team, member_id: str) -> str:
    if not team.has_member(member_id):
        return member_id
    return team.member(member_id).name.strip() or member_id


def _initials(name: str) -> str:
    """Up to three initials: Frank Miller -> FM, Mary-Jane van Dyke -> MJv, Cher -> C."""
    return "".join(word[0] for word in name.replace("-", " ").split() if word)[:3]


def _first_name(team: Team, member_id: str) -> str:
    if not team.has_member(member_id):
        return member_id
    return team.member(member_id).name.split(" ")[0] or member_id


def _hatches(handoffs, row_of: dict[str, int], mode: str, clip) -> tuple[Hatch, ...]:
    out = []
    for h in handoffs:
        span = clip(h.start, h.end)
        if not span or h.is_hard:
            continue
        keys = ({h.outgoing.member, h.incoming.member} if mode == "member"
                else {h.outgoing.site, h.incoming.site})
        out.extend(Hatch(row_of[k], *span) for k in keys if k in row_of)
    return tuple(out)


def _holiday_shades(team: Team, rows, first_day: date, days: int, clip) -> list[Shade]:
    out = []
    row_sites = [(i, r.site_index) for i, r in enumerate(rows)]
    for site_index, site in enumerate(team.sites):
        if not site.holidays:
            continue
        try:
            found = holidays_in(site.holidays, first_day - _DAY, first_day + _DAY * (days + 1))
        except UnknownHolidayCalendar:
            continue
        for day, name in sorted(found.items()):
            span = clip(tz.resolve_date(site.timezone, day), tz.resolve_date(site.timezone, day + _DAY))
            if span:
                text = f"{name} ({site.name})"
                out.extend(Shade(i, *span, "holiday", text) for i, si in row_sites if si == site_index)
    return out


def _time_off_shades(team: Team, rows, mode: str, clip) -> list[Shade]:
    row_of = {r.id: i for i, r in enumerate(rows)}
    out = []
    for u in team.unavailable:
        if not team.has_member(u.member):
            continue
        key = u.member if mode == "member" else team.member(u.member).site
        span = clip(u.start, u.end)
        if span and key in row_of:
            who = team.member(u.member).name
            out.append(Shade(row_of[key], *span, "time_off", f"{who}: {u.reason or 'time off'}"))
    return out


def _day_marks(zone: str, origin: datetime, first_day: date, days: int):
    for k in range(days):
        d = first_day + _DAY * k
        s = (tz.resolve_date(zone, d) - origin).total_seconds() / 60
        e = (tz.resolve_date(zone, d + _DAY) - origin).total_seconds() / 60
        yield DayMark(s, e, d, d.weekday() >= 5)


def _when(zone: str, start: datetime, end: datetime) -> str:
    a, b = tz.to_local(zone, start), tz.to_local(zone, end)
    same_day = a.date() == b.date()
    first = f"{a:%a} {a.day} {a:%b %H:%M}"
    last = f"{b:%H:%M}" if same_day else f"{b:%a} {b.day} {b:%b %H:%M}"
    abbrev = tz.abbreviation(zone, start)
    end_abbrev = tz.abbreviation(zone, end)
    suffix = abbrev if abbrev == end_abbrev else f"{abbrev}/{end_abbrev}"
    return f"{first} \u2013 {last} {suffix}"


def shift_details(team: Team, shift: Shift, display_zone: str) -> str:
    """The hover text of a shift: who, why, and its times in every participant's zone.

    Participants are the member on call and, for a substitute or override, the member they
    stand in for (often at another site); then the display zone and UTC.
    """
    name = team.member(shift.member).name if team.has_member(shift.member) else shift.member
    lines = [name]
    if shift.replaces:
        other = team.member(shift.replaces).name if team.has_member(shift.replaces) else shift.replaces
        kind = "Override" if shift.source is Source.OVERRIDE else "Substitute"
        lines[0] += f" \u2014 {kind.lower()} for {other}"
    elif shift.source is Source.OVERRIDE:
        lines[0] += " \u2014 extra cover (override)"
    hours = shift.hours
    lines.append(f"{hours:g} h on call")
    by_zone: dict[str, list[str]] = {}
    for member_id in (shift.member, shift.replaces):
        if member_id and team.has_member(member_id):
            site = team.member_site(member_id)
            by_zone.setdefault(site.timezone, []).append(f"{team.member(member_id).name.split(' ')[0]} ({site.name})")
    for zone, names in by_zone.items():
        lines.append(f"{', '.join(names)}: {_when(zone, shift.start, shift.end)}")
    display = check_display_zone(display_zone)
    if display != DISPLAY_UTC and display not in by_zone:
        lines.append(f"Display ({display}): {_when(display, shift.start, shift.end)}")
    lines.append(f"UTC: {_when('UTC', shift.start, shift.end)}")
    adjustment = shift_adjustment(team, shift) if team.adjustments else None
    if adjustment is not None:
        usual = team.leg(adjustment.leg).window
        why = f": {adjustment.reason}" if adjustment.reason else ""
        lines.append(f"Window adjusted to {window_text(adjustment.window)} (usually {window_text(usual)}){why}")
    return "\n".join(lines)


def span_text(data: TimelineData, start: float, end: float) -> str:
    """A selected span in the display zone, for the drag feedback."""
    return _when(data.zone, data.instant(start), data.instant(end))
