"""Render the application icon from its one SVG source into every raster format we ship.

Run from the repository root after editing ``resources/oncall.svg``, then commit the output::

    python packaging/render_icons.py

Why a script and committed PNGs: the Linux hicolor theme, the AppStream metainfo, the
Windows .exe and the macOS .app all want rasters, and builders should not need an SVG
toolchain. Qt's own renderer (QtSvg, part of PySide6-Essentials) is used so no extra
dependency is needed; the .ico and .icns containers are written here with PNG-compressed
entries (supported since Windows Vista and macOS 10.7), so Pillow is not needed either.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

APP_ID = "io.github.oncall.Oncall"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns entry types holding PNG data, by pixel size (Apple's "ic07".."ic14"; 1x and 2x variants).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64),
    (b"ic07", 128), (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512),
)

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "oncall.svg"
ICON_DIR = ROOT / "resources" / "icons"


def hicolor_png(icon_dir: Path, size: int) -> Path:
    """Where the PNG of one size lives: the freedesktop hicolor layout, ready to copy."""
    return icon_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render_png_bytes(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG data of the SVG at each size, antialiased on a transparent background."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A QApplication, not a QGuiApplication: inside a test run, widget tests that come
    # later need the one application object of the process to be a QApplication.
    _app = QApplication.instance() or QApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    rendered: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
        buffer.close()
        rendered[size] = bytes(data)
    return rendered


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (width/height byte 0 means 256)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG entries, big-endian type + length records."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def write_all(svg: Path, icon_dir: Path) -> list[Path]:
    """Render every size and container; returns the files written."""
    pngs = render_png_bytes(svg, SIZES)
    written: list[Path] = []
    for size, data in pngs.items():
        target = hicolor_png(icon_dir, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    scalable = icon_dir / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    for name, data in (("oncall.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES})),
                       ("oncall.icns", icns_bytes(pngs))):
        (icon_dir / name).write_bytes(data)
        written.append(icon_dir / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE, help="icon source (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ICON_DIR, help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in write_all(args.svg, args.out):
        print(path.relative_to(args.out) if path.is_relative_to(args.out) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
