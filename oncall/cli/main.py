"""Entry point: ``oncall`` with no subcommand starts the GUI; subcommands are discovered."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from oncall import __version__
from oncall.cli import commands
from oncall.cli.common import CliError

def command_modules() -> list[str]:
    """Every module in :mod:`oncall.cli.commands`: the one list of subcommands.

    A new command is one new module there with ``register(sub)`` (add its parser, set
    ``func``); nothing else names it. Frozen bundles find the modules too: PyInstaller's
    ``collect_submodules("oncall")`` freezes them and its pkgutil hook lists them.
    """
    return sorted(name for _, name, is_package in pkgutil.iter_modules(commands.__path__) if not is_package)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oncall",
        description="Plan follow-the-sun on-call with overlap windows instead of hard handoffs.",
    )
    parser.add_argument("--version", action="version", version=f"oncall {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="create the database (default: the local file) with the demo team if it does "
                             "not exist yet, then run the command (default: open the desktop app)")
    parser.add_argument("--db", help="database: a SQLite file path or a postgresql+psycopg:// URL")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        module = importlib.import_module(f"oncall.cli.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "gui"
        from oncall.cli.commands import gui

        args.func = gui.run
    try:
        if args.demo and args.command != "gui":
            _ensure_demo(args)
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"oncall: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _ensure_demo(args: argparse.Namespace) -> None:
    from oncall.services import session

    try:
        session.ensure_demo_database(getattr(args, "db", None))
    except session.SessionError as exc:
        raise CliError(str(exc)) from exc


if __name__ == "__main__":
    raise SystemExit(main())
