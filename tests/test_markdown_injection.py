"""Markdown output rendered by a real CommonMark renderer (markdown-it-py, raw HTML allowed)
contains no tag or attribute that came from user text.

Before the fix an incident link ``https://x/a> <script>alert(1)</script>`` closed the autolink
early and the rest became a live ``<script>`` element.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from oncall.core.demo import demo_team, utc
from oncall.core.notes import ChecklistItem, HandoffNote, Incident
from oncall.export.handoff_sheet import parse_iso_week, week_sheet
from oncall.export.handoff_summary import handoff_day
from oncall.export.markdown import day_markdown, sheet_markdown

# The payloads of the HTML tests (tests/test_handoff_render.py, test_handoff_pdf.py) and the
# classic ways around a Markdown escaper.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<b>bad</b>",
    "javascript:alert(1)",
    "https://x/a> <script>alert(1)</script>",
    "<https://x/a> <script>alert(1)</script>",
    "https://x/a\"onmouseover=\"alert(1)",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![img](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)</script>",
    "`<b>`</b>` <i>",
    "<!-- x --><svg onload=alert(1)>",
    "x\n<script>alert(1)</script>\ny",
    "x\n\n<div onclick=alert(1)>\n\ny",
    "Rolled back <script>alert(1)</script> & R&D says *wait*",
    "p99 > 2s | <b>bad</b>",
    "https://status.example.com/1?a=1&b=2 <iframe src=x>",
]
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "code", "blockquote", "table", "thead",
                "tbody", "tr", "th", "td", "a", "hr", "pre", "br"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_comment(self, data):
        self.found.append(("!--", []))


def assert_no_live_html(markdown: str) -> None:
    html = MarkdownIt("commonmark").render(markdown)  # the CommonMark preset passes raw HTML through
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            assert name == "href" or (tag in ("td", "th") and name == "style"), (tag, name, html)
            if name == "href":
                assert value.startswith(("http://", "https://")) and " " not in value, (value, html)
                assert "<" not in value and ">" not in value, (value, html)


def hostile_note(text: str) -> HandoffNote:
    return HandoffNote(
        "bob", "dan", utc(2026, 3, 9, 6, 30), summary=text,
        incidents=(Incident(text, text, text, text), Incident("INC-2", "t", "open", text)),
        watch=(text,), checklist=(ChecklistItem(text, True), ChecklistItem(text)), author="bob")


def hostile_team(text: str):
    team = demo_team()
    return team.evolve(name=text, members=tuple(replace(m, name=f"{m.name} {text}") for m in team.members),
                       sites=tuple(replace(s, name=text) for s in team.sites))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_day_markdown_renders_no_payload_html(payload):
    team = hostile_team(payload)
    notes = [hostile_note(payload), HandoffNote("x", "y", utc(2026, 3, 9, 2), summary=payload)]
    assert_no_live_html(day_markdown(handoff_day(team, date(2026, 3, 9), notes=notes)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sheet_markdown_renders_no_payload_html(payload):
    team = hostile_team(payload)
    sheet = week_sheet(team, parse_iso_week("2026-W11"), "Europe/London", [hostile_note(payload)])
    assert_no_live_html(sheet_markdown(sheet))


def test_a_safe_link_stays_a_link_and_a_broken_one_is_text():
    team = demo_team()
    good = HandoffNote("bob", "dan", utc(2026, 3, 9, 6, 30),
                       incidents=(Incident("INC-1", "t", "open", "https://status.example.com/1?a=1&b=2"),
                                  Incident("INC-2", "t", "open", "https://x/a> <script>alert(1)</script>")))
    html = MarkdownIt("commonmark").render(day_markdown(handoff_day(team, date(2026, 3, 9), notes=[good])))
    assert '<a href="https://status.example.com/1?a=1&amp;b=2">' in html
    assert "<script>" not in html and "https://x/a&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in html
