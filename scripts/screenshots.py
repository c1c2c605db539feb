"""Make docs/screenshots/*.png from the real app, offscreen, with the demo team.

    python scripts/screenshots.py            # all shots (the 200% ones in a subprocess)
    python scripts/screenshots.py --out DIR  # somewhere else

The clock is fixed (Thu 26 Nov 2026 14:47 UTC) so every run draws the same pictures, and the
settings and data directories are temporary, so nothing of the user's is read or written.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 26, 14, 47, 12, tzinfo=timezone.utc)


def _isolate() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix="oncall-shots-")
    os.environ["ONCALL_DATA_DIR"] = tmp
    os.environ["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    os.environ.setdefault("ONCALL_USER", "demo")
    sys.path.insert(0, str(ROOT))


def _settle(app) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(10):  # the docks fill after the first paint, and their layout after that
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _dark_palette():
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#232629", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1c1e20", QPalette.ColorRole.AlternateBase: "#26292c",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#2c3034",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d8ee6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2c3034",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8f94",
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8489"))  # greyed out, as in light mode
    return pal


def _window(team):
    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import MainWindow
    from oncall.gui.settings import Settings

    document = TeamDocument()
    document.new(team)
    window = MainWindow(document, Settings(), clock=lambda: NOW)
    window.resize(1500, 940)
    return window


def _dialogs(window, save) -> None:
    """The first-run chooser and the dialogs that explain themselves (advice, preview, print)."""
    from datetime import datetime, timezone

    from oncall.gui.first_run import FirstRunDialog
    from oncall.gui.leg_dialog import LegDialog
    from oncall.gui.override_dialog import OverrideDialog
    from oncall.gui.print_week_dialog import PrintWeekDialog

    team = window.document.team
    utc = timezone.utc
    shown = [
        (FirstRunDialog(window), "first_run"),
        (OverrideDialog(team, None, window, start=datetime(2026, 11, 26, 7, tzinfo=utc),
                        end=datetime(2026, 11, 26, 16, tzinfo=utc), member="dan", replaces="carol"),
         "override_advice"),
        (LegDialog(team, team.legs[1], window, today=date(2026, 3, 20)), "leg_preview"),
        (PrintWeekDialog(team, date(2026, 3, 9), "Europe/London", window.team_zone(), lambda *a: None, window),
         "print_week"),
    ]
    for dialog, name in shown:
        dialog.show()
        save(dialog, name)
        dialog.close()


def shoot(out: Path, scale_suffix: str = "") -> list[Path]:
    """Every picture of the main views at the current scale factor."""
    from oncall.core.demo import demo_team, large_team
    from oncall.gui.app import application

    app = application(["screenshots"])
    app.setStyle("Fusion")
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(widget, name: str) -> None:
        _settle(app)
        path = out / f"{name.replace('_', '-')}{scale_suffix}.png"
        widget.grab().save(str(path))
        saved.append(path)

    window = _window(demo_team())
    window.show()
    window.band.set_date(date(2026, 11, 26))
    if scale_suffix:
        window.tabs.setCurrentWidget(window.band)
        save(window.band, "band")
        window.tabs.setCurrentWidget(window.timeline)
        window.timeline.range.set_range(date(2026, 12, 7), 7)
        save(window.timeline, "timeline_week")
        if window.now is not None:
            save(window.now, "now_panel")
        window.close()
        return saved
    save(window, "main_window")
    for day, name in ((date(2026, 3, 20), "band_march"), (date(2026, 4, 20), "band_april")):
        window.band.set_date(day)
        save(window.band, name)
    window.band.set_date(date(2026, 11, 26))
    window.tabs.setCurrentWidget(window.timeline)
    window.timeline.range.set_range(date(2026, 12, 7), 7)
    window.timeline.rows_combo.setCurrentIndex(window.timeline.rows_combo.findData("member"))
    save(window.timeline, "timeline_week")
    window.timeline.range.set_range(date(2026, 3, 1), "month")  # a calendar month: both March changes
    window.timeline.rows_combo.setCurrentIndex(window.timeline.rows_combo.findData("site"))
    save(window.timeline, "timeline_month")
    if window.now is not None:
        save(window.now, "now_panel")
    for tab, name in ((window.coverage, "coverage"), (window.handoffs, "handoffs")):
        window.tabs.setCurrentWidget(tab)
        if tab is window.coverage:  # open the first gap group: one cause, its days underneath
            _settle(app)
            findings = window.coverage.findings
            group = next((r for r in range(findings.rowCount()) if findings.item(r).children), None)
            if group is not None:
                window.coverage.findings_view.expand(findings.index(group, 0))
        save(window, name)
    _dialogs(window, save)
    app.setPalette(_dark_palette())
    window.tabs.setCurrentWidget(window.band)
    save(window, "main_window_dark")
    app.setPalette(app.style().standardPalette())
    window.close()

    big = _window(large_team())
    big.show()
    big.tabs.setCurrentWidget(big.timeline)
    big.timeline.range.set_range(date(2026, 11, 2), 28)
    big.timeline.rows_combo.setCurrentIndex(big.timeline.rows_combo.findData("member"))
    save(big.timeline, "timeline_large_team")
    big.band.set_date(date(2026, 11, 26))
    big.tabs.setCurrentWidget(big.band)
    save(big.band, "band_large_team")
    big.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--scale", default=None, help=argparse.SUPPRESS)  # internal: the 2x subprocess
    args = parser.parse_args(argv)
    _isolate()
    out = Path(args.out)
    if args.scale:
        paths = shoot(out, f"-{args.scale}x")
    else:
        paths = shoot(out)
        env = dict(os.environ, QT_SCALE_FACTOR="2")
        subprocess.run([sys.executable, __file__, "--out", str(out), "--scale", "2"], env=env, check=True)
    for path in paths:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
