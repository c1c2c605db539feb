"""``oncall plan``'s flags for the fair rota planner (``--fix fair`` / ``--fix all``).

Kept apart from the command so the drift fixer's options and these grow independently;
the values go to the service untouched, which checks them (one message per bad value).
"""

from __future__ import annotations

import argparse
from typing import Any

from oncall.cli.common import parse_date


def _number(kind: type, what: str):
    def parse(text: str):
        try:
            return kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
    return parse


def add_fair_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "fair rota planner (--fix fair)",
        "Reassign turns within each leg's rotation so out-of-hours (weekend and holiday hours weighted) "
        "and then total hours are as even as the rules allow, with as few changes as possible. "
        "Needs OR-Tools: pip install oncall[planner].")
    group.add_argument("--history-from", type=parse_date, metavar="YYYY-MM-DD",
                       help="also count figures from this date to --from, so whoever carried more is relieved")
    group.add_argument("--time-limit", type=_number(float, "a number of seconds"), default=10.0, metavar="SECONDS",
                       help="solver work budget in deterministic seconds (about wall seconds on an idle machine; "
                            "planning stops at three times that plus 10 s on the clock); default 10")
    group.add_argument("--min-rest", type=_number(float, "a number of hours"), default=11.0, metavar="HOURS",
                       help="rest between shifts of one member on different legs (default 11)")
    group.add_argument("--max-consecutive", type=_number(int, "a whole number"), metavar="N",
                       help="turns in a row per member (default: 2 for daily and Nd cadences, 1 for weekly)")
    group.add_argument("--weekend-weight", type=_number(float, "a number"), default=2.0, metavar="W",
                       help="how much a weekend hour counts in the out-of-hours balance (default 2)")
    group.add_argument("--holiday-weight", type=_number(float, "a number"), default=2.0, metavar="W",
                       help="how much a public-holiday hour counts (default 2)")
    group.add_argument("--seed", type=_number(int, "a whole number"), default=1,
                       help="solver seed: the same input and seed give the same plan (default 1)")


def fair_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"history_from": args.history_from, "time_limit": args.time_limit, "min_rest_hours": args.min_rest,
            "max_consecutive": args.max_consecutive, "weekend_weight": args.weekend_weight,
            "holiday_weight": args.holiday_weight, "seed": args.seed}
