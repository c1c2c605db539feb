"""The import report: what was mapped to what, what was approximated and how, what was dropped.

A migration is only trusted when nothing happens silently, so every decision the importer
takes that is not an exact translation lands here, item by item, in text and in JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportReport:
    tool: str
    mapped: list[str] = field(default_factory=list)
    approximated: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def map(self, text: str) -> None:
        self.mapped.append(text)

    def approximate(self, text: str) -> None:
        if text not in self.approximated:
            self.approximated.append(text)

    def drop(self, text: str) -> None:
        if text not in self.dropped:
            self.dropped.append(text)

    @property
    def exact(self) -> bool:
        return not self.approximated and not self.dropped

    def as_json(self) -> dict:
        return {"tool": self.tool, "mapped": self.mapped, "approximated": self.approximated,
                "dropped": self.dropped}

    def lines(self) -> list[str]:
        out = [f"Imported from {self.tool}:"]
        out += [f"  = {text}" for text in self.mapped]
        if self.approximated:
            out.append("Approximated:")
            out += [f"  ~ {text}" for text in self.approximated]
        if self.dropped:
            out.append("Dropped:")
            out += [f"  - {text}" for text in self.dropped]
        if self.exact:
            out.append("Nothing approximated or dropped.")
        return out
