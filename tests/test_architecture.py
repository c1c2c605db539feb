"""The layer contracts in pyproject.toml hold (import-linter), and the CLI starts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    beside = Path(sys.executable).with_name("lint-imports")  # the virtualenv's, not a global one
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert exe, "import-linter is not installed (pip install -e '.[test]')"
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_has_no_forbidden_imports_by_text():
    """A second, dumb check that does not depend on the linter's configuration."""
    forbidden = ("PySide6", "sqlalchemy", "icalendar", "oncall.gui", "oncall.storage", "oncall.cli")
    for path in (ROOT / "oncall" / "core").rglob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                assert not any(f in stripped for f in forbidden), f"{path}: {stripped}"


def test_python_dash_m_oncall_version():
    result = subprocess.run([sys.executable, "-m", "oncall", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("oncall ")
