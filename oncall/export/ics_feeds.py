"""The three kinds of feed (team, site, member) over a horizon, with stable revisions.

:class:`FeedSet` computes the schedule and every event once, then renders any feed from that
in the time it takes to select and join byte strings.

Revisions. An event's SEQUENCE and LAST-MODIFIED are a property of the event (its UID), not
of the feeds that show it, so every event of a team is revised in ONE namespace of the
:class:`~oncall.core.revisions.RevisionStore` (:data:`EVENTS`) and its VEVENT is rendered
once and reused byte for byte by the team, site and member feeds. Each feed also keeps a
``feed@`` entry in its own namespace (its name), fingerprinting the feed as a whole: that
dates the feed for HTTP Last-Modified. An unchanged regeneration is byte-identical; a change
bumps SEQUENCE and LAST-MODIFIED of the touched events alone.

An event's fingerprint covers what any feed shows of it, including the member feeds' reminders
(``FeedOptions.alarm_minutes`` before each shift; ``overlap_alarms`` at each overlap the member
joins as the incoming engineer): turning reminders on or off bumps the SEQUENCE of the shifts
that carry them, in the team and site feeds too, whose bytes then differ by SEQUENCE and
LAST-MODIFIED only.

Migration from the per-feed layout (one namespace per feed, each holding its events). The
shared namespace is the team feed's own (:data:`EVENTS` is ``"team"``): the team feed shows
every event, so the revisions it kept are exactly the per-event revisions, and existing
databases and revision files carry on without a migration step (the team feed's bytes do not
change). Site and member feeds take those revisions; where they had drifted from the team
feed's (a feed served alone, or member feeds with reminders), they differ once. The events
left in the other feeds' namespaces are no longer read (the revision file drops them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from oncall.core.coverage import handoffs as find_handoffs
from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import Revision, RevisionStore
from oncall.core.schedule import compute_schedule
from oncall.core.timezones import UTC

from .ics_events import SHIFT, FeedEvent, build_events
from .ics_render import RenderOptions, add_alarms, calendar_frame, fingerprint, render_event
from .ics_text import clean

TEAM, SITE, MEMBER = "team", "site", "member"
KINDS = (TEAM, SITE, MEMBER)
FEED_UID = "feed@"  # the revision store entry that dates the feed as a whole
# The revision namespace shared by every event of the team (see the module doc).
EVENTS = TEAM
_PLAIN = RenderOptions()
_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class FeedOptions:
    """What goes into feeds. The horizon is counted from the UTC midnight of "now", so
    every regeneration on the same day covers the same range."""

    days_back: int = 30
    days_ahead: int = 365
    alarm_minutes: int | None = None  # member feeds only: VALARM before each shift
    include_notes: bool = False  # handoff notes in the incoming engineer's shift (may be private)
    # member feeds: a VALARM at the start of each overlap the member joins as the incoming
    # engineer (members with ``alarms = false`` in the team file never get them)
    overlap_alarms: bool = True

    def __post_init__(self) -> None:
        if self.days_back < 0 or self.days_ahead <= 0:
            raise ValueError("the feed horizon needs days_back >= 0 and days_ahead > 0")
        if self.alarm_minutes is not None and not 0 <= self.alarm_minutes <= 7 * 24 * 60:
            raise ValueError("a reminder must be between 0 minutes and 7 days before a shift")


def horizon(now: datetime, options: FeedOptions) -> tuple[datetime, datetime]:
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=options.days_back), midnight + timedelta(days=options.days_ahead)


@dataclass(frozen=True, order=True)
class FeedSpec:
    kind: str
    target: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown feed kind {self.kind!r} (team, site or member)")
        if (self.kind == TEAM) != (self.target is None):
            raise ValueError("a team feed has no target; site and member feeds need one")

    @property
    def name(self) -> str:
        """``team``, ``site-<id>``, ``member-<id>``: file stem and revision-store key."""
        return TEAM if self.kind == TEAM else f"{self.kind}-{self.target}"

    @staticmethod
    def parse(name: str) -> "FeedSpec":
        if name == TEAM:
            return FeedSpec(TEAM)
        kind, sep, target = name.partition("-")
        if not sep or kind not in (SITE, MEMBER) or not target:
            raise ValueError(f"not a feed name: {name!r} (team, site-<id> or member-<id>)")
        return FeedSpec(kind, target)


def all_specs(team: Team) -> list[FeedSpec]:
    return ([FeedSpec(TEAM)] + [FeedSpec(SITE, s.id) for s in team.sites]
            + [FeedSpec(MEMBER, m.id) for m in team.members])


def check_spec(team: Team, spec: FeedSpec) -> None:
    """Raise ValueError when a feed names a site or member the team does not have."""
    if spec.kind == SITE and not team.has_site(spec.target):
        raise ValueError(f"no site {spec.target!r} in the team")
    if spec.kind == MEMBER and not team.has_member(spec.target):
        raise ValueError(f"no member {spec.target!r} in the team")


def calendar_name(team: Team, spec: FeedSpec) -> str:
    base = f"{clean(team.name)} on call"
    if spec.kind == SITE:
        return f"{base}: {clean(team.site(spec.target).name) if team.has_site(spec.target) else spec.target}"
    if spec.kind == MEMBER:
        return f"{base}: {clean(team.member(spec.target).name) if team.has_member(spec.target) else spec.target}"
    return base


@dataclass(frozen=True)
class FeedDocument:
    spec: FeedSpec
    body: bytes
    last_modified: datetime  # when the feed's content last changed (HTTP Last-Modified)
    events: int


@dataclass
class FeedSet:
    """Every event of a team over [start, end), ready to render as any feed."""

    team: Team
    start: datetime
    end: datetime
    options: FeedOptions = field(default_factory=FeedOptions)
    notes: Iterable[HandoffNote] = ()

    def __post_init__(self) -> None:
        schedule = compute_schedule(self.team, self.start - _MARGIN, self.end + _MARGIN)
        everything = schedule.shifts
        shifts = [sh for sh in everything if sh.end > self.start and sh.start < self.end]
        handoffs = find_handoffs(everything, self.start, self.end)
        keyed = {n.key: n for n in self.notes} if self.options.include_notes else None
        # UIDs come from the whole margin-wide list so a slot's pieces number the same
        # whatever the range; then only events inside the range are kept.
        events = build_events(self.team, everything, handoffs, keyed)
        self.events = [e for e in events if e.end > self.start and e.start < self.end
                       or (e.start == e.end and self.start <= e.start < self.end)]
        self.shifts = shifts
        # Which events each site and member feed shows, indexed once (200 member feeds
        # scanning every event would cost more than rendering them).
        self._by_site: dict[str, list[FeedEvent]] = {}
        self._by_member: dict[str, list[FeedEvent]] = {}
        for e in self.events:
            for site in e.sites:
                self._by_site.setdefault(site, []).append(e)
            for member in dict.fromkeys(e.members):
                self._by_member.setdefault(member, []).append(e)
        # Per event UID (fingerprints and bytes do not depend on the feed; see the module doc).
        self._print_options = RenderOptions(self.options.alarm_minutes, self.options.overlap_alarms)
        self._pieces: dict[str, str] = {}  # the event's part of a feed fingerprint
        self._rendered: dict[str, bytes] = {}
        self._alarmed: dict[str, bytes] = {}
        self._frames: dict[str, tuple[bytes, bytes]] = {}

    @classmethod
    def for_horizon(cls, team: Team, now: datetime, options: FeedOptions | None = None,
                    notes: Iterable[HandoffNote] = ()) -> "FeedSet":
        options = options or FeedOptions()
        start, end = horizon(now, options)
        return cls(team, start, end, options, notes)

    def select(self, spec: FeedSpec) -> list[FeedEvent]:
        if spec.kind == TEAM:
            return list(self.events)
        if spec.kind == SITE:
            return list(self._by_site.get(spec.target, ()))
        return list(self._by_member.get(spec.target, ()))

    def render(self, spec: FeedSpec, revisions_for: Callable[[str], RevisionStore], now: datetime) -> FeedDocument:
        """The feed's bytes. Records fingerprints (moves only what changed): the feed's events
        in the shared :data:`EVENTS` namespace, the feed as a whole as ``feed@`` in its own.

        Each event is fingerprinted, revised and rendered once per FeedSet, whichever feeds
        show it; a feed is then a join of cached bytes. The revisions read from the store the
        first time an event is rendered are kept for the FeedSet's lifetime.
        """
        now = now.astimezone(UTC).replace(microsecond=0)
        events = self.select(spec)
        name = calendar_name(self.team, spec)
        fresh = [e for e in events if e.uid not in self._rendered]
        prints = {e.uid: fingerprint(e, self._print_options) for e in fresh}
        pieces = self._pieces
        pieces.update({uid: f"\x1e{uid}\x1f{fp}" for uid, fp in prints.items()})
        feed_print = _digest(name + "".join([pieces[e.uid] for e in events]))
        if spec.name == EVENTS:
            prints[FEED_UID] = feed_print  # the team feed's entry shares the events' namespace
        feed_revision = self._admit(fresh, prints, revisions_for, now)
        if feed_revision is None:
            feed_revision = revisions_for(spec.name).sync({FEED_UID: feed_print}, now)[FEED_UID]
        rendered = self._rendered
        if spec.kind == MEMBER and self._print_options.any_alarm:
            parts = [self._with_alarm(e) if e.kind == SHIFT else rendered[e.uid] for e in events]
        else:
            parts = [rendered[e.uid] for e in events]
        header, footer = self._frame(name)
        return FeedDocument(spec, b"".join([header, *parts, footer]), feed_revision.last_modified, len(events))

    def render_all(self, revisions_for: Callable[[str], RevisionStore], now: datetime) -> dict[str, FeedDocument]:
        """Every feed; the team feed comes first, so all events are revised in one sync."""
        return {spec.name: self.render(spec, revisions_for, now) for spec in all_specs(self.team)}

    def _admit(self, fresh: list[FeedEvent], prints: dict[str, str],
               revisions_for: Callable[[str], RevisionStore], now: datetime) -> Revision | None:
        """Revise the events not seen yet (one sync, with the team feed's ``feed@`` entry when
        ``prints`` has it) and render each of them; return that feed entry's revision."""
        if not prints:
            return None
        revised = revisions_for(EVENTS).sync(prints, now)
        for e in fresh:
            self._rendered[e.uid] = render_event(e, revised[e.uid], _PLAIN).encode("utf-8")
        return revised.get(FEED_UID) if FEED_UID in prints else None

    def _with_alarm(self, event: FeedEvent) -> bytes:
        """A shift as member feeds show it (its VEVENT plus its VALARMs), made once."""
        data = self._alarmed.get(event.uid)
        if data is None:
            data = self._alarmed[event.uid] = add_alarms(self._rendered[event.uid], event, self._print_options)
        return data

    def _frame(self, name: str) -> tuple[bytes, bytes]:
        frame = self._frames.get(name)
        if frame is None:
            frame = self._frames[name] = calendar_frame(name)
        return frame


def _digest(text: str) -> str:
    """A feed's fingerprint: its name, then ``\\x1e<uid>\\x1f<fingerprint>`` per event in order
    (the same digest the per-feed layout computed, so stored ``feed@`` entries still match)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
