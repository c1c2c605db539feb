"""Defects left from the last UX review (docs/notes ux-review "handed over"), each driven through real widgets.

Readable hints and status colours in light and dark, the timeline's zone choice at 1024 px, room for
the Coverage findings at 1024x700, Feeds tooltips and the loopback warning, one date per findings
day row, en dashes in adjusted-window text, the window's clock in the adjustment dialog.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from gui_support import dark_palette, drawn_text_colour, open_demo_window
from oncall.core.demo import demo_team
from oncall.gui.palette import contrast


@pytest.fixture(params=["light", "dark"])
def palette(request):
    app = QApplication.instance()
    before = app.palette()
    if request.param == "dark":
        app.setPalette(dark_palette())
    yield app.palette()
    app.setPalette(before)


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _readable(label: QLabel, palette: QPalette) -> bool:
    """Enabled (read as text, not as a disabled control) and drawn at >= 4.5:1 on the window."""
    return label.isEnabled() and contrast(drawn_text_colour(label), palette.color(QPalette.ColorRole.Window)) >= 4.5


# ---------------------------------------------------------------- 1. hints were disabled labels


def test_leg_feeds_and_startup_hints_are_readable_on_light_and_dark(palette, qtbot, tmp_path):
    from oncall.gui.feeds_panel import GOOGLE_NOTE, FeedsPanel
    from oncall.gui.leg_dialog import LegDialog
    from oncall.gui.startup_frame import StartupFrame
    from gui_support import settings_at

    leg = LegDialog(demo_team())
    qtbot.addWidget(leg)
    leg.show()
    hint = next(w for w in leg.findChildren(QLabel) if w.text() == "Drag names to change the turn order.")
    assert _readable(hint, palette)

    feeds = FeedsPanel(lambda: None)
    qtbot.addWidget(feeds)
    feeds.show()
    feeds.hint.setText("A feed's links are shown only when it is made or rotated")
    note = next(w for w in feeds.findChildren(QLabel) if w.text() == GOOGLE_NOTE)
    assert _readable(feeds.hint, palette) and _readable(note, palette)

    frame = StartupFrame(settings_at(tmp_path))
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    loading = [w for w in frame.findChildren(QLabel) if w.text().endswith("…")]
    assert len(loading) == 3 and all(_readable(label, palette) for label in loading)
