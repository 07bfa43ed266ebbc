"""The window laid out at 1280×800 (issue #15, 12): every tool of every toolbar shows (none
hidden in a "››" overflow menu), and the file list's Name column takes the spare width."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

from tests.support.window import window_with_project


def test_at_1280_by_800_no_toolbar_hides_a_tool(qtbot, tmp_path):
    window = window_with_project(qtbot, tmp_path)
    bars = 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)  # a layout pass
        for bar in window.tabs.currentWidget().findChildren(QToolBar):
            if not bar.isVisible():
                continue
            bars += 1
            overflow = bar.findChild(QToolButton, "qt_toolbar_ext_button")
            hidden = [
                a.text() or a.objectName()
                for a in bar.actions()
                if bar.widgetForAction(a) is not None and not bar.widgetForAction(a).isVisible()
            ]
            assert not (overflow is not None and overflow.isVisible()) and hidden == [], (
                f"{window.tabs.tabText(index)}: {bar.objectName()} hides {hidden}"
            )
    assert bars >= 3  # the Dataset tab's edit, level and view bars at least

    window.tabs.setCurrentIndex(0)
    tree = window.dataset_tab.browser.tree
    fixed = sum(tree.columnWidth(c) for c in range(1, tree.columnCount()))
    assert tree.columnWidth(0) >= tree.viewport().width() - fixed - 2
