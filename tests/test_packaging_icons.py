"""Application icons: one SVG source, PNGs at the usual sizes, .ico and .icns, all rendered from it."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import render_icons  # noqa: E402

ICONS = ROOT / "resources" / "icons"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_committed_png_has_its_size(size):
    path = render_icons.hicolor_png(ICONS, size)
    assert png_size(path.read_bytes()) == (size, size)


def test_usual_sizes_are_all_there():
    assert set(render_icons.SIZES) >= {16, 24, 32, 48, 64, 128, 256, 512}


def test_scalable_icon_is_the_svg_source():
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{render_icons.APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "oncall.svg").read_bytes()


def test_ico_holds_png_entries_up_to_256():
    data = (ICONS / "oncall.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(render_icons.ICO_SIZES))
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        assert png_size(data[offset:offset + length])[0] == (width or 256)
        sizes.append(width or 256)
    assert sizes == list(render_icons.ICO_SIZES)


def test_icns_records_cover_the_file_and_hold_pngs():
    data = (ICONS / "oncall.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    pos, kinds = 8, []
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        assert data[pos + 8:pos + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        pos += length
    assert pos == len(data)
    assert {b"ic07", b"ic08", b"ic09"} <= set(kinds)


def test_rendering_again_gives_every_file(tmp_path):
    written = render_icons.write_all(ROOT / "resources" / "oncall.svg", tmp_path)
    assert len(written) == len(render_icons.SIZES) + 3
    big = render_icons.hicolor_png(tmp_path, 512).read_bytes()
    assert png_size(big) == (512, 512)


def test_icon_has_transparent_corners_and_a_painted_centre(tmp_path):
    from PySide6.QtGui import QImage

    image = QImage(str(render_icons.hicolor_png(ICONS, 128)))
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(127, 127).alpha() == 0
    assert image.pixelColor(64, 64).alpha() == 255


def test_a_broken_svg_is_refused_with_its_name(tmp_path):
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(SystemExit, match="broken.svg"):
        render_icons.render_png_bytes(broken, (16,))
