"""The Plan dialog's Fairness page for docs/planning.md: the demo team's Q4 2026 evened out.

    python scripts/fair_screenshot.py            # docs/screenshots/plan-fairness{,-working}.png
    python scripts/fair_screenshot.py --out DIR

Uses the real app offscreen (the helpers of scripts/screenshots.py): Tools > Plan… over
1 Oct 2026 - 1 Jan 2027, Fairness page, two turns in a row allowed, Find a fair plan. Then the
page at work: the large demo team (10 sites, 200 members) over Q1 2026, caught once two steps
are settled (the settings and the progress row; then the plan is cancelled).
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect
from screenshots import ROOT, _isolate, _settle, _window  # noqa: E402 - scripts/screenshots.py, beside this one


def shoot(out: Path) -> Path:
    from oncall.core.demo import demo_team
    from oncall.gui.app import application
    from oncall.gui.plan_dialog import PlanDialog

    app = application(["fair-screenshot"])
    app.setStyle("Fusion")
    out.mkdir(parents=True, exist_ok=True)
    window = _window(demo_team())
    window.show()
    dialog = PlanDialog(window.document, date(2026, 10, 1), date(2027, 1, 1), window)
    dialog.resize(1280, 900)
    dialog.show()
    dialog.pages.setCurrentWidget(dialog.fairness)
    dialog.fairness.max_consecutive.setValue(2)
    dialog.fairness.find_button.click()
    while dialog.fairness.planning:  # the solver runs in a worker thread
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    _settle(app)
    path = out / "plan-fairness.png"
    dialog.grab().save(str(path))
    dialog.close()
    _shoot_working(app, out)
    window.close()
    return path


def _shoot_working(app, out: Path) -> Path:
    from oncall.core.demo import large_team
    from oncall.gui.plan_dialog import PlanDialog

    window = _window(large_team())
    dialog = PlanDialog(window.document, date(2026, 1, 5), date(2026, 4, 6), window)
    dialog.resize(1024, 660)
    dialog.show()
    page = dialog.fairness
    dialog.pages.setCurrentWidget(page)
    page.max_consecutive.setValue(2)
    dialog.activateWindow()  # as the modal dialog is in the app: Find's focus moves on to Cancel
    _settle(app)
    page.find_button.setFocus()
    page.find_button.click()
    while page.planning and len(page.job.progress().settled) < 2:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    stop = time.monotonic() + 0.3  # the progress row's next tick
    while time.monotonic() < stop:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    path = out / "plan-fairness-working.png"
    top = page.summary.mapTo(dialog, page.summary.rect().bottomLeft()).y() + 6
    dialog.grab(QRect(0, 0, dialog.width(), top)).save(str(path))
    page.cancel()
    while page.planning:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.close()
    window.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    _isolate()
    path = shoot(Path(args.out))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
