"""``oncall publish --caldav``: the use case behind the command (faces call this, not
``oncall.feeds.caldav_sync`` directly).

The password never travels on the command line (it would sit in shell history and in
``ps``) nor into a log: it comes from ``ONCALL_CALDAV_PASSWORD`` or the system keyring
(service ``oncall-caldav``, user name ``USER@HOST``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.revisions import RevisionStore
from oncall.export.ics import FeedOptions, FeedSet, RevisionFile, RevisionFileError, all_specs, calendar_name
from oncall.export.ics_events import team_slug
from oncall.feeds.caldav_sync import CalDavError, CalDavServer, CalendarSync, SyncCounts, sync_feeds

PASSWORD_VARIABLE = "ONCALL_CALDAV_PASSWORD"
KEYRING_SERVICE = "oncall-caldav"
STATE_DIR = ".oncall-caldav"  # beside a team file: the revisions of what was pushed

__all__ = ["CalDavError", "CalendarSync", "SyncCounts", "caldav_password", "keyring_user", "publish_caldav"]


def keyring_user(user: str, url: str) -> str:
    return f"{user}@{urlsplit(url).hostname or url}"


def caldav_password(user: str, url: str, environ: dict | None = None) -> str:
    """The password: ``ONCALL_CALDAV_PASSWORD``, else the keyring; CalDavError if neither has it."""
    environ = os.environ if environ is None else environ
    password = environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    name = keyring_user(user, url)
    try:
        import keyring

        password = keyring.get_password(KEYRING_SERVICE, name)
    except Exception:  # noqa: BLE001 - no keyring backend on this machine (headless servers)
        password = None
    if not password:
        raise CalDavError(f"no password for {name}: set {PASSWORD_VARIABLE}, or store it once with "
                          f"`keyring set {KEYRING_SERVICE} {name}`")
    return password


@dataclass(frozen=True)
class CalDavPublish:
    calendars: tuple[CalendarSync, ...]
    total: SyncCounts


def publish_caldav(team: Team, url: str, user: str, password: str, now: datetime,
                   options: FeedOptions | None = None, *, feeds: Iterable[str] = (),
                   notes: Iterable[HandoffNote] = (), revisions: Callable[[str], RevisionStore] | None = None,
                   state_dir: str | Path | None = None, timeout: float = 30.0) -> CalDavPublish:
    """Sync the chosen feeds (names; all when empty) into the CalDAV account at ``url``.

    ``revisions`` is the database's store; without it, a revision file in ``state_dir``
    keeps SEQUENCE/LAST-MODIFIED stable between runs (else every run would change every
    event). Raises CalDavError (server), ValueError (an unknown feed name) or
    RevisionFileError. Nothing is written to the server before the login succeeded.
    """
    names = list(dict.fromkeys(feeds))
    known = [s.name for s in all_specs(team)]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"no feed named {', '.join(unknown)} (team, site-<id>, member-<id>: {', '.join(known)})")
    server = CalDavServer(url, user, password, timeout=timeout)  # logs in first: a wrong password stops here
    revision_file = None
    if revisions is None:
        if state_dir is None:
            raise ValueError("a team file needs a state folder for the event revisions")
        revision_file = RevisionFile.load(state_dir)
        revisions = revision_file.store
    feed_set = FeedSet.for_horizon(team, now, options, notes)
    rendered = feed_set.render_all(revisions, now)
    if revision_file is not None:
        revision_file.save()  # before pushing: what the server gets is what the next run compares
    chosen = {n: (calendar_name(team, rendered[n].spec), rendered[n].body) for n in (names or known)}
    results = sync_feeds(server, team_slug(team), chosen, set(known))
    total = SyncCounts()
    for r in results:
        total.add(r.counts)
    return CalDavPublish(tuple(results), total)


__all__ += ["CalDavPublish", "RevisionFileError", "STATE_DIR"]
