"""Date editors offer only the years the engine supports (oncall/core/limits.py: 1970-2100).

Qt's date editors accept 1752 to 9999 by default; a range starting at 9999-12-31 overflowed
in the engine. Every date and date-time editor is built through :func:`supported_dates`
(via :mod:`oncall.gui.date_fields`, which also sets how it reads).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateTimeEdit

from oncall.core.limits import MAX_YEAR, MIN_YEAR

Edit = TypeVar("Edit", bound=QDateTimeEdit)


def supported_dates(edit: Edit) -> Edit:
    """``edit`` limited to 1 Jan MIN_YEAR .. 31 Dec MAX_YEAR (a value outside is clamped)."""
    edit.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
    return edit
