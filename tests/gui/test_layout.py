"""The window laid out at 1280×800 (issue #15, 12): every tool of every toolbar shows (none
hidden in a "››" overflow menu), and the file list's Name column takes the spare width.
Each test runs in English and in French (issue #18: French words are longer), with the
real translator loaded (gui.i18n.install_language)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar, QToolButton

from gui.i18n import install_language, remove_language
from tests.support.window import window_with_project


@pytest.fixture(params=["en", "fr"])
def lang(request, qapp):
    """The interface's language, installed before the window is built, and the app's style
    sheet, as the app runs (it changes widths: the French level bar was 800 px unstyled and
    848 px styled)."""
    from gui.style import apply_style

    install_language(request.param)
    apply_style(qapp)
    yield request.param
    qapp.setStyleSheet("")
    remove_language()


def test_at_1280_by_800_no_toolbar_hides_a_tool(lang, qtbot, tmp_path):
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


def test_at_1280_by_800_the_training_tab_shows_every_plot_and_the_whole_form(lang, qtbot, tmp_path):
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
    assert len(view.ci.items) == 6  # three columns of two
    assert not plots.gpu_view.isVisible() and not tab.run_view.progress.gpu_label.isVisible()
    scroll = tab.findChild(QScrollArea, "settingsScroll")
    assert scroll.horizontalScrollBar().maximum() == 0  # no field cut at the right
    window.tabs.setCurrentIndex(0)


def test_at_1280_by_800_the_dataset_panels_keep_their_width_from_clip_to_clip(
    lang, qtbot, tmp_path
):
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


def test_at_1280_by_800_the_runs_table_shows_every_column_without_scrolling(lang, qtbot, tmp_path):
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
    score = table.item(row, 3)
    running = table.item(names["20261129-080000-denoise"], 1)
    if lang == "en":
        assert "Created 20" in table.item(row, 0).toolTip()
        assert score.text() == "-3.25 dB" and score.toolTip() == "Validation loss 0.0123"
        assert running.text() == "running?" and "interrupted" in running.toolTip()
    else:
        assert "Créé le 20" in table.item(row, 0).toolTip()
        assert score.text() == "-3,25 dB"
    window.tabs.setCurrentIndex(0)


def test_at_1280_by_800_gpu_memory_is_read_out_and_plotted_without_a_fourth_column(
    lang, qtbot, tmp_path, monkeypatch
):
    """On a CUDA card the GPU-memory plot was a fourth column, cut at 1280×800 (846-866 px
    of 794). The steps come as the trainer's reporting makes them on CUDA (each step's peak
    allocation, read and reset), through the run folder to the window following the run."""
    import torch
    from PySide6.QtCore import Qt

    from core.train.config import TrainConfig
    from core.train.ddp import DistContext
    from core.train.reporting import RunEvents
    from core.train.run_folder import RunFolderWriter
    from core.train.state import TrainState
    from core.units import MIB, format_bytes

    sent = [1500.0 + 40 * (i % 7) + (900 if i == 30 else 0) for i in range(60)]  # MiB a step
    peaks, resets = iter([mb * MIB for mb in sent]), []
    monkeypatch.setattr(torch.cuda, "max_memory_allocated", lambda device=None: next(peaks))
    monkeypatch.setattr(torch.cuda, "reset_peak_memory_stats", lambda d=None: resets.append(d))
    window = window_with_project(qtbot, tmp_path)
    run = window.project.runs_dir / "20261201-225600-denoise"
    run.mkdir(parents=True)
    TrainConfig.preset("speech").save(run / "config.json")
    events, state, cuda = (
        RunEvents(DistContext()),
        TrainState(batch_size=16),
        torch.device("cuda:0"),
    )
    events.writers.append(RunFolderWriter(run))
    events.train_started(run, state, 10, len(sent), cuda, None)
    for i in range(len(sent)):
        state.count_step(16, 1 / (i + 1))
        events.step_done(state, len(sent), 1 / (i + 1), 1e-3, 16, 0.2, 0.02, cuda)
    assert len(resets) == len(sent)  # each step's own peak

    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.actions.attach_run(run)
    plots, progress = tab.run_view.plots, tab.run_view.progress
    qtbot.waitUntil(lambda: plots.steps.n == len(sent), timeout=10_000)
    plots.flush()
    label = progress.gpu_label
    qtbot.waitUntil(label.isVisible, timeout=5_000)  # the progress timer
    qtbot.wait(100)  # a layout pass

    # The values shown are the ones sent: the curve in GB on the LR plot's right axis, the
    # readout the last step's and the run's peak.
    x, y = plots.gpu_curve.getData()
    assert list(x) == list(range(1, len(sent) + 1))
    assert list(y) == pytest.approx([mb / 1024 for mb in sent])
    lo, hi = plots.gpu_view.viewRange()[1]
    assert lo <= min(sent) / 1024 and max(sent) / 1024 <= hi
    axis = plots.lr_plot.getAxis("right")
    spacing, ticks = axis.tickValues(lo, hi, axis.height())[0]  # the labelled ticks
    labels = axis.tickStrings(ticks, 1.0, spacing)
    # Linear GB on the right although the LR plot's left axis is logarithmic.
    assert ticks and all(lo <= v <= hi for v in ticks)
    assert [float(text.replace(",", ".")) for text in labels] == pytest.approx(ticks)
    if lang == "en":
        peak = format_bytes(max(sent) * MIB)
        assert label.text() == f"GPU {format_bytes(sent[-1] * MIB)} (peak {peak})"
        assert label.text() == "GPU 1.6 GB (peak 2.4 GB)"  # 1620 and 2480 MiB

    # Nothing overflows: three columns, every plot and the right axis inside the view, the
    # second view box on the LR plot's data, the labels whole.
    view = plots.view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert len(view.ci.items) == 6
    assert view.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() <= view.viewport().width()
    for plot in view.ci.items:
        assert shown.contains(plot.sceneBoundingRect()), f"{plot.titleLabel.text} is cut"
    lr = plots.lr_plot
    axis = lr.getAxis("right")
    assert axis.isVisible() and shown.contains(axis.sceneBoundingRect())
    assert lr.sceneBoundingRect().contains(axis.sceneBoundingRect())
    # Beside the data, not on it (its tick marks reach into the view, as the left axis's do).
    assert lr.mapRectToScene(axis.geometry()).left() >= lr.vb.sceneBoundingRect().right() - 1
    assert plots.gpu_view.geometry() == lr.mapRectToScene(lr.vb.geometry())  # on the data
    assert axis.label.isVisible()
    if lang == "en":
        assert axis.labelText == "GPU memory (GB)"
    assert axis.textPen().color() == plots.gpu_curve.opts["pen"].color()  # the curve's colour
    for widget in (label, progress.eta_label, progress.run_label):
        assert widget.width() >= widget.sizeHint().width(), widget.text()
        assert progress.rect().contains(widget.geometry())
    assert progress.parentWidget().rect().contains(progress.geometry())

    # The GPU view lies over the LR plot's data: a wheel there still zooms the LR plot.
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    before = lr.vb.viewRange()[0]
    at = QPointF(view.mapFromScene(lr.vb.sceneBoundingRect().center()))
    wheel = QWheelEvent(
        at, view.viewport().mapToGlobal(at), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    assert plots.lr_range.manual and lr.vb.viewRange()[0] != before
    assert plots.gpu_view.viewRange()[0] == lr.vb.viewRange()[0]  # x linked

    # A CPU run shown next: no GPU axis or readout left behind.
    tab.controller.shutdown()
    tab.run_view.clear(None)
    plots.flush()
    progress.refresh()
    assert not plots.gpu_view.isVisible() and not axis.isVisible() and not label.isVisible()
    window.tabs.setCurrentIndex(0)
