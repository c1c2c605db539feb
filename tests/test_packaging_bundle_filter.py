"""The spec's pruning of Qt plugins: what goes, what stays, and that shared libraries survive."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
import bundle_filter  # noqa: E402

LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pruning is Linux-only")

PLUGINS = "PySide6/Qt/plugins"

# A small fake of PyInstaller's TOC: (bundle path, source path, typecode), and what each needs.
BINARIES = [
    ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    (f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    (f"{PLUGINS}/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
    (f"{PLUGINS}/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    (f"{PLUGINS}/printsupport/libcupsprintersupport.so", "/src/libcupsprintersupport.so", "BINARY"),
    ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
    ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
    ("libglib-2.0.so.0", "/usr/lib/libglib-2.0.so.0", "BINARY"),
    ("libcups.so.2", "/usr/lib/libcups.so.2", "BINARY"),
    ("libdlopened.so.1", "/usr/lib/libdlopened.so.1", "BINARY"),  # added by a hook, needed by nobody
    ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),
]
NEEDED = {
    "/src/QtGui.abi3.so": ["libQt6Gui.so.6", "libpython3.11.so.1.0"],
    "/src/libQt6Gui.so.6": ["libQt6Core.so.6", "libglib-2.0.so.0"],
    "/src/libqxcb.so": ["libQt6Gui.so.6"],
    "/src/libqvnc.so": ["libQt6Network.so.6", "libQt6Gui.so.6"],
    "/src/libqgtk3.so": ["libgtk-3.so.0", "libglib-2.0.so.0"],
    "/usr/lib/libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
    "/src/libcupsprintersupport.so": ["libcups.so.2"],
}
DATAS = [
    ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
    ("PySide6/Qt/translations/qt_help_de.qm", "/src/qt_help_de.qm", "DATA"),
    ("resources/templates/handoff.html", "/src/handoff.html", "DATA"),
]


def run_prune():
    return bundle_filter.prune(BINARIES, DATAS, needed=lambda path: NEEDED.get(path, []))


def names(entries):
    return {bundle_filter.basename(e[0]) for e in entries}


@LINUX_ONLY
def test_unused_plugins_and_the_libraries_only_they_need_are_dropped():
    binaries, _, dropped = run_prune()
    kept = names(binaries)
    assert {"libqvnc.so", "libqgtk3.so", "libQt6Network.so.6", "libgtk-3.so.0", "libcairo.so.2"}.isdisjoint(kept)
    assert f"{PLUGINS}/platforms/libqvnc.so" in dropped


@LINUX_ONLY
def test_libraries_still_needed_by_kept_code_stay():
    binaries, _, _ = run_prune()
    kept = names(binaries)
    # glib is needed by the GTK theme (dropped) and by Qt6Gui (kept): it stays.
    assert {"libglib-2.0.so.0", "libQt6Gui.so.6", "libQt6Core.so.6", "libqxcb.so",
            "libcupsprintersupport.so", "libcups.so.2", "libpython3.11.so.1.0"} <= kept


@LINUX_ONLY
def test_libraries_nobody_links_stay_because_a_hook_may_load_them_at_run_time():
    binaries, _, _ = run_prune()
    assert "libdlopened.so.1" in names(binaries)


@LINUX_ONLY
def test_only_qt_help_translations_are_dropped():
    _, datas, _ = run_prune()
    assert names(datas) == {"qtbase_de.qm", "handoff.html"}


@LINUX_ONLY
def test_without_readelf_nothing_but_the_plugins_goes():
    binaries, _, _ = bundle_filter.prune(BINARIES, DATAS, needed=lambda path: [])
    assert names(BINARIES) - names(binaries) == {"libqvnc.so", "libqgtk3.so"}


@LINUX_ONLY
def test_elf_needed_reads_a_real_library():
    needed = bundle_filter.elf_needed(sys.executable)
    # Every dynamically linked Linux program needs the C library (or is static: then empty).
    assert needed == [] or any(name.startswith("libc.so") for name in needed)


@pytest.mark.parametrize("plugin", ["platforms/libqxcb.so", "platforms/libqwayland.so",
                                    "platforms/libqoffscreen.so", "iconengines/libqsvgicon.so",
                                    "imageformats/libqsvg.so", "imageformats/libqico.so",
                                    "printsupport/libcupsprintersupport.so",
                                    "platformthemes/libqxdgdesktopportal.so",
                                    "wayland-shell-integration/libxdg-shell.so"])
def test_plugins_a_desktop_needs_are_never_dropped(plugin):
    assert not bundle_filter.is_dropped_plugin(f"{PLUGINS}/{plugin}")


def qt_modules_imported_by_the_app() -> set[str]:
    import ast

    found: set[str] = set()
    for path in (Path(__file__).resolve().parent.parent / "oncall").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6."))
    return found


def test_every_qt_module_the_app_imports_is_bundled():
    # A GUI module importing, say, QtSvgWidgets would crash the frozen app only: catch it here.
    imported = qt_modules_imported_by_the_app()
    assert imported - set(bundle_filter.QT_MODULES) == set()
    assert set(bundle_filter.QT_MODULES).isdisjoint(bundle_filter.QT_EXCLUDED)
