"""Read-only table views configured alike: row selection, no editing, columns fitted sparingly.

``ResizeToContents`` re-measures every cell on every model reset, which after each edit
cost tens of milliseconds across the app's tables. Columns are fitted once, and again only
when the number of rows changes; the user can resize them in between.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class FittedTableView(QTableView):
    def __init__(self, model: QAbstractItemModel, accessible_name: str) -> None:
        super().__init__()
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fitted_rows = -1
        model.modelReset.connect(self._maybe_fit)
        self._maybe_fit()

    def _maybe_fit(self) -> None:
        rows = self.model().rowCount()
        if rows != self._fitted_rows:
            self._fitted_rows = rows
            self.resizeColumnsToContents()
