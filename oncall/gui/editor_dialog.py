"""The base of the editor dialogs: a form, inline validation, OK enabled only when valid.

A subclass builds its fields, returns the edited value from ``value()`` and its problems
from ``problems()`` (from :mod:`oncall.viewmodels.team_edits`, the same checks the edit
functions apply). Every field change re-validates, so the user sees what is wrong while
typing instead of after pressing OK.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QTime, Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget,
)

from oncall.core.model import Team

from .formatting import DAY_NAMES
from .palette import tone_label


class EditorDialog(QDialog):
    def __init__(self, team: Team, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        tone_label(self.problems_label, "error")  # readable on light and dark, following a switch
        self.problems_label.setAccessibleName("Problems")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Open with the cursor in the first field, not on OK (the buttons come first in Qt's
        focus chain because they exist before the subclass adds its rows; Tab from the last
        field still reaches them)."""
        super().showEvent(event)
        if not event.spontaneous():
            first = self._first_field()
            if first is not None and (self.focusWidget() is None or self.buttons.isAncestorOf(self.focusWidget())):
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def _first_field(self) -> QWidget | None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = item.widget() if item is not None else None
            if field is None:
                continue
            for w in [field, *field.findChildren(QWidget)]:
                if w.isEnabled() and w.isVisibleTo(self) and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    return w
        return None

    # -- subclass hooks
    def value(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def problems(self) -> list[str]:
        return []

    # -- helpers
    def add_row(self, label: str, widget: QWidget, accessible: str | None = None) -> QWidget:
        widget.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))
        self.form.addRow(label, widget)
        return widget

    def add_window_row(self, window) -> None:
        """"Window (local): [start] to [end] note": ``win_from``, ``win_to`` and ``win_note`` (legs, adjustments)."""
        self.win_from = QTimeEdit(minutes_to_qtime(window.start))
        self.win_to = QTimeEdit(minutes_to_qtime(window.end))
        self.win_note = QLabel()
        for w, name in ((self.win_from, "Window start"), (self.win_to, "Window end")):
            w.setDisplayFormat("HH:mm")
            w.setAccessibleName(name)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        for w in (self.win_from, QLabel("to"), self.win_to, self.win_note):
            box.addWidget(w)
        box.addStretch(1)
        self.add_row("&Window (local):", row, "Window")

    def revalidate(self, *_args: Any) -> list[str]:
        try:
            problems = self.problems()
        except (ValueError, KeyError) as exc:
            problems = [str(exc)]
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        if self.isVisible():
            self.fit_height()
        return problems

    def fit_height(self) -> None:
        """Grow to fit text that appeared or got longer while the dialog is open (advice, the span's
        echo, problems): a top-level window does not follow its word-wrapped labels' height for its
        width, so the layout squeezed them instead (the override dialog cut its UTC line off)."""
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        screen = self.screen().availableGeometry().height() if self.screen() else need
        if self.height() < need:
            self.resize(self.width(), min(need, screen))

    def _accept_if_valid(self) -> None:
        if not self.revalidate():
            self.accept()


class DaysPicker(QWidget):
    """Seven check boxes, Mon..Sun."""

    def __init__(self, selected: frozenset[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = []
        for i, name in enumerate(DAY_NAMES):
            box = QCheckBox(name)
            box.setChecked(i in selected)
            box.setAccessibleName(name)
            layout.addWidget(box)
            self.boxes.append(box)
        layout.addStretch(1)

    def selected(self) -> frozenset[int]:
        return frozenset(i for i, b in enumerate(self.boxes) if b.isChecked())

    def connect_changed(self, slot) -> None:
        for box in self.boxes:
            box.toggled.connect(slot)


def minutes_to_qtime(minutes: int) -> QTime:
    minutes %= 1440
    return QTime(minutes // 60, minutes % 60)


def qtime_to_minutes(value: QTime) -> int:
    return value.hour() * 60 + value.minute()


def slug(text: str) -> str:
    """A suggested id from a name: ``"Tokyo Office"`` -> ``"tokyo-office"``."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.strip().lower()).strip("-")

