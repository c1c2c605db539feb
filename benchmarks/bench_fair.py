"""Fair rota planner benchmark: prints medians and figures; never asserts (shared, noisy machines).

Cases (issue 13's targets):
* demo team, each quarter of 2026 (Q4 has Bob's two weeks of leave and Christmas): solve
  time, proven optimal or not, and per leg the out-of-hours spread (report figures) against
  one turn's out-of-hours; with the default rules (weekly: 1 turn in a row), and Q4 once more
  allowing 2 in a row;
* large team (10 sites / 200 members / 500 time off / 2,000 overrides), one quarter: time,
  gap to the solver's bound per stage, changes as a share of turns;
* the plain rotation, a greedy baseline (each turn to the free member with the least
  weighted out-of-hours so far) and the plan compared in one run: spread and changes.

Run: PYTHONPATH=. python benchmarks/bench_fair.py [runs] (benchmarks/bench_plan.py runs it too).
"""

from __future__ import annotations

import statistics
import sys
import time

from oncall.core.demo import demo_team, large_team, utc
from oncall.core.report import build_report
from oncall.planning.fair import FairSettings, plan_fair
from oncall.planning.fair_baselines import greedy_choice, plain_choice, score
from oncall.planning.fair_turns import build_problem


def median_s(fn, runs: int) -> tuple[float, object]:
    result = fn()  # warm-up: OR-Tools import, zone tables, holiday calendars
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def one_turn_out_of_hours(team, start, end, settings) -> dict[str, float]:
    """Per leg, the largest out-of-hours (hours, unweighted) any single turn carries."""
    problem = build_problem(team, start, end, settings)
    out: dict[str, float] = {}
    for turn in problem.turns:
        ooh = sum(load.out_of_hours for load in turn.keep.loads.values()) / 60
        out[turn.leg] = max(out.get(turn.leg, 0.0), ooh)
    return out


def leg_ooh_spreads(team, start, end) -> dict[str, float]:
    figures = {f.member: f.out_of_hours for f in build_report(team, start, end).members}
    return {leg.id: max(figures[m] for m in leg.rotation) - min(figures[m] for m in leg.rotation)
            for leg in team.legs}


QUARTERS = {"Q1": (1, 4), "Q2": (4, 7), "Q3": (7, 10), "Q4": (10, 13)}


def demo_case(runs: int, settings: FairSettings, label: str, quarter: str = "Q4") -> None:
    first, last = QUARTERS[quarter]
    team, start = demo_team(), utc(2026, first, 1)
    end = utc(2026, last, 1) if last <= 12 else utc(2027, 1, 1)
    seconds, plan = median_s(lambda: plan_fair(team, start, end, settings), runs)
    turn = one_turn_out_of_hours(team, start, end, settings)
    before, after = leg_ooh_spreads(team, start, end), leg_ooh_spreads(plan.team, start, end)
    print(f"demo team {quarter} 2026, {label}: median {seconds:.2f} s, proven optimal: {plan.solution.optimal}, "
          f"{len(plan.changes)}/{plan.turns} turns changed, {len(plan.conflicts)} not planned")
    for leg in team.legs:
        verdict = "<=" if after[leg.id] <= turn[leg.id] else ">"
        print(f"    {leg.id}: out-of-hours spread {before[leg.id]:g} h -> {after[leg.id]:g} h "
              f"{verdict} one turn's out-of-hours {turn[leg.id]:g} h")


def large_case(runs: int) -> None:
    team, start, end = large_team(), utc(2026, 4, 6), utc(2026, 7, 6)
    settings = FairSettings()
    seconds, plan = median_s(lambda: plan_fair(team, start, end, settings), runs)
    print(f"large team Q2 2026 (10 sites / 200 members): median {seconds:.2f} s "
          f"(time limit {settings.time_limit:g} s), proven optimal: {plan.solution.optimal}, "
          f"largest gap to bound {plan.solution.gap:.2%}")
    for stage in plan.solution.stages:
        print(f"    stage {stage.name}: {stage.objective} (bound {stage.bound}, gap {stage.gap:.2%}, "
              f"{stage.seconds:.2f} s, reached in {stage.reached} of {stage.groups} groups of legs)")
    print(f"    changes {len(plan.changes)}/{plan.turns} turns = {len(plan.changes) / plan.turns:.0%}")
    problem = build_problem(team, start, end, settings)
    rows = [("plain rotation", score(problem, plain_choice(problem))),
            ("greedy baseline", score(problem, greedy_choice(problem))),
            ("fair plan", score(problem, plan.solution.choice))]
    print("    compared (spreads summed over 10 legs, weighted out-of-hours and hours; changes in turns):")
    for name, s in rows:
        print(f"      {name:<16} out-of-hours spread {s.out_of_hours_spread:8.1f} h  worst leg "
              f"{s.worst_leg_out_of_hours_spread:6.1f} h  hours spread {s.hours_spread:8.1f} h  changes {s.changes}")


def run_all(runs: int) -> None:
    """Every case; benchmarks/bench_plan.py runs this after the drift fixer's cases."""
    for quarter in QUARTERS:
        demo_case(runs, FairSettings(), "default rules (weekly: 1 turn in a row)", quarter)
    demo_case(runs, FairSettings(max_consecutive=2), "2 turns in a row allowed", "Q4")
    large_case(max(1, runs // 2))


def main() -> int:
    run_all(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
