"""Colours of the painted views, derived from the widget's QPalette so dark mode just works.

Sites get hues from a fixed, well-separated list (the same site has the same colour in the
band, the timeline and the now panel); lightness and saturation follow the palette: darker
and richer on a light window, lighter and softer on a dark one. Text on a bar is black or
white, whichever contrasts more with that bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

# Hues (degrees) in an order where neighbours differ a lot: blue, orange, green, purple,
# red, teal, gold, pink, olive, indigo.
SITE_HUES = (212, 28, 140, 276, 352, 182, 46, 318, 88, 244)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def site_color(index: int, palette: QPalette) -> QColor:
    hue = SITE_HUES[index % len(SITE_HUES)]
    # A second round through the hues gets a different lightness so 11+ sites stay apart.
    shift = 0.08 * ((index // len(SITE_HUES)) % 2)
    if is_dark(palette):
        return QColor.fromHslF(hue / 360, 0.55, 0.62 - shift)
    return QColor.fromHslF(hue / 360, 0.62, 0.48 + shift)


def lighter_fill(color: QColor, palette: QPalette, amount: float = 0.55) -> QColor:
    """The colour mixed towards the window background (overlap extensions, muted bars)."""
    return mix(color, palette.color(QPalette.ColorRole.Base), amount)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t, a.alphaF() + (b.alphaF() - a.alphaF()) * t)


def with_alpha(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever has the higher WCAG contrast with ``fill``."""
    lum = _luminance(fill)
    return QColor(0, 0, 0) if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else QColor(255, 255, 255)


@dataclass(frozen=True)
class ViewColors:
    """Every colour a painted view uses, built once per palette change."""

    dark: bool
    base: QColor
    alt_base: QColor
    text: QColor
    muted: QColor
    grid: QColor
    strong_grid: QColor
    highlight: QColor
    night: QColor
    working: QColor
    weekend: QColor
    holiday: QColor
    time_off: QColor
    gap: QColor
    gap_text: QColor
    overlap: QColor
    overlap_hatch: QColor
    covered: QColor
    focus: QColor


def view_colors(palette: QPalette) -> ViewColors:
    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return ViewColors(
        dark=dark,
        base=base,
        alt_base=palette.color(QPalette.ColorRole.AlternateBase),
        text=text,
        muted=mix(text, base, 0.42),
        grid=with_alpha(text, 0.10 if not dark else 0.16),
        strong_grid=with_alpha(text, 0.28 if not dark else 0.34),
        highlight=palette.color(QPalette.ColorRole.Highlight),
        night=QColor(40, 50, 110, 46) if not dark else QColor(0, 0, 0, 90),
        working=QColor(255, 196, 0, 52) if not dark else QColor(255, 210, 90, 40),
        weekend=with_alpha(text, 0.04 if not dark else 0.07),
        holiday=QColor(160, 90, 220, 46) if not dark else QColor(190, 140, 255, 50),
        time_off=QColor(120, 120, 120, 60) if not dark else QColor(200, 200, 200, 40),
        gap=QColor(214, 40, 40) if not dark else QColor(255, 95, 95),
        gap_text=QColor(255, 255, 255) if not dark else QColor(30, 0, 0),
        overlap=QColor(240, 170, 0) if not dark else QColor(255, 200, 60),
        overlap_hatch=QColor(0, 0, 0, 150) if not dark else QColor(255, 255, 255, 160),
        covered=mix(QColor(46, 160, 90), base, 0.35 if not dark else 0.25),
        focus=palette.color(QPalette.ColorRole.Highlight),
    )


# Status text (verdicts, problems, findings): a darker shade on a light window, a lighter one on a
# dark window, each at least 4.5:1 against its background (WCAG AA for normal text).
_TONES = {"good": ("#176b32", "#7fd99a"), "warning": ("#9a5b00", "#ffc266"), "error": ("#b3261e", "#ff8a80")}


def tone_color(tone: str, palette: QPalette) -> QColor:
    """The readable colour of ``tone`` ("good", "warning", "error") on ``palette``'s window."""
    light, dark = _TONES[tone]
    return QColor(dark if is_dark(palette) else light)


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def muted_text(palette: QPalette) -> QColor:
    """Secondary text (hints under a view, why a button is off): greyer than the text, yet >= 4.5:1.

    A disabled label was used for this; Fusion's light disabled grey is 1.6:1 on the window.
    """
    return mix(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.38)


class _FollowPalette(QObject):
    """Re-colours its label's text when the application palette changes (light <-> dark)."""

    def __init__(self, label: QWidget, colour_of: Callable[[QPalette], QColor]) -> None:
        super().__init__(label)
        self.colour_of = colour_of

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # An application palette change reaches the label as PaletteChange (its parent's palette resolved).
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and isinstance(watched, QWidget):
            _set_text_colour(watched, self.colour_of)
        return False


def _set_text_colour(label: QWidget, colour_of: Callable[[QPalette], QColor]) -> None:
    colour = colour_of(QGuiApplication.palette())
    if label.palette().color(QPalette.ColorRole.WindowText) != colour:  # else our own change comes back
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)


def _follow(label: QWidget, colour_of: Callable[[QPalette], QColor]) -> QWidget:
    follower = label.findChild(_FollowPalette)
    if follower is None:
        label.installEventFilter(_FollowPalette(label, colour_of))
    else:  # a label re-toned (a warning becoming an error): one follower, the latest colour
        follower.colour_of = colour_of
    _set_text_colour(label, colour_of)
    return label


def mute(label: QWidget) -> QWidget:
    """Draw ``label`` in :func:`muted_text`, now and after every palette change."""
    return _follow(label, muted_text)


def tone_label(label: QWidget, name: str) -> QWidget:
    """Draw ``label`` in :func:`tone_color` ``name`` ("good", "warning", "error"), following light/dark.

    A colour fixed when the label is made (a style sheet) stays the light one after a switch to
    dark, where e.g. #c62828 is 2.7:1 on the window. "neutral" is the plain text colour, for a
    label whose tone changes back to neither good nor bad.
    """
    if name == "neutral":
        return _follow(label, lambda palette: palette.color(QPalette.ColorRole.WindowText))
    tone_color(name, QGuiApplication.palette())  # an unknown tone fails here, not at the next palette change
    return _follow(label, lambda palette: tone_color(name, palette))
