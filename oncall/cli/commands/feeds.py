"""``oncall feeds list|create|revoke|rotate``: manage feed subscription tokens."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from oncall.cli.common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feeds", help="list, create, revoke or rotate calendar feed URLs",
                       description="Each feed has its own secret URL. Only a hash of the secret is stored, so a "
                                   "URL is printed once, when the feed is created or rotated.")
    # --db and --base-url are accepted before or after the action (`feeds --db x list`, `feeds list --db x`).
    common = argparse.ArgumentParser(add_help=False)
    _add_common_arguments(common)
    _add_common_arguments(p)
    actions = p.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", parents=[common], help="every feed token with its state and last access")
    ls.add_argument("--active", action="store_true", help="leave out revoked tokens")
    create = actions.add_parser("create", parents=[common], help="a new feed URL: `create team`, `create site ID`, `create member ID`")
    create.add_argument("kind", choices=("team", "site", "member"))
    create.add_argument("target", nargs="?", metavar="ID", help="the site or member id")
    create.add_argument("--label", help="a note for yourself (whose phone, which client)")
    revoke = actions.add_parser("revoke", parents=[common], help="stop a feed URL from working (404 from then on)")
    revoke.add_argument("id", type=int, metavar="FEED_ID")
    rotate = actions.add_parser("rotate", parents=[common], help="replace a feed's URL with a new one (the old one stops)")
    rotate.add_argument("id", type=int, metavar="FEED_ID")
    p.set_defaults(func=run)


def _add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=argparse.SUPPRESS,
                        help="database: SQLite file path or postgresql+psycopg://user@host/db URL")
    parser.add_argument("--base-url", default=argparse.SUPPRESS, metavar="URL",
                        help="where `oncall serve` is reached, e.g. https://cal.example.com "
                             "(default http://127.0.0.1:8642)")


def run(args: argparse.Namespace) -> int:
    from oncall import storage
    from oncall.services import feeds, session

    db_arg = getattr(args, "db", None)
    base_url = getattr(args, "base_url", None) or feeds.DEFAULT_BASE_URL
    try:
        db = session.open_database(session.database_url(db_arg), create=True, demo_if_new=db_arg is None)
    except session.SessionError as exc:
        raise CliError(str(exc)) from None
    try:
        if args.feeds_action == "list":
            _print_list(feeds.list_feeds(db, include_revoked=not args.active))
        elif args.feeds_action == "create":
            _print_issued("Created", feeds.create_feed(db, args.kind, args.target, args.label, base_url=base_url))
        elif args.feeds_action == "revoke":
            entry = feeds.revoke_feed(db, args.id)
            print(f"Revoked feed #{entry.id} ({entry.title}); its URL now answers 404.")
        else:
            _print_issued("Rotated", feeds.rotate_feed(db, args.id, base_url=base_url))
    except (feeds.FeedServiceError, storage.StorageError) as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    return 0


def _when(instant: datetime | None) -> str:
    return "never" if instant is None else instant.strftime("%Y-%m-%d %H:%M UTC")


def _print_list(entries) -> None:
    if not entries:
        print("No feeds yet. Create one with `oncall feeds create member ID` (or site ID, or team).")
        return
    print(f"{'ID':>4}  {'STATE':<9} {'FEED':<22} {'LAST ACCESS':<21} {'CREATED':<21} LABEL")
    for e in entries:
        print(f"{e.id:>4}  {e.state:<9} {e.name:<22} {_when(e.last_access_at):<21} {_when(e.created_at):<21} "
              f"{e.label or ''}")


def _print_issued(verb: str, issued) -> None:
    from oncall.services.feeds import GOOGLE_REFRESH_NOTE

    e = issued.entry
    print(f"{verb} feed #{e.id}: {e.title}")
    print(f"  {issued.urls.https}")
    print(f"  {issued.urls.webcal}")
    print("This URL is shown only now: copy it. Anyone who has it can read this calendar.")
    print(GOOGLE_REFRESH_NOTE, file=sys.stderr)
