"""The layer contracts in pyproject.toml hold (import-linter), and the CLI starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def _lint_copy(tmp_path: Path, module: str, text: str) -> subprocess.CompletedProcess:
    """lint-imports on a copy of the package with one extra module ``module`` holding ``text``."""
    shutil.copytree(ROOT / "oncall", tmp_path / "oncall", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
    target.write_text(text)
    beside = Path(sys.executable).with_name("lint-imports")
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([exe, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)


@pytest.mark.parametrize("module, line, contract", [
    ("oncall.gui.sneaky", "from oncall.storage import open_database\n", "The faces go through services"),
    ("oncall.cli.commands.sneaky", "import oncall.feeds.server\n", "The faces go through services"),
    ("oncall.core.sneaky", "import sqlalchemy\n", "The core is pure"),
])
def test_a_broken_contract_fails_the_check(tmp_path, module, line, contract):
    """The contracts are not decoration: one forbidden import in a copy of the tree breaks them."""
    result = _lint_copy(tmp_path, module, line)
    assert result.returncode != 0, result.stdout
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    assert module in result.stdout


MAX_MODULE_LINES = 450


def test_no_module_is_over_the_line_limit():
    """Small modules with one responsibility: split a module before it grows past the limit."""
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "oncall").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
