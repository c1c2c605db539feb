"""view_loader.make_view: a placeholder only for a view that is not installed; real errors surface."""

from __future__ import annotations

import logging
import sys

import pytest

from oncall.gui.view_loader import make_view


def test_a_missing_view_module_gives_none_and_a_log_line(qtbot, caplog):
    with caplog.at_level(logging.WARNING, logger="oncall.gui.view_loader"):
        assert make_view("no_such_view_module", "Nothing") is None
    assert "oncall.gui.no_such_view_module is not installed" in caplog.text


def test_a_broken_import_inside_a_view_surfaces(qtbot, tmp_path, monkeypatch):
    import oncall.gui

    (tmp_path / "broken_view_for_test.py").write_text("import no_such_dependency_xyz\n")
    monkeypatch.setattr(oncall.gui, "__path__", [*oncall.gui.__path__, str(tmp_path)])
    try:
        with pytest.raises(ModuleNotFoundError, match="no_such_dependency_xyz"):
            make_view("broken_view_for_test", "View")
    finally:
        sys.modules.pop("oncall.gui.broken_view_for_test", None)


def test_a_missing_class_surfaces(qtbot):
    with pytest.raises(AttributeError):
        make_view("band_view", "NoSuchClass")


def test_an_installed_view_is_built(qtbot):
    view = make_view("band_view", "BandView")
    qtbot.addWidget(view)
    assert type(view).__name__ == "BandView"
