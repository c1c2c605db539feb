"""Feed subscriptions, as the GUI's Feeds panel and ``oncall feeds`` use them.

Only a hash of each secret is stored, so a feed's URL can be shown when it is created or
rotated and never again: ``list_feeds`` shows which feeds exist, who they are for and when
they were last fetched; ``create_feed``/``rotate_feed`` return the URLs to hand out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import RevisionStore
from oncall.export.ics_feeds import FeedSpec, calendar_name, check_spec
from oncall.feeds.server import DEFAULT_HOST, DEFAULT_PORT
from oncall.feeds.urls import FeedUrls, check_base_url, server_feed_urls

DEFAULT_BASE_URL = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"
GOOGLE_REFRESH_NOTE = ("Google Calendar refreshes subscribed calendars every 8 to 24 hours and ignores "
                       "the feed's refresh hint; Apple Calendar and Outlook follow it (about hourly).")


class FeedServiceError(ValueError):
    """A request the feeds panel or CLI cannot carry out; the message says why."""


@dataclass(frozen=True)
class FeedChoice:
    """A feed one can subscribe to: what the "New feed" picker lists."""

    kind: str
    target: str | None
    title: str

    @property
    def name(self) -> str:
        return FeedSpec(self.kind, self.target).name


@dataclass(frozen=True)
class FeedEntry:
    id: int
    kind: str
    target: str | None
    name: str  # team | site-<id> | member-<id>
    title: str  # "Payments SRE on call: Alice Chen"
    label: str | None
    created_at: datetime
    revoked_at: datetime | None
    last_access_at: datetime | None
    target_exists: bool  # False when the member or site was removed (the feed answers 404)

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def state(self) -> str:
        if not self.active:
            return "revoked"
        return "active" if self.target_exists else "orphaned"


@dataclass(frozen=True)
class IssuedFeed:
    """A feed whose secret was just made: the only time its URLs can be shown."""

    entry: FeedEntry
    urls: FeedUrls


def feed_choices(team: Team) -> list[FeedChoice]:
    specs = [FeedSpec("team")] + [FeedSpec("site", s.id) for s in team.sites] + \
            [FeedSpec("member", m.id) for m in team.members]
    return [FeedChoice(s.kind, s.target, calendar_name(team, s)) for s in specs]


def _entry(team: Team, token) -> FeedEntry:
    spec = FeedSpec(token.kind, token.target)
    try:
        check_spec(team, spec)
        exists = True
    except ValueError:
        exists = False
    return FeedEntry(token.id, token.kind, token.target, spec.name, calendar_name(team, spec), token.label,
                     token.created_at, token.revoked_at, token.last_access_at, exists)


def list_feeds(db, *, include_revoked: bool = True) -> list[FeedEntry]:
    team = db.load_team()
    return [_entry(team, t) for t in db.feed_tokens.list() if include_revoked or t.revoked_at is None]


def create_feed(db, kind: str, target: str | None, label: str | None = None, *,
                base_url: str = DEFAULT_BASE_URL, user: str | None = None) -> IssuedFeed:
    base = _base(base_url)
    try:
        spec = FeedSpec(kind, target)
        check_spec(db.load_team(), spec)
    except ValueError as exc:
        raise FeedServiceError(str(exc)) from None
    token, secret = db.feed_tokens.create(spec.kind, spec.target, label, user=user)
    return IssuedFeed(_entry(db.load_team(), token), server_feed_urls(base, secret))


def revoke_feed(db, token_id: int, *, user: str | None = None) -> FeedEntry:
    _existing(db, token_id)
    db.feed_tokens.revoke(token_id, user=user)
    return _entry(db.load_team(), db.feed_tokens.get(token_id))


def rotate_feed(db, token_id: int, *, base_url: str = DEFAULT_BASE_URL, user: str | None = None) -> IssuedFeed:
    base = _base(base_url)
    token = _existing(db, token_id)
    if token.revoked_at is not None:
        raise FeedServiceError(f"feed #{token_id} is revoked; create a new one")
    secret = db.feed_tokens.rotate(token_id, user=user)
    return IssuedFeed(_entry(db.load_team(), db.feed_tokens.get(token_id)), server_feed_urls(base, secret))


def _existing(db, token_id: int):
    token = db.feed_tokens.get(token_id)
    if token is None:
        raise FeedServiceError(f"no feed #{token_id} (see `oncall feeds list`)")
    return token


def _base(base_url: str) -> str:
    try:
        return check_base_url(base_url)
    except ValueError as exc:
        raise FeedServiceError(str(exc)) from None


@dataclass
class FeedInputs:
    """What rendering feeds needs: the team, its notes, and where revisions live
    (``revisions`` None: a revision file beside the output, for team-file users)."""

    team: Team
    notes: list[HandoffNote] = field(default_factory=list)
    revisions: Callable[[str], RevisionStore] | None = None
    db: object | None = None
    description: str = ""


@contextmanager
def feed_inputs(team_file: str | None, db_arg: str | None, include_notes: bool = False) -> Iterator[FeedInputs]:
    """Open the team from a team file or a database (the default one if neither is given).

    Raises ``session.SessionError`` with a message naming the source and the problem.
    """
    from oncall.services import session

    if team_file and db_arg:
        raise session.SessionError("give either a team file or --db, not both")
    if team_file:
        yield FeedInputs(session.load_team_file(team_file), description=str(team_file))
        return
    url = session.database_url(db_arg)
    db = session.open_database(url, create=True, demo_if_new=db_arg is None)
    try:
        from oncall import storage

        try:
            team = db.load_team()
            notes = db.notes.list() if include_notes else []
        except storage.StorageError as exc:
            raise session.SessionError(str(exc)) from None
        yield FeedInputs(team, notes, db.revisions, db, session.describe_url(url))
    finally:
        db.close()
