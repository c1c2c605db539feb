"""The version lives in one place (pyproject.toml); --version, CHANGELOG and LICENSE follow it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import oncall

ROOT = Path(__file__).resolve().parent.parent


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def test_version_is_read_from_package_metadata():
    try:
        installed = metadata.version("oncall")
    except metadata.PackageNotFoundError:
        assert oncall.__version__ == "0.0.0+source"
        pytest.skip("oncall is not installed (pip install -e .), so there is no metadata to compare")
    assert oncall.__version__ == installed == pyproject_version()


def test_oncall_version_prints_it():
    result = subprocess.run([sys.executable, "-m", "oncall", "--version"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"oncall {oncall.__version__}"


def test_no_other_file_in_the_package_spells_the_version():
    version = pyproject_version()
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "oncall").rglob("*.py")
                 if re.search(rf"['\"]{re.escape(version)}['\"]", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_changelog_has_a_section_for_the_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(pyproject_version())}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
    assert "## [Unreleased]" in text


def test_license_is_mit_for_the_oncall_developers():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 The oncall developers" in text
    with open(ROOT / "pyproject.toml", "rb") as fh:
        assert tomllib.load(fh)["project"]["license"] in ({"text": "MIT"}, "MIT")
