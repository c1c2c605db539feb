"""Opsgenie: ``GET /v2/schedules/{id}`` (with its rotations) and ``.../timeline``, as tool rotations.

A rotation hands over every ``length`` hours, days or weeks (``type``) from ``startDate``,
in the schedule's ``timezone``; it is on call inside its ``timeRestriction``
(``time-of-day``: every day; ``weekday-and-time-of-day``: from ``startDay`` at
``startHour:startMin`` to ``endDay`` at ``endHour:endMin``). All rotations of a schedule are on
call together. Participants that are not users (``none``, teams, escalations) cannot be
members: their turns are skipped and listed in the report.
"""

from __future__ import annotations

from datetime import datetime

from oncall.core import timezones as tz

from .documents import Document
from .report import ImportReport
from .rotations import RenderedShift, Restriction, ToolRotation, ToolUser, display_name

TOOL = "Opsgenie"
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNIT_SECONDS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400}


def _data(doc: Document) -> Document:
    if doc.has("data"):
        return doc.obj("data")
    raise doc.fail("no 'data' object: is this Opsgenie's GET /v2/schedules/{id} response?")


def read_schedule(doc: Document, report: ImportReport) -> tuple[str, list[ToolRotation], dict[str, ToolUser], list]:
    data = _data(doc)
    if not data.has("rotations"):
        raise data.fail("no rotations: is this Opsgenie's GET /v2/schedules/{id} response?")
    zone = data.zone("timezone")
    name = data.text("name", optional=True) or "Imported from Opsgenie"
    users: dict[str, ToolUser] = {}
    rotations = []
    for rotation in data.items("rotations"):
        read = _rotation(rotation, zone, users, report)
        if read is not None:
            rotations.append(read)
    if not data.get("enabled", True):
        report.approximate("the schedule is disabled in Opsgenie; imported as an active rota")
    return name, rotations, users, []


def _participant(p: Document, users: dict[str, ToolUser], where: str, report: ImportReport) -> str | None:
    kind = p.text("type")
    if kind != "user":
        label = p.text("name", optional=True) or p.text("username", optional=True) or kind
        report.approximate(f"{where}: participant {label!r} ({kind}) is not a person; its turns are skipped")
        return None
    ident = p.text("id", optional=True) or p.text("username")
    username = p.text("username", optional=True)
    name = p.text("name", optional=True) or display_name(username) or ident
    users.setdefault(ident, ToolUser(ident, name, username if username and "@" in username else None))
    return ident


def _rotation(r: Document, zone: str, users: dict[str, ToolUser], report: ImportReport) -> ToolRotation | None:
    name = r.text("name", optional=True) or r.path
    where = f"{r.path} ({name})"
    kind = r.text("type")
    if kind not in UNIT_SECONDS:
        raise r.child("type", kind).fail(f"unknown rotation type {kind!r} (hourly, daily or weekly)")
    length = r.number("length", optional=True, minimum=1) or 1
    order = [p for p in (_participant(x, users, where, report) for x in r.items("participants")) if p]
    if not order:
        report.drop(f"{where}: no user among its participants")
        return None
    start = _local(r, "startDate", zone)
    restrictions = _restrictions(r.obj("timeRestriction", optional=True), where, report)
    return ToolRotation(name=name, path=r.path, zone=zone, users=tuple(order),
                        turn_seconds=UNIT_SECONDS[kind] * length, anchor=start, start=start,
                        end=_local(r, "endDate", zone, optional=True), restrictions=restrictions)


def _local(doc: Document, key: str, zone: str, *, optional: bool = False) -> datetime | None:
    instant = doc.instant(key, optional=optional)
    return None if instant is None else tz.to_local(zone, instant)


def _restrictions(t: Document | None, where: str, report: ImportReport) -> tuple[Restriction, ...]:
    if t is None:
        return ()
    kind = t.text("type")
    if kind == "time-of-day":
        if t.has("restriction"):
            one = t.obj("restriction")
        else:
            listed = t.items("restrictions")
            if not listed:
                raise t.child("restrictions", []).fail("a time-of-day restriction needs its start and end")
            one = listed[0]
        start, end = _minute(one, "start"), _minute(one, "end")
        return (Restriction(None, start, (end - start) % 1440 or 1440),)
    if kind == "weekday-and-time-of-day":
        out = []
        for one in t.items("restrictions"):
            first, last = _day(one, "startDay"), _day(one, "endDay")
            start, end = _minute(one, "start"), _minute(one, "end")
            minutes = ((last - first) % 7) * 1440 + end - start
            out.append(Restriction(first, start, minutes if minutes > 0 else minutes + 7 * 1440))
        return tuple(out)
    raise t.child("type", kind).fail(f"unknown time restriction {kind!r}")


def _minute(doc: Document, prefix: str) -> int:
    hour, minute = doc.number(f"{prefix}Hour", minimum=0), doc.number(f"{prefix}Min", optional=True, minimum=0) or 0
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise doc.fail(f"{prefix}Hour {hour}:{minute:02d} is not a time of day")
    return hour * 60 + minute


def _day(doc: Document, key: str) -> int:
    raw = doc.text(key).lower()
    if raw not in DAYS:
        raise doc.child(key, raw).fail(f"{raw!r} is not a weekday (monday ... sunday)")
    return DAYS.index(raw)


def read_timeline(doc: Document, users: dict[str, ToolUser]) -> list[RenderedShift]:
    """``data.finalTimeline.rotations[].periods[]`` of GET /v2/schedules/{id}/timeline."""
    data = _data(doc)
    final = data.obj("finalTimeline")
    shifts = []
    for rotation in final.items("rotations"):
        for period in rotation.items("periods", optional=True):
            recipient = period.obj("recipient")
            if recipient.text("type") != "user":
                continue
            ident = recipient.text("id", optional=True) or recipient.text("name")
            users.setdefault(ident, ToolUser(ident, display_name(recipient.text("name", optional=True)) or ident))
            start, end = period.instant("startDate"), period.instant("endDate")
            if end <= start:
                raise period.fail("ends before it starts")
            shifts.append(RenderedShift(ident, start, end))
    return shifts
