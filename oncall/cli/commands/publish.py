"""``oncall publish DIR``: the feeds as static files with unguessable names, for any web host."""

from __future__ import annotations

import argparse
from datetime import datetime

from oncall.cli.common import CliError, add_team_source_arguments
from oncall.cli.commands.export_ics import add_feed_option_arguments, feed_options_from_args, open_inputs
from oncall.core.timezones import UTC


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="write feeds as static files with secret names (for any web host)",
                       description="Write every feed into DIR under a random, stable file name, and a private "
                                   "index of the links into DIR/.oncall-publish/ (do not upload that folder). "
                                   "Upload DIR's .ics files to any web server or bucket.")
    p.add_argument("directory", metavar="DIR")
    add_team_source_arguments(p)
    p.add_argument("--base-url", metavar="URL",
                   help="where DIR is reachable (e.g. https://files.example.com/oncall), to list full links")
    p.add_argument("--rotate", action="append", default=[], metavar="FEED",
                   help="give this feed (team, site-<id>, member-<id>) a new secret name; repeatable")
    add_feed_option_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oncall.feeds.publish import PublishError, publish

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
