"""Pixel layout of the follow-the-sun band: every size from the font, every position from minutes.

A :class:`BandGeometry` is computed once per data, size or font change; painting
(:mod:`oncall.gui.band_painter`) and hit-testing (:mod:`oncall.gui.band_interaction`) read it,
so neither measures text nor repeats the scale from axis minutes to pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFont, QFontMetricsF

from oncall.viewmodels.band_layout import DAY_MINUTES, BandData, BandRow


def small_font(font: QFont) -> QFont:
    f = QFont(font)
    f.setPointSizeF(max(f.pointSizeF() * 0.86, 6.0))
    return f


def bold_font(font: QFont) -> QFont:
    f = QFont(font)
    f.setBold(True)
    return f


def row_detail(r: BandRow) -> str:
    """The small line under a leg's name: ``09:00–17:00 AEDT · UTC+11:00 · DST``."""
    dst = " \u00b7 DST" if r.dst else ""
    return f"{r.window_text} \u00b7 UTC{r.offset_text}{dst}"


@dataclass(frozen=True)
class BandGeometry:
    """Every size of the layout, from the font, and the axis scale for a widget width."""

    pad: float
    line: float
    small_line: float
    label_width: float
    header: float
    row: float
    bar_top: float
    bar_height: float
    coverage: float
    legend: float
    plot_left: float
    plot_right: float

    def x(self, minutes: float) -> float:
        return self.plot_left + (self.plot_right - self.plot_left) * minutes / DAY_MINUTES

    def minutes_at(self, x: float) -> float:
        span = max(self.plot_right - self.plot_left, 1.0)
        return min(max((x - self.plot_left) * DAY_MINUTES / span, 0.0), float(DAY_MINUTES))

    def row_top(self, index: int) -> float:
        return self.header + index * self.row

    def bar_rect(self, index: int, start: float, end: float) -> QRectF:
        top = self.row_top(index) + self.bar_top
        return QRectF(self.x(start), top, max(self.x(end) - self.x(start), 1.0), self.bar_height)

    def row_at(self, y: float, rows: int) -> int | None:
        index = int((y - self.header) // self.row)
        return index if 0 <= index < rows and y >= self.header else None

    def coverage_rect(self, rows: int) -> QRectF:
        top = self.row_top(rows) + self.pad * 0.8
        return QRectF(self.plot_left, top, self.plot_right - self.plot_left, self.bar_height)

    def hour_step(self, label_width: float) -> int:
        """Label every Nth hour so labels ``label_width`` wide do not collide."""
        hour_width = (self.plot_right - self.plot_left) / 24
        for step in (1, 2, 3, 4, 6, 12):
            if hour_width * step >= label_width:
                return step
        return 24

    def size_hint(self, rows: int) -> QSize:
        height = self.header + rows * self.row + self.coverage + self.legend + self.pad
        return QSize(int(self.label_width + self.line * 40), int(height))

    def minimum_width(self) -> int:
        return int(self.label_width + self.line * 16)


def band_geometry(font: QFont, data: BandData | None, width: float, min_label_width: float = 0.0) -> BandGeometry:
    """``min_label_width``: bands shown one above the other (Plan: before/after) share one hour axis."""
    fm = QFontMetricsF(font)
    small = QFontMetricsF(small_font(font))
    bold = QFontMetricsF(bold_font(font))
    line, small_line = fm.height(), small.height()
    pad = round(line * 0.5)
    widths = [bold.horizontalAdvance("Coverage")]
    for r in data.rows if data else ():
        widths += [bold.horizontalAdvance(r.label), small.horizontalAdvance(row_detail(r))]
    label_width = max(max(widths) + 3 * pad, min_label_width)
    bar_height = round(line * 1.45)
    row = round(pad * 0.6 + bar_height + small_line + pad * 0.9)
    header = round(line * 2 + pad * 1.2)
    legend = round(line + pad * 1.5)
    return BandGeometry(pad, line, small_line, label_width, header, row, round(pad * 0.6), bar_height,
                        round(bar_height + pad * 1.6), legend, label_width, width - pad)
