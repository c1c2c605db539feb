"""The Plan dialog's Fairness page for docs/planning.md: the demo team's Q4 2026 evened out.

    python scripts/fair_screenshot.py            # docs/screenshots/plan-fairness.png
    python scripts/fair_screenshot.py --out DIR

Uses the real app offscreen (the helpers of scripts/screenshots.py): Tools > Plan… over
1 Oct 2026 - 1 Jan 2027, Fairness page, two turns in a row allowed, Find a fair plan.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop
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
