"""PagerDuty: ``GET /schedules/{id}`` and its rendered timeline, as tool rotations.

A layer hands over every ``rotation_turn_length_seconds`` counted from
``rotation_virtual_start`` in the schedule's time zone (handoffs keep their local time across
DST, as PagerDuty's schedules do), is on call inside its restrictions (``daily_restriction``:
every day from ``start_time_of_day`` for ``duration_seconds``; ``weekly_restriction``: from
``start_day_of_week``, 1 = Monday, at that time for that long) and only between ``start`` and
``end``. When layers overlap PagerDuty shows the one later in ``schedule_layers`` (the higher
layer); oncall keeps both on call and the import report says where.
"""

from __future__ import annotations

from datetime import datetime

from oncall.core import timezones as tz

from .documents import Document, ScheduleImportError
from .report import ImportReport
from .rotations import RenderedShift, Restriction, ToolRotation, ToolUser

TOOL = "PagerDuty"


def schedule_of(doc: Document) -> Document:
    if doc.has("schedule"):
        return doc.obj("schedule")
    if doc.has("schedule_layers"):
        return doc
    raise doc.fail("no 'schedule' object: is this PagerDuty's GET /schedules/{id} response?")


def read_schedule(doc: Document, report: ImportReport) -> tuple[str, list[ToolRotation], dict[str, ToolUser], list]:
    """Team name, rotations, users and overrides (as rendered shifts) of a schedule document."""
    schedule = schedule_of(doc)
    zone = schedule.zone("time_zone")
    name = schedule.text("name", optional=True) or schedule.text("summary", optional=True) or "Imported from PagerDuty"
    users: dict[str, ToolUser] = {}
    for entry in schedule.items("users", optional=True):
        _user(entry, users)
    layers = schedule.items("schedule_layers")
    if not layers:
        raise schedule.fail("the schedule has no layers")
    rotations = [_layer(layer, zone, users, report, level) for level, layer in enumerate(layers)]
    overrides = [_rendered(e, users) for e in _entries(schedule, "overrides_subschedule")]
    return name, rotations, users, overrides


def _user(entry: Document, users: dict[str, ToolUser]) -> str:
    ref = entry.obj("user") if entry.has("user") else entry
    ident = ref.text("id")
    name = ref.text("summary", optional=True) or ref.text("name", optional=True) or ident
    email = ref.text("email", optional=True)
    users.setdefault(ident, ToolUser(ident, name, email))
    return ident


def _local(doc: Document, key: str, zone: str, *, optional: bool = False) -> datetime | None:
    instant = doc.instant(key, optional=optional)
    return None if instant is None else tz.to_local(zone, instant)


def _layer(layer: Document, zone: str, users: dict[str, ToolUser], report: ImportReport, level: int) -> ToolRotation:
    name = layer.text("name", optional=True) or layer.path
    turn = layer.number("rotation_turn_length_seconds", minimum=60)
    if turn % 60:
        raise layer.child("rotation_turn_length_seconds", turn).fail("turns must be whole minutes")
    order = [_user(entry, users) for entry in layer.items("users")]
    restrictions = tuple(_restriction(r) for r in layer.items("restrictions", optional=True))
    return ToolRotation(name=name, path=layer.path, zone=zone, users=tuple(order), turn_seconds=turn,
                        anchor=_local(layer, "rotation_virtual_start", zone), start=_local(layer, "start", zone),
                        end=_local(layer, "end", zone, optional=True), restrictions=restrictions, level=level)


def _restriction(r: Document) -> Restriction:
    kind = r.text("type")
    start = _time_of_day(r)
    minutes = r.number("duration_seconds", minimum=60) // 60
    if kind == "daily_restriction":
        if minutes > 1440:
            raise r.child("duration_seconds", minutes * 60).fail("a daily restriction lasts at most 24 h")
        return Restriction(None, start, minutes)
    if kind == "weekly_restriction":
        day = r.number("start_day_of_week", minimum=1)
        if day > 7:
            raise r.child("start_day_of_week", day).fail("must be 1 (Monday) to 7 (Sunday)")
        return Restriction(day - 1, start, min(minutes, 7 * 1440))
    raise r.child("type", kind).fail(f"unknown restriction type {kind!r} (daily_restriction or weekly_restriction)")


def _time_of_day(r: Document) -> int:
    raw = r.text("start_time_of_day")
    parts = raw.split(":")
    try:
        hours, minutes = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        raise r.child("start_time_of_day", raw).fail(f"{raw!r} is not a time like \"08:00:00\"") from None
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise r.child("start_time_of_day", raw).fail(f"{raw!r} is not a time of day")
    return hours * 60 + minutes


def _entries(schedule: Document, key: str) -> list[Document]:
    sub = schedule.obj(key, optional=True)
    return [] if sub is None else sub.items("rendered_schedule_entries", optional=True)


def _rendered(entry: Document, users: dict[str, ToolUser]) -> RenderedShift:
    start, end = entry.instant("start"), entry.instant("end")
    if end <= start:
        raise entry.fail("ends before it starts")
    return RenderedShift(_user(entry, users), start, end)


def read_timeline(doc: Document, users: dict[str, ToolUser]) -> list[RenderedShift]:
    """``final_schedule.rendered_schedule_entries`` of GET /schedules/{id}?since=&until=."""
    schedule = schedule_of(doc)
    if not schedule.has("final_schedule"):
        raise schedule.fail("no final_schedule: save the schedule with ?since=...&until=... to get its timeline")
    entries = _entries(schedule, "final_schedule")
    if not entries:
        raise ScheduleImportError(f"{TOOL}: {doc.source}: the final schedule has no entries")
    return [_rendered(e, users) for e in entries]
