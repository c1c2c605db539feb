"""Core engine benchmark: prints medians; never asserts (machines here are shared and noisy).

Cases:
* small: 1 year for 3 sites / 6 members (the demo team), full report (shifts, handoffs,
  gaps, member figures, quality, findings);
* peer: the same 3 windows as daily RRULE events expanded by recurring_ical_events, the
  library a user would otherwise reach for (raw occurrences only, no coverage logic); the
  ratio comes from the peer and the small report called in turn (wall and process CPU);
* large: 3 years for 10 sites / 200 members / 2,000 overrides / 500 unavailabilities;
* adjusted: the small team with every leg's window replaced by [[adjustment]]s on 4 spans
  of the year (the drift planner's output; the fast single-window path must not be lost);
* horizon scaling: the small team over 1, 2 and 4 years, called in turn (cost should be linear).
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

from oncall.core.demo import demo_team, large_team, utc
from oncall.core.report import build_report
from timing import interleaved_medians, median_ms  # noqa: E402 - benchmarks/timing.py, beside this script


def peer_calendar(team):
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    for leg in team.legs:
        zone = team.site(leg.site).timezone
        ev = icalendar.Event()
        ev.add("uid", f"{leg.id}@bench")
        start = datetime.combine(leg.start, datetime.min.time()) + timedelta(minutes=leg.window.start)
        import pytz

        tzinfo = pytz.timezone(zone)
        ev.add("dtstart", tzinfo.localize(start))
        ev.add("duration", timedelta(minutes=leg.window.nominal_minutes) + team.handoff_overlap)
        ev.add("rrule", {"freq": "daily"})
        ev.add("summary", leg.id)
        cal.add_component(ev)
    return cal


def with_adjustments(team):
    """Each leg one hour earlier on four quarter-year spans of 2026 (windows as in the drift fix)."""
    from datetime import date

    from oncall.core.model import Adjustment, LocalWindow

    spans = [(date(2026, 1, 1), date(2026, 3, 29)), (date(2026, 4, 5), date(2026, 7, 1)),
             (date(2026, 7, 1), date(2026, 10, 25)), (date(2026, 11, 1), date(2027, 1, 1))]
    items = tuple(Adjustment(leg.id, a, b, LocalWindow((leg.window.start - 60) % 1440, leg.window.end))
                  for leg in team.legs for a, b in spans)
    return team.evolve(adjustments=items)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    small = demo_team()
    start, end = utc(2026, 1, 1), utc(2027, 1, 1)
    report = build_report(small, start, end)
    small_ms = median_ms(lambda: build_report(small, start, end), runs)

    import recurring_ical_events

    cal = peer_calendar(small)
    occurrences = len(recurring_ical_events.of(cal).between(start, end))
    # The ratio from the two called in turn, so both see the same load on a shared machine.
    paired = interleaved_medians({"ours": lambda: build_report(small, start, end),
                                  "peer": lambda: recurring_ical_events.of(cal).between(start, end)},
                                 max(7, runs // 2))
    (ours_wall, ours_cpu), (peer_ms, peer_cpu) = paired["ours"], paired["peer"]

    adjusted = with_adjustments(small)
    adjusted_ms = median_ms(lambda: build_report(adjusted, start, end), runs)

    big = large_team()
    big_start, big_end = utc(2026, 1, 5), utc(2029, 1, 5)
    big_report = build_report(big, big_start, big_end)
    big_ms = median_ms(lambda: build_report(big, big_start, big_end), 3)

    # The horizons called in turn too: a load change between them would read as non-linear cost.
    scaling = interleaved_medians({years: (lambda y=years: build_report(small, start, utc(2026 + y, 1, 1)))
                                   for years in (1, 2, 4)}, max(5, runs // 3))

    print("core engine benchmark (medians)")
    print(f"  small: 1 year, 3 sites / 6 members: {small_ms:8.2f} ms  "
          f"({len(report.shifts)} shifts, {len(report.handoffs)} handoffs, {len(report.gaps)} gaps, "
          f"{len(report.warnings)} warnings)   target < 20 ms")
    print(f"  peer:  recurring_ical_events, same 3 windows, 1 year: {peer_ms:8.2f} ms ({occurrences} occurrences)")
    print(f"  ratio: peer / small report, called in turn = {peer_ms / ours_wall:5.1f}x wall "
          f"({peer_ms:.1f} / {ours_wall:.2f} ms), {peer_cpu / ours_cpu:5.1f}x CPU "
          f"({peer_cpu:.1f} / {ours_cpu:.2f} ms)   target >= 10x")
    print(f"  adjusted: the small team with {len(adjusted.adjustments)} adjustments: {adjusted_ms:8.2f} ms "
          f"({adjusted_ms / small_ms:.2f}x the small report)")
    print(f"  large: 3 years, 10 sites / 200 members / 2,000 overrides / 500 time off: {big_ms:8.1f} ms  "
          f"({len(big_report.shifts)} shifts, {len(big_report.handoffs)} handoffs)   target < 2000 ms")
    base_wall, base_cpu = scaling[1]
    print("  horizon scaling (small team, wall / CPU): " + ", ".join(
        f"{y} y {w:.1f} ms ({w / base_wall:.2f}x) / {c:.1f} ms ({c / base_cpu:.2f}x)"
        for y, (w, c) in scaling.items()) + "   linear = 1x, 2x, 4x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
