"""The Training tab for a classify run: accuracy and macro-F1 plots in place of SI-SDR and
PESQ (chosen from the run's config.json), best top-1 in the runs list, and the settings form's
classify fields."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from core.train import events as ev
from core.train.config import TrainConfig
from core.train.run_folder import RunFolderWriter

NAN = math.nan
SCORES = ((0.40, 0.70, 0.35), (0.65, 0.90, 0.60), (0.80, 0.95, 0.78))  # top-1, top-5, F1


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
    score = RUN_COLUMNS.index("Best")
    cells = {table.item(i, 0).text(): table.item(i, score).text() for i in range(table.rowCount())}
    # The best epoch's (lowest validation loss), not the last one's.
    assert cells == {"cls": "85.3 %", "den": "7.25 dB"}
    cls = next(i for i in range(table.rowCount()) if table.item(i, 0).text() == "cls")
    assert table.item(cls, score).toolTip() == "Top-1 accuracy 85.3 %\nValidation loss 0.6000"


def test_the_form_shows_the_classify_fields_for_the_classify_task(tab):
    form = tab.form
    groups = {t: form.group_box(t) for t in ("Classes and features", "Noise and augmentation")}

    def shown(key: str) -> bool:
        return form.widget_for(key).isVisibleTo(form)

    assert not groups["Classes and features"].isVisibleTo(form) and shown("data.segment_samples")
    form.widget_for("data.task").setCurrentText("classify")
    config = form.config()
    assert config is not None and config.data.task == "classify"
    assert config.model.kind == "cnn_small"  # the classify preset, valid as it stands
    assert groups["Classes and features"].isVisibleTo(form)
    assert not groups["Noise and augmentation"].isVisibleTo(form)
    for key in ("data.segment_samples", "model.depth", "data.quality_every", "data.sample_rate"):
        assert not shown(key), key
    assert shown("model.channels") and shown("run.batch_size")

    edits = {
        "classify.features.n_mels": 40,
        "classify.features.hop_length": 320,
        "classify.max_per_class": 200,
        "classify.variants": 3,
        "classify.label_smoothing": 0.05,
        "classify.mixup": 0.5,
    }
    for key, value in edits.items():
        form.widget_for(key).setValue(value)
    form.widget_for("classify.balance").setCurrentText("oversample")
    c = form.config().classify
    got = (c.features.n_mels, c.features.hop_length, c.max_per_class, c.variants,
           c.label_smoothing, c.mixup, c.balance)  # fmt: skip
    assert got == (40, 320, 200, 3, pytest.approx(0.05), pytest.approx(0.5), "oversample")
    form.widget_for("classify.features.hop_length").setValue(480)  # > win_length 400
    assert (
        form.config() is None
        and "win_length" in form.error_label("classify.features.hop_length").text()
    )

    form.widget_for("data.task").setCurrentText("denoise")
    assert form.config() is not None and form.config().data.task == "denoise"
    assert groups["Noise and augmentation"].isVisibleTo(form) and shown("data.segment_samples")
    assert not groups["Classes and features"].isVisibleTo(form)


class FakePlayer:
    """Stands in for core.listen.playback.Player: what was loaded and played."""

    def __init__(self) -> None:
        self.loaded: list[tuple[np.ndarray, int]] = []
        self.is_playing = False

    def load(self, audio, sr) -> None:
        self.loaded.append((np.asarray(audio).copy(), sr))

    def play(self, start=None) -> None:
        self.is_playing = True

    def stop(self) -> None:
        self.is_playing = False

    def close(self) -> None:
        pass


def test_results_of_a_classify_run_list_classes_pairs_and_play_a_window(
    qtbot, tab, tmp_path, monkeypatch
):
    import threading

    import soundfile as sf

    import core.dataset.clip_audio as clip_audio
    from core.dataset.labels import labelled_clips
    from core.train.classify.metrics import Predictions, write_report
    from gui.training.class_results import CLASS_COLUMNS
    from tests.support.training import make_classify_project

    project = make_classify_project(tmp_path, classes=3, recordings=2)
    clips = labelled_clips(project)
    names = tuple(sorted({c.label for c in clips}))
    by_class = {n: [c.clip_id for c in clips if c.label == n] for n in names}
    # 9 windows: class 0 said to be class 1 twice (at 0.5 s and 0 s of its clips), class 1
    # said to be class 2 once; supports 4, 3, 2.
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
    said = np.array([0, 1, 1, 0, 1, 1, 2, 2, 2])
    clip_ids = np.array([by_class[names[i]][0] for i in labels])
    clip_ids[2] = by_class[names[0]][-1]
    starts = np.array([0.0, 0.5, 0.0, 1.0, 0.0, 0.5, 0.25, 0.0, 0.5])
    top = np.stack([said, (said + 1) % 3], axis=1)
    pred = Predictions(labels, top, np.linspace(0.5, 0.9, 9))
    run = project.runs_dir / "cls_run"
    write_classify_run(run)
    write_report(run, pred, names, clip_ids, starts, epoch=2)

    tab.set_project(project)
    assert tab.actions.attach_run(run)
    view = tab.run_view
    results = view.results
    assert view.results_group.isVisibleTo(view) and not view.samples_group.isVisibleTo(view)
    table = results.classes_table
    assert table.rowCount() == 3

    def column(j: int) -> list:
        return [table.item(i, j).text() for i in range(table.rowCount())]

    # Worst F1 first: class 1 (precision 2/4, recall 2/3) 0.5714, class 0 (precision 1,
    # recall 2/4) 0.6667, class 2 (precision 2/3, recall 1) 0.8.
    assert column(0) == [names[1], names[0], names[2]]
    assert column(CLASS_COLUMNS.index("F1")) == ["0.5714", "0.6667", "0.8"]
    header = table.horizontalHeader()
    support = CLASS_COLUMNS.index("Support")
    at = QPoint(header.sectionViewportPosition(support) + header.sectionSize(support) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)  # sort by support
    supports = [int(s) for s in column(support)]
    assert supports in ([2, 3, 4], [4, 3, 2])  # numbers, in order (not as text)
    assert column(0)[supports.index(4)] == names[0]

    pairs = results.pairs_table
    assert [pairs.item(0, j).text() for j in range(3)] == [names[0], names[1], "2"]
    assert [pairs.item(1, j).text() for j in range(3)] == [names[1], names[2], "1"]
    pairs.selectRow(0)
    windows = results.windows_table
    assert windows.rowCount() == 2
    listed = [(int(windows.item(i, 0).text()), float(windows.item(i, 1).text())) for i in range(2)]
    assert listed == [(int(clip_ids[1]), 0.5), (int(clip_ids[2]), 0.0)]

    threads = []
    real_read = clip_audio.read_clip

    def read_clip(clip, for_training=False):
        threads.append(threading.current_thread())
        return real_read(clip, for_training)

    monkeypatch.setattr(clip_audio, "read_clip", read_clip)
    results.player = FakePlayer()
    windows.selectRow(0)
    with qtbot.waitSignal(results.played, timeout=10_000) as played:
        qtbot.mouseClick(results.play_button, Qt.MouseButton.LeftButton)
    assert played.args == [int(clip_ids[1]), 0.5], results.status.text()
    assert threads and threads[0] is not threading.main_thread()  # read off the GUI thread
    audio, sr = results.player.loaded[-1]
    source, file_sr = sf.read(project.clip(int(clip_ids[1])).path, dtype="float32", always_2d=True)
    window_s = TrainConfig.preset("speech", "classify").classify.features.window_s
    want = source[int(0.5 * file_sr) : int((0.5 + window_s) * file_sr)]
    assert sr == file_sr and audio.shape == want.shape
    np.testing.assert_allclose(audio, want, atol=1e-6)  # that window of that clip, exactly
    assert "playing clip" in results.status.text()

    # Beside it, the surest correct window of each class of the pair: class 1's is window 5
    # (score 0.75 over 0.70), class 0's window 3 (0.65 over 0.50).
    button = results.correct_buttons["correct_predicted"]
    assert button.isEnabled() and button.text() == f"▶ Correct {names[1]}"
    with qtbot.waitSignal(results.played, timeout=10_000) as played:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert played.args == [int(clip_ids[5]), 0.5]
    with qtbot.waitSignal(results.played, timeout=10_000) as played:
        qtbot.mouseClick(results.correct_buttons["correct_true"], Qt.MouseButton.LeftButton)
    assert played.args == [int(clip_ids[3]), 1.0]
    assert len(results.player.loaded) == 3
