"""Cost limits (issue 10 item 10): prints medians; never asserts.

* members: a one-month report for 10,000 members (10 sites x 1,000 in each leg's rotation).
  Balance used to compare every pair of a leg's members (5 million pairs per leg); it is now
  a sort and one pass per leg.
* the balance step alone for those 10,000 members.
* a refused 500-year range: how long the CLI takes to say no.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from oncall.core.demo import large_team
from oncall.core.report import _pair_balance, build_report
from oncall.core.teamfile import dump_team
from oncall.core.timezones import UTC
from timing import median_ms  # noqa: E402 - benchmarks/timing.py, beside this script


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    team = large_team(members=10_000, overrides=0, unavailable=0, start=date(2026, 1, 5), years=1)
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    report = build_report(team, start, end)
    print("cost limits (medians)")
    print(f"  one-month report, 10,000 members: {median_ms(lambda: build_report(team, start, end), runs):9.1f} ms"
          f"  ({len(report.shifts)} shifts, balance {report.quality.balance})")
    hours = {f.member: f.hours for f in report.members}
    groups = [leg.rotation for leg in team.legs]
    print(f"  balance alone, 10 legs x 1,000 members: {median_ms(lambda: _pair_balance(hours, groups), runs):9.2f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.toml"
        path.write_text(dump_team(large_team(members=200, overrides=0, unavailable=0)), encoding="utf-8")
        from oncall.cli.main import main as cli

        def refused() -> None:
            with contextlib.redirect_stderr(io.StringIO()):
                try:
                    code = cli(["report", str(path), "--from", "2026-01-01", "--to", "2526-01-01"])
                except SystemExit as exc:  # argparse refuses the year itself
                    code = exc.code
            assert code == 2
        print(f"  500-year report refused: {median_ms(refused, runs):9.1f} ms")


if __name__ == "__main__":
    main()
