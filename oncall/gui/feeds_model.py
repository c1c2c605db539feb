"""Feed subscriptions as a table: which calendar, state, label, created, last fetched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QObject

from oncall.core.model import Team

from . import formatting as fmt
from .team_table_model import TeamTableModel


def _when(instant: datetime | None) -> str:
    return fmt.utc_time(instant) if instant else "never"


class FeedsModel(TeamTableModel):
    columns = (
        ("Calendar", lambda f, t: f.title),
        ("State", lambda f, t: f.state),
        ("Label", lambda f, t: f.label or ""),
        ("Created", lambda f, t: _when(f.created_at)),
        ("Last fetched", lambda f, t: _when(f.last_access_at)),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        self._entries: tuple = ()
        super().__init__(None, parent)

    def set_entries(self, team: Team, entries: Sequence) -> None:
        self._entries = tuple(entries)
        self.set_team(team)

    def rows(self, team: Team) -> tuple:
        return self._entries
