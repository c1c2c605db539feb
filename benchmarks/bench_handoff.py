"""Handoff documents benchmark: prints medians; never asserts (shared, noisy machines).

Cases (demo team = 3 sites / 6 members; large = 10 sites / 200 members / 2,000 overrides):
* day data: the handoffs of one day with next handoffs (schedule of day + 35 days);
* week data: the weekly sheet's data, warnings judged over the 8 weeks around it;
* html/markdown: rendering the week sheet from its data;
* pdf: the week sheet and a day's summaries through Qt's text engine (offscreen).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from oncall.core.demo import demo_team, large_team  # noqa: E402
from oncall.export.handoff_html import day_html, sheet_html  # noqa: E402
from oncall.export.handoff_sheet import week_sheet  # noqa: E402
from oncall.export.handoff_summary import handoff_day  # noqa: E402
from oncall.export.markdown import sheet_markdown  # noqa: E402
from oncall.export.pdf import write_pdf  # noqa: E402
from timing import median_ms  # noqa: E402 - benchmarks/timing.py, beside this script

DAY, MONDAY = date(2026, 3, 9), date(2026, 3, 9)


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="oncall-bench-"))
    for label, team, runs in (("demo", demo_team(), 15), ("large", large_team(), 5)):
        sheet = week_sheet(team, MONDAY, "Europe/London")
        day = handoff_day(team, DAY)
        rows = [
            ("day data", median_ms(lambda: handoff_day(team, DAY), runs)),
            ("week data", median_ms(lambda: week_sheet(team, MONDAY, "Europe/London"), runs)),
            ("week html", median_ms(lambda: sheet_html(sheet), runs)),
            ("week markdown", median_ms(lambda: sheet_markdown(sheet), runs)),
            ("week pdf", median_ms(lambda: write_pdf(sheet_html(sheet), out / "week.pdf", "a4"), runs)),
            ("day pdf", median_ms(lambda: write_pdf(day_html(day), out / "day.pdf", "a4"), runs)),
        ]
        print(f"{label}: {sheet.handoff_count} handoffs in the week, {len(day.handoffs)} on the day")
        for name, ms in rows:
            print(f"  {name:<14} {ms:8.1f} ms (median of {runs})")


if __name__ == "__main__":
    main()
