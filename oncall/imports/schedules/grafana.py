"""Grafana OnCall: ``GET /api/v1/schedules/{id}``, ``GET /api/v1/on_call_shifts/`` and final shifts.

A ``rolling_users`` shift repeats from ``start`` (local time in its ``time_zone``, or the
schedule's) for ``duration`` seconds on the ``by_day`` weekdays (every day when absent for a
daily frequency; the start's weekday for a weekly one), and passes to the next group of
``rolling_users`` every ``interval`` days, weeks or hours (``frequency``), beginning with the
group at ``start_rotation_from_user_index``. A ``recurrent_event`` puts all its users on call
at each repetition (one leg each); a ``single_event`` is an override on top of the rota.
Higher ``level``s hide lower ones in Grafana; oncall keeps both on call.
"""

from __future__ import annotations

from datetime import timedelta

from oncall.core import timezones as tz
from oncall.core.limits import MAX_RANGE_DAYS
from oncall.core.model import Override

from .documents import Document
from .report import ImportReport
from .rotations import RenderedShift, Restriction, ToolRotation, ToolUser, display_name

TOOL = "Grafana OnCall"
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UNIT_SECONDS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400}


def read_schedule(doc: Document, shifts_doc: Document, report: ImportReport):
    """Team name, rotations, users and single-event overrides of a schedule and its shifts."""
    if not doc.has("time_zone") and not doc.has("shifts"):
        raise doc.fail("no time_zone or shifts: is this Grafana OnCall's GET /api/v1/schedules/{id} response?")
    zone = doc.zone("time_zone", optional=True) or "UTC"
    name = doc.text("name", optional=True) or "Imported from Grafana OnCall"
    wanted = {str(s.value) for s in doc.items("shifts", optional=True)}
    schedule_id = doc.text("id", optional=True)
    if not shifts_doc.has("results"):
        raise shifts_doc.fail("no 'results' list: is this GET /api/v1/on_call_shifts/ ?")
    users: dict[str, ToolUser] = {}
    rotations: list[ToolRotation] = []
    overrides: list[Override] = []
    for shift in shifts_doc.items("results"):
        ident = shift.text("id", optional=True)
        if wanted and ident not in wanted or not wanted and schedule_id and shift.get("schedule") not in (None, schedule_id):
            continue
        rotations += _shift(shift, zone, users, overrides, report)
    return name, rotations, users, overrides


def _shift(s: Document, zone: str, users: dict[str, ToolUser], overrides: list, report: ImportReport):
    name = s.text("name", optional=True) or s.path
    where = f"{s.path} ({name})"
    kind = s.text("type")
    shift_zone = s.zone("time_zone", optional=True) or zone
    start = s.local(s.text("start"))
    if start.tzinfo is not None:
        start = tz.to_local(shift_zone, start)
    # At most the ten-year range a report covers: the windows are cut into days, so a duration
    # of 10**15 s looped for ever before this limit.
    duration = s.number("duration", minimum=60, maximum=MAX_RANGE_DAYS * 86400)
    users_of = _user_ids(s, users)
    if kind == "single_event":
        begins = tz.resolve(shift_zone, start)
        for user in users_of:
            overrides.append(RenderedShift(user, begins, begins + timedelta(seconds=duration)))
        report.map(f"{where}: single event -> an override on top of the rota for each of its users")
        return []
    frequency = s.text("frequency")
    if frequency not in UNIT_SECONDS:
        report.approximate(f"{where}: frequency {frequency!r} is not hourly, daily or weekly; imported as weekly")
    turn = UNIT_SECONDS.get(frequency, 7 * 86400) * (s.number("interval", optional=True, minimum=1) or 1)
    restrictions = _restrictions(s, start, duration, frequency)
    until = s.text("until", optional=True)
    end = None if until is None else _local_until(s, until, shift_zone)
    bound = s.text("rotation_start", optional=True)
    first = start if bound is None else max(start, _local_until(s, bound, shift_zone))
    level = s.number("level", optional=True) or 0
    if duration % 86400 and _clock_change_inside(shift_zone, start, duration):
        report.approximate(f"{where}: lasts {duration / 3600:g} h of real time in Grafana OnCall; oncall ends the "
                           "window at the same local time every day, so on the nights the clocks change the two "
                           "differ by the change (usually an hour)")
    if kind == "recurrent_event":
        if turn != UNIT_SECONDS.get(frequency, 0):
            report.approximate(f"{where}: repeats every {turn // 3600} h; oncall legs run on every matching day")
        return [ToolRotation(name=name, path=s.path, zone=shift_zone, users=(u,), turn_seconds=86400, anchor=start,
                             start=first, end=end, restrictions=restrictions, level=level) for u in users_of]
    if kind != "rolling_users":
        raise s.child("type", kind).fail(f"unknown shift type {kind!r}")
    groups = [g.value for g in s.items("rolling_users", optional=True) if isinstance(g.value, list) and g.value]
    if not groups:
        report.drop(f"{where}: no rolling users")
        return []
    order = []
    for group in groups:
        ids = [_user_id(str(u), users) for u in group]
        if len(ids) > 1:
            report.approximate(f"{where}: the group {', '.join(ids)} takes turns together; oncall puts one member "
                               f"per turn ({ids[0]}), the others are left out of that turn")
        order.append(ids[0])
    offset = (s.number("start_rotation_from_user_index", optional=True, minimum=0) or 0) % len(order)
    order = order[offset:] + order[:offset]
    return [ToolRotation(name=name, path=s.path, zone=shift_zone, users=tuple(order), turn_seconds=turn,
                         anchor=start, start=first, end=end, restrictions=restrictions, level=level)]


