"""Printing for the GUI: the painter that lays out handoff summaries and weekly sheets on a
QPrinter (preview, paper) and writes PDFs -- the same one the CLI's ``--format pdf`` uses, so
what the preview shows is what the file holds. The renderer lives in :mod:`oncall.export.pdf`;
the GUI reaches it through here.
"""

from __future__ import annotations

from oncall.export.pdf import PdfError, configure_printer, paint_html, write_pdf

__all__ = ["PdfError", "configure_printer", "paint_html", "write_pdf"]
