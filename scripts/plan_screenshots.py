"""The drift fix in pictures for the README: the demo team's band before and after the plan.

    python scripts/plan_screenshots.py            # docs/screenshots/plan-*.png
    python scripts/plan_screenshots.py --out DIR

Uses the real app offscreen, the same fixed clock as scripts/screenshots.py (26 Nov 2026, a
day in the season when Sydney is on daylight time and London on standard time), Tools >
Plan… over the year from 5 Jan 2026, and Apply.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from screenshots import ROOT, _isolate, _settle, _window  # noqa: E402 - scripts/screenshots.py, beside this one


def shoot(out: Path) -> list[Path]:
    from oncall.core.demo import demo_team
    from oncall.gui.app import application
    from oncall.gui.plan_dialog import PlanDialog

    app = application(["plan-screenshots"])
    app.setStyle("Fusion")
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(widget, name: str) -> None:
        _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    window = _window(demo_team())
    window.show()
    window.tabs.setCurrentWidget(window.band)
    window.band.set_date(date(2026, 11, 26))
    save(window.band, "plan-before")
    dialog = PlanDialog(window.document, date(2026, 1, 5), date(2027, 1, 5), window)
    dialog.resize(1280, 880)  # the whole drift page without scrolling
    dialog.show()
    dialog.season.setCurrentIndex(dialog.season.count() - 1)
    save(dialog, "plan-dialog")
    dialog.apply()
    window.band.set_date(date(2026, 11, 26))
    save(window.band, "plan-after")
    window.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    _isolate()
    for path in shoot(Path(args.out)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
