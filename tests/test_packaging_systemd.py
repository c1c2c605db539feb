"""The systemd unit for ``oncall serve``: hardened, unprivileged, and accepted by systemd."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "packaging" / "linux" / "oncall-serve.service"
ENV_EXAMPLE = ROOT / "packaging" / "linux" / "oncall-serve.env.example"


def settings(section: str) -> dict[str, list[str]]:
    """Key -> values of one section (systemd allows repeated keys, so not configparser)."""
    result: dict[str, list[str]] = {}
    current = None
    for raw in UNIT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        if current == section:
            key, _, value = line.partition("=")
            result.setdefault(key, []).append(value)
    return result


SERVICE = settings("Service")


def test_runs_oncall_serve_from_the_environment_file():
    exec_start = SERVICE["ExecStart"][0].split()
    assert exec_start[0].endswith("/oncall") and exec_start[1] == "serve"
    assert SERVICE["EnvironmentFile"] == ["/etc/oncall/serve.env"]


def test_every_variable_the_command_uses_is_set_in_the_example():
    used = set(re.findall(r"\$\{(\w+)\}", SERVICE["ExecStart"][0]))
    defined = {line.split("=", 1)[0] for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")}
    assert used and used <= defined


def test_example_covers_sqlite_and_postgresql_and_listens_on_loopback():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    assert "ONCALL_DB=/var/lib/oncall/" in text  # inside StateDirectory, the one writable place
    assert "postgresql+psycopg://" in text
    assert "ONCALL_HOST=127.0.0.1" in text


@pytest.mark.parametrize("key, value", [
    ("DynamicUser", "yes"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
    ("ProtectHome", "yes"), ("PrivateTmp", "yes"), ("PrivateDevices", "yes"),
    ("StateDirectory", "oncall"), ("CapabilityBoundingSet", ""), ("RestrictSUIDSGID", "yes"),
    ("ProtectKernelTunables", "yes"), ("ProtectControlGroups", "yes"), ("LockPersonality", "yes"),
    ("SystemCallArchitectures", "native"), ("UMask", "0077"), ("Restart", "on-failure"),
])
def test_hardening_option(key, value):
    assert value in SERVICE.get(key, []), f"{key}={value} missing from {UNIT.name}"


def test_no_root_and_no_extra_capabilities():
    assert SERVICE.get("User", ["oncall"]) != ["root"]
    assert SERVICE.get("AmbientCapabilities", [""]) == [""]
    assert "@system-service" in SERVICE["SystemCallFilter"]


def test_enabled_for_boot():
    assert settings("Install")["WantedBy"] == ["multi-user.target"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    # verify insists that ExecStart's binary exists; point it at one that does, change nothing else.
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace("/usr/local/bin/oncall", shutil.which("true")),
                    encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True)
    # Unknown or misspelt keys are only warnings on stderr, so any output counts as a failure.
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_rates_the_exposure_ok(tmp_path):
    result = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager", str(UNIT)],
                            capture_output=True, text=True)
    if result.returncode != 0 and "offline" in result.stderr:
        pytest.skip("this systemd-analyze has no offline security check")
    match = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert match, result.stdout[-500:] + result.stderr
    assert float(match.group(1)) <= 2.0  # systemd calls < 2 "OK"; a default service is 9.6
