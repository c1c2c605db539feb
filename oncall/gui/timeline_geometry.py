"""Pixel layout of the timeline: the numbers of a TimelineData turned into rectangles and labels.

Computed once per data, size or font change (:func:`relayout`), so painting only walks prepared
shapes: no schedule math and no text measuring in ``paintEvent``. Coordinates are content
coordinates: x from the viewport's left, y from the top of the first row (the header and the
scroll offset are added when painting and hit-testing).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from oncall.core.shifts import Source
from oncall.viewmodels.timeline_layout import TimelineData


@dataclass(frozen=True)
class BarShape:
    rect: QRectF  # content coordinates (y from the top of the first row)
    text: str
    site_index: int
    source: Source
    index: int  # into TimelineData.bars
    adjusted: tuple[bool, bool] = (False, False)  # (start, end) edge set by a window adjustment


@dataclass(frozen=True)
class TimelineGeometry:
    pad: float
    line: float
    small_line: float
    lane: float
    label_width: float
    header: float
    plot_left: float
    plot_width: float
    row_tops: list[float]  # content y of each row, plus the total height at the end
    bars: list[list[BarShape]]  # per row
    shades: list[list[tuple[QRectF, str]]]  # per row: (rect, kind)
    hatches: list[list[QRectF]]
    day_x: list[float]
    weekend: list[tuple[float, float]]
    gaps: list[tuple[float, float]]
    day_labels: list[tuple[QRectF, str]]
    hour_labels: list[tuple[float, str]]
    row_labels: list[tuple[str, str]]

    def row_at(self, content_y: float) -> int:
        """The row whose band holds content y (may be -1 or past the last row: callers check)."""
        return bisect.bisect_right(self.row_tops, content_y) - 1

    def visible_rows(self, top: float, bottom: float) -> range:
        """Rows that intersect content y [top, bottom]."""
        first = max(bisect.bisect_right(self.row_tops, top) - 1, 0)
        last = min(bisect.bisect_left(self.row_tops, bottom), len(self.row_tops) - 1)
        return range(first, last)


def timeline_fonts(font: QFont) -> tuple[QFont, QFont, QFont]:
    """The view's font, a smaller one for details and a bold one for titles."""
    small = QFont(font)
    small.setPointSizeF(max(small.pointSizeF() * 0.86, 6.0))
    bold = QFont(font)
    bold.setBold(True)
    return font, small, bold


MAX_LANE_LINES = 6.0  # rows grow with the viewport's height up to lanes this many text lines tall


