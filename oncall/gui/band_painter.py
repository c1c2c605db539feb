"""Drawing of the follow-the-sun band from its numbers and geometry.

One :class:`BandPainter` per paint event holds what a paint reads (geometry, data, colours,
fonts, the drag in progress, the focus row), so the drawing code has no widget state to reach
into. Grid lines are opaque 1-pixel fills: ten times cheaper to raster than antialiased lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QPolygonF

from oncall.core.labels import day_text
from oncall.viewmodels.band_layout import DAY_MINUTES, BandData, BandRow, WindowPiece

from .band_geometry import BandGeometry, bold_font, row_detail, small_font
from .band_interaction import Drag, preview
from .palette import ViewColors, lighter_fill, mix, site_color, text_on, with_alpha


def empty_text(team) -> str:
    """What an empty band says: the next thing to add (Add leg is disabled until a site and a member
    exist, so "add a leg" alone sent a new team's lead to a greyed-out menu entry)."""
    if team is None or not team.sites:
        return "No sites yet: Edit > Add site…, then members and a leg, to see the band."
    if not team.members:
        return "No members yet: Edit > Add member…, then a leg, to see the band."
    return "No legs yet: Edit > Add leg… to see the band."


@dataclass
class BandPainter:
    geo: BandGeometry
    data: BandData
    colors: ViewColors
    palette: QPalette
    font: QFont
    width: float
    drag: Drag | None = None
    focus_row: int | None = None  # the keyboard row, drawn only while the view has focus

    def __post_init__(self) -> None:
        self.small = small_font(self.font)
        self.bold = bold_font(self.font)

    def paint(self, p: QPainter) -> None:
        self._paint_header(p)
        for i, row in enumerate(self.data.rows):
            self._paint_row(p, i, row)
        self._paint_gap_columns(p)
        self._paint_coverage(p)
        self._paint_legend(p)
        if self.focus_row is not None:
            self._paint_focus(p)

    def _paint_header(self, p: QPainter) -> None:
        m, c, d = self.geo, self.colors, self.data
        p.setFont(self.bold)
        p.setPen(c.text)
        title = QRectF(m.pad, m.pad * 0.6, m.label_width - m.pad, m.line)
        p.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, day_text(d.day))
        p.setFont(self.font)
        p.setPen(c.muted)
        p.drawText(QRectF(m.pad, m.pad * 0.6 + m.line, m.label_width - m.pad, m.line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "UTC")
        step = m.hour_step(QFontMetricsF(self.font).horizontalAdvance("00") + m.pad)
        bottom = m.header + len(d.rows) * m.row + m.coverage
        strong_grid, grid = mix(c.base, c.text, 0.28), mix(c.base, c.text, 0.10)
        top = m.header - m.pad * 0.4
        for hour in range(25):
            x = m.x(hour * 60)
            p.fillRect(QRectF(x, top, 1.0, bottom - top), strong_grid if hour % 6 == 0 else grid)
            if hour % step == 0 and hour < 24:
                p.setPen(c.text)
                box = QRectF(x - m.line * 2, m.pad * 0.6 + m.line, m.line * 4, m.line)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")

    def _paint_row(self, p: QPainter, i: int, row: BandRow) -> None:
        m, c = self.geo, self.colors
        top = m.row_top(i)
        plot = QRectF(m.plot_left, top, m.plot_right - m.plot_left, m.row)
        if i % 2:
            p.fillRect(QRectF(0, top, self.width, m.row), c.alt_base)
        for s, e in row.night:
            p.fillRect(QRectF(m.x(s), top, m.x(e) - m.x(s), m.row), c.night)
        for s, e in row.working:
            p.fillRect(m.bar_rect(i, s, e).adjusted(0, -m.pad * 0.3, 0, m.pad * 0.3), c.working)
        self._paint_label(p, i, row)
        color = site_color(row.site_index, self.palette)
        light = lighter_fill(color, self.palette)
        for s, e in row.overlap_pieces:
            p.fillRect(m.bar_rect(i, s, e), light)
        widest = max(row.pieces, key=lambda pc: pc.end - pc.start, default=None)
        for piece in row.pieces:
            start, end = preview(self.drag, i, piece)
            rect = m.bar_rect(i, start, end)
            if piece.normal is not None:
                self._paint_ghost(p, i, piece.normal)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.drawRoundedRect(rect, m.pad * 0.35, m.pad * 0.35)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._paint_edges(p, rect, piece, color)
            if piece.adjustment is not None:
                self._paint_adjusted_edges(p, rect, piece)
            if piece is widest:
                self._paint_bar_text(p, rect, row, color)
        self._paint_local_hours(p, i, row, plot)

    def _paint_edges(self, p: QPainter, rect: QRectF, piece: WindowPiece, color) -> None:
        """Grips on real (draggable) edges; the clipped edge at midnight stays plain."""
        handle = text_on(color)
        p.setPen(QPen(with_alpha(handle, 0.7), 2))
        inset = rect.height() * 0.28
        if piece.has_start:
            p.drawLine(QPointF(rect.left() + 3, rect.top() + inset), QPointF(rect.left() + 3, rect.bottom() - inset))
        if piece.has_end:
            p.drawLine(QPointF(rect.right() - 3, rect.top() + inset), QPointF(rect.right() - 3, rect.bottom() - inset))

    def _paint_ghost(self, p: QPainter, i: int, span: tuple[float, float]) -> None:
        """The leg's usual window, dashed, behind an adjusted bar: what the adjustment moved."""
        s, e = max(span[0], 0.0), min(span[1], float(DAY_MINUTES))
        if e <= s:
            return
        m = self.geo
        rect = m.bar_rect(i, s, e).adjusted(0.5, -2.5, -0.5, 2.5)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(self.colors.text, 1.2, Qt.PenStyle.DashLine))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.drawRoundedRect(rect, m.pad * 0.35, m.pad * 0.35)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_adjusted_edges(self, p: QPainter, rect: QRectF, piece: WindowPiece) -> None:
        """A notch above and below each edge the adjustment moved, in the text colour."""
        moved_start, moved_end = piece.adjusted_edges
        size = max(4.0, rect.height() * 0.3)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors.text)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for moved, x in ((moved_start, rect.left()), (moved_end, rect.right())):
            if not moved:
                continue
            for y, d in ((rect.top() - 1, 1.0), (rect.bottom() + 1, -1.0)):
                p.drawPolygon(QPolygonF([QPointF(x - size * 0.6, y - d * size * 0.2),
                                         QPointF(x + size * 0.6, y - d * size * 0.2), QPointF(x, y + d * size * 0.8)]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_bar_text(self, p: QPainter, rect: QRectF, row: BandRow, color) -> None:
        m = self.geo
        fm = QFontMetricsF(self.font)
        text = row.window_text
        inner = rect.adjusted(m.pad + 4, 0, -m.pad - 4, 0)
        if fm.horizontalAdvance(text) > inner.width():
            text = text.rsplit(" ", 1)[0]
            if fm.horizontalAdvance(text) > inner.width():
                return
        p.setPen(text_on(color))
        p.setFont(self.font)
        p.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_label(self, p: QPainter, i: int, row: BandRow) -> None:
        m, c = self.geo, self.colors
        top = m.row_top(i)
        swatch = QRectF(m.pad * 0.6, top + m.bar_top + m.pad * 0.2, m.pad * 0.5, m.bar_height - m.pad * 0.4)
        p.fillRect(swatch, site_color(row.site_index, self.palette))
        left = m.pad * 1.6
        p.setFont(self.bold)
        p.setPen(c.text)
        p.drawText(QRectF(left, top + m.bar_top, m.label_width - left, m.bar_height),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, row.label)
        p.setFont(self.small)
        p.setPen(c.muted)
        p.drawText(QRectF(left, top + m.bar_top + m.bar_height, m.label_width - left, m.small_line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, row_detail(row))

    def _paint_local_hours(self, p: QPainter, i: int, row: BandRow, plot: QRectF) -> None:
        m, c = self.geo, self.colors
        p.setFont(self.small)
        tick = mix(c.base, c.text, 0.35)
        p.setPen(c.muted)
        for x, box, text in self.local_hour_labels(i, row, plot):
            p.fillRect(QRectF(x, box.top() - m.pad * 0.2, 1.0, m.pad * 0.35), tick)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def local_hour_labels(self, i: int, row: BandRow, plot: QRectF) -> list[tuple[float, QRectF, str]]:
        """Each row's local hours under the bar: (tick x, text box, "07"). The first one, at the plot's
        left edge, is kept when its text fits (its wide box was measured instead, so every row lost
        the local hour at 00 UTC: London's "00", Sydney's "11")."""
        m = self.geo
        fm = QFontMetricsF(self.small)
        step = m.hour_step(fm.horizontalAdvance("00") + m.pad * 0.6)
        y = m.row_top(i) + m.bar_top + m.bar_height
        labels = []
        for minutes, hour in row.local_hours:
            if hour % step or minutes >= DAY_MINUTES:
                continue
            x = m.x(minutes)
            text = f"{hour:02d}"
            half = fm.horizontalAdvance(text) / 2
            if x - half < plot.left() - m.pad:
                continue
            centre = max(x, plot.left() + half + 1)  # the edge's label starts at the plot, clear of the row's detail
            labels.append((x, QRectF(centre - m.line * 2, y + m.pad * 0.2, m.line * 4, m.small_line), text))
        return labels

    def _paint_gap_columns(self, p: QPainter) -> None:
        m, c = self.geo, self.colors
        bottom = m.coverage_rect(len(self.data.rows)).top()
        for g in self.data.gaps:
            x0, x1 = m.x(g.start), m.x(g.end)
            p.fillRect(QRectF(x0, m.header, x1 - x0, bottom - m.header), with_alpha(c.gap, 0.16))
            p.setPen(QPen(with_alpha(c.gap, 0.8), 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x0, m.header), QPointF(x0, bottom))
            p.drawLine(QPointF(x1, m.header), QPointF(x1, bottom))

    def _paint_coverage(self, p: QPainter) -> None:
        m, c, d = self.geo, self.colors, self.data
        rect = m.coverage_rect(len(d.rows))
        p.setFont(self.bold)
        p.setPen(c.text)
        p.drawText(QRectF(m.pad * 1.6, rect.top(), m.label_width, rect.height()),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "Coverage")
        p.setPen(Qt.PenStyle.NoPen)
        for s, e in d.covered:
            p.fillRect(QRectF(m.x(s), rect.top(), m.x(e) - m.x(s), rect.height()), c.covered)
        fm = QFontMetricsF(self.font)
        p.setFont(self.font)
        for j in d.junctions:
            box = QRectF(m.x(j.start), rect.top(), m.x(j.end) - m.x(j.start), rect.height())
            p.fillRect(box, c.overlap)
            _centred_text(p, box, fm, (f"{j.minutes} min overlap", f"{j.minutes}m"), text_on(c.overlap))
        for g in d.gaps:
            box = QRectF(m.x(g.start), rect.top(), max(m.x(g.end) - m.x(g.start), 2), rect.height())
            p.fillRect(box, c.gap)
            _centred_text(p, box, fm, (f"{g.minutes} min gap", f"{g.minutes}m", "!"), c.gap_text)

    def legend_layout(self) -> list[tuple[QRectF, QRectF, str, QColor | None]]:
        """Where each legend key goes: (swatch, text box, text, colour; None: the adjusted-slot swatch)."""
        m, c = self.geo, self.colors
        top = m.coverage_rect(len(self.data.rows)).bottom() + m.pad
        fm = QFontMetricsF(self.small)
        base = site_color(0, self.palette)
        items = [("Window", "Window", base),
                 ("Handoff overlap", "Handoff", lighter_fill(base, self.palette)),
                 ("Working hours", "Working", c.working), ("Night (22\u201307 local)", "Night", c.night),
                 ("Overlap between legs", "Overlap", c.overlap), ("Gap", "Gap", c.gap)]
        if any(r.adjustment is not None or any(pc.adjustment for pc in r.pieces) for r in self.data.rows):
            items.insert(1, ("Adjusted window (\u25bc moved edge, dashed: usual)", "Adjusted", None))

        def swatch_width(color) -> float:
            return m.pad * (2.4 if color is None else 1.2)  # the adjusted swatch shows a notch and an outline

        def width(text: str, color, gap: float) -> float:
            return swatch_width(color) + m.pad * 0.4 + fm.horizontalAdvance(text) + gap

        # Every key in full when it fits; otherwise every key short, closer together and also under the
        # row labels, so a narrow band (the Plan dialog's, 1024 px screens) explains all its colours.
        full = sum(width(text, color, m.pad * 1.5) for text, _, color in items) <= m.plot_right - m.plot_left
        left = m.plot_left if full else m.pad
        x, keys = left, []
        for long_text, short_text, color in items:
            text = long_text if full else short_text
            w = width(text, color, m.pad * (1.5 if full else 0.9))
            if x + w > m.plot_right and x > left:
                break  # still too narrow: drop what does not fit rather than overlap
            sw = QRectF(x, top + (m.line - m.pad) / 2, swatch_width(color), m.pad)
            keys.append((sw, QRectF(sw.right() + m.pad * 0.4, top, fm.horizontalAdvance(text) + 2, m.line), text, color))
            x += w
        return keys

    def _paint_legend(self, p: QPainter) -> None:
        p.setFont(self.small)
        base = site_color(0, self.palette)
        for sw, box, text, color in self.legend_layout():
            p.fillRect(sw, self.colors.base)
            if color is None:
                self._legend_adjusted(p, sw, base)
            else:
                p.fillRect(sw, color)
            p.setPen(self.colors.muted)
            p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _legend_adjusted(self, p: QPainter, sw: QRectF, base) -> None:
        """A bar with a notch at its left edge and a dashed outline: how an adjusted slot looks."""
        usual = sw.adjusted(0, 0, -sw.width() * 0.45, 0)  # the usual window, outlined dashed
        p.fillRect(sw.adjusted(sw.width() * 0.3, 0, 0, 0), base)  # the adjusted slot ends later
        p.setPen(QPen(self.colors.text, 1, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(usual)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors.text)
        x = sw.right() - 1  # the notch on the moved edge, above the bar
        p.drawPolygon(QPolygonF([QPointF(x - 3, sw.top() - 4), QPointF(x + 3, sw.top() - 4),
                                 QPointF(x, sw.top() + 1)]))

    def _paint_focus(self, p: QPainter) -> None:
        m, c = self.geo, self.colors
        top = m.row_top(self.focus_row)
        p.setPen(QPen(c.focus, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(2, top + 1, self.width - 4, m.row - 2), 4, 4)


def _centred_text(p: QPainter, box: QRectF, fm: QFontMetricsF, options: tuple[str, ...], color) -> None:
    """The first of ``options`` that fits in ``box``, centred; nothing if none fits."""
    for text in options:
        if fm.horizontalAdvance(text) + 4 <= box.width():
            p.setPen(color)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            return
