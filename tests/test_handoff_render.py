"""HTML and Markdown renderings of handoff summaries, and the note's TOML editing form."""

from __future__ import annotations

from datetime import date

import pytest

from oncall.core.demo import demo_team, utc
from oncall.core.notes import ChecklistItem, HandoffNote, Incident, default_checklist
from oncall.export import templates
from oncall.export.handoff_html import day_html, sheet_html, summary_html
from oncall.export.handoff_note_toml import NoteFormatError, note_from_toml, note_to_toml
from oncall.export.handoff_sheet import parse_iso_week, week_sheet
from oncall.export.handoff_summary import handoff_day
from oncall.export.markdown import day_markdown, escape, sheet_markdown

NASTY = HandoffNote(
    "bob", "dan", utc(2026, 3, 9, 6, 30),
    summary="Rolled back <script>alert(1)</script> & R&D says *wait*\n  indented line",
    incidents=(Incident("INC-1", "p99 > 2s | <b>bad</b>", "mitigated", "https://status.example.com/1?a=1&b=2"),
               Incident("INC-2", "webhooks", "open", "javascript:alert(1)")),
    watch=("disk_usage on db-3",),
    checklist=tuple(ChecklistItem(c.text, k == 0) for k, c in enumerate(default_checklist())),
    acknowledged_at=utc(2026, 3, 9, 6, 41), author="bob")


@pytest.fixture
def day():
    return handoff_day(demo_team(), date(2026, 3, 9), notes=[NASTY, HandoffNote("x", "y", utc(2026, 3, 9, 2))])


def test_html_escapes_note_text(day):
    html = day_html(day)
    assert "<script>" not in html and "<b>bad</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; R&amp;D" in html
    assert "p99 &gt; 2s | &lt;b&gt;bad&lt;/b&gt;" in html
    assert 'href="https://status.example.com/1?a=1&amp;b=2"' in html
    assert 'href="javascript' not in html and "javascript:alert(1)" in html  # shown, never a link


def test_html_prints_as_text_in_qt(qapp, day):
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(day_html(day))
    text = doc.toPlainText()
    assert "Rolled back <script>alert(1)</script> & R&D says *wait*" in text
    assert "gap: nobody on call for 30 min" in text
    assert "Acknowledged by Dan Okafor at Mon 9 Mar 2026 06:41 UTC" in text
    assert "Orphaned notes" in text and "x:y@2026-03-09T02:00Z" in text


def test_html_has_a_page_break_before_every_handoff_but_the_first(day):
    html = day_html(day)
    assert html.count("page-break-before: always") == len(day.handoffs) - 1 + 1  # + the orphans section
    assert html.startswith("<!DOCTYPE html>") and "<title>Payments SRE: handoffs on Mon 9 Mar 2026 (UTC)</title>" in html


def test_html_marks_gaps_red_and_lists_the_checklist(day):
    html = day_html(day)
    assert 'color: #c62828; font-weight: bold">gap: nobody on call for 30 min' in html
    assert "\u2611</td><td>Pager tested" in html and "\u2610</td><td>Dashboards reviewed" in html


def test_single_handoff_html_has_no_page_break(day):
    html = summary_html(day.handoffs[0])
    assert "page-break-before" not in html and "<h2" not in html
    assert "<h1>Payments SRE: Bob Nguyen → Dan Okafor, Mon 9 Mar 2026</h1>" in html


def test_sheet_html_lists_days_gaps_and_warnings():
    html = sheet_html(week_sheet(demo_team(), parse_iso_week("2026-W11"), "Europe/London", [NASTY]))
    assert html.count('bgcolor="#e3eaf3"') == 7
    assert "<thead>" in html  # the column heads repeat on every printed page
    assert "1/4 ticked, 2 incidents, acknowledged" in html
    assert "Coverage warnings" in html and "overlap is 150 min" in html


