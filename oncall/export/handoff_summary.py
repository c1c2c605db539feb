"""What a printed handoff says: who hands to whom, the overlap in every clock, the note, what next.

Built from the rules and the notes only (no storage, no Qt), so the HTML, Markdown and PDF
renderers and the tests all read the same values.

A *gap* between two members (the outgoing shift ends before the incoming one starts) is a
handoff too: coverage still passes from one person to the other, there is just nobody in
between. It is represented as a core :class:`Handoff` whose overlap is negative, keyed like
any handoff (outgoing, incoming, the outgoing end), so it can carry a note and print in red.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from oncall.core import coverage
from oncall.core import timezones as tz
from oncall.core.model import Team
from oncall.core.notes import ChecklistItem, HandoffNote, attach_notes, default_checklist
from oncall.core.schedule import compute_schedule
from oncall.core.shifts import Handoff

from .handoff_clock import Clock, clock, day_text
from .handoff_ref import format_ref

#: How far past the range to look for each member's next handoff (weekly rotations of two
#: leave a member off for a week; five weeks covers rotations of up to five people).
NEXT_HORIZON = timedelta(days=35)
_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class Party:
    """One side of a handoff as printed: ``Alice Chen (Sydney)``."""

    member: str
    name: str
    site: str
    zone: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.site})" if self.site else self.name


def party(team: Team, member_id: str) -> Party:
    """A member as printed; a member no longer in the team (an orphan's) prints as their id."""
    if not team.has_member(member_id):
        return Party(member_id, member_id, "", "UTC")
    m = team.member(member_id)
    site = team.site(m.site)
    return Party(m.id, m.name, site.name, site.timezone)


@dataclass(frozen=True)
class NextStep:
    """A member's next handoff after this one, read on their own clock."""

    member: Party
    handoff: Handoff | None
    other: Party | None
    when: Clock | None
    when_utc: Clock | None

    @property
    def text(self) -> str:
        if self.handoff is None or self.other is None or self.when is None or self.when_utc is None:
            return f"{self.member.name}: no handoff in the next {NEXT_HORIZON.days} days"
        verb = "hands over to" if self.handoff.from_member == self.member.member else "takes over from"
        return (f"{self.member.name} next {verb} {self.other.name} on {self.when.day} "
                f"{self.when.times} ({self.when_utc.times})")


@dataclass(frozen=True)
class HandoffSummary:
    team: str
    handoff: Handoff
    outgoing: Party
    incoming: Party
    window_utc: Clock
    window_outgoing: Clock
    window_incoming: Clock
    note: HandoffNote | None
    next_outgoing: NextStep
    next_incoming: NextStep

    @property
    def minutes(self) -> int:
        """Overlap minutes; negative: minutes of gap nobody covers."""
        return self.handoff.minutes

    @property
    def kind(self) -> str:
        return "overlap" if self.minutes > 0 else "hard" if self.minutes == 0 else "gap"

    @property
    def alert(self) -> bool:
        """A hard handoff or a gap: printed in red."""
        return self.minutes <= 0

    @property
    def minutes_text(self) -> str:
        if self.minutes > 0:
            return f"{self.minutes} min overlap"
        if self.minutes == 0:
            return "hard handoff: 0 min overlap"
        return f"gap: nobody on call for {-self.minutes} min"

    @property
    def minutes_short(self) -> str:
        """For tables: ``30 min``, ``0 min (hard)``, ``gap 30 min``."""
        if self.minutes > 0:
            return f"{self.minutes} min"
        return "0 min (hard)" if self.minutes == 0 else f"gap {-self.minutes} min"

    @property
    def window_label(self) -> str:
        return "Gap (nobody on call)" if self.kind == "gap" else "Overlap window"

    @property
    def ref(self) -> str:
        """The handoff as ``oncall note --handoff`` takes it."""
        return format_ref(*self.handoff.key())

    @property
    def checklist(self) -> tuple[ChecklistItem, ...]:
        """The note's checklist, or the default one unticked (to tick on paper)."""
        return self.note.checklist if self.note is not None else default_checklist()

    @property
    def clocks(self) -> tuple[tuple[Party, Clock], ...]:
        return ((self.outgoing, self.window_outgoing), (self.incoming, self.window_incoming))


@dataclass(frozen=True)
class OrphanNote:
    """A note whose handoff moved or vanished, shown with where it used to be."""

    note: HandoffNote
    outgoing: Party
    incoming: Party
    was_utc: Clock

    @property
    def ref(self) -> str:
        return format_ref(*self.note.key)

    @property
    def text(self) -> str:
        return (f"{self.outgoing.name} → {self.incoming.name} on {self.was_utc.day} "
                f"{self.was_utc.times}; that handoff is no longer in the rota")


def timeline(team: Team, start: datetime, end: datetime) -> list[Handoff]:
    """Handoffs with instants in [start - 2 days, end + NEXT_HORIZON), gaps between two
    members included (negative overlap), in time order."""
    lo, hi = start - _MARGIN, end + NEXT_HORIZON
    shifts = compute_schedule(team, lo - _MARGIN, hi + _MARGIN).shifts
    found = coverage.handoffs(shifts, lo, hi) + coverage.gap_handoffs(coverage.gaps(shifts, lo, hi))
    found.sort(key=lambda h: (h.at, h.from_member, h.to_member))
    return found


def in_range(handoffs: Sequence[Handoff], start: datetime, end: datetime,
             member: str | None = None) -> list[Handoff]:
    return [h for h in handoffs if start <= h.at < end
            and (member is None or member in (h.from_member, h.to_member))]


def _next_step(team: Team, handoffs: Sequence[Handoff], instants: list[datetime],
               h: Handoff, member_id: str) -> NextStep:
    who = party(team, member_id)
    for later in handoffs[bisect.bisect_right(instants, h.at):]:
        if member_id in (later.from_member, later.to_member) and later.key() != h.key():
            other_id = later.to_member if later.from_member == member_id else later.from_member
            return NextStep(who, later, party(team, other_id), clock(who.zone, later.at),
                            clock("UTC", later.at))
    return NextStep(who, None, None, None, None)


def summarize(team: Team, handoffs: Sequence[Handoff], targets: Iterable[Handoff],
              notes: dict[tuple[str, str, datetime], HandoffNote]) -> list[HandoffSummary]:
    """One summary per handoff in ``targets``; ``handoffs`` is the timeline for next steps."""
    instants = [h.at for h in handoffs]
    out = []
    for h in targets:
        lo, hi = min(h.start, h.end), max(h.start, h.end)
        out_p, in_p = party(team, h.from_member), party(team, h.to_member)
        out.append(HandoffSummary(
            team=team.name, handoff=h, outgoing=out_p, incoming=in_p,
            window_utc=clock("UTC", lo, hi), window_outgoing=clock(out_p.zone, lo, hi),
            window_incoming=clock(in_p.zone, lo, hi), note=notes.get(h.key()),
            next_outgoing=_next_step(team, handoffs, instants, h, h.from_member),
            next_incoming=_next_step(team, handoffs, instants, h, h.to_member),
        ))
    return out


def orphans(team: Team, notes: Iterable[HandoffNote]) -> tuple[OrphanNote, ...]:
    return tuple(OrphanNote(n, party(team, n.outgoing), party(team, n.incoming), clock("UTC", n.at))
                 for n in notes)


@dataclass(frozen=True)
class HandoffDay:
    """The handoffs of one day (in ``zone``), optionally only those of one member."""

    team: str
    day: date
    zone: str
    member: Party | None
    start: datetime
    end: datetime
    handoffs: tuple[HandoffSummary, ...]
    orphans: tuple[OrphanNote, ...]

    @property
    def title(self) -> str:
        who = f" for {self.member.name}" if self.member else ""
        return f"{self.team}: handoffs{who} on {day_text(self.start_local)} ({self.zone})"

    @property
    def start_local(self) -> datetime:
        return tz.to_local(self.zone, self.start)


def day_range(day: date, zone: str = "UTC") -> tuple[datetime, datetime]:
    """[local midnight, next local midnight) of ``day`` in ``zone``, as UTC instants."""
    return tz.resolve_date(zone, day), tz.resolve_date(zone, day + timedelta(days=1))


def handoff_day(team: Team, day: date, zone: str = "UTC", notes: Iterable[HandoffNote] = (),
                member: str | None = None) -> HandoffDay:
    """Summaries of the handoffs whose instant falls on ``day`` in ``zone``.

    ``notes`` may hold more than the day's notes; those in the day that match no current
    handoff (of ``member``, if given) come back as orphans.
    """
    start, end = day_range(day, zone)
    everything = timeline(team, start, end)
    targets = in_range(everything, start, end, member)
    attached = attach_notes(notes, everything, start, end)
    lost = [n for n in attached.orphans if member is None or member in (n.outgoing, n.incoming)]
    return HandoffDay(
        team=team.name, day=day, zone=zone, member=party(team, member) if member else None,
        start=start, end=end, handoffs=tuple(summarize(team, everything, targets, attached.attached)),
        orphans=orphans(team, lost),
    )
