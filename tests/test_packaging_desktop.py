"""Linux desktop integration: the .desktop entry and AppStream metainfo are valid and agree."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.oncall.Oncall"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate missing (Debian package desktop-file-utils)")
def test_desktop_file_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli missing (Debian package appstream)")
def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # Warnings and errors fail; infos (e.g. tags newer than this appstream) are accepted.
    assert not any(line.startswith(("W:", "E:")) for line in result.stdout.splitlines()), result.stdout


def test_desktop_entry_starts_the_gui_by_its_binary_with_the_app_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "oncall"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"


def test_nothing_claims_webcal_or_calendar_roles():
    entry = desktop_entry()
    assert "MimeType" not in entry, "oncall opens no file types and is no webcal: handler"
    assert "Calendar" not in entry["Categories"].split(";")
    assert "webcal" not in METAINFO.read_text(encoding="utf-8").replace("webcal://", "")


def test_metainfo_id_launchable_and_binary_match_the_desktop_file():
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("provides/binary") == "oncall"
    assert root.findtext("project_license") == "MIT"


def test_metainfo_newest_release_is_the_package_version():
    releases = metainfo().findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == pyproject_version()


def test_metainfo_screenshot_is_the_main_window_picture_in_the_repository():
    images = [img.text for img in metainfo().iter("image")]
    assert images and images[0].startswith("https://")
    assert images[0].endswith("/docs/screenshots/main-window.png")


def test_icon_named_by_the_desktop_file_exists_in_the_hicolor_theme():
    hicolor = ROOT / "resources" / "icons" / "hicolor"
    icon = desktop_entry()["Icon"]
    assert (hicolor / "scalable" / "apps" / f"{icon}.svg").is_file()
    assert (hicolor / "256x256" / "apps" / f"{icon}.png").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate missing (Debian package desktop-file-utils)")
def test_the_validator_would_catch_a_broken_entry(tmp_path):
    broken = tmp_path / DESKTOP.name
    broken.write_text(DESKTOP.read_text(encoding="utf-8").replace("Type=Application\n", ""), encoding="utf-8")
    result = subprocess.run(["desktop-file-validate", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0
