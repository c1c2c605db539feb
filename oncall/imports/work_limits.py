"""Bounds on the work one calendar import may cost, checked before and during expansion.

A hostile or broken recurrence (``FREQ=SECONDLY`` from 1900, ``INTERVAL=0``, a count of a
billion) would otherwise make the recurrence library iterate for minutes and allocate
gigabytes before any cap on occurrences applies. Three bounds keep every import short:
an estimate of the iterations a rule needs to reach the window (checked before expanding),
a cap on the occurrences produced, and a CPU-time budget for the whole file.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Iterator

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_OCCURRENCES = 5_000
MAX_RULE_STEPS = 100_000
TIME_BUDGET_SECONDS = 4.0

_FREQ_SECONDS = {
    "SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400,
    "WEEKLY": 7 * 86400, "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400,
}


class WorkLimitExceeded(BaseException):
    """Raised out of library code when the budget runs out.

    A BaseException, so the recurrence library's own ``except Exception`` cannot swallow it.
    """


def rule_problem(rule, first: date | datetime, window_end: datetime) -> str | None:
    """Why expanding ``rule`` (an icalendar vRecur) from ``first`` is refused, or None."""
    freq = _single(rule.get("FREQ"))
    if freq is None:
        return "RRULE has no FREQ"
    freq = str(freq).upper()
    if freq not in _FREQ_SECONDS:
        return f"RRULE:FREQ={freq} is not a recurrence frequency"
    interval = _single(rule.get("INTERVAL", 1))
    try:
        interval = int(interval)
    except (TypeError, ValueError):
        return f"RRULE:INTERVAL={interval} is not a number"
    if interval < 1:
        return f"RRULE:INTERVAL={interval} must be at least 1"
    start = as_utc(first)
    seconds = max(0.0, (window_end - start).total_seconds())
    steps = seconds / (_FREQ_SECONDS[freq] * interval)
    if steps > MAX_RULE_STEPS:
        return (f"RRULE:FREQ={freq} from {start:%Y-%m-%d} needs about {steps:,.0f} steps to reach the "
                f"import window (at most {MAX_RULE_STEPS:,})")
    return None


def _single(value):
    return value[0] if isinstance(value, list) and value else value


def as_utc(value: date | datetime) -> datetime:
    """An aware instant in UTC; floating times and dates are read as UTC (for bounds, not results)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


class Budget:
    """A CPU-time budget checked between steps, with an alarm for a step that never returns.

    CPU time of this process, not wall-clock time: what a file costs does not depend on what
    else a busy machine runs, so the same file is accepted or refused the same way everywhere.
    """

    def __init__(self, seconds: float = TIME_BUDGET_SECONDS) -> None:
        self.seconds = seconds
        self.deadline = time.process_time() + seconds

    def check(self) -> None:
        if time.process_time() > self.deadline:
            raise WorkLimitExceeded()

    @contextmanager
    def alarm(self) -> Iterator[None]:
        """On POSIX in the main thread, interrupt a library call that outlives the budget."""
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if not usable:
            yield
            return

        def expired(signum, frame):  # noqa: ARG001 - signal handler signature
            raise WorkLimitExceeded()

        previous = signal.signal(signal.SIGPROF, expired)
        signal.setitimer(signal.ITIMER_PROF, self.seconds + 0.25)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
