"""The Fairness page while the fair planner works: event-loop latency and Cancel latency. Never asserts.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_fair_gui.py [RUNS]

Real widgets and real CP-SAT on the large team (10 sites / 200 members, one quarter, limit
2 s; oncall.core.demo.large_team). Prints, over RUNS finds (default 3):

* responsiveness: the gaps between ticks of a 10 ms timer in the GUI thread while the planner
  runs (median and largest; a blocking solve would show one gap as long as the whole plan),
  and the ticks counted per second of planning;
* Cancel: from the click to the page being idle again (the worker has stopped and
  reported), cancelled 0.5 s into the solver's second step; median and largest.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from oncall.core.demo import large_team
    from oncall.gui.document import TeamDocument
    from oncall.gui.plan_dialog import PlanDialog

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    app = QApplication.instance() or QApplication([])
    team = large_team()
    window = QWidget()  # the dialogs' parent, as in the app (a parentless PlanDialog must not be collected)
    window.show()

    def page_for(limit: int):
        dialog = PlanDialog(TeamDocument(team), date(2026, 1, 5), date(2026, 4, 6), window)
        dialog.show()
        dialog.pages.setCurrentWidget(dialog.fairness)
        dialog.fairness.time_limit.setValue(limit)
        return dialog, dialog.fairness

    def pump_until(done, timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not done() and time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)

    gaps: list[float] = []
    rates: list[float] = []
    for _ in range(runs):
        dialog, page = page_for(2)
        stamps: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: stamps.append(time.perf_counter()))
        timer.start(10)
        t0 = time.perf_counter()
        page.find_button.click()
        pump_until(lambda: not page.planning)
        seconds = time.perf_counter() - t0
        timer.stop()
        run_gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        gaps += run_gaps
        rates.append(len(stamps) / seconds)
        dialog.close()
        print(f"  find: {seconds:5.1f} s, {len(stamps)} ticks, largest gap {max(run_gaps) * 1000:6.1f} ms")
    print(f"Responsiveness while planning ({runs} finds): tick gap median {statistics.median(gaps) * 1000:.1f} ms, "
          f"largest {max(gaps) * 1000:.1f} ms (timer 10 ms); {statistics.median(rates):.0f} ticks per second")

    stops: list[float] = []
    for _ in range(runs):
        dialog, page = page_for(120)
        page.find_button.click()
        pump_until(lambda: page.job is not None and page.job.progress().step >= 1)
        pump_until(lambda: False, 0.5)
        t0 = time.perf_counter()
        page.cancel_button.click()
        pump_until(lambda: not page.planning, 30)
        stops.append(time.perf_counter() - t0)
        dialog.close()
    print(f"Cancel to idle ({runs} cancels): median {statistics.median(stops) * 1000:.0f} ms, "
          f"largest {max(stops) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
