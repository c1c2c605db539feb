"""Handoff summaries and the weekly sheet as HTML (the same HTML feeds the PDF and print preview)."""

from __future__ import annotations

from .handoff_sheet import WeekSheet
from .handoff_summary import HandoffDay, HandoffSummary
from .templates import render


def day_html(doc: HandoffDay) -> str:
    """Every handoff of the day, one per page when printed, then orphaned notes."""
    return render("handoff_day.html", title=doc.title, doc=doc)


def summary_html(summary: HandoffSummary, title: str | None = None) -> str:
    """One handoff on its own (the GUI's "Save as PDF" for a single handoff)."""
    heading = title or f"{summary.team}: {summary.outgoing.name} → {summary.incoming.name}, {summary.window_utc.day}"
    return render("handoff_one.html", title=heading, s=summary)


def sheet_html(sheet: WeekSheet) -> str:
    return render("handoff_sheet.html", title=sheet.title, sheet=sheet)
