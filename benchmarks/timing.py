"""The one timing rule every benchmark script uses: warm up once, then the median of N runs.

The warm-up call pays one-time costs (zone tables, holiday calendars, templates, fonts,
connection pools) that a long-running app pays once too.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def interleaved_medians(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, tuple[float, float]]:
    """Per function (wall ms, CPU ms) medians, the functions called in turn (A B A B ...).

    A ratio between two functions timed minutes apart on a shared machine measures the load
    as much as the code; called in turn, both see the same load. CPU is the process's
    (``time.process_time``): time spent waiting for a core is left out.
    """
    for fn in fns.values():
        fn()
    wall: dict[str, list[float]] = {name: [] for name in fns}
    cpu: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            cpu[name].append(time.process_time() - c0)
            wall[name].append(time.perf_counter() - t0)
    return {name: (statistics.median(wall[name]) * 1000, statistics.median(cpu[name]) * 1000) for name in fns}
