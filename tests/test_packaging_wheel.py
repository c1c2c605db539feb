"""A wheel (the non-editable install) carries everything the app reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_demo_team_migrations_templates_and_desktop_files(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("oncall-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    # The wheel's data scheme folder ("oncall-0.1.0.data/data/"), not a package's own data/ folder.
    data = next(n.split(".data/data/")[0] for n in names if ".data/data/" in n) + ".data/data/"
    expected = {
        "oncall/core/data/demo-team.toml",
        "oncall/storage/migrations/script.py.mako",
        "oncall/storage/migrations/versions/0001_initial.py",
        data + "share/oncall/resources/templates/handoff_sheet.html",
        data + "share/oncall/resources/oncall.svg",
        data + "share/applications/io.github.oncall.Oncall.desktop",
        data + "share/metainfo/io.github.oncall.Oncall.metainfo.xml",
    }
    assert expected <= names, sorted(expected - names)
