"""The platform icons from resources/icons/wavesmith.svg, for the desktop builds:
wavesmith.png (256 px, Linux desktop files and AppImages), wavesmith.ico (Windows, 16 to
256 px) and wavesmith.icns (macOS), written beside the SVG. They are made, not committed:
packaging/build.sh runs this before PyInstaller, whose spec picks them up.

    uv run python packaging/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    """PNG bytes of the SVG at size × size, drawn by Qt's SVG renderer."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make_icons(folder: Path = ICONS) -> list[Path]:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = folder / "wavesmith.svg"
    images = {s: Image.open(io.BytesIO(render(svg, s))) for s in SIZES}
    out = [folder / "wavesmith.png", folder / "wavesmith.ico", folder / "wavesmith.icns"]
    images[256].save(out[0])
    images[256].save(out[1], sizes=[(s, s) for s in SIZES])
    images[256].save(out[2])
    return out


if __name__ == "__main__":
    for path in make_icons():
        print(f"{path} ({path.stat().st_size:,} bytes)")
