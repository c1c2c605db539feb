"""Drift fixer benchmark: prints medians and the engine's verdict; never asserts.

Cases (one year from 5 Jan 2026, the default window limit):
* demo: the demo team (3 sites) - target: 0 gap minutes and every handoff between legs >=
  handoff_overlap after the plan, planning in < 1 s;
* large: 10 sites / 200 members / 2,000 overrides / 500 time off (oncall.core.demo.large_team)
  - target: planning in < 5 s, every shortfall closable within the limits closed (the
  engine finds no junction short except those the plan reports as unclosable).
Planning time includes the two engine reports that judge the plan.
"""

from __future__ import annotations

import sys
from datetime import datetime

from oncall.core import timezones as tz
from oncall.core.demo import demo_team, large_team
from oncall.core.report import build_report
from oncall.planning.drift import plan_drift
from timing import median_ms  # noqa: E402 - benchmarks/timing.py, beside this script

START, END = datetime(2026, 1, 5, tzinfo=tz.UTC), datetime(2027, 1, 5, tzinfo=tz.UTC)


def verdict(team) -> tuple[int, int]:
    report = build_report(team, START, END)
    between = [h.minutes for h in report.handoffs if h.outgoing.leg != h.incoming.leg]
    return sum(g.minutes for g in report.gaps), min(between, default=0)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print("Drift fixer (oncall plan --fix drift), one year, medians:")
    demo = demo_team()
    plan = plan_drift(demo, START, END)
    ms = median_ms(lambda: plan_drift(demo, START, END), runs)
    gaps_before, _ = verdict(demo)
    gaps_after, smallest = verdict(plan.planned)
    print(f"  demo: plan {ms:7.1f} ms (target < 1000 ms); {len(plan.proposals)} adjustments; "
          f"gap minutes {gaps_before} -> {gaps_after} (target 0); smallest handoff between legs "
          f"{smallest} min (target >= {round(demo.handoff_overlap.total_seconds() / 60)})")
    big = large_team()
    plan = plan_drift(big, START, END)
    ms = median_ms(lambda: plan_drift(big, START, END), max(3, runs // 2))
    unclosable = {(u.outgoing, u.incoming, s) for u in plan.unclosable for s in u.seasons}
    short = sum(1 for (a, b, s), (m, _) in plan.after.minima.items() if m < 30 and (a, b, s) not in unclosable)
    print(f"  large (10 sites): plan {ms:7.1f} ms (target < 5000 ms); {len(plan.proposals)} adjustments; "
          f"{sum(len(u.seasons) for u in plan.unclosable)} junction-seasons not closable within "
          f"{plan.max_window} min windows; "
          f"closable junction-seasons still short after the plan: {short} (target 0); "
          f"engine check problems: {len(plan.problems)}")
    print("Fair rota planner (oncall plan --fix fair), one quarter, medians:")
    from bench_fair import run_all  # benchmarks/bench_fair.py, beside this script

    run_all(max(1, runs // 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
