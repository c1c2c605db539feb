"""GUI speed: cold start, month repaint of the large team, edit to updated view.

    python benchmarks/bench_gui.py [--runs 5] [--repaints 40] [--cold-only] [--baseline DIR]

All figures come from one run on one machine, so ratios compare like with like:

* cold start: a fresh interpreter (subprocess) started the same way for each kind: a bare
  PySide6 QMainWindow with a label (until the label's first paint), and the app as
  ``oncall gui --db FILE`` starts it (``start_app``: the start-up frame in the last-seen
  layout, then the main window built over it and the team read from the SQLite file with the
  standard library, ``storage.sqlite_snapshot``; SQLAlchemy and the database itself open after
  the docks have painted, outside the times below) with the demo team and with the large team
  (10 sites, 200 members) in a database file made beforehand. Two times per app start:

  - *first paint*: until the main window first paints (frame, menus, toolbar, docks and tabs
    in the last-seen layout); the target is within 1.5x of the bare window;
  - *data shown*: until the visible tab's view paints with the team's data (the band for
    today); the target is within 0.5 s of the first paint;
  - *all filled*: until the docks that fill right after the first paint (Now panel, team
    tables) have painted with the team too.

  Also the same start with the team handed over in memory (no database), to show what the
  database costs. Median of ``--runs``. An untimed start of each kind comes first (file
  cache, .pyc files), which also fills the holiday cache (``holidays-cache.json`` in the
  run's data folder) as any earlier start of the app does: the timed starts read it.
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

# The child programs print "painted" at the first paint that shows the visible content and
# (the app) "filled" once the deferred docks have painted too, each with the child's CPU time
# so far (the CPU from first paint to data does not depend on how busy the machine is).
_CHILD_COMMON = r"""
import os, sys, time
sys.path.insert(0, {root!r})
"""

_CHILD_BARE = _CHILD_COMMON + r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("frame", time.process_time(), flush=True)
            print("painted", time.process_time(), flush=True)
            print("filled", time.process_time(), flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(["bare"])
window = QMainWindow()
label = QLabel("bare PySide6 window")
window.setCentralWidget(label)
window.resize(1400, 900)
watch = FirstPaint()
label.installEventFilter(watch)
window.show()
app.exec()
"""

# The start itself first, exactly as ``oncall gui`` runs it (oncall.gui.app), then the probes.
_CHILD_APP = _CHILD_COMMON + r"""
{make_window}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Paints(QObject):
    def __init__(self, window):
        super().__init__()
        self.window, self.painted, self.filled, self.framed = window, False, False, False
        view = window.band.view
        self.view, self.dock = view, window.now
        view.installEventFilter(self)
        self.dock.installEventFilter(self)
        window.installEventFilter(self)
        if hasattr(window, "panelsFilled"):
            window.panelsFilled.connect(self._filled)
        else:  # a version that fills every panel before showing the window
            self.filled = True
    def _filled(self):
        self.filled = True
        self.dock.update()
    def eventFilter(self, obj, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if obj is self.window and not self.framed:
            self.framed = True  # the window's first paint: frame, menus, toolbar, docks, tabs
            print("frame", time.process_time(), flush=True)
        if obj is self.view and not self.painted and self.view.band() is not None:
            self.painted = True  # the visible tab paints the team's band
            print("painted", time.process_time(), flush=True)
        if obj is self.dock and self.filled and self.painted and self.dock.status() is not None:
            print("filled", time.process_time(), flush=True)
            self.dock.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication.instance()
if hasattr(window, "default_layout"):  # the offscreen screen is small: lay out for 1400x900 like the bare window
    window.resize(1400, 900)
    window.default_layout()
watch = Paints(window)
window.show()
app.exec()
"""

# ``oncall gui --db FILE`` (start_app): the start-up frame paints first ("frame"), the real
# window is built over it and opens the team ("painted" once the band shows it), then the docks.
_CHILD_START = _CHILD_COMMON + r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import oncall.gui.app as gui_app

