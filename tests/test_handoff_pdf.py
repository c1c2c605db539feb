"""PDFs rendered headless through Qt: page count, page size, header, page numbers, text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from oncall.core.demo import demo_team, utc
from oncall.core.notes import HandoffNote, Incident
from oncall.export.handoff_html import day_html, sheet_html
from oncall.export.handoff_sheet import parse_iso_week, week_sheet
from oncall.export.handoff_summary import handoff_day
from oncall.export.pdf import PdfError, default_paper, write_pdf

POINTS = {"a4": (595, 842), "letter": (612, 792)}


def _pages(path):
    reader = PdfReader(str(path))
    # Qt's PDF engine keeps ligatures ("ﬀ" in "handoff"); read them as letters.
    # pypdf separates words by tabs here; read them as spaces.
    texts = [re.sub(r"[ \t]+", " ", p.extract_text()) for p in reader.pages]
    return reader, [t.replace("\ufb00", "ff").replace("\ufb01", "fi") for t in texts]


@pytest.fixture
def note():
    return HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30), summary="Rolled back <script>x</script> & R&D",
                       incidents=(Incident("INC-77", "Card auth slow", "mitigated"),))


def test_day_pdf_has_one_page_per_handoff_with_header_and_page_numbers(qapp, tmp_path, note):
    path = tmp_path / "day.pdf"
    pages = write_pdf(day_html(handoff_day(demo_team(), date(2026, 3, 9), notes=[note])), path, "a4")
    reader, texts = _pages(path)
    assert pages == len(reader.pages) == 3
    for n, text in enumerate(texts, 1):
        assert "Payments SRE: handoffs on Mon 9 Mar 2026 (UTC)" in text  # the header
        assert f"Page {n} of 3" in text
    assert "Bob Nguyen → Dan Okafor" in texts[0] and "gap: nobody on call for 30 min" in texts[0]
    assert "Rolled back <script>x</script> & R&D" in texts[0]
    assert "INC-77" in texts[0]
    assert "Dan Okafor → Frank Miller" in texts[1] and "Frank Miller → Bob Nguyen" in texts[2]
    assert "Tue 10 Mar 2026" in texts[2] and "+1 day" in texts[2]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_paper_size(qapp, tmp_path, paper):
    path = tmp_path / f"{paper}.pdf"
    write_pdf(day_html(handoff_day(demo_team(), date(2026, 3, 9))), path, paper)
    box = PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == POINTS[paper]


def test_week_sheet_pdf(qapp, tmp_path):
    path = tmp_path / "week.pdf"
    pages = write_pdf(sheet_html(week_sheet(demo_team(), parse_iso_week("2026-W11"), "Europe/London")), path, "letter")
    reader, texts = _pages(path)
    assert pages == len(reader.pages) >= 1
    everything = "\n".join(texts)
    assert "Payments SRE: handoff sheet 2026-W11" in texts[0]
    assert f"Page 1 of {pages}" in texts[0]
    for day in ("Mon 9 Mar 2026", "Sun 15 Mar 2026"):
        assert day in everything
    assert "Gaps" in everything and "Coverage warnings" in everything


def test_long_notes_flow_onto_more_pages_and_every_page_is_numbered(qapp, tmp_path):
    long = HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30), summary="\n".join(f"line {k}" for k in range(150)))
    path = tmp_path / "long.pdf"
    pages = write_pdf(day_html(handoff_day(demo_team(), date(2026, 3, 9), notes=[long])), path, "a4")
    _, texts = _pages(path)
    assert pages > 3
    assert all(f"Page {n} of {pages}" in t for n, t in enumerate(texts, 1))
    assert "line 149" in "\n".join(texts)


def test_bad_paper_and_missing_folder_are_clear_errors(qapp, tmp_path):
    with pytest.raises(PdfError, match="unknown paper size"):
        write_pdf("<p>x</p>", tmp_path / "x.pdf", "a3")
    with pytest.raises(PdfError, match="does not exist"):
        write_pdf("<p>x</p>", tmp_path / "no" / "x.pdf", "a4")


def test_default_paper_by_locale():
    from PySide6.QtCore import QLocale

    assert default_paper(QLocale("en_US")) == "letter"
    assert default_paper(QLocale("fr_CA")) == "letter"
    assert default_paper(QLocale("es_MX")) == "letter"
    assert default_paper(QLocale("en_PH")) == "letter"
    assert default_paper(QLocale("en_GB")) == "a4"
    assert default_paper(QLocale("de_DE")) == "a4"
