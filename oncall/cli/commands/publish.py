"""``oncall publish DIR``: the feeds as static files with unguessable names, for any web host;
``oncall publish --caldav URL``: the feeds pushed into calendars on a CalDAV server."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from oncall.cli.common import CliError, add_team_source_arguments
from oncall.cli.commands.export_ics import add_feed_option_arguments, feed_options_from_args, open_inputs
from oncall.core.timezones import UTC


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="write feeds as static files with secret names, or push them to CalDAV",
                       description="Write every feed into DIR under a random, stable file name, and a private "
                                   "index of the links into DIR/.oncall-publish/ (do not upload that folder). "
                                   "Upload DIR's .ics files to any web server or bucket. With --caldav URL, keep "
                                   "one calendar per feed on a CalDAV server in sync instead (no DIR); the "
                                   "password comes from ONCALL_CALDAV_PASSWORD or the system keyring.")
    p.add_argument("directory", metavar="DIR", nargs="?")
    add_team_source_arguments(p)
    p.add_argument("--base-url", metavar="URL",
                   help="where DIR is reachable (e.g. https://files.example.com/oncall), to list full links")
    p.add_argument("--rotate", action="append", default=[], metavar="FEED",
                   help="give this feed (team, site-<id>, member-<id>) a new secret name; repeatable")
    p.add_argument("--caldav", metavar="URL",
                   help="a CalDAV account (e.g. https://dav.example.com/remote.php/dav/): create, update and "
                        "delete events so each feed's calendar matches the schedule")
    p.add_argument("--user", metavar="USER", help="the CalDAV user name (with --caldav)")
    p.add_argument("--feed", action="append", default=[], metavar="FEED",
                   help="with --caldav: sync only this feed (team, site-<id>, member-<id>); repeatable; "
                        "default every feed")
    add_feed_option_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.caldav:
        return _run_caldav(args)
    if args.user or args.feed:
        raise CliError("--user and --feed go with --caldav URL")
    if args.directory is None:
        raise CliError("say where to publish: a folder (DIR) or --caldav URL")
    from oncall.services.publishing import PublishError, publish

    options = feed_options_from_args(args)
    # Keep the first positional as DIR: add_team_source_arguments made TEAM.toml the second.
    with open_inputs(args, options.include_notes) as inputs:
        try:
            result = publish(inputs.team, args.directory, datetime.now(UTC), options, base_url=args.base_url,
                             rotate=args.rotate, notes=inputs.notes, revisions=inputs.revisions)
        except (PublishError, ValueError) as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(f"cannot publish into {args.directory}: {exc.strerror or exc}") from None
    changed = sum(f.changed for f in result.feeds)
    print(f"{len(result.feeds)} feeds in {args.directory} ({changed} changed"
          + (f", {len(result.removed)} removed" if result.removed else "") + ").")
    print(f"Private index of the links: {result.index} (do not upload {result.index.parent.name}/)")
    return 0


def _run_caldav(args: argparse.Namespace) -> int:
    from oncall.services import caldav_publish as service

    if args.team_file and args.directory:
        raise CliError("--caldav pushes to a server: give a team file or --db, not a folder too")
    if args.base_url or args.rotate:
        raise CliError("--base-url and --rotate are for publishing into a folder, not --caldav")
    args.team_file = args.team_file or args.directory  # `publish --caldav URL team.toml`
    if not args.user:
        raise CliError("--caldav needs --user USER (the password comes from ONCALL_CALDAV_PASSWORD or the keyring)")
    options = feed_options_from_args(args)
    state = Path(args.team_file).resolve().parent / service.STATE_DIR if args.team_file else None
    try:
        password = service.caldav_password(args.user, args.caldav)
    except service.CalDavError as exc:
        raise CliError(str(exc)) from None
    with open_inputs(args, options.include_notes) as inputs:
        try:
            result = service.publish_caldav(inputs.team, args.caldav, args.user, password, datetime.now(UTC),
                                            options, feeds=args.feed, notes=inputs.notes,
                                            revisions=inputs.revisions, state_dir=state)
        except (service.CalDavError, service.RevisionFileError, ValueError) as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(f"cannot keep the revisions in {state}: {exc.strerror or exc}") from None
    for cal in result.calendars:
        c = cal.counts
        what = f"{cal.feed} (removed from the team: emptied)" if cal.orphan else cal.feed
        print(f"{what:<28} created {c.created:>4}  updated {c.updated:>4}  deleted {c.deleted:>4}  "
              f"unchanged {c.unchanged:>5}" + (f"  conflicts {len(c.conflicts)}" if c.conflicts else ""))
    t = result.total
    print(f"{len(result.calendars)} calendars on {args.caldav}: created {t.created}, updated {t.updated}, "
          f"deleted {t.deleted}, unchanged {t.unchanged}.")
    if t.conflicts:
        print(f"oncall: {len(t.conflicts)} events changed on the server during the sync and were left alone "
              f"(e.g. {t.conflicts[0]}); run again to bring them in line.", file=sys.stderr)
        return 1
    return 0
