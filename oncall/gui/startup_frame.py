"""The first thing on screen: the window's frame in the last-seen layout, before anything loads.

Building the real window needs the domain, the panels, storage and the holiday tables: most of
a second on a cold start. This frame needs only Qt and the settings, so it paints about as fast
as a bare Qt window: the menus' titles, the toolbar's place, the tabs' titles and the Now and
Team docks where the user left them (restored from QSettings with the real window's object
names), each saying "Loading…". A layout the user never arranged was saved as the default for
the size the window had then; like the window, the frame lays the default out again for the
size it opens at (``Settings.docks_arranged``), so the window replaces it without a jump. :func:`oncall.gui.app.start_app` then builds the real window
over it at the same geometry and closes the frame.

Nothing here may import the domain or the panels: that is the point.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget, QToolBar, QWidget

from .palette import mute  # Qt only, like the settings
from .settings import Settings

MENU_TITLES = ("&File", "&Edit", "&View", "&Tools", "&Help")
TAB_TITLES = ("Follow the sun", "Timeline", "Coverage", "Handoffs", "Feeds")
DEFAULT_SIZE = (1400, 900)
COMPACT_WIDTH = 1280  # below this the Now and Team docks share the bottom area (views get the width)


def default_dock_layout(window: QMainWindow, now_dock: QDockWidget, team_dock: QDockWidget) -> None:
    """The docks for the window's size until the user's own layout is saved (frame and window alike).

    Below ``COMPACT_WIDTH`` (a 1024x700 screen) the Now and Team docks are tabs of the bottom
    area, so the views get the full width and the team tables full-width rows; wider windows
    keep Now on the left.
    """
    width, height = window.width(), window.height()
    if width < COMPACT_WIDTH:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, now_dock)
        window.tabifyDockWidget(team_dock, now_dock)
        team_dock.raise_()
        window.resizeDocks([team_dock], [max(200, int(height * 0.4))], Qt.Orientation.Vertical)
        return
    if window.dockWidgetArea(now_dock) != Qt.DockWidgetArea.LeftDockWidgetArea:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, now_dock)
    window.resizeDocks([now_dock], [min(560, int(width * 0.3))], Qt.Orientation.Horizontal)
    window.resizeDocks([team_dock], [max(250, int(height * 0.26))], Qt.Orientation.Vertical)


def _loading(text: str = "Loading…") -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    mute(label)  # readable secondary text (a disabled label is 1.6:1 in light mode)
    return label


class StartupFrame(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("oncall")
        for title in MENU_TITLES:
            self.menuBar().addMenu(title).setEnabled(False)
        toolbar = QToolBar("Toolbar", self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" "))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        tabs = QTabWidget()
        tabs.setDocumentMode(True)
        for title in TAB_TITLES:
            tabs.addTab(_loading("Opening the team…") if not tabs.count() else QWidget(), title)
        self.setCentralWidget(tabs)
        docks = []
        for title, name, area in (("Now", "NowDock", Qt.DockWidgetArea.LeftDockWidgetArea),
                                  ("Team", "TeamDock", Qt.DockWidgetArea.BottomDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(_loading())
            self.addDockWidget(area, dock)
            docks.append(dock)
        self.statusBar().showMessage("Starting…")
        geometry, state = settings.geometry(), settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # first start: 1400x900, or 90% of a smaller screen (as the window does)
            screen = self.screen()
            available = screen.availableGeometry() if screen is not None else None
            self.resize(min(DEFAULT_SIZE[0], int(available.width() * 0.9)) if available else DEFAULT_SIZE[0],
                        min(DEFAULT_SIZE[1], int(available.height() * 0.9)) if available else DEFAULT_SIZE[1])
        self._docks = (docks[0], docks[1])
        self.follows_size = state is None or not settings.docks_arranged()  # as the window's DefaultDocks
        if self.follows_size:
            default_dock_layout(self, *self._docks)
        else:
            self.restoreState(state)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.follows_size and event.size() != event.oldSize():  # placed at another size than saved
            default_dock_layout(self, *self._docks)
