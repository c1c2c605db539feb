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
