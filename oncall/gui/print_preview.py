"""Print preview and "Save as PDF" for handoff summaries and weekly sheets.

Both paint with :func:`oncall.services.printing.paint_html`, the same painter the CLI's PDFs use,
so what the preview shows is what the file holds (header, page numbers, page breaks).
The HTML comes from :mod:`oncall.services.handoffs` (``handoff_html``, ``day_html``,
``week_html``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrinter
from PySide6.QtWidgets import QWidget

from oncall.services import printing as pdf


def make_preview(html: str, parent: QWidget | None = None, paper: str | None = None) -> QPrintPreviewDialog:
    """A print preview of ``html`` (not shown yet); its printer is set up for ``paper``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    pdf.configure_printer(printer, paper)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview")
    dialog.paintRequested.connect(lambda target: pdf.paint_html(html, target))
    dialog._printer = printer  # keep the printer alive as long as the dialog  # noqa: SLF001
    return dialog


def preview_html(html: str, parent: QWidget | None = None, paper: str | None = None) -> int:
    """Open the print preview of ``html`` (modal); returns the dialog's result."""
    return make_preview(html, parent, paper).exec()


def save_pdf(html: str, path: str | Path, paper: str | None = None) -> int:
    """Write ``html`` as a PDF; returns the page count (raises pdf.PdfError)."""
    return pdf.write_pdf(html, path, paper)
