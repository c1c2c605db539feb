"""Edit-to-updated-view latency in the desktop app (target: under 100 ms for the demo team).

Pushes an undoable edit through the real main window (document -> the visible tab, the Now
panel and the team tables; hidden tabs catch up when shown) and times until everything on
screen is updated and painted, offscreen. Prints medians; asserts nothing.

    python benchmarks/bench_gui_edit.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from oncall.core.demo import demo_team
    from oncall.core.model import LocalWindow
    from oncall.gui.app import application
    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import MainWindow
    from oncall.gui.settings import Settings
    from oncall.viewmodels import team_edits as e

    app = application()
    tmp = tempfile.mkdtemp()
    settings = Settings(QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat))
    doc = TeamDocument(demo_team())
    window = MainWindow(doc, settings)
    window.show()
    app.processEvents()

    def timed(action) -> float:
        t0 = time.perf_counter()
        action()
        QApplication.processEvents()  # paint what changed
        return (time.perf_counter() - t0) * 1000

    windows = [LocalWindow(420 + k % 2 * 30, 960) for k in range(args.repeat)]
    edit = [timed(lambda w=w: doc.apply("drag", partial(e.set_leg_window, leg_id="lon", window=w))) for w in windows]
    undo = [timed(doc.undo_stack.undo) for _ in range(args.repeat)]
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        app.processEvents()
    print(f"demo team, 1400x900 window, {args.repeat} runs")
    print(f"  edit -> every view updated: median {statistics.median(edit):.1f} ms, max {max(edit):.1f} ms")
    print(f"  undo -> every view updated: median {statistics.median(undo):.1f} ms, max {max(undo):.1f} ms")
    doc.close()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt objects (PySide6 6.12 on 3.11 can abort there)


if __name__ == "__main__":
    raise SystemExit(main())
