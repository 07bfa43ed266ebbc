"""resources/wavesmith.qss through gui.style, and the widget factory's names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from gui import style
from gui.widgets import factory


@pytest.fixture
def styled(qtbot):
    app = QApplication.instance()
    before = app.styleSheet()
    style.apply_style(app)
    yield app
    app.setStyleSheet(before)


def test_the_stylesheet_ships_in_the_package_and_styles_cards_and_levels(qtbot, styled):
    assert "QGroupBox[card=" in style.stylesheet()
    root = QWidget()
    qtbot.addWidget(root)
    box, label = factory.card(root, "GPU", "hwGpuCard")
    banner = QLabel("Careful", root)
    root.show()
    box.ensurePolished()
    label.ensurePolished()
    assert box.font().bold() and not label.font().bold()  # a bold title over normal text
    plain = banner.palette().window().color().name()
    style.set_property(banner, "level", "error")
    assert banner.palette().window().color().name() == "#f8d7da" != plain
    style.set_property(banner, "level", "info")
    assert banner.palette().window().color().name() == "#e7f1ff"


def test_the_app_has_its_own_icon_at_every_size_and_the_builds_get_platform_files(styled, tmp_path):
    import importlib.util
    import shutil

    from PIL import Image

    icon = styled.windowIcon()
    assert not icon.isNull()
    for size in (16, 48, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        # drawn, not blank: the dark tile and the orange bars are both there
        colours = {image.pixelColor(x, y).name() for x in range(size) for y in range(size)}
        assert len(colours) > 4

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("make_icons", root / "packaging/make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    shutil.copy(root / "resources/icons/wavesmith.svg", tmp_path)
    png, ico, icns = make_icons.make_icons(tmp_path)
    assert Image.open(png).size == (256, 256)
    assert set(Image.open(ico).info["sizes"]) == {(s, s) for s in make_icons.SIZES}
    assert Image.open(icns).format == "ICNS"


def test_factory_widgets_carry_their_names_and_call_slots_without_checked(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    calls = []

    def slot(confirm=True):  # a `checked` argument would arrive here as False
        calls.append(confirm)

    b = factory.button(root, "Export…", "exportClips", slot=slot, checkable=True)
    assert (b.objectName(), b.accessibleName(), b.isCheckable()) == ("exportClips", "Export", True)
    b.click()
    assert calls == [True]
    c = factory.combo(root, "fadeCurve", "Fade curve", [("linear", "linear"), "plain"])
    assert [c.itemText(i) for i in range(2)] == ["linear", "plain"] and c.itemData(0) == "linear"
    s = factory.spin(root, "hwSafetySpin", "Safety", 0.3, 0.9, 0.7, decimals=2, step=0.05)
    assert (s.decimals(), s.value(), s.singleStep()) == (2, 0.7, 0.05)
    box, label = factory.card(root, "CPU", "hwCpuCard")
    assert label.objectName() == "hwCpuCardText" and box.property("card") is True


def test_the_message_banner_keeps_its_height_and_styles_by_level(qtbot, styled):
    from gui.widgets.message_banner import MessageBanner

    banner = MessageBanner(None, "trainingBanner", "Training message")
    qtbot.addWidget(banner)
    banner.show()
    height = banner.height()
    banner.say("Out of memory: halving the batch. " * 6, "warning")  # many lines of text
    assert banner.height() == height and banner.toolTip().startswith("Out of memory")
    assert banner.palette().window().color().name() == "#fff3cd"
    banner.say("Training failed", "error")
    assert banner.property("level") == "error"
    assert banner.palette().window().color().name() == "#f8d7da"
    with pytest.raises(ValueError, match="shout"):
        banner.say("?", "shout")
