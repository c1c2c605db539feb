"""Feeds out of the app, for the faces: .ics files (``oncall export ics``), a static folder
(``oncall publish``) and the HTTP feed server (``oncall serve``).

The renderers live in :mod:`oncall.export` and :mod:`oncall.feeds`; the CLI and the GUI reach
them only through this module and :mod:`oncall.services.feeds` (the import contract in
pyproject.toml says so), so a face never depends on how a feed is rendered or served.
"""

from __future__ import annotations

from oncall.export.ics import FeedOptions, RevisionFileError, export_ics
from oncall.feeds.publish import PublishError, publish
from oncall.feeds.server import DEFAULT_HOST, DEFAULT_PORT, FeedServer, ServerSettings

ACCESS_LOG = "oncall.feeds"  # the server's logger (its access log is a child): the CLI configures it


def feed_server(db, settings: ServerSettings) -> FeedServer:
    """A feed server over an open team database (bound now, serving once ``serve_forever`` runs).

    Raises OSError when the address cannot be bound.
    """
    from oncall.feeds.source import DatabaseFeedSource

    return FeedServer(DatabaseFeedSource(db), settings)


__all__ = [
    "ACCESS_LOG", "DEFAULT_HOST", "DEFAULT_PORT", "FeedOptions", "FeedServer", "PublishError", "RevisionFileError",
    "ServerSettings", "export_ics", "feed_server", "publish",
]
