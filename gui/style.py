"""Wavesmith's look: resources/wavesmith.qss and the icon, shipped inside the package,
applied to the application once; the colours of rich text (advice lines) that style sheets cannot reach."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

# Rich-text colours per message level (QLabel HTML is not styled by the application sheet).
LEVEL_COLOR = {"warning": "#8a4b00", "tip": "#0f5132", "info": "inherit"}
LEVEL_ICON = {"warning": "⚠", "tip": "✔", "info": "•"}


@cache
def stylesheet() -> str:
    return (files("resources") / "wavesmith.qss").read_text(encoding="utf-8")


def app_icon() -> QIcon:
    """The app's icon, drawn as SVG (resources/icons/wavesmith.svg: Qt renders it at every
    size a window manager asks; packaging/make_icons.py makes the .ico/.icns from it)."""
    return QIcon(str(files("resources") / "icons" / "wavesmith.svg"))


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(app_icon())


def set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the stylesheet selects on, and restyle the widget now (Qt
    re-reads property selectors only on polish)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
