"""Keep a scrolled QTabWidget's current page whole: tall enough for its wrapped text at its width.

A QTabWidget reports its pages' plain minimum heights, not their height for the width they get, so
a QScrollArea around it (the Plan dialog's pages, to fit 1024x700 screens) made the tabs only that
tall, and the page's layout then squeezed its fixed-height parts below their minimum to make room
for word-wrapped labels: the Plan dialog's before/after bands lost their legends. Raising the tabs'
minimum height to what the page needs at its width lets the scroll area scroll instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTabWidget


class WholePages(QObject):
    """Installed on ``tabs``: follows the current page's resizes and layout requests.

    The filter only compares Python references (the current page is remembered from
    ``currentChanged``): pages still send events while the dialog is being destroyed.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._current = tabs.currentWidget()
        self._timer = QTimer(self)  # dies with this object: no fit() after the tabs are gone
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once per burst of events, after the layouts have settled
        self._timer.timeout.connect(self.fit)
        for index in range(tabs.count()):
            self.watch(index)
        tabs.currentChanged.connect(self._switched)

    def watch(self, index: int) -> None:
        """A page added after this was installed."""
        self._tabs.widget(index).installEventFilter(self)

    def _switched(self, _index: int) -> None:
        self._current = self._tabs.currentWidget()
        self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self._current and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._timer.start()
        return False

    def fit(self) -> None:
        page = self._tabs.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None:
            return
        need = (layout.totalHeightForWidth(page.width()) if layout.hasHeightForWidth()
                else layout.totalMinimumSize().height())
        frame = self._tabs.height() - page.height()  # the tab bar and the frame around the page
        wanted = max(need + frame, 0)
        if wanted != self._tabs.minimumHeight():
            self._tabs.setMinimumHeight(wanted)
