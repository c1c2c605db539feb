"""Keep the frozen bundle lean: drop Qt plugins the app never loads and the libraries only they need.

PyInstaller's Qt hooks collect every plugin of a plugin type (all platforms, all image
formats, GTK theme, ...) together with every shared library those plugins link. A widgets
app on a desktop needs a handful. The spec calls :func:`prune` on ``Analysis.binaries``
and ``Analysis.datas``; the rules below say what stays and why. Pure functions over
PyInstaller's (dest, source, typecode) tuples, so tests can check them without a build.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]  # (name inside the bundle, source path, typecode)

# Qt modules the app uses. Everything else in PySide6-Essentials stays out of the bundle.
QT_MODULES = ["QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"]
QT_EXCLUDED = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQmlFeatures",
    "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
]

# Qt plugins dropped on Linux, as glob patterns on the path below ".../Qt/plugins/".
DROPPED_PLUGINS = (
    # Platforms for embedded devices, remote framebuffers and Vulkan-only displays;
    # the desktop uses xcb or wayland, tests use offscreen.
    "platforms/libqeglfs.so", "platforms/libqlinuxfb.so", "platforms/libqvnc.so",
    "platforms/libqvkkhrdisplay.so", "platforms/libqminimalegl.so",
    "egldeviceintegrations/*", "generic/*",
    # The GTK theme plugin would drag a private copy of GTK, Pango and Cairo into the
    # bundle, which then clashes with the desktop's own GTK modules. The portal theme
    # still gives native file dialogs on GNOME and KDE.
    "platformthemes/libqgtk3.so",
    # Image formats the app never reads (it shows PNG, SVG, ICO, JPEG at most).
    "imageformats/libqtiff.so", "imageformats/libqwebp.so", "imageformats/libqtga.so",
    "imageformats/libqwbmp.so", "imageformats/libqicns.so", "imageformats/libqpdf.so",
    # Wayland compositor-side buffer sharing and special-purpose shells.
    "wayland-graphics-integration-client/lib*-server.so",
    "wayland-shell-integration/libivi-shell.so",
    "wayland-shell-integration/libfullscreen-shell-v1.so",
    "wayland-shell-integration/libqt-shell.so",
    "wayland-shell-integration/libwl-shell-plugin.so",
    # Networking plugins (QtNetwork is not in the bundle).
    "networkinformation/*", "tls/*",
    "platforminputcontexts/libqtvirtualkeyboardplugin.so",
)
# Qt translation catalogs dropped (only Qt Assistant uses these).
DROPPED_TRANSLATIONS = ("qt_help_*.qm",)


def plugin_path(dest: str) -> str | None:
    """The part of a bundle path after ``Qt/plugins/``, or None for non-plugins."""
    marker = "/plugins/"
    normalized = dest.replace("\\", "/")
    if "PySide6/Qt/plugins/" not in normalized:
        return None
    return normalized.split(marker, 1)[1]


def is_dropped_plugin(dest: str) -> bool:
    rel = plugin_path(dest)
    return rel is not None and any(fnmatch.fnmatch(rel, pattern) for pattern in DROPPED_PLUGINS)


def is_dropped_translation(dest: str) -> bool:
    normalized = dest.replace("\\", "/")
    if "PySide6/Qt/translations/" not in normalized:
        return False
    name = normalized.rsplit("/", 1)[1]
    return any(fnmatch.fnmatch(name, pattern) for pattern in DROPPED_TRANSLATIONS)


def basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def elf_needed(path: str) -> list[str]:
    """DT_NEEDED names of an ELF file (what the dynamic loader will look for)."""
    try:
        result = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True, check=False)
    except FileNotFoundError:  # no binutils: keep every library rather than guess
        return []
    needed = []
    for line in result.stdout.splitlines():
        if "(NEEDED)" in line and "[" in line:
            needed.append(line.rsplit("[", 1)[1].rstrip("]"))
    return needed


def closure(start: Iterable[Entry], binaries: list[Entry],
            needed: Callable[[str], Iterable[str]]) -> set[str]:
    """Bundle paths of ``start`` and of every collected binary they need, transitively."""
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(basename(entry[0]), []).append(entry)
    seen: set[str] = set()
    todo = list(start)
    while todo:
        entry = todo.pop()
        if entry[0] in seen:
            continue
        seen.add(entry[0])
        if entry[2] == "SYMLINK":
            continue
        for lib in needed(entry[1]):
            todo.extend(e for e in by_name.get(lib, ()) if e[0] not in seen)
    return seen


def orphans(binaries: list[Entry], dropped: list[Entry],
            needed: Callable[[str], Iterable[str]]) -> set[str]:
    """Libraries that only the dropped plugins need.

    Anything not pulled in by a dropped plugin is a root and stays (extensions,
    libraries a hook added on purpose, ctypes-loaded ones), with all it needs.
    """
    pulled_in = closure(dropped, binaries, needed)
    roots = [e for e in binaries if e[0] not in pulled_in]
    kept = closure(roots, binaries, needed)
    return pulled_in - kept


def prune(binaries: list[Entry], datas: list[Entry],
          needed: Callable[[str], Iterable[str]] = elf_needed) -> tuple[list[Entry], list[Entry], list[str]]:
    """(binaries, datas, dropped bundle paths) without unwanted plugins and their orphan libraries.

    Only Linux is pruned: on Windows and macOS the Qt deployment is different and
    PyInstaller's own selection is kept as is.
    """
    if not sys.platform.startswith("linux"):
        return binaries, datas, []
    plugins = [e for e in binaries if is_dropped_plugin(e[0])]
    gone = orphans(binaries, plugins, needed) | {e[0] for e in plugins}
    gone |= {e[0] for e in binaries if e[2] == "SYMLINK" and basename(e[1]) in {basename(g) for g in gone}}
    kept_binaries = [e for e in binaries if e[0] not in gone]
    kept_datas = [e for e in datas if not is_dropped_translation(e[0])]
    dropped = sorted(gone | ({e[0] for e in datas} - {e[0] for e in kept_datas}))
    return kept_binaries, kept_datas, dropped
