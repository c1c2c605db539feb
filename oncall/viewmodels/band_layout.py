"""What the follow-the-sun band shows for one UTC day, as plain numbers (no Qt).

The band is a view of the *rules*: each leg's local window on the chosen date, mapped to a
24-hour UTC axis through the site's zone on that date. Positions are minutes from the UTC
midnight that starts the day (0..1440), so the widget only scales them to pixels.

Overlaps between legs and gaps are computed by the core coverage engine on the legs' slots
(each slot standing in as a shift, the leg as its owner), so the band and the report agree on what a
junction and a gap are. Moving the date moves the bars: that is the DST drift made visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.adjustments import adjustment_at, for_leg
from oncall.core.coverage import LEG, gaps as find_gaps, handoffs as find_handoffs
from oncall.core.labels import axis_time_text, leg_label
from oncall.core.holiday_calendar import UnknownHolidayCalendar, holiday_name
from oncall.core.model import Adjustment, LocalWindow, Team
from oncall.core.schedule import leg_slots
from oncall.core.spans import merge
from oncall.core.shifts import Shift

DAY_MINUTES = 1440
SNAP_MINUTES = 15
NIGHT = LocalWindow(22 * 60, 7 * 60)  # local hours we shade as night at every site
_DAY = timedelta(days=1)

Span = tuple[float, float]


@dataclass(frozen=True)
class WindowPiece:
    """The part of one slot's window that falls on the axis.

    ``has_start``/``has_end``: the window's real start/end lies on the axis (a draggable
    edge), rather than the piece being clipped at UTC midnight.
    """

    start: float
    end: float
    slot_day: date  # the leg's local day the slot belongs to
    has_start: bool
    has_end: bool
    adjustment: Adjustment | None = None  # the [[adjustment]] that sets this slot's window
    normal: Span | None = None  # where the leg's own window would be, when adjusted (a ghost)

    @property
    def adjusted_edges(self) -> tuple[bool, bool]:
        """(start moved, end moved) by the adjustment: the edges drawn as adjusted."""
        if self.adjustment is None or self.normal is None:
            return False, False
        return (self.has_start and abs(self.normal[0] - self.start) > 0.5,
                self.has_end and abs(self.normal[1] - self.end) > 0.5)


@dataclass(frozen=True)
class BandRow:
    leg_id: str
    site_id: str
    site_index: int
    label: str
    zone: str
    window: LocalWindow
    abbreviation: str
    offset_text: str
    dst: bool
    pieces: tuple[WindowPiece, ...]
    overlap_pieces: tuple[Span, ...]  # the handoff-overlap extension after each window
    working: tuple[Span, ...]
    night: tuple[Span, ...]
    local_hours: tuple[tuple[float, int], ...]  # (axis minute, local hour) of whole local hours
    adjustment: Adjustment | None = None  # in force on the site's local day at UTC midday

    @property
    def window_text(self) -> str:
        text = f"{axis_time_text(self.window.start)}\u2013{axis_time_text(self.window.end)} {self.abbreviation}"
        return text + " (adjusted)" if self.adjustment else text


@dataclass(frozen=True)
class Junction:
    """An overlap between two legs on the axis (both on call)."""

    start: float
    end: float
    from_leg: str
    to_leg: str

    @property
    def minutes(self) -> int:
        return round(self.end - self.start)


@dataclass(frozen=True)
class BandGap:
    start: float
    end: float

    @property
    def minutes(self) -> int:
        return round(self.end - self.start)


@dataclass(frozen=True)
class BandData:
    day: date
    origin: datetime  # UTC midnight of ``day``
    rows: tuple[BandRow, ...]
    junctions: tuple[Junction, ...]
    gaps: tuple[BandGap, ...]
    covered: tuple[Span, ...]

    def row(self, leg_id: str) -> BandRow:
        return next(r for r in self.rows if r.leg_id == leg_id)


def _minutes(origin: datetime, instant: datetime) -> float:
    return (instant - origin).total_seconds() / 60


def _clip(origin: datetime, start: datetime, end: datetime) -> Span | None:
    s, e = max(_minutes(origin, start), 0.0), min(_minutes(origin, end), float(DAY_MINUTES))
    return (s, e) if e > s else None


def _local_spans(zone: str, origin: datetime, window: LocalWindow, days: list[date]) -> list[Span]:
    spans = []
    for d in days:
        midnight = (d.toordinal() - 719163) * 86400
        end_day = midnight + (86400 if window.crosses_midnight else 0)
        s, e = (tz.from_seconds(x) for x in tz.resolve_walls(zone, [midnight + window.start * 60, end_day + window.end * 60]))
        clipped = _clip(origin, s, e)
        if clipped:
            spans.append(clipped)
    return spans


def _is_workday(site, day: date) -> bool:
    if day.weekday() not in site.workdays:
        return False
    if site.holidays:
        try:
            return holiday_name(site.holidays, day) is None
        except UnknownHolidayCalendar:
            return True
    return True


def _local_hours(zone: str, origin: datetime) -> tuple[tuple[float, int], ...]:
    """Whole local hours on the axis; probing every 15 min finds +05:45 and DST days too."""
    out = []
    for m in range(0, DAY_MINUTES + 1, 15):
        local = tz.to_local(zone, origin + timedelta(minutes=m))
        if local.minute == 0:
            out.append((float(m), local.hour))
    return tuple(out)


def _slot_shifts(team: Team, start: datetime, end: datetime) -> tuple[dict, list[Shift]]:
    """Every leg's slots in [start, end) by leg, and the same slots as shifts of the rota's member.

    The coverage sweep then runs with the leg as each shift's owner (``owner=LEG``): the band
    asks where one leg's window meets the next, whoever is on call.
    """
    by_leg, shifts = {}, []
    for leg in team.legs:
        zone = team.site(leg.site).timezone
        slots = leg_slots(leg, zone, team.handoff_overlap, start, end, for_leg(team, leg.id))  # adjustments applied
        by_leg[leg.id] = slots
        shifts.extend(Shift(leg.rotation[s.turn % len(leg.rotation)] if leg.rotation else "", leg.site, s.start, s.end,
                            leg=leg.id, slot_start=s.start) for s in slots)
    return by_leg, shifts


def build_band(team: Team, day: date) -> BandData:
    """The band for the UTC day ``day``."""
    origin = tz.resolve_date("UTC", day)
    end = origin + _DAY
    by_leg, shifts = _slot_shifts(team, origin - _DAY, end + _DAY)
    site_index = {s.id: i for i, s in enumerate(team.sites)}
    rows = tuple(_row(team, leg, by_leg[leg.id], origin, site_index[leg.site]) for leg in team.legs)
    junctions = tuple(
        Junction(*span, h.outgoing.leg, h.incoming.leg)
        for h in find_handoffs(shifts, origin - _DAY, end + _DAY, owner=LEG)
        if h.outgoing.leg != h.incoming.leg and (span := _clip(origin, h.start, h.end))
    )
    gap_list = tuple(BandGap(*span) for g in find_gaps(shifts, origin, end) if (span := _clip(origin, g.start, g.end)))
    covered = tuple(merge(sp for sh in shifts if (sp := _clip(origin, sh.start, sh.end))))
    return BandData(day, origin, rows, junctions, gap_list, covered)


def _row(team: Team, leg, slots, origin: datetime, index: int) -> BandRow:
    site = team.site(leg.site)
    zone = site.timezone
    overlap = team.handoff_overlap
    pieces, extensions = [], []
    adjusted = for_leg(team, leg.id)
    for slot in slots:
        window_end = slot.end - overlap
        clipped = _clip(origin, slot.start, window_end)
        if clipped:
            s, e = clipped
            adjustment = adjustment_at(adjusted, leg.id, slot.day) if adjusted else None
            normal = _normal_span(zone, origin, leg.window, slot.day) if adjustment else None
            pieces.append(WindowPiece(s, e, slot.day, slot.start >= origin, window_end <= origin + _DAY,
                                      adjustment, normal))
        ext = _clip(origin, window_end, slot.end)
        if ext:
            extensions.append(ext)
    midday = origin + timedelta(hours=12)
    local_day = tz.to_local(zone, origin).date()
    today = adjustment_at(adjusted, leg.id, tz.to_local(zone, midday).date()) if adjusted else None
    days = [local_day - _DAY, local_day, local_day + _DAY]
    working = [sp for d in days if _is_workday(site, d) for sp in _local_spans(zone, origin, site.working_hours, [d])]
    return BandRow(
        leg.id, site.id, index, leg_label(team, leg.id), zone, today.window if today else leg.window,
        tz.abbreviation(zone, midday), tz.format_offset(tz.utc_offset(zone, midday)), tz.is_dst(zone, midday),
        tuple(pieces), tuple(extensions), tuple(working), tuple(_local_spans(zone, origin, NIGHT, days)),
        _local_hours(zone, origin), today,
    )


def _normal_span(zone: str, origin: datetime, window: LocalWindow, day: date) -> Span | None:
    """The leg's own window on ``day`` on the axis, unclipped (the ghost of an adjusted slot)."""
    midnight = (day.toordinal() - 719163) * 86400
    end_day = midnight + (86400 if window.crosses_midnight else 0)
    s, e = tz.resolve_walls(zone, [midnight + window.start * 60, end_day + window.end * 60])
    base = origin.timestamp()
    return (s - base) / 60, (e - base) / 60


