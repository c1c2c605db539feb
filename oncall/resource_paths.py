"""Where ``resources/`` (templates, icons, translations) is, however oncall was installed.

The folder lives at the repository root, beside the package. The lookup order covers every
way the app runs: ``ONCALL_RESOURCES`` (an explicit choice), a source checkout or editable
install (beside the package), a PyInstaller bundle (mirrored next to the package, see
packaging/oncall.spec), and a wheel install (``<prefix>/share/oncall/resources``, written
by the data-files table in pyproject.toml).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resource_dir() -> Path:
    override = os.environ.get("ONCALL_RESOURCES")
    if override:
        return Path(override)
    candidates = [
        Path(__file__).resolve().parents[1] / "resources",
        Path(sys.prefix) / "share" / "oncall" / "resources",
        Path(getattr(sys, "_MEIPASS", "")) / "resources",
    ]
    for candidate in candidates:
        if (candidate / "templates").is_dir():
            return candidate
    return candidates[0]


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
