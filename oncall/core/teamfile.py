"""The team file: one TOML document that describes a team completely (rotation as code).

The format is a public contract (docs/team-file.md). This module is the façade callers
import; the work is split by concern:

* :mod:`oncall.core.teamfile_values` - one parser/formatter per value spelling;
* :mod:`oncall.core.teamfile_parse` - TOML text -> raw values -> model, every problem at once;
* :mod:`oncall.core.team_rules` - the one set of team rules, shared with the editors;
* :mod:`oncall.core.teamfile_write` - model -> TOML text through ``tomli_w``.
"""

from __future__ import annotations

from .teamfile_parse import (
    FORMAT_VERSION, TABLES, TOP_LEVEL, LoadResult, TeamFileError, load_team_file, parse_team, read_text_file,
)
from .teamfile_values import (
    format_duration, parse_cadence, parse_date, parse_duration, parse_hhmm, parse_instant, parse_weekday,
    parse_weekdays, parse_window,
)
from .teamfile_write import dump_team

dump = dump_team

__all__ = [
    "FORMAT_VERSION", "TABLES", "TOP_LEVEL", "LoadResult", "TeamFileError", "dump", "dump_team",
    "format_duration", "load_team_file", "parse_cadence", "parse_date", "parse_duration", "parse_hhmm",
    "parse_instant", "parse_team", "parse_weekday", "parse_weekdays", "parse_window", "read_text_file",
]
