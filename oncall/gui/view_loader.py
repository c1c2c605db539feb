"""Load the custom-painted views if they are installed, else a labelled placeholder.

The views are built alongside the shell; the app must still start (and show why a pane is
empty) while one of them is missing or fails to import.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget


def make_view(module: str, cls: str, parent: QWidget | None = None) -> QWidget | None:
    try:
        view_class = getattr(importlib.import_module(f"oncall.gui.{module}"), cls)
    except (ImportError, AttributeError):
        return None
    return view_class(parent)


def hint_label(text: str) -> QLabel:
    """A greyed, wrapped explanation (under a view: what dragging and hovering do)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


def placeholder(text: str) -> QLabel:
    label = hint_label(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def add_view(layout: QBoxLayout, view: QWidget | None, missing: str, *, fill: bool) -> None:
    """Add ``view``, or a placeholder saying ``missing`` when it could not be loaded.

    ``fill``: the view takes the spare height; otherwise it keeps its natural height and the
    spare height goes below it (so what is added next stays at the bottom).
    """
    if view is None:
        layout.addWidget(placeholder(missing), 1)
    elif fill:
        layout.addWidget(view, 1)
    else:
        layout.addWidget(view)
        layout.addStretch(1)
