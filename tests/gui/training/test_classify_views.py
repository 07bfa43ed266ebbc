"""The Training tab for a classify run: accuracy and macro-F1 plots in place of SI-SDR and
PESQ (chosen from the run's config.json), best top-1 in the runs list, and the settings form's
classify fields."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from core.train import events as ev
from core.train.config import TrainConfig
from core.train.run_folder import RunFolderWriter
from gui.training.tab import TrainingTab

NAN = math.nan
SCORES = ((0.40, 0.70, 0.35), (0.65, 0.90, 0.60), (0.80, 0.95, 0.78))  # top-1, top-5, F1


@pytest.fixture
def tab(qtbot):
    tab = TrainingTab()
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    yield tab
    tab.shutdown()


def write_classify_run(run: Path, epochs=SCORES) -> None:
    run.mkdir(parents=True)
    TrainConfig.preset("speech", "classify").save(run / "config.json")
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 10, 3, "cpu", 32))
    for e, (top1, top5, f1) in enumerate(epochs):
        writer(
            ev.EpochDone(
                e, 1.0, 0.9 - 0.1 * e, NAN, NAN, 1e-3, e, 0.9 - 0.1 * e, 0, 2.0,
                val_top1=top1, val_top5=top5, val_macro_f1=f1,
            )
        )  # fmt: skip
    writer(ev.Finished("completed", len(epochs), 9, 0.7, ""))


def test_a_classify_run_plots_accuracy_and_macro_f1(qtbot, tab, tmp_path):
    run = tmp_path / "classify_run"
    write_classify_run(run)
    assert tab.actions.attach_run(run)
    plots = tab.run_view.plots
    qtbot.waitUntil(lambda: plots.epochs.n == 3, timeout=5_000)
    plots.flush()
    assert "accuracy" in plots.sdr_plot.titleLabel.text
    assert "macro-F1" in plots.pesq_plot.titleLabel.text
    for curve, column in ((plots.sdr_curve, 0), (plots.sdr_gain_curve, 1), (plots.pesq_curve, 2)):
        x, y = curve.getData()
        assert list(x) == [1, 2, 3]
        assert list(y) == pytest.approx([s[column] for s in SCORES])
    x, _ = plots.pesq_input_curve.getData()
    assert x is None or len(x) == 0  # no "input" curve for a classifier
    names = [label.text for _, label in plots.sdr_plot.legend.items]
    assert names == ["top-1", "top-5"]
    log_text = tab.run_view.log_view.toPlainText()
    assert "top-1 0.800, top-5 0.950, macro-F1 0.780" in log_text and "SI-SDR" not in log_text

    # A denoise run shown next gets its SI-SDR plot back.
    den = tmp_path / "denoise_run"
    den.mkdir()
    TrainConfig.preset("speech").save(den / "config.json")
    writer = RunFolderWriter(den)
    writer(ev.TrainStarted(str(den), 0, 0, 10, 3, "cpu", 16))
    writer(ev.EpochDone(0, 0.4, 0.5, 6.0, 3.0, 1e-3, 0, 0.5, 0, 60.0))
    assert tab.actions.attach_run(den)
    qtbot.waitUntil(lambda: plots.epochs.n == 1, timeout=5_000)
    plots.flush()
    assert "SI-SDR" in plots.sdr_plot.titleLabel.text
    assert list(plots.sdr_curve.getData()[1]) == pytest.approx([6.0])
    assert [label.text for _, label in plots.sdr_plot.legend.items] == ["SI-SDR", "improvement"]


def test_the_runs_list_shows_a_classifiers_best_top1(tab, tmp_path):
    from types import SimpleNamespace

    from core.train.run_folder import write_metrics
    from gui.training.runs_list import RUN_COLUMNS

    runs = tmp_path / "runs"
    write_classify_run(runs / "cls")
    history = [
        {"epoch": e, "train_loss": 1.0, "val_loss": loss, "val_si_sdr": NAN, "val_top1": top1}
        for e, (loss, top1) in enumerate(((0.9, 0.40), (0.6, 0.853), (0.8, 0.90)))
    ]
    write_metrics(runs / "cls", history)
    (runs / "den").mkdir()
    TrainConfig.preset("speech").save(runs / "den" / "config.json")
    write_metrics(
        runs / "den", [{"epoch": 0, "train_loss": 1.0, "val_loss": 0.5, "val_si_sdr": 7.25}]
    )
    tab.runs_list.set_project(SimpleNamespace(runs_dir=runs))
    table = tab.runs_list.runs_table
    score = RUN_COLUMNS.index("Best score")
    cells = {table.item(i, 0).text(): table.item(i, score).text() for i in range(table.rowCount())}
    # The best epoch's (lowest validation loss), not the last one's.
    assert cells == {"cls": "top-1 85.3 %", "den": "7.25 dB"}