def test_markdown_escapes_and_lists(day):
    md = day_markdown(day)
    assert "> Rolled back \\<script\\>alert(1)\\</script\\> & R&D says \\*wait\\*" in md
    assert "- INC-1: p99 \\> 2s \\| \\<b\\>bad\\</b\\> (mitigated) <https://status.example.com/1?a=1&b=2>" in md
    assert "- INC-2: webhooks (open) (javascript:alert(1))" in md
    assert "- disk\\_usage on db-3" in md
    assert "- [x] Pager tested" in md and "- [ ] Dashboards reviewed" in md
    assert "- **⚠ gap: nobody on call for 30 min**" in md
    assert "- Bob Nguyen (Sydney): Mon 9 Mar 2026 17:30–18:00 AEDT" in md
    assert "- Bob Nguyen (Sydney): Tue 10 Mar 2026 08:00–09:30 AEDT (+1 day)" in md
    assert "## Orphaned notes" in md


def test_markdown_sheet_is_one_table_per_day():
    md = sheet_markdown(week_sheet(demo_team(), parse_iso_week("2026-W11"), "Europe/London"))
    assert md.count("| London | UTC | Outgoing | Incoming | Overlap | Note |") == 7
    assert "| 06:30 | 06:30 | Bob Nguyen (Sydney) | Dan Okafor (London) | **gap 30 min** | no note |" in md
    utc_md = sheet_markdown(week_sheet(demo_team(), parse_iso_week("2026-W11"), "UTC"))
    assert "| UTC | Outgoing |" in utc_md and "| UTC | UTC |" not in utc_md


def test_markdown_escape_keeps_entities_from_forming():
    assert escape("&copy; a_b") == "&amp;copy; a\\_b"


def test_missing_template_directory_is_a_clear_error(monkeypatch, tmp_path, day):
    monkeypatch.setenv("ONCALL_TEMPLATES", str(tmp_path / "nowhere"))
    with pytest.raises(templates.TemplateError, match="template directory not found"):
        day_html(day)


def test_note_toml_round_trips():
    assert note_from_toml(note_to_toml(NASTY, "Bob -> Dan"), NASTY) == NASTY
    blank = HandoffNote("a", "b", utc(2026, 3, 9))
    text = note_to_toml(blank)
    assert 'summary = """' in text and "# [[incident]]" in text
    assert note_from_toml(text, blank) == blank


def test_note_toml_emptied_means_cancel():
    assert note_from_toml("# nothing\n\n", NASTY) is None


@pytest.mark.parametrize(("text", "message"), [
    ('summary = "unclosed', "not valid TOML"),
    ('summery = "typo"', "unknown field: summery"),
    ('[[incident]]\ntitle = "no id"', "incident 1 needs an id"),
    ('checklist = [{ text = "x", done = "yes" }]', "done must be true or false"),
    ("acknowledged_at = 2026-03-09T06:40:00", "needs a time zone"),
    ('acknowledged_at = "yesterday"', "acknowledged_at"),
    ("watch = 3", "watch must be a list"),
])
def test_note_toml_errors_name_the_problem(text, message):
    with pytest.raises(NoteFormatError, match=message):
        note_from_toml(text, NASTY)


def test_note_toml_key_cannot_be_edited():
    text = note_to_toml(NASTY).replace("Rolled back", "Rolled forward")
    edited = note_from_toml(text, NASTY)
    assert edited.key == NASTY.key and edited.summary.startswith("Rolled forward")


def test_week_sheet_lists_each_notes_summary_watch_incidents_and_checklist_items():
    sheet = week_sheet(demo_team(), parse_iso_week("2026-W11"), "Europe/London", [NASTY])
    html = sheet_html(sheet)
    assert "<b>INC-1</b>: p99 &gt; 2s | &lt;b&gt;bad&lt;/b&gt; (mitigated)" in html  # escaped
    assert "<b>INC-2</b>: webhooks (open)" in html
    assert "\u2611&nbsp;Pager tested" in html and "\u2610&nbsp;Dashboards reviewed" in html
    assert html.count("\u2610&nbsp;") == 3  # only the one note's items: handoffs without a note add none
    md = sheet_markdown(sheet)
    assert "<i>Rolled back &lt;script&gt;alert(1)&lt;/script&gt; &amp; R&amp;D says *wait*<br>" in html  # the summary
    assert "<b>Watch:</b> disk_usage on db-3<br>" in html
    assert "06:30 Bob Nguyen → Dan Okafor:\n> Rolled back \\<script\\>" in md
    assert "- Watch: disk\\_usage on db-3\n- INC-1: p99 \\> 2s" in md
    assert "- [x] Pager tested\n- [ ] Dashboards reviewed" in md
