"""Core report before/after: two (or more) git revisions, interleaved in ONE run.

The development machine is shared (2 cores, load average often 5-8), so two benchmark runs
minutes apart measure the load as much as the code. This script exports ``oncall/`` of each
revision to a temporary directory and alternates short batches of each in fresh processes
(A B A B ...), so every revision sees the same load. It prints per revision the median wall
time and the median CPU time of the process (``time.process_time``: the time waiting for a
core is left out, though a busy sibling hyperthread still inflates it), the least CPU time
(the steadiest estimate of the code's own cost) and the ratios to the first revision. Never
asserts.

    python benchmarks/bench_core_ab.py main~3 main                # the demo team, 1 year
    python benchmarks/bench_core_ab.py main~3 main --case large   # 3 years, 200 members
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from oncall.core.demo import demo_team, large_team, utc
from oncall.core.report import build_report
if sys.argv[2] == "small":
    team, start, end = demo_team(), utc(2026, 1, 1), utc(2027, 1, 1)
else:
    team, start, end = large_team(), utc(2026, 1, 5), utc(2029, 1, 5)
build_report(team, start, end)
wall, cpu = [], []
for _ in range(int(sys.argv[3])):
    t0, c0 = time.perf_counter(), time.process_time()
    build_report(team, start, end)
    cpu.append(time.process_time() - c0)
    wall.append(time.perf_counter() - t0)
print(json.dumps([wall, cpu]))
"""


def export(rev: str, into: Path) -> Path:
    """``oncall/`` of a revision, unpacked under ``into`` (the sources only, nothing installed)."""
    data = subprocess.run(["git", "-C", str(REPO), "archive", rev, "oncall"], capture_output=True, check=True).stdout
    target = into / rev.replace("/", "_").replace("~", "-")
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", help="git revisions; the first is the baseline")
    parser.add_argument("--case", choices=("small", "large"), default="small")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--runs", type=int, default=0, help="reports per batch (default 15 small, 3 large)")
    args = parser.parse_args()
    runs = args.runs or (15 if args.case == "small" else 3)
    with tempfile.TemporaryDirectory() as tmp:
        trees = {rev: export(rev, Path(tmp)) for rev in args.revisions}
        times: dict[str, tuple[list[float], list[float]]] = {rev: ([], []) for rev in trees}
        for _ in range(args.rounds):
            for rev, tree in trees.items():
                out = subprocess.run([sys.executable, "-c", CHILD, str(tree), args.case, str(runs)],
                                     capture_output=True, text=True, check=True).stdout
                wall, cpu = json.loads(out)
                times[rev][0].extend(wall)
                times[rev][1].extend(cpu)
    base = args.revisions[0]
    base_wall, base_cpu = (statistics.median(x) for x in times[base])
    base_min = min(times[base][1])
    print(f"core report, case {args.case}: {args.rounds} interleaved rounds of {runs} reports per revision")
    for rev, (wall, cpu) in times.items():
        w, c, least = statistics.median(wall), statistics.median(cpu), min(cpu)
        print(f"  {rev:>24}: wall {w * 1000:8.2f} ms ({w / base_wall:.2f}x)   "
              f"cpu {c * 1000:8.2f} ms ({c / base_cpu:.2f}x)   least cpu {least * 1000:8.2f} ms ({least / base_min:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
