"""One answer to PySide6 6.12's None reference bug: the `<6.12` pin in pyproject.toml.

PySide6 6.12.0 returns None from void methods without taking a reference to it. On CPython
3.11 (None is not immortal before 3.12) a painted view's thousands of ``setPen()`` calls then
abort the interpreter with ``Fatal Python error: none_dealloc``. The project pins
``PySide6-Essentials<6.12`` instead of patching None's reference count at run time (the old
``gui/none_guard.py``, removed). These tests say so and check that the pin holds.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _pyside_requirement() -> Requirement:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return next(Requirement(d) for d in deps if Requirement(d).name.lower() == "pyside6-essentials")


def test_the_pin_excludes_the_broken_release():
    assert not _pyside_requirement().specifier.contains("6.12.0")


def test_the_installed_pyside_is_within_the_pin():
    import PySide6

    assert _pyside_requirement().specifier.contains(Version(PySide6.__version__))


def test_void_calls_keep_their_reference_to_none():
    """The bug itself, measured: with the pinned PySide6, void calls do not drop references."""
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(1000):
        rect.setX(1.0)
    assert before - sys.getrefcount(None) < 500  # the bug drops one per call (1000)


def test_no_runtime_patch_of_none_is_left():
    assert not (ROOT / "oncall" / "gui" / "none_guard.py").exists()
    for path in (ROOT / "oncall").rglob("*.py"):
        assert "none_guard" not in path.read_text(), path
