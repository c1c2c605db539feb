"""The default dock layout follows the window's size until the user arranges the docks.

The default (``startup_frame.default_dock_layout``) depends on the window's size: Now and Team
share the bottom below 1280 px, Now sits on the left above. Laid out once, for the size the
window had then, it goes stale when the window is shown or resized at another size: a window
laid out at 1400x900 and shown at 1024x700 kept the 250 px Team dock and the Now dock beside
the tabs, and the Coverage findings showed four rows. So while the layout is still the default
one it is laid out again for each new size. It stops following as soon as the user arranges
the docks (moves, floats, closes or opens one, drags a separator) or a layout they arranged is
restored: then the layout is theirs and is left as it is. ``following`` is saved with the window
state (``Settings.docks_arranged``), so a default saved at close is laid out afresh next time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow


class DefaultDocks(QObject):
    def __init__(self, window: QMainWindow, docks: tuple[QDockWidget, ...], layout: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._layout = layout
        self._size: QSize | None = None  # the size the default was laid out for
        self._applying = False
        self.following = False
        for dock in docks:
            dock.topLevelChanged.connect(self.stop)
            dock.dockLocationChanged.connect(self.stop)
            dock.toggleViewAction().triggered.connect(self.stop)
        window.installEventFilter(self)

    def apply(self) -> None:
        """Lay the docks out for the window's size now, and keep doing so as it changes."""
        self._applying = True
        try:
            self._layout()
        finally:
            self._applying = False
        self.following = True
        self._size = self._window.size()

    def stop(self, *_args) -> None:
        """The layout is the user's (arranged by hand, or restored): leave it as it is."""
        if not self._applying:
            self.following = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._window:
            kind = event.type()
            if kind == QEvent.Type.Resize and self.following and self._window.size() != self._size:
                QTimer.singleShot(0, self, self.fit)  # once the resize is done (a drag sends many)
            elif kind == QEvent.Type.MouseButtonPress and self._window.childAt(event.position().toPoint()) is None:
                self.stop()  # a press on the window itself, between the docks: a separator being dragged
        return False

    def fit(self) -> None:
        """Lay the default out for the window's current size now, if still following and the size changed.

        A hidden window gets its resize event only when shown; calling this after placing it
        (``MainWindow.take_place``) means its first paint already has the layout for its size.
        """
        if self.following and self._window.size() != self._size:
            self.apply()
