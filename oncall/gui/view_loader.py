"""Load the custom-painted views if they are installed, else a labelled placeholder.

The views are built alongside the shell; the app must still start (and show why a pane is
empty) while one of them is missing or fails to import.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def make_view(module: str, cls: str, parent: QWidget | None = None) -> QWidget | None:
    try:
        view_class = getattr(importlib.import_module(f"oncall.gui.{module}"), cls)
    except (ImportError, AttributeError):
        return None
    return view_class(parent)


def placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label
