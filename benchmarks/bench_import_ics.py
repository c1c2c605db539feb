"""Calendar import: hostile rules, a large history export, and every package test calendar.

Targets (issue 10 item 6, issue 17): each hostile input ends in under 5 s with a clear message;
no real-world calendar over 5 s. Prints medians (ms) and the peak memory of the large file.

    python benchmarks/bench_import_ics.py
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import median_ms  # noqa: E402
from oncall.imports.ics_import import IcsImportError, read_calendar_bytes  # noqa: E402

START, END = datetime(2026, 12, 1, tzinfo=timezone.utc), datetime(2027, 12, 1, tzinfo=timezone.utc)
WRAP = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//b//EN\r\n{}END:VCALENDAR\r\n"
RULES = {
    "INTERVAL=0": "DTSTART:20270101T090000Z\r\nDTEND:20270101T100000Z\r\nRRULE:FREQ=DAILY;INTERVAL=0",
    "HOURLY COUNT=1e9": "DTSTART:20270101T000000Z\r\nDTEND:20270101T003000Z\r\nRRULE:FREQ=HOURLY;COUNT=1000000000",
    "SECONDLY from 1900": "DTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\nRRULE:FREQ=SECONDLY",
    "MINUTELY from 1900": "DTSTART:19000101T000000Z\r\nDTEND:19000101T000100Z\r\nRRULE:FREQ=MINUTELY",
    "DAILY from 1900": "DTSTART:19000101T090000Z\r\nDTEND:19000101T100000Z\r\nRRULE:FREQ=DAILY",
}


def calendar(*bodies: str) -> bytes:
    return WRAP.format("".join(f"BEGIN:VEVENT\r\nUID:{i}\r\n{b}\r\nEND:VEVENT\r\n" for i, b in enumerate(bodies))).encode()


def attempt(data: bytes) -> str:
    try:
        result = read_calendar_bytes(data, "Europe/London", START, END)
    except IcsImportError as exc:
        return f"refused: {str(exc)[:70]}"
    return f"{len(result.spans)} imported, {len(result.skipped)} skipped"


def history(n: int) -> bytes:
    return calendar(*(f"DTSTART:2015{1 + i % 12:02d}{1 + i % 28:02d}T090000Z\r\n"
                      f"DTEND:2015{1 + i % 12:02d}{1 + i % 28:02d}T100000Z\r\nSUMMARY:Old meeting {i}"
                      for i in range(n)))


def package_calendars() -> list[Path]:
    import icalendar
    import recurring_ical_events

    roots = [Path(icalendar.__file__).parent / "tests", Path(recurring_ical_events.__file__).parent / "test"]
    return sorted(p for root in roots for p in root.rglob("*.ics"))


def main() -> None:
    import warnings

    warnings.simplefilter("ignore")
    print("hostile rules (median of 3, ms):")
    for name, body in RULES.items():
        data = calendar(body)
        print(f"  {name:22s} {median_ms(lambda: attempt(data), 3):8.1f}  {attempt(data)}")
    big = history(30_000)
    elapsed = median_ms(lambda: attempt(big), 3)
    cpu0 = time.process_time()
    outcome = attempt(big)
    cpu = (time.process_time() - cpu0) * 1000
    tracemalloc.start()
    attempt(big)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"history export, {len(big) / 2**20:.1f} MB, 30,000 events: median {elapsed:.0f} ms wall, "
          f"{cpu:.0f} ms CPU, peak {peak:.0f} MiB traced  ({outcome})")
    files = package_calendars()
    times = []
    for path in files:
        data = path.read_bytes()
        t0 = time.perf_counter()
        attempt(data)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"package test calendars: {len(files)} files, total {sum(times) / 1000:.2f} s, "
          f"median {times[len(times) // 2]:.1f} ms, slowest {times[-1]:.0f} ms")


if __name__ == "__main__":
    main()
