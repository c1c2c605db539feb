"""Split an iCalendar text into its top-level components, each parsed on its own.

A real export (an engineer's PTO calendar, a truncated download, two calendars pasted into
one file) often has one component icalendar cannot read. Parsing the whole file at once turns
that one component into a refusal of everything; reading component by component keeps every
good event and names the bad one by its line, so the lead can see what was left out and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A block's own properties the import looks at before parsing it (see ``Block.fields``).
SCANNED = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "RECURRENCE-ID", "SUMMARY"})


@dataclass(frozen=True)
class Block:
    """One top-level component and where it stands in the file (1-based, inclusive lines)."""

    name: str
    first_line: int
    last_line: int
    lines: list[str] = field(default_factory=list, repr=False, compare=False)  # the whole file's
    fields: dict[str, str] = field(default_factory=dict, compare=False)  # own SCANNED properties, raw

    @property
    def text(self) -> str:
        return "\r\n".join(self.lines[self.first_line - 1:self.last_line]) + "\r\n"


@dataclass
class SplitFile:
    blocks: list[Block] = field(default_factory=list)
    calendar_lines: list[str] = field(default_factory=list)  # VCALENDAR's own properties
    unclosed: list[Block] = field(default_factory=list)  # BEGIN without END (a truncated file)
    nested_events: list[int] = field(default_factory=list)  # lines of VEVENTs inside another component
    calendars: int = 0


def split_components(text: str) -> SplitFile:
    """Top-level components of every VCALENDAR in ``text``, by physical line numbers."""
    out = SplitFile()
    lines = text.splitlines()
    stack: list[tuple[str, int]] = []
    fields: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if line[:1] in (" ", "\t"):
            continue  # a folded continuation line, never a BEGIN/END
        colon = line.find(":")
        if colon < 0:
            continue
        semicolon = line.find(";", 0, colon)
        key = line[:semicolon if semicolon >= 0 else colon].strip().upper()
        value = line[colon + 1:]
        if len(stack) == 2 and key in SCANNED:
            fields.setdefault(key, value.strip())
        elif key == "BEGIN":
            component = value.strip().upper()
            if len(stack) == 1:
                fields = {}
            if not stack and component == "VCALENDAR":
                out.calendars += 1
            elif component == "VEVENT" and len(stack) > 1:
                out.nested_events.append(number)
            stack.append((component, number))
        elif key == "END":
            _close(out, stack, value.strip().upper(), number, lines, fields)
        elif len(stack) == 1 and stack[0][0] == "VCALENDAR":
            out.calendar_lines.append(line)
    for component, begin in stack[1:2]:  # an unclosed top-level component: the file was cut short
        out.unclosed.append(Block(component, begin, len(lines)))
    return out


def _close(out: SplitFile, stack: list[tuple[str, int]], component: str, number: int, lines: list[str],
           fields: dict[str, str]) -> None:
    names = [name for name, _ in stack]
    if component not in names:
        return  # a stray END: ignored, as clients do
    while stack:
        name, begin = stack.pop()
        if len(stack) == 1 and stack[0][0] == "VCALENDAR":
            if name == component:
                out.blocks.append(Block(name, begin, number, lines, fields))
            else:  # END of an outer component closed this one implicitly: it was never finished
                out.unclosed.append(Block(name, begin, number))
        if name == component:
            return


def calendar_property(split: SplitFile, name: str) -> str | None:
    """A VCALENDAR-level property's value (``X-WR-TIMEZONE``), first occurrence."""
    prefix = name.upper()
    for line in split.calendar_lines:
        key, _, value = line.partition(":")
        if key.split(";")[0].strip().upper() == prefix:
            return value.strip()
    return None
