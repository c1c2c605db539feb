"""Drawing of the timeline from prepared shapes (:mod:`oncall.gui.timeline_geometry`).

One :class:`TimelinePainter` per paint event: it holds what a paint reads (geometry, data,
colours, fonts, viewport size) so the drawing code has no view state to reach into. Only rows
that intersect the exposed rectangle are walked; tall fills are opaque (translucent tall fills
cost ~100x more in the raster engine).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from oncall.core.labels import day_span_text
from oncall.core.shifts import Source
from oncall.viewmodels.timeline_layout import TimelineData

from .palette import ViewColors, mix, text_on, with_alpha
from .timeline_geometry import TimelineGeometry, timeline_fonts

SiteColors = Callable[[int], tuple[QColor, QColor, QColor]]  # site index -> fill, light fill, ink


@dataclass(frozen=True)
class Marks:
    """What the user is doing on top of the data: focus row, selection, flashed span."""

    focus_row: int | None = None  # the keyboard row, when the view has focus
    selection: tuple[int, float, float] | None = None  # row, from, to (minutes, sorted)
    flash: tuple[float, float] | None = None  # minutes
    flash_level: float = 0.0


@dataclass
class TimelinePainter:
    geo: TimelineGeometry
    data: TimelineData
    colors: ViewColors
    font: QFont
    width: float  # of the viewport
    height: float
    site_colors: SiteColors
    fonts: tuple[QFont, QFont, QFont] = field(init=False)

    def __post_init__(self) -> None:
        self.fonts = timeline_fonts(self.font)

    # ---------------------------------------------------------------- body

    def paint_body(self, p: QPainter, exposed: QRectF, offset: float, marks: Marks) -> None:
        """Tall columns first and opaque, then row stripes and shades, which are short
        translucent spans; then bars, overlap hatching, bar texts, row labels, selection, flash."""
        geo, c = self.geo, self.colors
        width = self.width
        bottom = min(geo.row_tops[-1] + offset, self.height)
        rows = geo.visible_rows(exposed.top() - offset, exposed.bottom() - offset)
        left, right = exposed.left(), exposed.right()
        top = max(geo.header, exposed.top())
        height = bottom - top
        weekend, gap_fill, grid = mix(c.base, c.text, 0.045), mix(c.base, c.gap, 0.16), mix(c.base, c.text, 0.12)
        for x0, x1 in geo.weekend:
            if x1 >= left and x0 <= right:
                p.fillRect(QRectF(x0, top, x1 - x0, height), weekend)
        for x0, x1 in geo.gaps:
            if x1 >= left and x0 <= right:
                p.fillRect(QRectF(x0, top, max(x1 - x0, 1.0), height), gap_fill)
        for x in geo.day_x:
            if left - 1 <= x <= right + 1:
                p.fillRect(QRectF(x, top, 1.0, height), grid)
        p.translate(0, offset)
        stripe = with_alpha(c.text, 0.035 if not c.dark else 0.06)
        shade_colors = {"holiday": c.holiday, "time_off": c.time_off}
        for i in rows:
            if i % 2:
                p.fillRect(QRectF(0, geo.row_tops[i], width, geo.row_tops[i + 1] - geo.row_tops[i]), stripe)
            for rect, kind in geo.shades[i]:
                if rect.right() >= left and rect.left() <= right:
                    p.fillRect(rect, shade_colors[kind])
        self._paint_bars(p, rows, left, right)
        self._paint_hatches(p, rows, left, right)
        self._paint_bar_texts(p, rows, left, right)
        if left < geo.plot_left:
            self._paint_labels(p, rows, marks.focus_row)
        p.translate(0, -offset)
        self._paint_selection(p, offset, marks.selection)
        self._paint_flash(p, bottom, marks.flash, marks.flash_level)

    def _paint_bars(self, p: QPainter, rows: range, left: float, right: float) -> None:
        geo = self.geo
        p.setFont(self.fonts[0])
        radius = geo.pad * 0.3
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        dash = QPen(QColor(), 1.5, Qt.PenStyle.DashLine)
        for i in rows:
            for shape in geo.bars[i]:
                rect = shape.rect
                if rect.right() < left or rect.left() > right:
                    continue
                fill, light, _ink = self.site_colors(shape.site_index)
                if shape.source is Source.SUBSTITUTE:
                    p.setBrush(light)
                    dash.setColor(fill.darker(130) if not self.colors.dark else fill.lighter(130))
                    p.setPen(dash)
                elif shape.source is Source.OVERRIDE:
                    p.setBrush(fill)
                    p.setPen(QPen(self.colors.text, 2))
                else:
                    p.setBrush(fill)
                    p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
                if shape.source is Source.OVERRIDE:
                    self._paint_corner(p, rect)
                if shape.adjusted != (False, False):
                    self._paint_notches(p, rect, shape.adjusted)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_bar_texts(self, p: QPainter, rows: range, left: float, right: float) -> None:
        """Labels after the hatching, so the overlap pattern never runs through a name."""
        geo = self.geo
        p.setFont(self.font)
        inner = geo.pad * 0.6
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for i in rows:
            for shape in geo.bars[i]:
                rect = shape.rect
                if not shape.text or rect.right() < left or rect.left() > right:
                    continue
                fill, light, ink = self.site_colors(shape.site_index)
                p.setPen(text_on(light) if shape.source is Source.SUBSTITUTE else ink)
                box = rect.adjusted(inner, 0, -inner, 0) if rect.width() > inner * 3 else rect
                p.drawText(box, align if rect.width() > inner * 3 else Qt.AlignmentFlag.AlignCenter, shape.text)

    def _paint_corner(self, p: QPainter, rect: QRectF) -> None:
        """The override badge: a dog-ear in the bar's top-right corner."""
        size = min(self.geo.pad * 1.2, rect.width() / 3, rect.height() / 2)
        tri = [QPointF(rect.right() - size, rect.top()), QPointF(rect.right(), rect.top()),
               QPointF(rect.right(), rect.top() + size)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors.text)
        p.drawPolygon(tri)

    def _paint_notches(self, p: QPainter, rect: QRectF, edges: tuple[bool, bool]) -> None:
        """A notch at the top of each edge a window adjustment moved (as on the band)."""
        size = max(3.0, min(self.geo.pad * 0.9, rect.height() * 0.4))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors.text)
        for moved, x in zip(edges, (rect.left(), rect.right())):
            if moved:
                top = rect.top() - size * 0.2
                p.drawPolygon([QPointF(x - size * 0.6, top), QPointF(x + size * 0.6, top),
                               QPointF(x, rect.top() + size * 0.8)])

    def _paint_hatches(self, p: QPainter, rows: range, left: float, right: float) -> None:
        brush = QBrush(self.colors.overlap_hatch, Qt.BrushStyle.BDiagPattern)
        for i in rows:
            for rect in self.geo.hatches[i]:
                if rect.right() >= left and rect.left() <= right:
                    p.fillRect(rect, brush)

    def _paint_labels(self, p: QPainter, rows: range, focus_row: int | None) -> None:
        geo, c = self.geo, self.colors
        font, small, bold = self.fonts
        stripe = with_alpha(c.text, 0.035 if not c.dark else 0.06)
        p.fillRect(QRectF(0, geo.row_tops[rows.start] if rows else 0, geo.plot_left - 1,
                          (geo.row_tops[rows.stop] - geo.row_tops[rows.start]) if rows else 0), c.base)
        for i in rows:
            top, height = geo.row_tops[i], geo.row_tops[i + 1] - geo.row_tops[i]
            if i % 2:
                p.fillRect(QRectF(0, top, geo.plot_left - 1, height), stripe)
            label, detail = geo.row_labels[i]
            fill, _, _ = self.site_colors(self.data.rows[i].site_index)
            p.fillRect(QRectF(geo.pad * 0.5, top + geo.pad * 0.4, geo.pad * 0.45, height - geo.pad * 0.8), fill)
            text_left = geo.pad * 1.5
            width = geo.plot_left - text_left - geo.pad
            if detail:
                p.setFont(bold)
                p.setPen(c.text)
                p.drawText(QRectF(text_left, top + geo.pad * 0.4, width, geo.line),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                p.setFont(small)
                p.setPen(c.muted)
                p.drawText(QRectF(text_left, top + geo.pad * 0.4 + geo.line, width, geo.small_line),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
            else:
                p.setFont(font)
                p.setPen(c.text)
                p.drawText(QRectF(text_left, top, width, height),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            if i == focus_row:
                p.setPen(QPen(c.focus, 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(1, top + 1, geo.plot_left - 3, height - 2))
        p.setPen(QPen(c.strong_grid, 1))
        if rows:
            p.drawLine(QPointF(geo.plot_left - 1, geo.row_tops[rows.start]),
                       QPointF(geo.plot_left - 1, geo.row_tops[rows.stop]))

    def _x(self, minutes: float) -> float:
        return self.geo.plot_left + minutes / self.data.total_minutes * self.geo.plot_width

    def _paint_selection(self, p: QPainter, offset: float, selection: tuple[int, float, float] | None) -> None:
        if selection is None:
            return
        geo = self.geo
        row, lo, hi = selection
        x0, x1 = self._x(lo), self._x(hi)
        top = geo.row_tops[row] + offset
        rect = QRectF(x0, top, max(x1 - x0, 2.0), geo.row_tops[row + 1] - geo.row_tops[row])
        p.fillRect(rect, with_alpha(self.colors.highlight, 0.28))
        p.setPen(QPen(self.colors.highlight, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)

    def _paint_flash(self, p: QPainter, bottom: float, flash: tuple[float, float] | None, level: float) -> None:
        if flash is None or level <= 0:
            return
        lo, hi = flash
        x0, x1 = self._x(lo), self._x(hi)
        rect = QRectF(x0, self.geo.header, max(x1 - x0, 3.0), bottom - self.geo.header)
        p.fillRect(rect, with_alpha(self.colors.highlight, 0.22 * level))
        p.setPen(QPen(with_alpha(self.colors.highlight, level), 2))
        p.drawRect(rect)

    # -------------------------------------------------------------- header

    def paint_header(self, p: QPainter) -> None:
        """Title, legend, zone note, day and hour labels, and the coverage strip."""
        geo, c, d = self.geo, self.colors, self.data
        font, small, bold = self.fonts
        width = self.width
        p.fillRect(QRectF(0, 0, width, geo.header), c.base)
        for x0, x1 in geo.weekend:
            p.fillRect(QRectF(x0, geo.line + geo.pad * 0.6, x1 - x0, geo.header), c.weekend)
        p.setFont(bold)
        p.setPen(c.text)
        last = d.first_day + timedelta(days=d.days - 1)
        title = day_span_text(d.first_day, last)
        p.drawText(QRectF(geo.pad, geo.pad * 0.4, geo.plot_left + geo.plot_width, geo.line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        self._paint_legend(p, QFontMetricsF(bold).horizontalAdvance(title) + geo.pad * 3)
        p.setFont(small)
        p.setPen(c.muted)
        p.drawText(QRectF(geo.pad, geo.line + geo.pad * 0.8, geo.plot_left - geo.pad * 2, geo.line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"Times in {d.zone}")
        p.setFont(font)
        p.setPen(c.text)
        for rect, text in geo.day_labels:
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(small)
        p.setPen(c.muted)
        y = geo.line * 2 + geo.pad * 0.8
        for x, text in geo.hour_labels:
            p.drawText(QRectF(x - geo.line * 2, y, geo.line * 4, geo.small_line), Qt.AlignmentFlag.AlignCenter, text)
        p.setPen(QPen(c.grid, 1))
        for x in geo.day_x:
            p.drawLine(QPointF(x, geo.line + geo.pad * 0.6), QPointF(x, geo.header - geo.pad * 0.7))
        strip = QRectF(geo.plot_left, geo.header - geo.pad * 0.7, geo.plot_width, geo.pad * 0.7)
        p.fillRect(strip, c.covered)
        for x0, x1 in geo.gaps:
            p.fillRect(QRectF(x0, strip.top(), max(x1 - x0, 2.0), strip.height()), c.gap)
        p.setPen(QPen(c.strong_grid, 1))
        p.drawLine(QPointF(0, geo.header - 0.5), QPointF(width, geo.header - 0.5))

    def _paint_legend(self, p: QPainter, left: float) -> None:
        """Key to the marks, right-aligned on the title line; items that do not fit are left out."""
        geo, c = self.geo, self.colors
        small = self.fonts[1]
        fm = QFontMetricsF(small)
        fill, light, _ = self.site_colors(0)
        items = [("Shift", "fill"), ("Substitute", "sub"), ("Override", "ovr"), ("Handoff overlap", "hatch"),
                 ("Holiday", "holiday"), ("Time off", "off"), ("Gap", "gap")]
        if any(b.adjusted != (False, False) for b in self.data.bars):
            items.insert(3, ("Adjusted window", "adj"))
        sw = geo.pad * 1.6
        widths = [sw + geo.pad * 0.5 + fm.horizontalAdvance(t) + geo.pad * 1.2 for t, _ in items]
        right = self.width - geo.pad
        while items and right - sum(widths) < left:
            items.pop()
            widths.pop()
        x = right - sum(widths)
        top = geo.pad * 0.4
        p.setFont(small)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for (text, kind), w in zip(items, widths):
            box = QRectF(x, top + (geo.line - geo.pad) / 2, sw, geo.pad)
            self._legend_swatch(p, box, kind, fill, light)
            p.setPen(c.muted)
            p.drawText(QRectF(x + sw + geo.pad * 0.5, top, w, geo.line),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += w
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _legend_swatch(self, p: QPainter, box: QRectF, kind: str, fill: QColor, light: QColor) -> None:
        c = self.colors
        p.setPen(Qt.PenStyle.NoPen)
        if kind == "fill":
            p.fillRect(box, fill)
        elif kind == "sub":
            p.setBrush(light)
            p.setPen(QPen(fill.darker(130), 1.2, Qt.PenStyle.DashLine))
            p.drawRect(box)
        elif kind == "ovr":
            p.setBrush(fill)
            p.setPen(QPen(c.text, 1.5))
            p.drawRect(box)
        elif kind == "hatch":
            p.fillRect(box, fill)
            p.fillRect(box, QBrush(c.overlap_hatch, Qt.BrushStyle.BDiagPattern))
        elif kind == "adj":
            p.fillRect(box, fill)
            p.setBrush(c.text)
            p.drawPolygon([QPointF(box.left() - 2, box.top()), QPointF(box.left() + 4, box.top()),
                           QPointF(box.left() + 1, box.top() + box.height() * 0.7)])
        elif kind == "holiday":
            p.fillRect(box, c.holiday)
        elif kind == "off":
            p.fillRect(box, c.time_off)
        else:
            p.fillRect(box, c.gap)