def snap(minutes: float, step: int = SNAP_MINUTES) -> int:
    return int(round(minutes / step)) * step


def dragged_window(team: Team, data: BandData, leg_id: str, piece: WindowPiece, edge: str,
                   axis_minutes: float) -> LocalWindow | None:
    """The new LOCAL window when ``edge`` ("start"|"end") of ``piece`` is dropped at
    ``axis_minutes`` (UTC minutes from the band's origin): the leg's, or the adjustment's
    when the piece is an adjusted slot (the caller then edits that adjustment).

    The UTC position goes back through the site's zone on that date, then snaps to 15 local
    minutes (in +05:45 Kathmandu a quarter hour in UTC is a quarter hour locally too, but a
    whole hour is not). None when the result would be empty or unchanged.
    """
    leg = team.leg(leg_id)
    zone = team.site(leg.site).timezone
    instant = data.origin + timedelta(minutes=axis_minutes)
    local = tz.to_local(zone, instant)
    minute = snap((local - datetime.combine(piece.slot_day, datetime.min.time())).total_seconds() / 60) % DAY_MINUTES
    old = piece.adjustment.window if piece.adjustment is not None else leg.window  # what is drawn
    if edge == "start":
        new = LocalWindow(minute, old.end)
    else:
        new = LocalWindow(old.start, minute if minute else DAY_MINUTES)
    if new.start == new.end % DAY_MINUTES or new == old:
        return None
    return new


def nudged_window(window: LocalWindow, edge: str, minutes: int) -> LocalWindow | None:
    """The window with one edge moved by ``minutes`` (keyboard editing); None if it empties."""
    if edge == "start":
        new = LocalWindow((window.start + minutes) % DAY_MINUTES, window.end)
    else:
        end = (window.end + minutes) % DAY_MINUTES
        new = LocalWindow(window.start, end or DAY_MINUTES)
    if new.start == new.end % DAY_MINUTES:
        return None
    return new


def local_time_text(zone: str, origin: datetime, axis_minutes: float) -> str:
    """``07:15 GMT (07:15 UTC)`` for a position on the axis: the drag feedback."""
    instant = origin + timedelta(minutes=axis_minutes)
    local = tz.to_local(zone, instant)
    return f"{local:%H:%M} {tz.abbreviation(zone, instant)} ({instant:%H:%M} UTC)"
