"""GUI speed: cold start, month repaint of the large team, edit to updated view.

    python benchmarks/bench_gui.py [--runs 5] [--repaints 40]

All figures come from one run on one machine, so ratios compare like with like:

* cold start: a fresh interpreter (subprocess) until the main window's first paint, for a
  bare PySide6 QMainWindow started the same way, the app with the demo team and the app with
  the large team (10 sites, 200 members). Median of ``--runs``. Targets: app within 1.5x of
  bare, and under 1.5 s with the large team.
* month repaint: TimelineView, large team, 30 days, member and site rows, 1400x900, full
  viewport repaint. Median wall and CPU time. Target: under 16 ms.
* edit to updated view: one leg-window edit through the document's undo stack (as a band
  drag does) until the band and timeline have recomputed and repainted; also the same for the
  views alone (no other panels). Target: under 100 ms.

Offscreen platform (QT_QPA_PLATFORM=offscreen) unless the environment says otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The child programs: each prints "painted" after the first paint of its main window.
_CHILD_COMMON = r"""
import os, sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def __init__(self, target):
        super().__init__()
        self.target = target
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is self.target:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
"""

_CHILD_BARE = _CHILD_COMMON + r"""
from PySide6.QtWidgets import QLabel, QMainWindow
app = QApplication(["bare"])
window = QMainWindow()
label = QLabel("bare PySide6 window")
window.setCentralWidget(label)
window.resize(1400, 900)
watch = FirstPaint(label)
label.installEventFilter(watch)
window.show()
app.exec()
"""

_CHILD_APP = _CHILD_COMMON + r"""
from datetime import datetime, timezone
from oncall.gui.app import application
from oncall.gui.document import TeamDocument
from oncall.gui.main_window import MainWindow
from oncall.gui.settings import Settings
from oncall.core.demo import {team_factory} as factory
app = application(["bench"])
document = TeamDocument()
document.new(factory())
now = datetime(2026, 11, 26, 14, 47, tzinfo=timezone.utc)
window = MainWindow(document, Settings(), clock=lambda: now)
target = window.tabs.currentWidget()
view = getattr(target, "view", None) or target
watch = FirstPaint(view)
view.installEventFilter(watch)
window.show()
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix="oncall-bench-")
    env["ONCALL_DATA_DIR"] = tmp
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    return env


def cold_start(code: str, runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, text=True)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(timeout=60)
        if "painted" not in line:
            raise RuntimeError(f"child did not paint: {proc.stderr.read()[-2000:]}")
        times.append(elapsed)
    return times


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def in_process(repaints: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    env = _env()
    os.environ["ONCALL_DATA_DIR"], os.environ["XDG_CONFIG_HOME"] = env["ONCALL_DATA_DIR"], env["XDG_CONFIG_HOME"]
    from datetime import date, datetime, timezone

    from PySide6.QtWidgets import QApplication

    from oncall.core.demo import large_team
    from oncall.core.model import LocalWindow
    from oncall.gui.app import application

    app = application(["bench"])
    from oncall.gui.band_view import BandView
    from oncall.gui.now_panel import NowPanel
    from oncall.gui.timeline_view import TimelineView

    team = large_team()
    results: dict[str, float] = {}
    for mode in ("member", "site"):
        view = TimelineView()
        view.set_team(team)
        view.set_range(date(2026, 11, 1), 30)
        view.set_row_mode(mode)
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        wall, cpu = [], []
        for _ in range(repaints):
            w0, c0 = time.perf_counter(), time.process_time()
            view.viewport().repaint()
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        results[f"month repaint, {mode} rows (wall)"] = _median_ms(wall)
        results[f"month repaint, {mode} rows (cpu)"] = _median_ms(cpu)
        view.close()

    # Views alone: band + timeline + now panel get the edited team and repaint.
    band, timeline, now = BandView(), TimelineView(), NowPanel()
    fixed = datetime(2026, 11, 26, 14, 47, tzinfo=timezone.utc)
    now.set_clock(lambda: fixed)
    band.set_date(date(2026, 11, 26))
    timeline.set_range(date(2026, 11, 23), 7)
    for w in (band, timeline, now):
        w.set_team(team)
        w.resize(1400, 700)
        w.show()
    app.processEvents()
    samples = []
    for k in range(12):
        leg = team.legs[k % len(team.legs)]
        edited = team.evolve(legs=tuple(
            lg if lg.id != leg.id else type(lg)(**{**lg.__dict__, "window": LocalWindow(lg.window.start + 15,
                                                                                          lg.window.end)})
            for lg in team.legs))
        t0 = time.perf_counter()
        for w in (band, timeline, now):
            w.set_team(edited)
        band.repaint()
        timeline.viewport().repaint()
        samples.append(time.perf_counter() - t0)
    results["edit -> band+timeline+now updated (views only)"] = _median_ms(samples)
    for w in (band, timeline, now):
        w.close()

    # The whole window: the edit goes through the document and every panel listens.
    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import MainWindow
    from oncall.gui.settings import Settings

    document = TeamDocument()
    document.new(team)
    window = MainWindow(document, Settings(), clock=lambda: fixed)
    window.show()
    window.tabs.setCurrentWidget(window.timeline)
    app.processEvents()
    samples = []
    for k in range(6):
        leg = team.legs[k % len(team.legs)]
        current = window.document.team.leg(leg.id).window
        t0 = time.perf_counter()
        window.actions.set_leg_window(leg.id, LocalWindow((current.start + 15) % 1440, current.end))
        window.timeline.view.viewport().repaint()
        samples.append(time.perf_counter() - t0)
    results["edit -> whole main window updated (all panels)"] = _median_ms(samples)
    from oncall.gui.main_window import DISCARD

    window.ask_save_changes = lambda: DISCARD  # nothing to save in a benchmark
    window.close()
    QApplication.processEvents()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GUI benchmarks (medians of one run)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts of each kind")
    parser.add_argument("--repaints", type=int, default=40)
    args = parser.parse_args(argv)
    env = _env()
    root = str(ROOT)
    kinds = {
        "bare PySide6 window": _CHILD_BARE.format(root=root),
        "app, demo team": _CHILD_APP.format(root=root, team_factory="demo_team"),
        "app, large team (10 sites, 200 members)": _CHILD_APP.format(root=root, team_factory="large_team"),
    }
    starts = {}
    for name, code in kinds.items():
        cold_start(code, 1, env)  # warm the OS file cache and .pyc files: every kind alike
        starts[name] = _median_ms(cold_start(code, args.runs, env))
    bare = starts["bare PySide6 window"]
    print(f"cold start to first paint (median of {args.runs}, one run):")
    for name, ms in starts.items():
        ratio = "" if name.startswith("bare") else f"  ({ms / bare:.2f}x bare; target <= 1.5x)"
        print(f"  {name:44s} {ms:8.1f} ms{ratio}")
    large = starts["app, large team (10 sites, 200 members)"]
    print(f"  large team under 1.5 s: {'yes' if large < 1500 else 'NO'}", flush=True)
    print("in-process (medians):", flush=True)
    for name, ms in in_process(args.repaints).items():
        target = 16 if "repaint" in name else 100
        print(f"  {name:52s} {ms:8.2f} ms  (target < {target} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
