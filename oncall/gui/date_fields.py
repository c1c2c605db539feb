"""How date editors read: a date that picks what a view shows reads like every date label.

Labels, captions and headings write a day one way, :func:`oncall.core.labels.day_text`
("Thu 26 Nov 2026"). The editors that choose what a view shows (the band's day, Coverage and
Timeline "From", the print dialog's week, the Plan dialog's range) read the same
(``PICKER_FORMAT``), so the band's caption and the range above the findings name a day alike.
Fields of the editor dialogs, where a date is typed section by section (a leg's start and end,
an adjustment's days, override and time-off spans, a note's acknowledgement), read
"Thu 2026-11-26" (``ENTRY_FORMAT``): every section takes digits, and Qt cannot type a month
name as digits. Both spell names in English, as ``day_text`` does: Qt would otherwise follow
the desktop's locale ("jeu. 26 nov.") beside labels that do not.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QDateTimeEdit

from .date_limits import supported_dates

PICKER_FORMAT = "ddd d MMM yyyy"  # Qt's spelling of core.labels.day_text
ENTRY_FORMAT = "ddd yyyy-MM-dd"
ENTRY_TIME_FORMAT = "ddd yyyy-MM-dd HH:mm"

Edit = TypeVar("Edit", bound=QDateTimeEdit)


def _english(edit: Edit, display_format: str) -> Edit:
    supported_dates(edit)
    locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    edit.setLocale(locale)
    edit.setDisplayFormat(display_format)
    edit.setCalendarPopup(True)
    _fit_widest(edit, locale, display_format)
    return edit


def _fit_widest(edit: QDateTimeEdit, locale: QLocale, display_format: str) -> None:
    """Wide enough for any day, not only for the first and last one Qt measures.

    Qt sizes a date editor for its minimum and maximum dates (Thu 1 Jan 1970, Fri 31 Dec 2100);
    "Wed 23 Sep 2026" is wider, and its last digit went under the drop-down arrow.
    """
    extra = _extra_width(edit, locale, display_format)
    if extra > 0:
        edit.setMinimumWidth(edit.sizeHint().width() + extra)


_EXTRA_WIDTHS: dict[tuple, int] = {}  # measuring 86 days took ~8 ms per editor, five at start-up


def _extra_width(edit: QDateTimeEdit, locale: QLocale, display_format: str) -> int:
    """How much wider the widest day is than the two Qt measures, once per font, format and range."""
    low, high = edit.minimumDate(), edit.maximumDate()
    key = (edit.font().key(), locale.name(), display_format, low.toJulianDay(), high.toJulianDay())
    if key not in _EXTRA_WIDTHS:
        metrics = edit.fontMetrics()

        def width(day: QDate) -> int:
            return metrics.horizontalAdvance(locale.toString(QDateTime(day, QTime(23, 59)), display_format))

        widest = max(width(QDate(2026, month, day)) for month in range(1, 13) for day in range(22, 29))
        _EXTRA_WIDTHS[key] = widest - max(width(low), width(high))
    return _EXTRA_WIDTHS[key]


def day_picker(edit: Edit, prefix: str = "") -> Edit:
    """``edit`` reading like the date labels ("Thu 26 Nov 2026"); ``prefix`` a literal before it."""
    quoted = f"'{prefix}' " if prefix else ""
    return _english(edit, quoted + PICKER_FORMAT)


def date_entry(edit: Edit, with_time: bool = False, suffix: str = "") -> Edit:
    """``edit`` for typing a date (and time) as digits: "Thu 2026-11-26[ 07:00]"."""
    return _english(edit, (ENTRY_TIME_FORMAT if with_time else ENTRY_FORMAT) + (f" '{suffix}'" if suffix else ""))
