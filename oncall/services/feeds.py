"""Feed subscriptions, as the GUI's Feeds panel and ``oncall feeds`` use them.

Only a hash of each secret is stored, so a feed's URL can be shown when it is created or
rotated and never again: ``list_feeds`` shows which feeds exist, who they are for and when
they were last fetched; ``create_feed``/``rotate_feed`` return the URLs to hand out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import RevisionStore
from oncall.export.ics_feeds import FeedSpec, calendar_name, check_spec
from oncall.feeds.address import AddressCheck, check_address
from oncall.feeds.probe import redact
from oncall.feeds.server import DEFAULT_HOST, DEFAULT_PORT

from .feed_links import GOOGLE_REFRESH_NOTE, FeedLinks, Invitation, invitation, invitation_for, links_for

if TYPE_CHECKING:  # pragma: no cover
    from oncall.feeds.probe import ProbeResult

DEFAULT_BASE_URL = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"
PUBLIC_URL_SETTING = "feeds.public_url"
__all__ = ["GOOGLE_REFRESH_NOTE", "FeedLinks", "AddressCheck", "check_address"]


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
    """A feed whose secret was just made: the only time its links can be shown."""

    entry: FeedEntry
    links: FeedLinks


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


# -- the public address ----------------------------------------------------------------------
def public_address(db) -> str | None:
    """The team's public feed address as stored in its database (None: never set)."""
    return db.settings.get(PUBLIC_URL_SETTING)


def effective_address(db, override: str | None = None) -> str:
    """The address links are built from: ``override`` (a command's --base-url), else the
    team's public address, else the local server's own address."""
    return override or public_address(db) or DEFAULT_BASE_URL


def set_public_address(db, url: str, *, user: str | None = None) -> AddressCheck:
    """Check and store the team's public feed address. A malformed address is refused
    (FeedServiceError, nothing stored); warnings are returned for the face to show."""
    check = check_address(url)
    if not check.usable:
        raise FeedServiceError(f"public feed address refused: {check.messages[0]}")
    db.settings.set(PUBLIC_URL_SETTING, check.base_url, user=user)
    return check


def create_feed(db, kind: str, target: str | None, label: str | None = None, *,
                base_url: str | None = None, user: str | None = None) -> IssuedFeed:
    base = _base(effective_address(db, base_url))
    try:
        spec = FeedSpec(kind, target)
        check_spec(db.load_team(), spec)
    except ValueError as exc:
        raise FeedServiceError(str(exc)) from None
    token, secret = db.feed_tokens.create(spec.kind, spec.target, label, user=user)
    return IssuedFeed(_entry(db.load_team(), token), links_for(base, secret))


def members_without_feed(db) -> list[str]:
    """Member ids with no active member feed, in team order."""
    team = db.load_team()
    covered = {t.target for t in db.feed_tokens.list() if t.kind == "member" and t.revoked_at is None}
    return [m.id for m in team.members if m.id not in covered]


def create_member_feeds(db, *, base_url: str | None = None, user: str | None = None) -> list[IssuedFeed]:
    """"Create feeds for everyone": one member feed, labelled with the member's name, for
    each member who has no active one. Returns the new feeds (their links are shown once)."""
    base = _base(effective_address(db, base_url))
    team = db.load_team()
    issued = []
    for member_id in members_without_feed(db):
        member = team.member(member_id)
        token, secret = db.feed_tokens.create("member", member_id, member.name, user=user)
        issued.append(IssuedFeed(_entry(team, token), links_for(base, secret)))
    return issued


def invite_member(db, member_id: str, *, link: str | None = None, new_link: bool = False,
                  base_url: str | None = None, user: str | None = None) -> tuple[Invitation, IssuedFeed | None]:
    """The invitation text for one member, and the feed issued for it (None with ``link``).

    Secrets are stored only as hashes, so an existing feed's link cannot be shown again:
    with no feed yet, one is created; with one, pass its ``link`` or ask for a ``new_link``
    (the member's feed is rotated: the old link stops working)."""
    team = db.load_team()
    if not team.has_member(member_id):
        raise FeedServiceError(f"no member {member_id!r} in the team")
    member = team.member(member_id)
    active = [t for t in db.feed_tokens.list() if t.kind == "member" and t.target == member_id and t.revoked_at is None]
    if link is not None:
        check = check_address(link)
        if not check.usable or "/feeds/" not in link:
            why = f": {check.messages[0]}" if not check.usable and check.messages else ""
            raise FeedServiceError(f"not a feed link: {redact(link)!r} (a link printed by `oncall feeds create`){why}")
        https = link if link.startswith("https://") else None
        links = FeedLinks(https, "webcal://" + link.split("://", 1)[1], link,
                          None if https else "no https link: the link given is plain http", check.messages)
        return invitation(member.name, calendar_name(team, FeedSpec("member", member_id)), links, member.email), None
    if active and not new_link:
        ids = ", ".join(f"#{t.id}" for t in active)
        raise FeedServiceError(f"{member.name} already has feed {ids}; its link was shown when it was made. "
                               "Pass that link with --link, or use --new-link to replace it (the old link "
                               "stops working)")
    if active:
        issued = rotate_feed(db, active[0].id, base_url=base_url, user=user)
    else:
        issued = create_feed(db, "member", member_id, member.name, base_url=base_url, user=user)
    return invitation_for(team, issued), issued


def probe_address(base_url: str, link: str | None = None, *, cafile: str | None = None,
                 timeout: float = 10.0) -> ProbeResult:
    """HEAD one feed through the public address. Without a ``link`` (links are shown only
    when made), a random one is asked for: `oncall serve` then answers 404, which still
    proves the address, proxy and TLS carry a request to it."""
    from oncall.feeds.probe import probe

    base = _base(base_url)
    return probe(link or f"{base}/feeds/{secrets.token_urlsafe(24)}.ics", cafile=cafile, timeout=timeout)


def revoke_feed(db, token_id: int, *, user: str | None = None) -> FeedEntry:
    _existing(db, token_id)
    db.feed_tokens.revoke(token_id, user=user)
    return _entry(db.load_team(), db.feed_tokens.get(token_id))


def rotate_feed(db, token_id: int, *, base_url: str | None = None, user: str | None = None) -> IssuedFeed:
    base = _base(effective_address(db, base_url))
    token = _existing(db, token_id)
    if token.revoked_at is not None:
        raise FeedServiceError(f"feed #{token_id} is revoked; create a new one")
    secret = db.feed_tokens.rotate(token_id, user=user)
    return IssuedFeed(_entry(db.load_team(), db.feed_tokens.get(token_id)), links_for(base, secret))


def _existing(db, token_id: int):
    token = db.feed_tokens.get(token_id)
    if token is None:
        raise FeedServiceError(f"no feed #{token_id} (see `oncall feeds list`)")
    return token


def _base(base_url: str) -> str:
    check = check_address(base_url)
    if check.base_url is None:
        raise FeedServiceError(f"feed address {base_url!r} refused: {check.messages[0]}")
    return check.base_url


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

    with session.open_for_command(team_file, db_arg, create=True, demo_if_new=db_arg is None) as opened:
        db = opened.database
        if db is None:
            yield FeedInputs(opened.team, description=opened.description)
            return
        with session.storage_errors():
            notes = db.notes.list() if include_notes else []
        yield FeedInputs(opened.team, notes, db.revisions, db, opened.description)
