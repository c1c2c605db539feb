"""The first start: choose the demo team, a new team, or a file (nothing is created silently).

Shown over the already painted, empty window when there is no ``--db``, no ``--demo`` and no
database used before. The demo lives in its own ``demo.db`` (titled "Demo" wherever it is
shown), never in the ``team.db`` a real team will use.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCommandLinkButton, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

DEMO = "demo"
NEW = "new"
OPEN = "open"


class FirstRunDialog(QDialog):
    """After ``exec()``: ``choice`` is DEMO, NEW, OPEN, or None (closed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to oncall")
        self.choice: str | None = None
        intro = QLabel("<b>Plan follow-the-sun on-call with overlap windows instead of hard handoffs.</b>"
                       "<p>How would you like to start?</p>")
        intro.setWordWrap(True)
        self.demo_button = QCommandLinkButton(
            "Open the &demo team", "Three sites (Sydney, London, San Francisco) to look around; kept apart "
            "from your own team, in its own Demo database.")
        self.new_button = QCommandLinkButton(
            "Start a &new team", "An empty team: name it, choose its display zone, then add sites, "
            "members and legs.")
        self.open_button = QCommandLinkButton(
            "&Open a file…", "A team database (.db) or a team file (.toml) you already have.")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button, choice in ((self.demo_button, DEMO), (self.new_button, NEW), (self.open_button, OPEN)):
            button.setAccessibleName(button.text().replace("&", ""))
            button.clicked.connect(lambda _c=False, choice=choice: self._choose(choice))
            layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Later")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip("Start with an empty, unsaved team")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new_button.setFocus()
        self.setMinimumWidth(480)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
