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
    window.tabs.setCurrentIndex(0)


def test_at_1280_by_800_the_dataset_panels_keep_their_width_from_clip_to_clip(qtbot, tmp_path):
    """The panels beside the editor changed width from selection to selection (the
    statistics' one-line status set the side panel's minimum width, and the splitter took
    the width from its neighbours); the user's layout must stay put."""
    from tests.support.audiogen import noise, sine, write

    names = ["a.wav", "a_much_longer_take_name_recorded_in_the_living_room_2024.wav", "mid.wav"]
    for i, name in enumerate(names):
        write(tmp_path / "speech" / name, sine(200 + 50 * i, 0.5 + i, 16000, 0.3, 1 + i % 2), 16000)
    write(tmp_path / "noise" / "hum_of_the_fridge_in_the_kitchen.wav", noise(1.5, 48000), 48000)
    window = window_with_project(qtbot, tmp_path)
    tab = window.dataset_tab
    with qtbot.waitSignal(tab.imported, timeout=60_000):
        tab.import_bar.import_paths([str(tmp_path / "speech"), str(tmp_path / "noise")])
    side = tab.splitter.widget(2)
    qtbot.wait(50)
    before = tab.splitter.sizes()
    widths = set()
    for page in range(side.count()):
        side.setCurrentIndex(page)  # history, statistics (with the selection's), export
        for clip in window.project.clips():
            with qtbot.waitSignal(tab.clip_loaded, timeout=30_000):
                tab.browser.select_clip(clip.id)
            wave = tab.editor.view.wave_view
            wave.set_selection(0, wave.frames // 2)  # a range selected: measured
            qtbot.wait(300)  # the selection's measure and a layout pass
            widths.add((tab.browser.width(), side.width()))
    assert widths == {(before[0], before[2])}, (before, widths)


def test_at_1280_by_800_the_runs_table_shows_every_column_without_scrolling(qtbot, tmp_path):
    """Seven columns needed ~925 px where the table has ~444: it scrolled sideways. Every
    cell reads whole but the name, elided with the whole name (and the date) in its tooltip."""
    import json

    from core.train.config import TrainConfig
    from core.train.run_folder import write_metrics

    window = window_with_project(qtbot, tmp_path)
    runs = window.project.runs_dir
    long_name = "my voice in the living room, take 2 with the new microphone"
    made = {
        "20261201-225600-denoise": ("completed", 123, 14.23),
        "20261130-101010-paired": ("early_stopped", 360_000, 9.5),  # 100 h
        "20261129-080000-denoise": ("running", 5_000, None),  # not trained here
        long_name: ("time_budget", 36_777, -3.25),
    }
    for name, (status, seconds, sdr) in made.items():
        run = runs / name
        run.mkdir(parents=True)
        TrainConfig.preset("speech").with_overrides({"run.epochs": 120}).save(run / "config.json")
        state = {"status": status, "epochs_done": 57, "best_val_loss": 0.0123, "seconds": seconds}
        (run / "status.json").write_text(json.dumps(state))
        if sdr is not None:
            write_metrics(
                run, [{"epoch": 0, "train_loss": 1.0, "val_loss": 0.0123, "val_si_sdr": sdr}]
            )
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    tab.runs_list.refresh()
    qtbot.wait(100)  # a layout pass
    table = tab.runs_list.runs_table
    assert table.rowCount() == len(made)
    assert table.horizontalScrollBar().maximum() == 0
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    assert sum(widths) <= table.viewport().width()
    fm = table.fontMetrics()
    for c in range(1, table.columnCount()):
        header = table.horizontalHeaderItem(c).text()
        texts = [header] + [table.item(r, c).text() for r in range(table.rowCount())]
        needed = max(fm.horizontalAdvance(t) for t in texts)
        assert needed < widths[c], (header, texts, widths[c])
    names = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    for name in made:
        if name != long_name:  # a default name (date and task) reads whole
            assert fm.horizontalAdvance(name) < widths[0], (name, widths)
    row = names[long_name]
    assert fm.horizontalAdvance(long_name) > widths[0]  # elided, and whole in its tooltip
    assert table.item(row, 0).toolTip().startswith(long_name + "\n")
    assert "Created 20" in table.item(row, 0).toolTip()
    score = table.item(row, 3)
    assert score.text() == "-3.25 dB" and score.toolTip() == "Validation loss 0.0123"
    running = table.item(names["20261129-080000-denoise"], 1)
    assert running.text() == "running?" and "interrupted" in running.toolTip()
    window.tabs.setCurrentIndex(0)
