"""A team as loaded from a database, with what a later save needs to detect lost races."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from oncall.core.model import Team

TEAM_KEY = ("team", "team")

EntityKey = tuple[str, object]  # ("site", "syd"), ("override", 42), ("team", "team")


@dataclass(frozen=True)
class LoadedTeam:
    """``versions`` maps each entity key to the row version read; ``counter`` is the change
    counter at load time. Overrides and unavailability have no id in the core, so
    ``override_ids``/``unavailability_ids``/``adjustment_ids`` give the row id of each tuple element, in order.
    ``positions`` keeps each row's sort position so a save rewrites as few rows as possible.
    """

    team: Team
    versions: Mapping[EntityKey, int]
    counter: int
    override_ids: tuple[int, ...] = ()
    unavailability_ids: tuple[int, ...] = ()
    positions: Mapping[EntityKey, int] = field(default_factory=dict, repr=False)
    adjustment_ids: tuple[int, ...] = ()

    def version(self, key: EntityKey) -> int | None:
        return self.versions.get(key)
