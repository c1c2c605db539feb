"""Shifts and handoffs as calendar events, before any iCalendar syntax.

A :class:`FeedEvent` is what one VEVENT says. Its UID derives only from what is stable
(team, leg, the slot's nominal start; for handoffs the two slots), never from the person,
so a reassigned slot updates in place in every calendar client instead of duplicating.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, time, timedelta
from typing import NamedTuple

from oncall.core import timezones as tz
from oncall.core.adjustments import adjustment_at
from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.shifts import Handoff, Shift

from .ics_text import Wording

SHIFT = "shift"
HANDOFF = "handoff"


class FeedEvent(NamedTuple):
    """One calendar event; ``members``/``sites`` say which feeds it belongs to.

    Immutable like a frozen dataclass, but a tuple: a year of a team is thousands of events,
    and a frozen dataclass costs about three times as much to make."""

    uid: str
    kind: str  # SHIFT | HANDOFF
    start: datetime
    end: datetime
    summary: str
    description: str
    members: tuple[str, ...]
    sites: tuple[str, ...]
    # Shifts only: one (offset from the event's start, text) per handoff INTO this shift,
    # the reminder to join the overlap. Member feeds show them as VALARMs (unless the member
    # or the feed turned them off); empty when the member has ``alarms = false``.
    alarms: tuple[tuple[timedelta, str], ...] = ()


def team_slug(team: Team) -> str:
    """``Payments SRE`` -> ``payments-sre``: the UID domain part, stable while the name is."""
    slug = re.sub(r"[^a-z0-9]+", "-", team.name.lower()).strip("-")
    return slug or "team"


def stamp(instant: datetime) -> str:
    """The compact UTC form used inside UIDs (``20261207T2100Z``); ``strftime``'s text,
    spelled out (twice as fast; strftime does not pad years before 1000, so those use it)."""
    if instant.year < 1000:
        return instant.strftime("%Y%m%dT%H%MZ")
    return f"{instant.year}{instant.month:02d}{instant.day:02d}T{instant.hour:02d}{instant.minute:02d}Z"


def shift_keys(shifts: Sequence[Shift], team: Team | None = None) -> dict[int, str]:
    """The UID local part of each shift, keyed by position in ``shifts``.

    A rota shift is ``<leg>-<nominal slot start>``, where the nominal start is the leg's own
    window start on that day even when an ``[[adjustment]]`` moves the window (so applying or
    editing an adjustment updates the day's event in place instead of replacing it). An
    override that takes part of a slot splits it; the pieces of one slot are numbered in time
    order (the first piece keeps the slot's key, so a slot reassigned whole by an override
    updates in place). A shift an override adds outside the rota is ``override-<index>-<start>``.
    """
    regular = _regular_start(team)
    groups: dict[str, list[int]] = {}
    for i, sh in enumerate(shifts):
        if sh.leg is not None and sh.slot_start is not None:
            base = f"{sh.leg}-{stamp(regular(sh.leg, sh.slot_start))}"
        else:
            base = f"override-{sh.override_index}-{stamp(sh.start)}"
        groups.setdefault(base, []).append(i)
    keys: dict[int, str] = {}
    for base, members in groups.items():
        if len(members) == 1:
            keys[members[0]] = base
            continue
        members.sort(key=lambda i: (shifts[i].start, shifts[i].end))
        for n, i in enumerate(members):
            keys[i] = base if n == 0 else f"{base}-{n + 1}"
    return keys


def _regular_start(team: Team | None):
    """slot start -> the leg's unadjusted window start on the same site-local day."""
    if team is None or not team.adjustments:
        return lambda leg, start: start
    legs = {leg.id: leg for leg in team.legs}
    zones = {site.id: site.timezone for site in team.sites}

    def regular(leg_id: str, start: datetime) -> datetime:
        leg = legs.get(leg_id)
        if leg is None:
            return start
        zone = zones[leg.site]
        day = tz.to_local(zone, start).date()
        if adjustment_at(team.adjustments, leg_id, day) is None:
            return start
        return tz.resolve(zone, datetime.combine(day, time(leg.window.start // 60, leg.window.start % 60)))
    return regular


def build_events(team: Team, shifts: Sequence[Shift], handoffs: Iterable[Handoff],
                 notes: Mapping[tuple[str, str, datetime], HandoffNote] | None = None) -> list[FeedEvent]:
    """Every shift and handoff overlap as a FeedEvent, sorted by (start, uid).

    ``notes`` (keyed like :meth:`Handoff.key`) are written into the incoming engineer's shift,
    the one event that shows a note; pass None to leave them out (notes may be private, so
    feeds carry them only when enabled).
    """
    domain = f"{team_slug(team)}.oncall"
    keys = shift_keys(shifts, team)
    key_of = {id(sh): keys[i] for i, sh in enumerate(shifts)}
    words = Wording(team)
    member_sites = {m.id: m.site for m in team.members}
    wants_alarms = {m.id: m.alarms for m in team.members}
    events = []
    into: dict[int, list[tuple[Handoff, HandoffNote | None]]] = {}  # incoming shift -> its handoffs
    for h in handoffs:
        out_key, in_key = key_of.get(id(h.outgoing)), key_of.get(id(h.incoming))
        if out_key is None or in_key is None:
            continue  # a handoff to a shift outside the computed list: the next export has it
        note = notes.get(h.key()) if notes is not None else None
        events.append(_handoff_event(words, h, f"handoff-{out_key}-{in_key}@{domain}"))
        into.setdefault(id(h.incoming), []).append((h, note))
    for sh in shifts:
        uid = f"{key_of[id(sh)]}@{domain}"
        incoming = into.get(id(sh))
        if incoming is None:
            events.append(_shift_event(words, member_sites, sh, uid))
        else:
            events.append(_incoming_shift_event(words, member_sites, sh, uid, incoming,
                                                wants_alarms.get(sh.member, True)))
    events.sort(key=lambda e: (e.start, e.uid))
    return events


def _shift_event(words: Wording, member_sites: Mapping[str, str], sh: Shift, uid: str) -> FeedEvent:
    home = member_sites.get(sh.member, sh.site)
    sites = (sh.site,) if home == sh.site else tuple(sorted((sh.site, home)))
    return FeedEvent(uid, SHIFT, sh.start, sh.end, words.shift_summary(sh), words.shift_description(sh),
                     (sh.member,), sites)


def _incoming_shift_event(words: Wording, member_sites: Mapping[str, str], sh: Shift, uid: str,
                          incoming: list[tuple[Handoff, HandoffNote | None]], alarms: bool) -> FeedEvent:
    """A shift someone hands over into: its description says who hands over, the overlap on
    the member's own clock and the note; its reminders fire at each overlap's start."""
    plain = _shift_event(words, member_sites, sh, uid)
    if len(incoming) > 1:
        incoming.sort(key=lambda pair: (pair[0].start, pair[0].from_member))
    lines: list[str] = []
    reminders = []
    for h, note in incoming:
        said, alarm = words.incoming(h, note)
        lines += said
        reminders.append((h.start - sh.start, alarm))
    return plain._replace(description=plain.description + "\n" + "\n".join(lines),
                          alarms=tuple(reminders) if alarms else ())


def _handoff_event(words: Wording, h: Handoff, uid: str) -> FeedEvent:
    members = (h.from_member, h.to_member)
    a, b = h.outgoing.site, h.incoming.site
    sites = (a,) if a == b else tuple(sorted((a, b)))
    return FeedEvent(uid, HANDOFF, h.start, h.end, words.handoff_summary(h),
                     words.handoff_description(h), members, sites)
