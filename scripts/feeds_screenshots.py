"""Make docs/screenshots/feeds-*.png: the Feeds tab at 1024x700 and 2560x1440, light and dark.

    python scripts/feeds_screenshots.py [--out DIR]

The demo team in a temporary database, "Create feeds for everyone" pressed, the first
member's links, QR code and invitation buttons showing; one shot with the public address
still on loopback (the warning), the others with https://cal.example.com.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import NOW, _dark_palette, _isolate, _settle  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    _isolate()
    from oncall.gui.app import application
    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import MainWindow
    from oncall.gui.settings import Settings
    from oncall.services import feeds

    app = application(["screenshots"])
    app.setStyle("Fusion")
    document = TeamDocument()
    document.open(str(Path(tempfile.mkdtemp(prefix="oncall-feeds-shots-")) / "team.db"), demo_if_new=True)
    window = MainWindow(document, Settings(), clock=lambda: NOW)
    window.show()
    panel = window.feeds
    window.tabs.setCurrentWidget(panel)
    args.out.mkdir(parents=True, exist_ok=True)

    def save(name: str, size: tuple[int, int]) -> None:
        window.resize(*size)
        _settle(app)
        panel.links_box.show_feed(panel.links_box.issued(), document.team) if panel.links_box.issued() else None
        _settle(app)
        path = args.out / f"feeds-{name}.png"
        window.grab().save(str(path))
        print(path)

    window.resize(1024, 700)
    _settle(app)
    panel.refresh()
    panel.choice.setCurrentIndex(panel.choice.findText("Payments SRE on call: Erin Garcia"))
    panel.new_button.click()  # the local address: an http link and the loopback warning
    save("loopback-1024", (1024, 700))
    feeds.set_public_address(document.database, "https://cal.example.com")
    panel.refresh()
    panel.everyone_button.click()
    for size, name in (((1024, 700), "1024"), ((2560, 1440), "2560")):
        app.setPalette(app.style().standardPalette())
        save(name, size)
        app.setPalette(_dark_palette())
        save(f"{name}-dark", size)
    window.close()


if __name__ == "__main__":
    main()
