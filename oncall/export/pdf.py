"""HTML to paged output (PDF files, the print preview, printers) through Qt's text engine.

One painter serves all three: :func:`paint_html` lays the HTML out on the printer's own
resolution and paints it page by page, adding a header (the document's ``<title>``) and a
footer ``Page N of M``, which ``QTextDocument.print`` cannot do. Page breaks come from the
HTML (``page-break-before: always``). Works headless: without a display the offscreen Qt
platform is used.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor, QFont, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from oncall.atomic_file import write_atomic

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: Territories that use US Letter (the rest of the world prints on A4).
LETTER_TERRITORIES = frozenset({
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Philippines,
})
MARGINS_MM = QMarginsF(16, 12, 16, 12)
FONT_FAMILY = "DejaVu Sans"
BODY_POINTS = 10
CHROME_POINTS = 8


class PdfError(Exception):
    """The PDF could not be written (the message names the file and why)."""


def default_paper(locale: QLocale | None = None) -> str:
    """``letter`` for US/CA/MX/PH locales, ``a4`` elsewhere (the system locale by default)."""
    territory = (locale or QLocale.system()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """Qt's text layout needs a QGuiApplication; make an offscreen one if none exists.

    It is a QApplication (widgets), so a dialog opened later in the same process (the GUI,
    a test) does not find a lesser application object in its way: Qt allows only one.
    """
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication([sys.argv[0] if sys.argv else "oncall"])
    return _app


def configure_printer(printer: QPagedPaintDevice, paper: str | None = None) -> None:
    """Paper size and margins for ``paper`` (``a4``/``letter``; None: by locale)."""
    key = (paper or default_paper()).lower()
    if key not in PAPERS:
        raise PdfError(f"unknown paper size {paper!r} (use a4 or letter)")
    printer.setPageSize(QPageSize(PAPERS[key]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)


def make_document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(QFont(FONT_FAMILY, BODY_POINTS))
    doc.setHtml(html)
    return doc


def paint_html(html: str, printer: QPagedPaintDevice) -> int:
    """Lay ``html`` out for ``printer`` and paint every page; returns the page count.

    ``printer`` may be a PDF printer, a real one, or the one QPrintPreviewDialog hands to
    its ``paintRequested`` signal.
    """
    ensure_gui_app()
    doc = make_document(html)
    title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    painter = QPainter()
    if not painter.begin(printer):
        name = printer.outputFileName() if isinstance(printer, QPrinter) else ""
        raise PdfError(f"cannot write {name or 'to the printer'}")
    try:
        pages = _paint_pages(doc, title, printer, painter)
    finally:
        ended = painter.end()
    if not ended:
        raise PdfError("the printer did not accept the pages")
    return pages


def _paint_pages(doc: QTextDocument, title: str, printer: QPagedPaintDevice, painter: QPainter) -> int:
    dpi = printer.resolution()
    page = QRectF(0, 0, printer.width(), printer.height())  # the printable area, device px
    band = dpi * 0.32  # header and footer bands, about 8 mm each
    body = QRectF(0, band, page.width(), page.height() - 2 * band)
    # Laid out on the printer itself, so points and pixels in the HTML scale to paper.
    doc.documentLayout().setPaintDevice(printer)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    pages = doc.pageCount()
    chrome = QFont(FONT_FAMILY, CHROME_POINTS)
    for index in range(pages):
        if index:
            printer.newPage()
        painter.save()
        painter.translate(0, body.top() - index * body.height())
        doc.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
        painter.restore()
        _paint_chrome(painter, page, band, chrome, title, f"Page {index + 1} of {pages}")
    return pages


def _paint_chrome(painter: QPainter, page: QRectF, band: float, font: QFont, title: str, number: str) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#616161"))
    header = QRectF(page.left(), page.top(), page.width(), band * 0.7)
    footer = QRectF(page.left(), page.bottom() - band * 0.7, page.width(), band * 0.7)
    painter.drawText(header, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number)
    pen = QPen(QColor("#bdbdbd"))
    pen.setWidthF(max(1.0, band / 80))
    painter.setPen(pen)
    painter.drawLine(header.bottomLeft(), header.bottomRight())
    painter.drawLine(footer.topLeft(), footer.topRight())
    painter.restore()


def render_pdf(html: str, paper: str | None = None, title: str = "") -> tuple[bytes, int]:
    """(the PDF's bytes, its page count), rendered in memory at the PDF printer's resolution."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(QPrinter(QPrinter.PrinterMode.HighResolution).resolution())
    writer.setCreator("oncall")
    writer.setTitle(title)
    configure_printer(writer, paper)
    pages = paint_html(html, writer)
    del writer  # flushes the trailer into the buffer
    buffer.close()
    out = bytes(data.data())
    if not out.startswith(b"%PDF") or b"%%EOF" not in out[-64:]:
        raise PdfError("the PDF could not be rendered (the output is incomplete)")
    return out, pages


def write_pdf(html: str, path: str | Path, paper: str | None = None) -> int:
    """Write ``html`` as a PDF to ``path``; returns the page count.

    The whole PDF is rendered in memory first and then written with the atomic writer, so a
    full disk or an unwritable folder raises PdfError naming the OS error and leaves the old
    file (or none) in place, never a truncated PDF reported as written.
    """
    target = Path(path)
    if not target.parent.exists():
        raise PdfError(f"cannot write {target}: folder {target.parent} does not exist")
    data, pages = render_pdf(html, paper, target.stem)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise PdfError(f"cannot write {target}: {exc.strerror or exc}") from None
    return pages