class Paints(QObject):
    framed = painted = filled = False
    def frame(self, frame):
        frame.installEventFilter(self)
        self.frame_window = frame
        frame.resize(1400, 900)  # the offscreen screen is small: the size of the bare window
    def window(self, window):
        if not hasattr(window, "take_place"):  # older code: the window did not take the frame's place
            window.resize(1400, 900)
            window.default_layout()
        self.view, self.dock = window.band.view, window.now
        self.view.installEventFilter(self)
        self.dock.installEventFilter(self)
        window.panelsFilled.connect(self._filled)
    def _filled(self):
        self.filled = True
        self.dock.update()
    def eventFilter(self, obj, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if not self.framed and obj is getattr(self, "frame_window", None):
            self.framed = True
            print("frame", time.process_time(), flush=True)
        elif obj is getattr(self, "view", None) and not self.painted and self.view.band() is not None:
            self.painted = True
            print("painted", time.process_time(), flush=True)
        elif obj is getattr(self, "dock", None) and self.filled and self.painted and self.dock.status() is not None:
            print("filled", time.process_time(), flush=True)
            self.dock.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

watch = Paints()
gui_app.start_app({db!r}, on_frame=watch.frame, on_window=watch.window)
QApplication.instance().exec()
"""
_FROM_MEMORY = r"""
from oncall.gui.app import application
from oncall.core.demo import {team_factory} as factory
application(["bench"])
from oncall.gui.document import TeamDocument
from oncall.gui.main_window import MainWindow
from oncall.gui.settings import Settings
document = TeamDocument()
document.new(factory())
window = MainWindow(document, Settings())
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app has its .pyc files; without them every start compiles the changed sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tmp = tempfile.mkdtemp(prefix="oncall-bench-")
    env["ONCALL_DATA_DIR"] = tmp
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    return env


def cold_start(code: str, runs: int, env: dict[str, str]) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per run: seconds from starting the interpreter to "frame", "painted" (data) and "filled",
    and the child's CPU seconds from "frame" to "painted"."""
    framed, painted, filled, cpu_to_data = [], [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, text=True)
        lines, stamps = [], []
        for _step in range(3):
            lines.append(proc.stdout.readline().split())
            stamps.append(time.perf_counter() - start)
        proc.wait(timeout=60)
        if [line[:1] for line in lines] != [["frame"], ["painted"], ["filled"]]:
            raise RuntimeError(f"child did not paint: {lines!r} {proc.stderr.read()[-2000:]}")
        framed.append(stamps[0])
        painted.append(stamps[1])
        filled.append(stamps[2])
        cpu_to_data.append(float(lines[1][1]) - float(lines[0][1]))
    return framed, painted, filled, cpu_to_data


def make_databases(folder: str) -> dict[str, str]:
    """The demo and the large team, each in its own SQLite file (made before any timing)."""
    sys.path.insert(0, str(ROOT))
    from oncall import storage
    from oncall.core.demo import demo_team, large_team

    paths = {}
    for name, factory in (("demo", demo_team), ("large", large_team)):
        path = os.path.join(folder, f"{name}.db")
        db = storage.open_database(path, create=True)
        db.replace_team(factory())
        db.close()
        paths[name] = path
    return paths


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


def _app_kinds(root: str, dbs: dict[str, str], suffix: str = "") -> dict[str, str]:
    code = _CHILD_APP
    return {
        f"app, demo team from its database{suffix}": _CHILD_START.format(root=root, db=dbs["demo"]),
        f"app, large team from its database{suffix}": _CHILD_START.format(root=root, db=dbs["large"]),
        f"app, demo team in memory (no database){suffix}": code.format(
            root=root, make_window=_FROM_MEMORY.format(team_factory="demo_team")),
        f"app, large team in memory (no database){suffix}": code.format(
            root=root, make_window=_FROM_MEMORY.format(team_factory="large_team")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GUI benchmarks (medians of one run)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts of each kind")
    parser.add_argument("--repaints", type=int, default=40)
    parser.add_argument("--cold-only", action="store_true", help="skip the in-process figures")
    parser.add_argument("--baseline", metavar="DIR",
                        help="also start the app from another checkout (e.g. `git archive` of an older "
                             "commit), interleaved with this one, to compare before/after in one run")
    args = parser.parse_args(argv)
    env = _env()
    dbs = make_databases(env["ONCALL_DATA_DIR"])
    kinds = {"bare PySide6 window": _CHILD_BARE.format(root=str(ROOT))}
    kinds.update(_app_kinds(str(ROOT), dbs))
    if args.baseline:
        kinds.update(_app_kinds(str(Path(args.baseline).resolve()), dbs, " [baseline]"))
    for code in kinds.values():
        cold_start(code, 1, env)  # warm the OS file cache and write the .pyc files: every kind alike
    framed: dict[str, list[float]] = {name: [] for name in kinds}
    painted: dict[str, list[float]] = {name: [] for name in kinds}
    filled: dict[str, list[float]] = {name: [] for name in kinds}
    cpu: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits every kind alike
        for name, code in kinds.items():
            at_frame, at_paint, at_filled, cpu_to_data = cold_start(code, 1, env)
            cpu[name] += cpu_to_data
            framed[name] += at_frame
            painted[name] += at_paint
            filled[name] += at_filled
    starts = {name: (_median_ms(framed[name]), _median_ms(painted[name]), _median_ms(filled[name]))
              for name in kinds}
    bare = starts["bare PySide6 window"][0]
    print(f"cold start, median of {args.runs} (one run; load average {os.getloadavg()[0]:.2f}):")
    print(f"  {'':52s} {'first paint':>12s} {'data shown':>12s} {'all filled':>12s}")
    for name, (frame_ms, data_ms, all_ms) in starts.items():
        if name.startswith("bare"):
            print(f"  {name:52s} {frame_ms:9.1f} ms")
            continue
        print(f"  {name:52s} {frame_ms:9.1f} ms {data_ms:9.1f} ms {all_ms:9.1f} ms  "
              f"(first paint {frame_ms / bare:.2f}x bare; data {data_ms - frame_ms:.0f} ms after it, "
              f"{_median_ms(cpu[name]):.0f} ms CPU)")
    demo = starts["app, demo team from its database"]
    large = starts["app, large team from its database"]
    print("  targets: first paint within 1.5x of bare "
          f"({'yes' if demo[0] <= 1.5 * bare else 'NO'}: {demo[0] / bare:.2f}x), data on screen within "
          f"0.5 s of it ({'yes' if demo[1] - demo[0] <= 500 else 'NO'}: {demo[1] - demo[0]:.0f} ms); "
          f"large team all filled under 1.5 s: {'yes' if large[2] < 1500 else 'NO'}", flush=True)
    if args.cold_only:
        return 0
    print("in-process (medians):", flush=True)
    for name, ms in in_process(args.repaints).items():
        target = 16 if "repaint" in name else 100
        print(f"  {name:52s} {ms:8.2f} ms  (target < {target} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
