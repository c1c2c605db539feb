"""Handoff summaries and the weekly sheet as Markdown, for pasting into chat.

Text people typed is escaped so ``*``, ``_``, ``<script>`` or a ``|`` in a table cell print
as themselves instead of turning into formatting (or HTML, for renderers that allow it).
"""

from __future__ import annotations

import re

from .handoff_sheet import WeekSheet
from .handoff_summary import HandoffDay, HandoffSummary, OrphanNote

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_ENTITY = re.compile(r"&(?=[#A-Za-z0-9]+;)")
# A CommonMark autolink ends at the first space, '<' or '>' and may hold no control character:
# a link that does not match whole is printed as escaped text, so `https://x/a> <script>`
# can never close the autolink early and leave raw HTML behind it.
_SAFE_LINK = re.compile(r"https?://[^\x00-\x20<>\x7f\\]+")


def escape(text: str) -> str:
    """Backslash-escape Markdown punctuation; keep ``&`` from starting an entity."""
    return _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", text or ""))


def _quote(text: str) -> list[str]:
    return [f"> {escape(line)}" if line.strip() else ">" for line in text.strip().splitlines()]


def _note_lines(s: HandoffSummary) -> list[str]:
    n = s.note
    if n is None:
        return [f"_No note yet_ (`oncall note --handoff {s.ref} --edit`)"]
    lines: list[str] = []
    lines += _quote(n.summary) if n.summary.strip() else ["_No summary._"]
    if n.incidents:
        lines += ["", "**Open incidents**", ""]
        for i in n.incidents:
            link = f" <{i.link}>" if i.link and _SAFE_LINK.fullmatch(i.link) else (
                f" ({escape(i.link)})" if i.link else "")
            lines.append(f"- {escape(i.id)}: {escape(i.title)} ({escape(i.state)}){link}")
    if n.watch:
        lines += ["", "**Things to watch**", ""] + [f"- {escape(w)}" for w in n.watch]
    lines.append("")
    if n.acknowledged_at:
        lines.append(f"Acknowledged by {escape(s.incoming.name)} at {n.acknowledged_at:%Y-%m-%d %H:%M} UTC")
    else:
        lines.append(f"**Not yet acknowledged** by {escape(s.incoming.name)}")
    return lines


def summary_markdown(s: HandoffSummary, level: int = 2) -> str:
    h = "#" * level
    alert = "**" if s.alert else ""
    lines = [
        f"{h} {escape(s.outgoing.name)} → {escape(s.incoming.name)}",
        "",
        f"- Team: {escape(s.team)}",
        f"- Outgoing: {escape(s.outgoing.label)}",
        f"- Incoming: {escape(s.incoming.label)}",
        f"- {alert}{'⚠ ' if s.alert else ''}{s.minutes_text}{alert}",
        f"- Handoff id: `{s.ref}`",
        "",
        f"**{s.window_label}**",
        "",
        f"- UTC: {s.window_utc.day} {s.window_utc.times}",
    ]
    for p, c in s.clocks:
        day_note = f" ({c.day_note})" if c.day_note else ""
        lines.append(f"- {escape(p.label)}: {c.day} {c.times}{day_note}")
    lines += ["", "**Note**", ""] + _note_lines(s)
    lines += ["", "**Checklist**", ""]
    lines += [f"- [{'x' if c.done else ' '}] {escape(c.text)}" for c in s.checklist]
    lines += ["", "**Next**", "", f"- {escape(s.next_outgoing.text)}", f"- {escape(s.next_incoming.text)}"]
    return "\n".join(lines) + "\n"


def _orphan_lines(orphans: tuple[OrphanNote, ...]) -> list[str]:
    if not orphans:
        return []
    lines = ["", "## Orphaned notes", "", "The rota changed after these notes were written.", ""]
    for o in orphans:
        lines.append(f"- {escape(o.text)} (`{o.ref}`)")
        if o.note.summary.strip():
            lines += ["  " + q for q in _quote(o.note.summary)]
    return lines


def day_markdown(doc: HandoffDay) -> str:
    lines = [f"# {escape(doc.title)}", ""]
    if not doc.handoffs:
        lines.append("No handoffs on this day.")
    parts = "\n".join(lines) + "\n"
    parts += "\n".join(summary_markdown(s) for s in doc.handoffs)
    orphans = _orphan_lines(doc.orphans)
    return parts + ("\n".join(orphans) + "\n" if orphans else "")


def _note_detail_lines(rows) -> list[str]:
    """Under a day's table: each note's summary, things to watch, incidents and checklist items (the
    table has only counts; the summary is what the incoming engineer reads first)."""
    lines: list[str] = []
    for r in rows:
        note = r.summary.note
        if note is None or not (note.summary.strip() or note.watch or note.incidents or note.checklist):
            continue
        lines += ["", f"{r.local.time_of_day} {escape(r.summary.outgoing.name)} → {escape(r.summary.incoming.name)}:"]
        lines += _quote(note.summary) if note.summary.strip() else []
        lines += [f"- Watch: {escape(w)}" for w in note.watch]
        lines += [f"- {escape(i.id)}: {escape(i.title)} ({escape(i.state)})" for i in note.incidents]
        lines += [f"- [{'x' if c.done else ' '}] {escape(c.text)}" for c in note.checklist]
    return lines


def sheet_markdown(sheet: WeekSheet) -> str:
    utc_note = " (UTC alongside)" if sheet.show_utc else ""
    lines = [f"# {escape(sheet.title)}", "",
             f"{sheet.subtitle}, times in {sheet.zone}{utc_note}. {sheet.handoff_count} handoffs.", ""]
    for day in sheet.days:
        lines += [f"## {day.label}", ""]
        if not day.rows:
            lines += ["No handoffs.", ""]
            continue
        utc_head = " UTC |" if sheet.show_utc else ""
        lines += [f"| {escape(sheet.zone_short)} |{utc_head} Outgoing | Incoming | Overlap | Note |",
                  "|---|" + "---|" * (5 if sheet.show_utc else 4)]
        for r in day.rows:
            s = r.summary
            overlap = f"**{s.minutes_short}**" if s.alert else s.minutes_short
            utc = f" {r.utc_time} |" if sheet.show_utc else ""
            lines.append(f"| {r.local.time_of_day} |{utc} {escape(s.outgoing.label)} | "
                         f"{escape(s.incoming.label)} | {overlap} | {r.note_status} |")
        lines += _note_detail_lines(day.rows)
        lines.append("")
    lines += ["## Gaps", ""]
    lines += [f"- **{escape(c.message)}** ({len(c.gaps)} day{'s' if len(c.gaps) != 1 else ''})"
              for c in sheet.gap_causes]
    lines += [""] if sheet.gap_causes else []
    lines += [f"- **{g.minutes} min** {g.local.day} {g.local.times}"
              f"{f' ({g.utc.times})' if sheet.show_utc else ''}: {escape(g.between)}"
              for g in sheet.gaps] or ["None: somebody is on call all week."]
    lines += ["", "## Coverage warnings", ""]
    lines += [f"- {escape(w.message)}" for w in sheet.warnings] or ["None."]
    lines += _orphan_lines(sheet.orphans)
    return "\n".join(lines) + "\n"
