"""The team's parts as tables (sites, members, legs, overrides, time off, window adjustments)
with add/edit/remove.

Each tab is a read-only table over the document's team; the buttons and double-click open
the editor dialogs through :class:`EditActions`, so every change is one undo command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from oncall.core.model import Team

from .adjustments_model import AdjustmentsModel
from .edit_actions import EditActions
from .legs_model import LegsModel
from .members_model import MembersModel
from .overrides_model import OverridesModel
from .palette import mute
from .sites_model import SitesModel
from .table_views import FittedTableView
from .team_table_model import TeamTableModel
from .time_off_model import TimeOffModel


def add_blocked_reasons(team: Team) -> dict[str, str | None]:
    """Per table: why nothing can be added yet (members need a site; legs a site and a member)."""
    no_site = "Add a site first (Sites tab)" if not team.sites else None
    no_member = no_site or ("Add a member first (Members tab)" if not team.members else None)
    no_leg = no_member or ("Add a leg first (Legs tab)" if not team.legs else None)
    return {"Sites": None, "Members": no_site, "Legs": no_member, "Overrides": no_member, "Time off": no_member,
            "Adjustments": no_leg}


@dataclass
class _Tab:
    title: str
    model: TeamTableModel
    key: Callable[[object, int], object]  # row item, row number -> what the actions take
    add: Callable[[], bool]
    edit: Callable[[object], bool]
    remove: Callable[[object], bool]


class TablePage(QWidget):
    """One table with Add / Edit / Remove buttons."""

    def __init__(self, tab: _Tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.view = FittedTableView(tab.model, tab.title)
        self.view.activated.connect(self._edit_index)  # Enter or double-click
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_current)
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        singular = tab.title.rstrip("s").lower() if tab.title != "Time off" else "time off"
        for button, verb in ((self.add_button, "Add"), (self.edit_button, "Edit"), (self.remove_button, "Remove")):
            button.setAccessibleName(f"{verb} {singular}")
            button.setToolTip(f"{verb} a {singular}" + (" (Delete)" if verb == "Remove" else
                                                         " (Enter or double-click a row)" if verb == "Edit" else ""))
        self.add_button.clicked.connect(tab.add)
        self.edit_button.clicked.connect(lambda: self._edit_index(self.view.currentIndex()))
        self.remove_button.clicked.connect(self._remove_current)
        self.hint = mute(QLabel())  # greyed but readable: why Add is not available yet
        self.hint.setAccessibleName(f"Why adding a {singular} is not possible yet")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        tab.model.modelReset.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _selected_key(self, index: QModelIndex | None = None):
        index = index if index is not None else self.view.currentIndex()
        if not index.isValid() or index.row() >= self.tab.model.rowCount():
            return None
        return self.tab.key(self.tab.model.item(index.row()), index.row())

    def _edit_index(self, index: QModelIndex) -> None:
        key = self._selected_key(index)
        if key is not None:
            self.tab.edit(key)

    def _remove_current(self) -> None:
        key = self._selected_key()
        if key is not None:
            self.tab.remove(key)

    def _update_buttons(self, *_args) -> None:
        has = self.view.currentIndex().isValid() and self.tab.model.rowCount() > 0
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def set_add_blocked(self, reason: str | None) -> None:
        """Disable Add with the reason next to it (e.g. "Add a site first"), or enable it."""
        self.add_button.setEnabled(reason is None)
        self.add_button.setToolTip(reason or self.add_button.accessibleName())
        self.hint.setText(reason or "")
        self.hint.setVisible(reason is not None)

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.tab.model.index(row, 0))


class TeamPanel(QWidget):
    def __init__(self, actions: EditActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        a = actions
        self.sites = SitesModel(parent=self)
        self.members = MembersModel(parent=self)
        self.legs = LegsModel(parent=self)
        self.overrides = OverridesModel(parent=self)
        self.time_off = TimeOffModel(parent=self)
        self.adjustments = AdjustmentsModel(parent=self)
        tabs = [
            _Tab("Sites", self.sites, lambda s, _r: s.id, a.add_site, a.edit_site, a.remove_site),
            _Tab("Members", self.members, lambda m, _r: m.id, a.add_member, a.edit_member, a.remove_member),
            _Tab("Legs", self.legs, lambda lg, _r: lg.id, a.add_leg, a.edit_leg, a.remove_leg),
            _Tab("Overrides", self.overrides, lambda _o, r: r, a.add_override, a.edit_override, a.remove_override),
            _Tab("Time off", self.time_off, lambda _u, r: r, a.add_time_off, a.edit_time_off, a.remove_time_off),
            _Tab("Adjustments", self.adjustments, lambda adj, _r: self.adjustments.team_index(adj),
                 a.add_adjustment, a.edit_adjustment, a.remove_adjustment),
        ]
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Team")
        self.pages: dict[str, TablePage] = {}
        for tab in tabs:
            page = TablePage(tab)
            self.pages[tab.title] = page
            self.tabs.addTab(page, tab.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_team(self, team: Team) -> None:
        for model in (self.sites, self.members, self.legs, self.overrides, self.time_off, self.adjustments):
            model.set_team(team)
        for title, reason in add_blocked_reasons(team).items():
            if title in self.pages:
                self.pages[title].set_add_blocked(reason)

    def show_page(self, title: str) -> TablePage:
        page = self.pages[title]
        self.tabs.setCurrentWidget(page)
        return page

