"""Load the custom-painted views by name, or a labelled placeholder if one is not installed.

A build may leave a view module out (a trimmed bundle); the app then still starts, says in
the pane what is missing and logs it. Any other error inside a view -- a broken import in
its own code, a missing class -- is a bug and surfaces as the exception it is.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from .palette import mute


_log = logging.getLogger(__name__)


def make_view(module: str, cls: str, parent: QWidget | None = None) -> QWidget | None:
    """An instance of ``oncall.gui.<module>.<cls>``; None (logged) only if the module is absent."""
    name = f"oncall.gui.{module}"
    try:
        loaded = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # the view exists but something it imports does not: a real error
            raise
        _log.warning("view %s is not installed; showing a placeholder", name)
        return None
    return getattr(loaded, cls)(parent)


def hint_label(text: str) -> QLabel:
    """A greyed, wrapped explanation (under a view: what dragging and hovering do), still readable."""
    label = QLabel(text)
    label.setWordWrap(True)
    mute(label)
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
