"""A save conflict, said plainly: who changed what, that nothing was lost, and the choices."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from .document import SaveConflict

REAPPLY = "reapply"
KEEP = "keep"
DISCARD = "discard"


class ConflictDialog(QDialog):
    def __init__(self, conflict: SaveConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Not saved: someone else changed the team")
        self.choice = KEEP
        intro = QLabel("Another user saved changes to the same parts of the team after you opened it. "
                       "<b>Nothing was saved and your edits are kept.</b>")
        intro.setWordWrap(True)
        changed = QListWidget()
        changed.setAccessibleName("What the other user changed")
        changed.addItems(list(conflict.conflicts) or ["another writer changed the team"])
        mine = QListWidget()
        mine.setAccessibleName("Your unsaved changes")
        mine.addItems(list(conflict.intended) or ["(your edits)"])
        buttons = QDialogButtonBox()
        reapply = QPushButton("&Re-apply my edits to their version")
        reapply.setDefault(True)
        keep = QPushButton("&Keep editing (not saved)")
        discard = QPushButton("&Discard mine, load theirs")
        buttons.addButton(reapply, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(keep, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        reapply.clicked.connect(lambda: self._done(REAPPLY))
        keep.clicked.connect(lambda: self._done(KEEP))
        discard.clicked.connect(lambda: self._done(DISCARD))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("What they changed:"))
        layout.addWidget(changed)
        layout.addWidget(QLabel("What you changed:"))
        layout.addWidget(mine)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != KEEP else self.reject()
