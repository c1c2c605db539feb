"""``oncall gui`` (also plain ``oncall``): the desktop app."""

from __future__ import annotations

import argparse

from oncall.cli.common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop app (the default)")
    p.add_argument("--db", default=argparse.SUPPRESS, help="database file or URL to open")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from oncall.gui.app import run_app

        # The app imports Qt when it starts (after its Qt-free modules, for start-up speed),
        # so missing Qt libraries show up in run_app.
        return run_app(db=getattr(args, "db", None), demo=getattr(args, "demo", False))
    except ImportError as exc:  # Qt libraries missing on a headless box
        raise CliError(f"the desktop app cannot start: {exc}") from exc
