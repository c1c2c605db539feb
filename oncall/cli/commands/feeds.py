"""``oncall feeds``: the team's public feed address and its feed links.

``list|create|revoke|rotate`` manage subscription tokens; ``check`` fetches one feed through
the public address; ``invite`` prints the text to send a member; ``qr`` draws a link's QR code.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from oncall.cli.common import CliError, open_team


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feeds", help="the public feed address; list, create, revoke or rotate feed links",
                       description="Each feed has its own secret link, built from the team's public address "
                                   "(`oncall feeds --base-url https://cal.example.com` sets it for the whole "
                                   "team; without an action it shows and checks it). Only a hash of a secret is "
                                   "stored, so a link is printed once, when the feed is created or rotated.")
    # --db and --base-url are accepted before or after the action (`feeds --db x list`, `feeds list --db x`).
    common = argparse.ArgumentParser(add_help=False)
    _add_common_arguments(common)
    _add_common_arguments(p)
    actions = p.add_subparsers(dest="feeds_action", metavar="ACTION")
    ls = actions.add_parser("list", parents=[common], help="every feed token with its state and last access")
    ls.add_argument("--active", action="store_true", help="leave out revoked tokens")
    create = actions.add_parser("create", parents=[common],
                                help="a new feed link: `create team`, `create site ID`, `create member ID`, "
                                     "`create --all-members`")
    create.add_argument("kind", nargs="?", choices=("team", "site", "member"))
    create.add_argument("target", nargs="?", metavar="ID", help="the site or member id")
    create.add_argument("--label", help="a note for yourself (whose phone, which client)")
    create.add_argument("--all-members", action="store_true",
                        help="one member feed, labelled with the name, for every member who has none")
    revoke = actions.add_parser("revoke", parents=[common], help="stop a feed link from working (404 from then on)")
    revoke.add_argument("id", type=feed_id, metavar="FEED_ID")
    rotate = actions.add_parser("rotate", parents=[common], help="replace a feed's link with a new one (the old one stops)")
    rotate.add_argument("id", type=feed_id, metavar="FEED_ID")
    check = actions.add_parser("check", parents=[common],
                               help="fetch one feed through the public address (HEAD): status, TLS, time")
    check.add_argument("link", nargs="?", metavar="LINK",
                       help="a feed link to fetch (default: a random link, which `oncall serve` answers with 404)")
    check.add_argument("--cafile", metavar="PEM", help="trust this CA certificate too (a private CA)")
    check.add_argument("--timeout", type=seconds, default=10.0, metavar="SECONDS", help="default 10")
    invite = actions.add_parser("invite", parents=[common], help="print the invitation to send a member")
    invite.add_argument("member", metavar="MEMBER", help="the member id")
    how = invite.add_mutually_exclusive_group()
    how.add_argument("--link", metavar="URL", help="the member's existing feed link")
    how.add_argument("--new-link", action="store_true",
                     help="give the member a new link (their existing one stops working)")
    invite.add_argument("--mailto", action="store_true", help="print a mailto: link instead of the text")
    qr = actions.add_parser("qr", parents=[common], help="a QR code of a feed link (PNG, SVG or terminal text)")
    qr.add_argument("link", metavar="LINK", help="a feed link (https:// or webcal://; encoded as webcal://)")
    out = qr.add_mutually_exclusive_group()
    out.add_argument("--png", metavar="FILE", help="write a PNG")
    out.add_argument("--svg", metavar="FILE", help="write an SVG")
    p.set_defaults(func=run)


def feed_id(text: str) -> int:
    """A feed number as `feeds list` prints it (a positive whole number)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a feed number: {text!r} (see `oncall feeds list`)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a feed number: {text!r} (see `oncall feeds list`)")
    return value


