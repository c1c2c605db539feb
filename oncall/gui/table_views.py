"""Read-only table views configured alike: row selection, no editing, columns fitted sparingly.

Fitting columns is where big tables were slow: ``resizeColumnsToContents`` asks the model for
about ten roles of every cell through the delegate (65,000 Python calls for the 200-member
team's tables at start-up, ~0.8 s). So columns are fitted

* only while the view is visible (a hidden table is fitted when it is first shown),
* only when the number of rows changed since the last fit (the user can resize in between),
* from the model's cell texts and the font metrics when the model offers ``display_text``
  (one text and one width per cell, the same margins the item delegate uses), otherwise by Qt.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView


def _is_bold(model: QAbstractItemModel, row: int, column: int) -> bool:
    font = model.data(model.index(row, column), Qt.ItemDataRole.FontRole)
    return isinstance(font, QFont) and font.bold()


class FittedTableView(QTableView):
    def __init__(self, model: QAbstractItemModel, accessible_name: str, *, stretch_last: bool = True) -> None:
        """``stretch_last=False`` for a table of figures: a number's column stretched over a wide
        screen left its header centred far from the value (Coverage's "Holiday" at 2560 px)."""
        super().__init__()
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        self.verticalHeader().setVisible(False)
        # Compact rows (the style's default is roomy): more rows fit a small screen's docks.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch_last)
        self._fitted_rows = -1
        model.modelReset.connect(self._maybe_fit)
        self._maybe_fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._maybe_fit()

    def _maybe_fit(self) -> None:
        if not self.isVisible():
            return  # fitted when shown
        rows = self.model().rowCount()
        if rows != self._fitted_rows:
            self._fitted_rows = rows
            self.fit_columns()

    def fit_columns(self) -> None:
        """Every column as wide as its widest cell or its header, like resizeColumnsToContents."""
        model = self.model()
        text_of = getattr(model, "display_text", None)
        if text_of is None:
            self.resizeColumnsToContents()
            return
        header = self.horizontalHeader()
        metrics = QFontMetricsF(self.font())
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        grid = 1 if self.showGrid() else 0
        rows = model.rowCount()
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        bold = QFontMetricsF(bold_font)
        for column in range(model.columnCount()):
            if self.isColumnHidden(column):
                continue
            # A cell in bold (the Fairness figures that moved) is wider than the same text plain.
            widest = max(((bold if _is_bold(model, row, column) else metrics).horizontalAdvance(text)
                          for row, text in ((row, text_of(row, column)) for row in range(rows)) if text),
                         default=0)
            content = math.ceil(widest) + margin + grid if widest else 0
            header.resizeSection(column, max(content, header.sectionSizeHint(column)))
