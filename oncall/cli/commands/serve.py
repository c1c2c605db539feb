"""``oncall serve``: serve every feed token's calendar at /feeds/<token>.ics."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import socket
import sys

from oncall.cli.common import CliError, open_team
from oncall.cli.commands.export_ics import add_feed_option_arguments, feed_options_from_args


def register(sub: argparse._SubParsersAction) -> None:
    from oncall.services.publishing import DEFAULT_HOST, DEFAULT_PORT

    p = sub.add_parser("serve", help="serve calendar feeds over HTTP (waitress)",
                       description="Serve each feed token's calendar at /feeds/<token>.ics. Binds to "
                                   f"{DEFAULT_HOST} unless --host says otherwise; put a TLS reverse proxy in front "
                                   "to offer https:// URLs. Create tokens with `oncall feeds create`.")
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="database: SQLite file path or postgresql+psycopg://user@host/db URL")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 = any free port)")
    p.add_argument("--threads", type=int, default=4, help="worker threads (default 4)")
    p.add_argument("--quiet", action="store_true", help="no access log on stderr")
    p.add_argument("--public-url", metavar="URL",
                   help="the team's public feed address, where subscribers reach this server (e.g. the TLS "
                        "reverse proxy's https://cal.example.com); stored in the team database, links use it")
    add_feed_option_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oncall.services.publishing import ServerSettings

    options = feed_options_from_args(args)
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, not {args.port}")
    if not 1 <= args.threads <= 64:
        raise CliError("--threads must be between 1 and 64")
    with open_team(args) as opened:
        return _serve(args, opened.database, ServerSettings(args.host, args.port, args.threads, options=options))


def _serve(args: argparse.Namespace, db, settings) -> int:
    from oncall.services.publishing import feed_server

    public = _public_address(db, args.public_url)
    _configure_logging(args.quiet)
    try:
        _resolve(args.host, args.port)
        server = feed_server(db, settings)
    except (OSError, ValueError) as exc:  # waitress says ValueError for an address it cannot use
        raise CliError(f"cannot listen on {args.host}:{args.port}: {getattr(exc, 'strerror', None) or exc}") from None
    if not _is_loopback(args.host):
        print(f"oncall: warning: listening on {args.host}, not loopback: anyone who can reach it and holds a "
              "feed URL can read that calendar; serve it behind TLS", file=sys.stderr)
    signal.signal(signal.SIGTERM, _interrupt)  # systemd stops with SIGTERM: shut down cleanly
    print(f"Serving feeds from {db.location} at {server.base_url}/feeds/<token>.ics (Ctrl+C stops)", file=sys.stderr)
    if public:
        print(f"Feed links use the public address {public}", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _public_address(db, url: str | None) -> str | None:
    """Store ``--public-url`` (checked; a malformed one stops here) and return the address
    links use, warning about one subscribers cannot reach or that sends secrets in clear."""
    from oncall.services import feeds, session

    try:
        with session.storage_errors():
            check = feeds.set_public_address(db, url) if url else None
            stored = feeds.public_address(db)
    except (feeds.FeedServiceError, session.SessionError) as exc:
        raise CliError(str(exc)) from None
    if stored and check is None:
        check = feeds.check_address(stored)
    for message in check.messages if check else ():
        print(f"oncall: warning: public address {stored}: {message}", file=sys.stderr)
    return stored


def _resolve(host: str, port: int) -> None:
    """Fail early, with the resolver's words, for a host name that names no address."""
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise OSError(f"no such address ({exc.strerror})") from None
    except UnicodeError:
        raise OSError("not a valid host name") from None


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _configure_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
    from oncall.services.publishing import ACCESS_LOG

    feeds_log = logging.getLogger(ACCESS_LOG)  # the access log is its child
    feeds_log.addHandler(handler)
    feeds_log.setLevel(logging.WARNING if quiet else logging.INFO)
    feeds_log.propagate = False
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" on every burst