def seconds(text: str) -> float:
    """A probe timeout: more than 0 and at most 300 seconds (inf/nan would reach the socket)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 300:
        raise argparse.ArgumentTypeError(f"not a timeout: {text!r} (seconds, more than 0 and at most 300)")
    return value


def _add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=argparse.SUPPRESS,
                        help="database: SQLite file path or postgresql+psycopg://user@host/db URL")
    parser.add_argument("--base-url", default=argparse.SUPPRESS, metavar="URL",
                        help="set the team's public feed address, where subscribers reach `oncall serve` "
                             "(e.g. https://cal.example.com); stored in the team database")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "feeds_action", None) == "qr":
        return _qr(args)
    from oncall.services import feeds, session

    db_arg = getattr(args, "db", None)
    # Only the default database starts itself (with the demo team); a --db that does not exist
    # is an error, not a new empty team left behind by a refused `feeds --db typo.db invite x`.
    with open_team(args, create=db_arg is None, demo_if_new=db_arg is None) as opened:
        try:
            with session.storage_errors():
                return _act(feeds, opened.database, args)
        except (feeds.FeedServiceError, session.SessionError, ValueError) as exc:
            raise CliError(str(exc)) from None


def _act(feeds, db, args: argparse.Namespace) -> int:
    """Run the action with --base-url's address, and store that address only once the action
    succeeded: a refused action (an unknown member, a revoked feed) leaves the database as it was."""
    base_url = getattr(args, "base_url", None)
    if base_url is not None and args.feeds_action is not None and not feeds.check_address(base_url).usable:
        feeds.set_public_address(db, base_url)  # refuses with the reason, nothing stored
    code = _action(feeds, db, args, base_url)
    if base_url is not None:
        _print_check(feeds.set_public_address(db, base_url), stored=True)
    return code


def _action(feeds, db, args: argparse.Namespace, base_url: str | None) -> int:
    action = args.feeds_action
    if action is None:
        if base_url is None:
            _show_address(feeds, db)
    elif action == "list":
        _print_list(feeds.list_feeds(db, include_revoked=not args.active))
    elif action == "create":
        _create(feeds, db, args, base_url)
    elif action == "revoke":
        entry = feeds.revoke_feed(db, args.id)
        print(f"Revoked feed #{entry.id} ({entry.title}); `oncall serve` answers its link with 404 from now on "
              "(a copy made by `oncall publish` stays until you publish again).")
    elif action == "rotate":
        _print_issued("Rotated", feeds.rotate_feed(db, args.id, base_url=base_url))
    elif action == "check":
        return _check(feeds, db, args, base_url)
    elif action == "invite":
        text, issued = feeds.invite_member(db, args.member, link=args.link, new_link=args.new_link,
                                           base_url=base_url)
        if issued is not None:
            print(f"{'Rotated' if args.new_link else 'Created'} feed #{issued.entry.id} for {args.member}.",
                  file=sys.stderr)
        print(text.mailto if args.mailto else text.body, end="\n" if args.mailto else "")
    return 0


def _create(feeds, db, args: argparse.Namespace, base_url: str | None) -> None:
    if args.all_members:
        if args.kind or args.target or args.label:
            raise CliError("--all-members takes no kind, id or label (each feed is labelled with the name)")
        issued = feeds.create_member_feeds(db, base_url=base_url)
        if not issued:
            print("Every member already has a feed; nothing created.")
            return
        for one in issued:
            _print_issued("Created", one, note=False)
        for warning in issued[0].links.warnings:
            print(f"oncall: warning: {warning}", file=sys.stderr)
        print(f"{len(issued)} member feeds created. These links are shown only now: send each to its member "
              "(`oncall feeds invite MEMBER --link LINK` prints the invitation).")
        print(feeds.GOOGLE_REFRESH_NOTE, file=sys.stderr)
        return
    if args.kind is None:
        raise CliError("say which feed: `create team`, `create site ID`, `create member ID` or `create --all-members`")
    _print_issued("Created", feeds.create_feed(db, args.kind, args.target, args.label, base_url=base_url))


def _show_address(feeds, db) -> None:
    stored = feeds.public_address(db)
    if stored is None:
        print(f"No public feed address set: links use {feeds.DEFAULT_BASE_URL} (this computer only).")
        print("Set it with `oncall feeds --base-url https://cal.example.com`.")
        _print_check(feeds.check_address(feeds.DEFAULT_BASE_URL))
        return
    print(f"Public feed address: {stored}")
    _print_check(feeds.check_address(stored))


def _print_check(check, stored: bool = False) -> None:
    if stored:
        print(f"Public feed address set to {check.base_url}")
    for message in check.messages:
        print(f"oncall: warning: {message}", file=sys.stderr)


def _check(feeds, db, args: argparse.Namespace, base_url: str | None) -> int:
    address = feeds.effective_address(db, base_url)
    check = feeds.check_address(address)
    print(f"Public feed address: {address}")
    _print_check(check)
    result = feeds.probe_address(address, args.link, cafile=args.cafile, timeout=args.timeout)
    print(result.text())
    if args.link is None and result.status == 404:
        print("The address reaches a server (a random link is unknown to it, as it should be). "
              "Pass a real feed link to check it serves a calendar.")
        return 0
    return 0 if result.ok else 1


def _qr(args: argparse.Namespace) -> int:
    from oncall.services.feed_links import qr_code

    link = args.link.strip()
    scheme, sep, rest = link.partition("://")
    if not sep or scheme not in ("http", "https", "webcal") or not rest:
        raise CliError(f"not a feed link: {link!r} (https://... or webcal://...)")
    webcal = "webcal://" + rest
    try:
        if args.png or args.svg:
            path, kind = (args.png, "png") if args.png else (args.svg, "svg")
            image = qr_code(webcal, kind)
            try:
                Path(path).write_bytes(image)
            except OSError as exc:
                raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
            print(f"QR code of the webcal link written to {path}")
        else:
            sys.stdout.write(qr_code(webcal, "text").decode("utf-8"))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return 0


def _when(instant: datetime | None) -> str:
    return "never" if instant is None else instant.strftime("%Y-%m-%d %H:%M UTC")


def _print_list(entries) -> None:
    if not entries:
        print("No feeds yet. Create one with `oncall feeds create member ID` (or site ID, or team, "
              "or --all-members).")
        return
    print(f"{'ID':>4}  {'STATE':<9} {'FEED':<22} {'LAST ACCESS':<21} {'CREATED':<21} LABEL")
    for e in entries:
        print(f"{e.id:>4}  {e.state:<9} {e.name:<22} {_when(e.last_access_at):<21} {_when(e.created_at):<21} "
              f"{e.label or ''}")


def _print_issued(verb: str, issued, note: bool = True) -> None:
    from oncall.services.feeds import GOOGLE_REFRESH_NOTE

    e, links = issued.entry, issued.links
    print(f"{verb} feed #{e.id}: {e.title}")
    print(f"  https:  {links.https or '(' + links.why_no_https + ')'}")
    if links.https is None:
        print(f"  http:   {links.plain}")
    print(f"  webcal: {links.webcal}")
    if note:
        print("This link is shown only now: copy it. Anyone who has it can read this calendar.")
        print(GOOGLE_REFRESH_NOTE, file=sys.stderr)
        for warning in links.warnings:
            print(f"oncall: warning: {warning}", file=sys.stderr)
