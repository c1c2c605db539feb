"""Windows pieces that can be checked on any platform: the version resource and the installer script."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import windows_version  # noqa: E402

ISS = ROOT / "packaging" / "windows" / "oncall.iss"


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def evaluate(text: str) -> dict:
    """Evaluate the version file as PyInstaller does, with constructors that record their arguments."""
    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]

    def recorder(name):
        return lambda *args, **kwargs: {"type": name, "args": args, **kwargs}

    return eval(text, {name: recorder(name) for name in names})  # noqa: S307 - our own generated text


@pytest.mark.parametrize("version, numbers", [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.3.4.5.6", (2, 3, 4, 5)),
    ("1.0.0rc1", (1, 0, 0, 0)), ("1.4.2+local.7", (1, 4, 2, 0)),
])
def test_version_numbers(version, numbers):
    assert windows_version.version_numbers(version) == numbers


def test_a_non_version_is_refused():
    with pytest.raises(ValueError, match="not a version"):
        windows_version.version_numbers("latest")


def test_version_file_carries_the_package_version(tmp_path):
    version = pyproject_version()
    path = windows_version.write_version_file(version, tmp_path, "oncall-cli.exe")
    info = evaluate(Path(path).read_text(encoding="utf-8"))
    assert info["ffi"]["filevers"] == windows_version.version_numbers(version)
    strings = {s["args"][0]: s["args"][1] for s in info["kids"][0]["args"][0][0]["args"][1]}
    assert strings["ProductVersion"] == strings["FileVersion"] == version
    assert strings["OriginalFilename"] == "oncall-cli.exe"


@pytest.mark.skipif(importlib.util.find_spec("pefile") is None, reason="pefile (Windows builds only) missing")
def test_pyinstaller_reads_the_version_file(tmp_path):
    from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file

    path = windows_version.write_version_file(pyproject_version(), tmp_path)
    assert load_version_info_from_text_file(path) is not None


def test_installer_script_points_at_files_that_exist():
    text = ISS.read_text(encoding="utf-8")
    for rel in re.findall(r"(?:LicenseFile|SetupIconFile)=(\S+)", text):
        assert (ISS.parent / rel.replace("\\", "/")).resolve().is_file(), rel
    assert r'Source: "..\..\dist\oncall\*"' in text


def test_installer_takes_the_version_from_outside_and_claims_no_handlers():
    text = ISS.read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in text
    assert pyproject_version() not in text  # the version lives in pyproject.toml only
    assert "[Registry]" not in text.replace("No [Registry]", "")
