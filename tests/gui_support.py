"""Helpers for the GUI shell tests (tests/test_gui_*.py): a settings file, a window, dialog filling."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QSettings

from oncall.gui.settings import Settings

UTC = timezone.utc
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def settings_at(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def clock() -> datetime:
    return NOW


class DialogScript:
    """Stands in for ``dialog.exec()``: runs ``fill(dialog)`` and accepts if OK is enabled."""

    def __init__(self, *fills) -> None:
        self.fills = list(fills)
        self.seen = []

    def __call__(self, dialog) -> bool:
        from PySide6.QtWidgets import QDialogButtonBox

        self.seen.append(dialog)
        fill = self.fills.pop(0)
        if fill is None:
            return False
        fill(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():
            raise AssertionError(f"dialog refused: {dialog.problems_label.text()}")
        ok.click()
        return dialog.result() == 1


def open_demo_window(qtbot, tmp_path: Path):
    """The real main window on a demo database in ``tmp_path``, shown and with its docks filled.

    A generator for fixtures: ``yield from open_demo_window(qtbot, tmp_path)``.
    """
    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import DISCARD, MainWindow

    doc = TeamDocument()
    doc.open(str(tmp_path / "team.db"), demo_if_new=True)
    win = MainWindow(doc, settings_at(tmp_path), clock)
    win.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.panelsFilled, timeout=5000):  # the docks fill after the first paint
        win.show()
    yield win
    doc.close()


def dark_palette():
    """A dark window palette (the colours the light/dark contrast tests check against)."""
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#232629"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1c1e20"), (QPalette.ColorRole.Text, "#e6e6e6")):
        pal.setColor(role, QColor(colour))
    return pal


def drawn_text_colour(label):
    """The colour a label's text is drawn in (style sheet, palette or disabled grey), found by grabbing it."""
    from PySide6.QtGui import QPalette

    from oncall.gui.palette import contrast

    image = label.grab().toImage()
    background = label.palette().color(QPalette.ColorRole.Window)
    best = background
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if contrast(c, background) > contrast(best, background):
                best = c
    return best

