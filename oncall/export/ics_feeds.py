"""The three kinds of feed (team, site, member) over a horizon, with stable revisions.

:class:`FeedSet` computes the schedule and every event once, then renders any feed from that
in the time it takes to select and join strings. Each feed's events get their SEQUENCE and
LAST-MODIFIED from a :class:`~oncall.core.revisions.RevisionStore`, so an unchanged
regeneration is byte-identical and a change moves the touched events alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from oncall.core.coverage import handoffs as find_handoffs
from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import Revision, RevisionStore
from oncall.core.schedule import compute_schedule
from oncall.core.timezones import UTC

from .ics_events import FeedEvent, build_events
from .ics_render import RenderOptions, assemble, fingerprint, render_event
from .ics_text import clean

TEAM, SITE, MEMBER = "team", "site", "member"
KINDS = (TEAM, SITE, MEMBER)
FEED_UID = "feed@"  # the revision store entry that dates the feed as a whole
_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class FeedOptions:
    """What goes into feeds. The horizon is counted from the UTC midnight of "now", so
    every regeneration on the same day covers the same range."""

    days_back: int = 30
    days_ahead: int = 365
    alarm_minutes: int | None = None  # member feeds only: VALARM before each shift
    include_notes: bool = False  # handoff notes in handoff descriptions (may be private)

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
        self._rendered: dict[tuple, str] = {}
        self._prints: dict[tuple[str, RenderOptions], str] = {}

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

    def render(self, spec: FeedSpec, revisions: RevisionStore, now: datetime) -> FeedDocument:
        """The feed's bytes; records fingerprints in ``revisions`` (moves only what changed)."""
        now = now.astimezone(UTC).replace(microsecond=0)
        render_options = RenderOptions(self.options.alarm_minutes if spec.kind == MEMBER else None)
        events = self.select(spec)
        prints = {e.uid: self._fingerprint(e, render_options) for e in events}
        name = calendar_name(self.team, spec)
        prints[FEED_UID] = _feed_fingerprint(name, prints)
        revs = revisions.sync(prints, now)
        body = assemble(name, (self._render_cached(e, prints[e.uid], revs[e.uid], render_options)
                               for e in events))
        return FeedDocument(spec, body, revs[FEED_UID].last_modified, len(events))

    def render_all(self, revisions_for: Callable[[str], RevisionStore], now: datetime) -> dict[str, FeedDocument]:
        return {spec.name: self.render(spec, revisions_for(spec.name), now) for spec in all_specs(self.team)}

    def _fingerprint(self, event: FeedEvent, options: RenderOptions) -> str:
        key = (event.uid, options)
        fp = self._prints.get(key)
        if fp is None:
            fp = self._prints[key] = fingerprint(event, options)
        return fp

    def _render_cached(self, event: FeedEvent, print_: str, rev: Revision, options: RenderOptions) -> str:
        # The same event shows in the team, site and member feeds; render it once.
        key = (event.uid, print_, rev.sequence, rev.last_modified)
        text = self._rendered.get(key)
        if text is None:
            text = self._rendered[key] = render_event(event, rev, options)
        return text


def _feed_fingerprint(name: str, prints: Mapping[str, str]) -> str:
    digest = hashlib.sha256(name.encode("utf-8"))
    for uid, fp in prints.items():
        digest.update(f"\x1e{uid}\x1f{fp}".encode("utf-8"))
    return digest.hexdigest()[:32]
