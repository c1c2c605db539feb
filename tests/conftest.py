"""Test-wide setup: Qt runs offscreen; the default database lives in a temp dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest_plugins: list[str] = ["pg_cluster"]  # tests/pg_cluster.py: pg_cluster, pg_url fixtures


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the real user data directory or QSettings from tests."""
    data = tmp_path_factory.mktemp("oncall-data")
    monkeypatch.setenv("ONCALL_DATA_DIR", str(data))
    monkeypatch.setenv("ONCALL_USER", "tester")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    yield data
    from oncall.core import holiday_calendar

    holiday_calendar.use_store(None)  # a test that started the app lent it a holiday cache in `data`