def relayout(data: TimelineData | None, font: QFont, viewport_width: float, zone: str,
             days: int, viewport_height: float = 0.0) -> TimelineGeometry:
    """Every rectangle and label of the timeline for this data, font and viewport size.

    A tall viewport with few rows (a week of three sites on a 1440 px screen) grows the lanes,
    up to ``MAX_LANE_LINES`` lines, instead of leaving most of the view blank.
    """
    font, small, bold = timeline_fonts(font)
    fm, sfm, bfm = QFontMetricsF(font), QFontMetricsF(small), QFontMetricsF(bold)
    line, small_line = fm.height(), sfm.height()
    pad = round(line * 0.45)
    lane = round(line * 1.35)
    d = data
    rows = d.rows if d else ()
    labels = [(r.label, r.detail if r.kind == "site" else "") for r in rows]
    zone_note = sfm.horizontalAdvance(f"Times in {zone}")
    label_width = max([bfm.horizontalAdvance(a) for a, _ in labels]
                      + [sfm.horizontalAdvance(b) for _, b in labels] + [line * 6, zone_note]) + pad * 3
    label_width = min(label_width, max(viewport_width * 0.3, line * 6))
    plot_left = label_width
    plot_width = max(viewport_width - plot_left - pad, line * 4)
    total = d.total_minutes if d else 1.0
    scale = plot_width / total

    def x(minutes: float) -> float:
        return plot_left + minutes * scale

    day_width = plot_width / max(days, 1)
    show_hours = day_width >= sfm.horizontalAdvance("00") * 4 + pad * 4
    header = round(line * 2 + pad * 2.4 + (small_line if show_hours else 0))
    def label_need(r) -> float:
        return (line + small_line + pad) if r.kind == "site" else line + pad * 0.6

    if viewport_height and rows:
        natural = sum(max(r.lanes * lane + pad * 0.4, label_need(r)) for r in rows)
        spare = viewport_height - header - natural - pad
        if spare > 0:
            lane = min(lane + spare / sum(r.lanes for r in rows), max(lane, round(line * MAX_LANE_LINES)))
    tops, lane_tops, y = [], [], 0.0
    for r in rows:
        tops.append(y)
        body = r.lanes * lane + pad * 0.4
        height = max(body, label_need(r))
        lane_tops.append(y + (height - r.lanes * lane) / 2 + pad * 0.2)  # lanes centred in the row
        y += height
    tops.append(y)
    bars: list[list[BarShape]] = [[] for _ in rows]
    inner_pad = pad * 0.6
    for i, b in enumerate(d.bars if d else ()):
        top = lane_tops[b.row] + b.lane * lane
        rect = QRectF(x(b.start), top, max((b.end - b.start) * scale, 1.0), lane - pad * 0.4)
        text = fit_label(fm, b.labels or (b.label,), rect.width() - inner_pad * 2)
        bars[b.row].append(BarShape(rect, text, rows[b.row].site_index, b.source, i, b.adjusted))
    shades: list[list[tuple[QRectF, str]]] = [[] for _ in rows]
    for s in d.shades if d else ():
        targets = range(len(rows)) if s.row is None else (s.row,)
        for r in targets:
            height = tops[r + 1] - tops[r]
            shades[r].append((QRectF(x(s.start), tops[r], (s.end - s.start) * scale, height), s.kind))
    hatches: list[list[QRectF]] = [[] for _ in rows]
    for h in d.hatches if d else ():
        hatches[h.row].append(QRectF(x(h.start), lane_tops[h.row], (h.end - h.start) * scale,
                                     rows[h.row].lanes * lane - pad * 0.4))
    marks = d.day_marks if d else ()
    day_x = [x(m.start) for m in marks] + ([x(marks[-1].end)] if marks else [])
    weekend = [(x(m.start), x(m.end)) for m in marks if m.weekend]
    formats = day_format(fm, [m.day for m in marks], day_width - pad)
    day_labels = [(QRectF(x(m.start), line + pad * 0.8, (m.end - m.start) * scale, line), formats(m.day))
                  for m in marks]
    hour_labels = []
    if show_hours:
        for m in marks:
            for h in (6, 12, 18):
                hour_labels.append((x(m.start + h * 60 * (m.end - m.start) / 1440), f"{h:02d}"))
    gaps = [(x(s), x(e)) for s, e in (d.gaps if d else ())]
    return TimelineGeometry(pad, line, small_line, lane, label_width, header, plot_left, plot_width, tops, bars,
                            shades, hatches, day_x, weekend, gaps, day_labels, hour_labels, labels)


def fit_label(fm: QFontMetricsF, labels: tuple[str, ...], width: float) -> str:
    """The longest label that fits the bar (full name, first name, initials, one initial),
    measured with the font; nothing rather than an elided stub ("Ca…")."""
    return next((text for text in labels if fm.horizontalAdvance(text) <= width), "")


def day_format(fm: QFontMetricsF, days: list[date], width: float) -> Callable[[date], str]:
    """One label style for every day (the longest that fits all), so columns read alike."""
    styles = (lambda d: f"{d:%a} {d.day} {d:%b}", lambda d: f"{d:%a} {d.day}",
              lambda d: f"{d:%a}"[:2] + f" {d.day}", lambda d: f"{d.day}")
    for style in styles:
        if all(fm.horizontalAdvance(style(d)) <= width for d in days):
            return style
    return lambda d: ""