def _clock_change_inside(zone: str, start, duration: int) -> bool:
    """Does a clock change (in the two years from ``start``) fall inside the daily window?"""
    begins = tz.resolve(zone, start)
    first = start.hour * 60 + start.minute
    for instant, _, _ in tz.transitions(zone, begins, begins + timedelta(days=730)):
        before = tz.to_local(zone, instant - timedelta(minutes=1)) + timedelta(minutes=1)
        if 0 < (before.hour * 60 + before.minute - first) % 1440 < duration // 60:
            return True
    return False


def _local_until(s: Document, raw: str, zone: str):
    value = s.local(raw)
    return tz.to_local(zone, value) if value.tzinfo is not None else value


def _user_ids(s: Document, users: dict[str, ToolUser]) -> list[str]:
    return [_user_id(str(u.value), users) for u in s.items("users", optional=True)]


def _user_id(ident: str, users: dict[str, ToolUser]) -> str:
    users.setdefault(ident, ToolUser(ident, ident))
    return ident


def _restrictions(s: Document, start, duration: int, frequency: str) -> tuple[Restriction, ...]:
    minutes = duration // 60
    tod = start.hour * 60 + start.minute
    by_day = [day.value for day in s.items("by_day", optional=True)]  # a list, or a clear error naming it
    if by_day:
        days = []
        for raw in by_day:
            if str(raw).upper() not in DAYS:
                raise s.child("by_day", by_day).fail(f"{raw!r} is not a weekday (MO ... SU)")
            days.append(DAYS.index(str(raw).upper()))
        return tuple(Restriction(d, tod, minutes) for d in sorted(set(days)))
    if frequency == "weekly":
        return (Restriction(start.weekday(), tod, minutes),)
    if frequency == "daily" and minutes < 1440:
        return (Restriction(None, tod, minutes),)
    return ()


def read_timeline(doc: Document, users: dict[str, ToolUser]) -> list[RenderedShift]:
    """``results`` of GET /api/v1/schedules/{id}/final_shifts."""
    if not doc.has("results"):
        raise doc.fail("no 'results' list: is this GET /api/v1/schedules/{id}/final_shifts ?")
    shifts = []
    for entry in doc.items("results"):
        ident = entry.text("user_pk")
        known = users.get(ident)
        name = display_name(entry.text("user_username", optional=True)) or ident
        users[ident] = ToolUser(ident, known.name if known and known.name != ident else name,
                                entry.text("user_email", optional=True))
        start, end = entry.instant("shift_start"), entry.instant("shift_end")
        if end <= start:
            raise entry.fail("ends before it starts")
        shifts.append(RenderedShift(ident, start, end))
    return shifts
