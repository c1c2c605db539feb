"""``oncall publish DIR``: the feeds as static files with unguessable names.

For teams that host feeds on any web server or bucket. Each feed gets a random file name
(192 bits) that stays the same across publishes, so subscriptions keep working; the name is
the secret. The mapping, the revisions and an index of every URL live in
``DIR/.oncall-publish/``, which must not be uploaded (the index is for the lead only).
"""

from __future__ import annotations

import html
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from oncall.atomic_file import write_atomic
from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.export.ics import FeedOptions, FeedSet, calendar_name, write_if_changed
from oncall.export.ics_feeds import FeedSpec
from oncall.export.ics_revision_file import RevisionFile, RevisionFileError

from .urls import feed_urls

PRIVATE_DIR = ".oncall-publish"
MAPPING_FILE = "names.json"
INDEX_FILE = "index.html"
SECRET_BYTES = 24
_PUBLISHED = re.compile(r"[A-Za-z0-9_-]{32}\.ics")


class PublishError(ValueError):
    """The folder cannot be published into; the message names the file and the problem."""


@dataclass(frozen=True)
class PublishedFeed:
    name: str  # team, site-<id>, member-<id>
    title: str
    file: Path
    url: str | None  # https form, when a base URL was given
    webcal: str | None
    changed: bool


@dataclass(frozen=True)
class PublishResult:
    feeds: tuple[PublishedFeed, ...]
    removed: tuple[Path, ...]
    index: Path


def publish(team: Team, directory: str | Path, now: datetime, options: FeedOptions | None = None, *,
            base_url: str | None = None, rotate: Iterable[str] = (),
            notes: Iterable[HandoffNote] = (), revisions=None) -> PublishResult:
    """Write every feed into ``directory`` under its secret name; return what was written.

    ``rotate`` lists feed names that get a new secret name (the old file is deleted, so old
    subscriptions stop). ``revisions`` is a callable feed name -> RevisionStore (the
    database's); by default a revision file in the private folder keeps them.
    """
    out = Path(directory)
    private = out / PRIVATE_DIR
    names, saved_base = _load_names(private / MAPPING_FILE)
    base_url = base_url or saved_base  # remembered, so a later publish still lists full links
    revision_file = None
    if revisions is None:
        try:
            revision_file = RevisionFile.load(private)
        except RevisionFileError as exc:
            raise PublishError(str(exc)) from None
        revisions = revision_file.store
    feeds = FeedSet.for_horizon(team, now, options, notes).render_all(revisions, now)
    unknown = set(rotate) - set(feeds)
    if unknown:
        raise PublishError(f"no feed named {', '.join(sorted(unknown))} (see the index for names)")
    out.mkdir(parents=True, exist_ok=True)
    private.mkdir(mode=0o700, exist_ok=True)
    removed = []
    for name in list(names):
        if name not in feeds or name in rotate:
            removed.append(out / names.pop(name))
    for name in feeds:
        names.setdefault(name, f"{secrets.token_urlsafe(SECRET_BYTES)}.ics")
    published = []
    for name, doc in feeds.items():
        path = out / names[name]
        changed = write_if_changed(path, doc.body)
        urls = feed_urls(base_url, names[name]) if base_url else None
        published.append(PublishedFeed(name, calendar_name(team, FeedSpec.parse(name)), path,
                                        urls.https if urls else None, urls.webcal if urls else None, changed))
    for path in removed:
        if _PUBLISHED.fullmatch(path.name):
            path.unlink(missing_ok=True)
    _save_json(private / MAPPING_FILE, {"format": 1, "files": names, "base_url": base_url})
    if revision_file is not None:
        revision_file.save()
    index = private / INDEX_FILE
    _write_private(index, render_index(team.name, published, now).encode("utf-8"))
    return PublishResult(tuple(published), tuple(removed), index)


def _load_names(path: Path) -> tuple[dict[str, str], str | None]:
    """The feed name -> file name mapping and the base URL of the last publish."""
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text("utf-8"))
        files = data["files"]
        if data.get("format") != 1 or not isinstance(files, dict):
            raise ValueError("unknown format")
        for name, file in files.items():
            if not isinstance(file, str) or not _PUBLISHED.fullmatch(file):
                raise ValueError(f"bad file name for {name!r}")
        base = data.get("base_url")
        return dict(files), base if isinstance(base, str) else None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"{path}: not a usable publish mapping ({exc}); restore it from a backup, "
                           "or delete it to publish under new names (subscribers must re-subscribe)") from None


def _save_json(path: Path, data: dict) -> None:
    _write_private(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


def _write_private(path: Path, data: bytes) -> None:
    write_atomic(path, data, mode=0o600)


def render_index(team_name: str, feeds: Iterable[PublishedFeed], now: datetime) -> str:
    """A small private HTML page: each feed's title, file and subscription links."""
    rows = []
    for f in feeds:
        link = (f'<a href="{html.escape(f.url)}">https</a> · <a href="{html.escape(f.webcal)}">webcal</a>'
                if f.url and f.webcal else "(publish with --base-url to get links)")
        rows.append(f"<tr><td>{html.escape(f.title)}</td><td><code>{html.escape(f.name)}</code></td>"
                    f"<td><code>{html.escape(f.file.name)}</code></td><td>{link}</td></tr>")
    return ("<!doctype html>\n<html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
            f"<title>{html.escape(team_name)}: feed links (private)</title></head><body>\n"
            f"<h1>{html.escape(team_name)}: calendar feed links</h1>\n"
            "<p>Keep this page private: anyone with a link can read that calendar. "
            "Google Calendar refreshes subscriptions only every 8 to 24 hours.</p>\n"
            f"<p>Published {now:%Y-%m-%d %H:%M} UTC.</p>\n"
            "<table><tr><th>Feed</th><th>Name</th><th>File</th><th>Subscribe</th></tr>\n"
            + "\n".join(rows) + "\n</table></body></html>\n")
