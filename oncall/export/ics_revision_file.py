"""Feed revisions in a JSON file beside exported feeds, for teams that keep a team file.

Without it every export would stamp every event "changed now" and calendar clients would
churn. The file maps namespace -> UID -> [fingerprint, sequence, last-modified]: every event
in the shared events namespace (``team``, see ``ics_feeds``), and one ``feed@`` entry per
feed. It is written atomically (temp file + rename), so an interrupted export leaves the old one.

A file written in the older per-feed layout (each feed's namespace holding its own events)
reads as it is: the ``team`` namespace already held every event's revision, so exports carry
on from it. The events in the other feeds' namespaces are no longer used; they are dropped
when the file is read, so the next save writes the new layout.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from oncall.atomic_file import write_atomic
from oncall.core.revisions import Revision, next_revisions

from .ics_feeds import EVENTS, FEED_UID

FILE_NAME = ".oncall-revisions.json"
FORMAT = 1


class RevisionFileError(ValueError):
    """The revision file exists but cannot be read; the message names it."""


class _FeedView:
    def __init__(self, owner: "RevisionFile", feed: str) -> None:
        self._owner, self._feed = owner, feed

    def sync(self, fingerprints: Mapping[str, str], now: datetime) -> dict[str, Revision]:
        stored = self._owner.feeds.setdefault(self._feed, {})
        current = next_revisions(stored, fingerprints, now)
        stored.update(current)
        return current


class RevisionFile:
    """All feeds' revisions from one JSON file; :meth:`save` writes them back."""

    def __init__(self, path: Path, feeds: dict[str, dict[str, Revision]]) -> None:
        self.path = path
        self.feeds = feeds

    @classmethod
    def load(cls, directory: str | Path) -> "RevisionFile":
        path = Path(directory) / FILE_NAME
        if not path.exists():
            return cls(path, {})
        try:
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("unknown format")
            feeds = {feed: {uid: Revision(fp, int(seq), datetime.fromisoformat(lm))
                            for uid, (fp, seq, lm) in uids.items() if feed == EVENTS or uid == FEED_UID}
                     for feed, uids in data["feeds"].items()}
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise RevisionFileError(f"{path}: not a usable revision file ({exc}); move it away to "
                                    "start over (calendar clients will see every event as changed once)") from exc
        return cls(path, feeds)

    def store(self, feed: str) -> _FeedView:
        return _FeedView(self, feed)

    def save(self) -> None:
        data = {"format": FORMAT, "feeds": {
            feed: {uid: [r.fingerprint, r.sequence, r.last_modified.isoformat()] for uid, r in sorted(uids.items())}
            for feed, uids in sorted(self.feeds.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
