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


def test_at_1280_by_800_the_training_tab_shows_every_plot_and_the_whole_form(qtbot, tmp_path):
    """The third plot column and the settings form were cut; legends sat on the curves."""
    from PySide6.QtWidgets import QScrollArea

    from core.train import events as ev

    window = window_with_project(qtbot, tmp_path)
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    plots = tab.run_view.plots
    plots.add_steps(
        [ev.StepDone(0, i, i, 80, 1 / i**0.3, 1e-3, 40.0 + i % 5, 0.2) for i in range(1, 80)]
    )
    for e in range(12):
        plots.add_epoch(
            ev.EpochDone(e, 1 - e / 20, 0.2, 20.0, 1.0, 1e-3, e, 0.1, 0, 3.0, val_pesq=3.1)
        )
    qtbot.waitUntil(lambda: plots.up_to_date, timeout=5_000)
    qtbot.wait(100)  # a layout pass
    view = plots.view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    named = 0
    for plot in view.ci.items:
        title = plot.titleLabel.text
        assert shown.contains(plot.sceneBoundingRect()), f"{title} is cut"
        if plot.legend is not None and plot.legend.items:
            named += 1
            legend = plot.legend.sceneBoundingRect()
            assert legend.height() > 0 and shown.contains(legend), title
            assert not legend.intersects(plot.vb.sceneBoundingRect()), (
                f"{title}: legend on the data"
            )
    assert named == 5  # all but the learning rate
    assert plots.gpu_plot not in view.ci.items  # no GPU memory reported: no empty column
    scroll = tab.findChild(QScrollArea, "settingsScroll")
    assert scroll.horizontalScrollBar().maximum() == 0  # no field cut at the right
