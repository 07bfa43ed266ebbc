"""The Training tab: settings validation, a real tiny run started, stopped and resumed from
the buttons, attaching to a folder written elsewhere, and messages for trainer warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.train import events as ev
from core.train.config import TrainConfig
from core.train.run_folder import RunFolderWriter
from gui.training.runs_list import RUN_COLUMNS
from gui.training.tab import TrainingTab
from tests.support.audiogen import noise, write
from tests.support.training import make_project, tiny_config


def test_invalid_settings_are_explained_and_block_start(qtbot, tab, tmp_path):
    project = make_project(tmp_path, "speech_or_tones", clips=2)
    tab.set_project(project)
    form = tab.form
    assert tab.actions.start_button.isEnabled()

    form.widget_for("model.kind").setCurrentText("unet")
    form.widget_for("model.depth").setValue(5)
    form.widget_for("data.segment_samples").setValue(44100)
    label = form.error_label("data.segment_samples")
    assert not label.isHidden()
    assert "divisible by 32" in label.text() and "44096" in label.text()
    assert not tab.actions.start_button.isEnabled()

    form.widget_for("data.segment_samples").setValue(44096)
    assert label.isHidden() and tab.actions.start_button.isEnabled()

    form.widget_for("optim.lr").setText("fast")
    assert "optim.lr" in form.errors and not tab.actions.start_button.isEnabled()
    form.widget_for("optim.lr").setText("3e-4")
    form.widget_for("run.batch_size").setValue(0)
    assert "must be >= 1" in form.error_label("run.batch_size").text()
    form.widget_for("run.batch_size").setValue(12)
    assert tab.actions.start_button.isEnabled()
    config = form.config()
    assert (config.model.kind, config.model.depth, config.optim.lr) == ("unet", 5, 3e-4)
    assert config.run.batch_size == 12
    project.close()


def test_hardware_advice_fills_the_form(tab):
    skipped = tab.apply_advice({"run.batch_size": 24, "run.workers": 3, "run.amp": "bf16"})
    assert skipped == []
    config = tab.form.config()
    assert (config.run.batch_size, config.run.workers, config.run.amp) == (24, 3, "bf16")
    assert tab.form.widget_for("run.batch_size").value() == 24
    # Said in plain words, with what each setting was before (not "run.amp=bf16").
    text = tab.banner.text()
    assert "advice" in text and "batch size 24 (was batch size " in text
    assert "3 data loading workers" in text and "bf16 mixed precision" in text
    assert "run." not in text
    tab.apply_advice({"run.batch_size": 24})
    assert "already matched" in tab.banner.text()


def test_start_stop_resume_from_the_tab(qtbot, tab, tmp_path):
    """The must-show: a tiny run started from the tab shows plot data and progress, Stop
    writes a checkpoint, Resume continues at the next epoch with the history intact."""
    project = make_project(tmp_path, "speech_or_tones")
    tab.show()
    tab.set_project(project)
    tab.form.set_config(tiny_config("gui", epochs=200))
    c = tab.controller

    with qtbot.waitSignal(c.train_started, timeout=120_000):
        qtbot.mouseClick(tab.actions.start_button, Qt.MouseButton.LeftButton)
    run = c.run_dir
    assert tab.actions.stop_button.isEnabled() and not tab.actions.start_button.isEnabled()
    # Plot data and a progress update arrive (from the timers, not per event).
    qtbot.waitUntil(lambda: tab.run_view.plots.epochs.n >= 2, timeout=120_000)
    qtbot.waitUntil(lambda: _curve_points(tab.run_view.plots.loss_raw) > 5, timeout=5_000)
    qtbot.waitUntil(lambda: tab.run_view.progress.run_bar.value() > 0, timeout=5_000)
    assert tab.run_view.progress.eta_label.text().startswith("ETA ")
    qtbot.waitUntil(lambda: tab.run_view.samples.sample_count() >= 1, timeout=30_000)
    # The runs list follows the run row by row at each checkpoint.
    listed = tab.runs_list.row_of(run)
    assert listed is not None and tab.runs_list.runs_table.item(listed, 1).text() == "running"
    qtbot.waitUntil(
        lambda: int(tab.runs_list.runs_table.item(listed, 2).text().split("/")[0]) >= 2,
        timeout=60_000,
    )

    # The banner follows the epochs (it said "continuing at epoch 5" at epoch 15).
    qtbot.waitUntil(lambda: "of 200 done" in tab.banner.text(), timeout=30_000)
    assert "(training)" in tab.run_view.run_title.text()

    with qtbot.waitSignal(c.finished, timeout=60_000) as stopped:
        qtbot.mouseClick(tab.actions.stop_button, Qt.MouseButton.LeftButton)
    assert stopped.args[0].status == "stopped"
    assert tab.run_view.run_title.text() == f"{run.name} (stopped)"  # not "(training)"
    # The stop is said once ("Stopped; a checkpoint was written — Resume continues from it
    # after 3 epochs: stopped on request; resume continues from the checkpoint" said it twice).
    (said,) = [ln for ln in tab.run_view.log_view.toPlainText().splitlines() if "after" in ln]
    assert said.lower().count("stop") == 1 and said.lower().count("resume") == 1, said
    qtbot.waitUntil(lambda: not c.is_active, timeout=10_000)
    assert "resume continues" in tab.banner.text().lower()
    epochs_before = list(tab.run_view.plots.epochs.x)
    steps_before = int(tab.run_view.plots.steps.x[-1])

    # The run is listed, selected, and the resume choice says where it continues.
    assert tab.runs_list.selected_run() == run
    row = tab.runs_list.runs_table.currentRow()
    assert tab.runs_list.runs_table.item(row, 1).text() == "stopped"
    duration = RUN_COLUMNS.index("Duration")
    assert tab.runs_list.runs_table.item(row, duration).text() != "—"  # from the epochs' seconds
    latest = tab.runs_list.checkpoint_combo.itemText(0)
    assert latest.startswith("latest.pt") and f"step {steps_before:,}" in latest
    assert tab.actions.resume_button.isEnabled()

    with qtbot.waitSignal(c.train_started, timeout=120_000) as resumed:
        qtbot.mouseClick(tab.actions.resume_button, Qt.MouseButton.LeftButton)
    first_epoch = resumed.args[0].epoch
    assert resumed.args[0].step == steps_before
    assert f"continues at epoch {first_epoch + 1} " in latest  # the label told the truth
    assert f"epoch {first_epoch + 1}" in tab.banner.text()
    # Training continues from the next epoch; the earlier epochs are still on the plot.
    qtbot.waitUntil(lambda: tab.run_view.plots.epochs.n > len(epochs_before), timeout=120_000)
    xs = list(tab.run_view.plots.epochs.x)
    assert xs[: len(epochs_before)] == epochs_before
    assert xs == list(range(1, len(xs) + 1))
    # A stop right after an epoch's last step leaves that epoch only its validation to do
    # on resume, with no new step: new steps then come with the epoch after it.
    qtbot.waitUntil(lambda: int(tab.run_view.plots.steps.x[-1]) > steps_before, timeout=120_000)
    with qtbot.waitSignal(c.finished, timeout=60_000):
        tab.actions.stop_run()
    qtbot.waitUntil(lambda: not c.is_active, timeout=10_000)

    # A chosen checkpoint: best.pt continues where its label says.
    index = next(
        i
        for i in range(tab.runs_list.checkpoint_combo.count())
        if tab.runs_list.checkpoint_combo.itemText(i).startswith("best.pt")
    )
    tab.runs_list.checkpoint_combo.setCurrentIndex(index)
    label = tab.runs_list.checkpoint_combo.currentText()
    with qtbot.waitSignal(c.train_started, timeout=120_000) as from_best:
        qtbot.mouseClick(tab.actions.resume_button, Qt.MouseButton.LeftButton)
    assert from_best.args[0].resumed_from.endswith("best.pt")
    assert f"continues at epoch {from_best.args[0].epoch + 1} " in label
    with qtbot.waitSignal(c.finished, timeout=60_000):
        tab.actions.stop_run()
    project.close()


def test_settings_survive_a_restart(qtbot, tmp_path):
    first = TrainingTab()
    qtbot.addWidget(first)
    first.form.set_config(tiny_config("gui", epochs=17))
    first.form.widget_for("run.batch_size").setValue(5)
    first.form.widget_for("data.quality_every").setValue(4)
    first.shutdown()
    second = TrainingTab()
    qtbot.addWidget(second)
    config = second.form.config()
    assert (config.run.epochs, config.run.batch_size, config.data.sample_rate) == (17, 5, 8000)
    assert config.data.quality_every == 4  # how often validation measures PESQ and STOI
    second.shutdown()


def test_attach_shows_a_run_written_elsewhere_and_follows_it(qtbot, tab, tmp_path):
    run = tmp_path / "server_run"
    TrainConfig.preset("speech").save(_mkdir(run) / "config.json")
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 10, 3, "cuda:0", 16))
    for step in range(1, 4):
        writer(ev.StepDone(0, step, step, 3, 1.0 / step, 1e-3, 500.0, 0.05, 2048.0))
    writer(ev.EpochDone(0, 0.4, 0.5, 6.0, 3.0, 1e-3, 0, 0.5, 0, 60.0))
    sample = write(run / "samples" / "epoch_0000" / "take.wav", noise(0.2, 8000), 8000)
    writer(ev.SampleRendered(0, str(sample), str(sample), None))

    assert tab.actions.attach_run(run)
    qtbot.waitUntil(
        lambda: tab.run_view.plots.epochs.n == 1 and tab.run_view.samples.sample_count() == 1
    )
    qtbot.waitUntil(lambda: tab.run_view.plots.gpu_view.isVisible(), timeout=5_000)  # GPU memory
    assert "following" in tab.run_view.run_title.text()

    # The server keeps writing: the tab follows.
    writer(ev.StepDone(1, 4, 1, 3, 0.3, 1e-3, 500.0, 0.05, 2048.0))
    writer(ev.Warning("CUDA out of memory: batch halved to 8", kind="oom"))
    qtbot.waitUntil(lambda: "Out of memory" in tab.banner.text(), timeout=5_000)
    assert "batch halved" in tab.run_view.log_view.toPlainText()
    qtbot.waitUntil(lambda: tab.run_view.plots.steps.n == 4, timeout=5_000)
    writer(ev.Finished("failed", 1, 4, 0.5, "loss became NaN 3 times; lower the learning rate"))
    qtbot.waitUntil(lambda: "Training failed" in tab.banner.text(), timeout=5_000)
    assert "lower the learning rate" in tab.banner.text()

    assert not tab.actions.attach_run(tmp_path / "nothing_here")
    assert "not a run folder" in tab.banner.text()


def test_a_stopped_run_reopened_is_not_said_to_be_followed(qtbot, tab, tmp_path):
    run = tmp_path / "stopped_run"
    TrainConfig.preset("speech").save(_mkdir(run) / "config.json")
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 10, 3, "cpu", 16))
    writer(ev.EpochDone(0, 0.4, 0.5, 6.0, 3.0, 1e-3, 0, 0.5, 0, 60.0))
    writer(ev.Finished("stopped", 1, 3, 0.5, ""))
    assert tab.actions.attach_run(run)
    qtbot.waitUntil(lambda: tab.run_view.plots.epochs.n == 1)
    assert tab.run_view.run_title.text() == "stopped_run (stopped)"


def test_a_reopened_run_logs_its_events_own_times(qtbot, tab, tmp_path):
    """The log of a run reopened later says when things happened, not when it was reopened;
    lines of a run written before events carried a time get none."""
    import json
    import time

    run = tmp_path / "yesterday"
    TrainConfig.preset("speech").save(_mkdir(run) / "config.json")
    then = time.time() - 86400 - 3600  # yesterday: the date is shown too
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 10, 3, "cpu", 16, time=then))
    writer(ev.EpochDone(0, 0.4, 0.5, 6.0, 3.0, 1e-3, 0, 0.5, 0, 60.0, time=then + 61))
    old = {k: v for k, v in ev.to_dict(ev.Finished("stopped", 1, 3, 0.5, "")).items()}
    del old["time"]  # an older run's line
    with open(run / "events.jsonl", "a") as fh:
        fh.write(json.dumps(old) + "\n")
    assert tab.actions.attach_run(run)
    qtbot.waitUntil(lambda: "Stopped after 1 epoch" in tab.run_view.log_view.toPlainText())
    lines = tab.run_view.log_view.toPlainText().splitlines()
    started = next(ln for ln in lines if "started at epoch" in ln)
    epoch = next(ln for ln in lines if ln.split(" ", 2)[-1].startswith("epoch 1:"))
    stopped = next(ln for ln in lines if "Stopped after" in ln)
    assert started.startswith(time.strftime("%Y-%m-%d %H:%M:%S ", time.localtime(then)))
    assert epoch.startswith(time.strftime("%Y-%m-%d %H:%M:%S ", time.localtime(then + 61)))
    assert stopped.startswith("Stopped after")  # no time rather than the reopen time


def test_pesq_is_plotted_at_the_epochs_it_was_measured(qtbot, tab, tmp_path):
    run = tmp_path / "quality_run"
    TrainConfig.preset("speech").save(_mkdir(run) / "config.json")
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 10, 3, "cpu", 16))
    measured = {0: (1.6, 0.81), 2: (2.1, 0.88)}  # data.quality_every = 2
    for e in range(3):
        pesq, stoi = measured.get(e, (None, None))
        writer(
            ev.EpochDone(
                e, 0.4, 0.5, 6.0, 3.0, 1e-3, e, 0.5, 0, 60.0,
                val_pesq=pesq, val_stoi=stoi, val_pesq_input=1.2 if pesq else None,
                val_stoi_input=0.7 if pesq else None,
            )
        )  # fmt: skip
    assert tab.actions.attach_run(run)
    qtbot.waitUntil(lambda: tab.run_view.plots.epochs.n == 3, timeout=5_000)
    tab.run_view.plots.flush()
    x, y = tab.run_view.plots.pesq_curve.getData()
    assert list(x) == [1, 3] and list(y) == pytest.approx([1.6, 2.1])
    x, y = tab.run_view.plots.pesq_input_curve.getData()
    assert list(x) == [1, 3] and list(y) == pytest.approx([1.2, 1.2])
    log_text = tab.run_view.log_view.toPlainText()
    assert "PESQ 2.10, STOI 0.880" in log_text and "PESQ 1.60" in log_text
    assert log_text.count("PESQ") == 2  # epoch 2 was not measured


def test_duplicate_and_delete_a_run(qtbot, tab, tmp_path):
    from core.dataset.project import Project

    project = Project.create(tmp_path / "project")
    run = project.runs_dir / "old"
    config = TrainConfig.preset("music").with_overrides({"run.epochs": 7})
    config.save(_mkdir(run) / "config.json")
    (run / "status.json").write_text('{"status": "running", "epochs_done": 3}')
    tab.set_project(project)
    assert tab.runs_list.runs_table.rowCount() == 1
    # Not trained by this window, yet "running": say what that can mean.
    status = tab.runs_list.runs_table.item(0, 1)
    assert status.text() == "running?" and "running elsewhere" in status.toolTip()
    assert tab.runs_list.runs_table.item(0, 2).text() == "3/7"
    assert tab.runs_list.select_run(run)
    assert tab.actions.duplicate_settings()
    assert tab.form.config().model.kind == "unet" and tab.form.config().run.epochs == 7

    # The button asks first; answering No keeps the run.
    asked = []

    def answer_no():
        box = QApplication.activeModalWidget()
        asked.append(box.text() if box else None)
        if box is not None:
            box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer_no)
    qtbot.mouseClick(tab.actions.delete_button, Qt.MouseButton.LeftButton)
    assert asked and "old" in asked[0] and run.exists()
    assert tab.actions.delete_run(confirm=False)
    assert not run.exists() and tab.runs_list.runs_table.rowCount() == 0
    project.close()


def test_samples_open_in_listen_with_their_input(qtbot, tab, tmp_path):
    processed = write(tmp_path / "p.wav", noise(0.2, 8000), 8000)
    original = write(tmp_path / "i.wav", noise(0.2, 8000, seed=3), 8000)
    item = tab.run_view.samples.add_sample(
        ev.SampleRendered(2, str(processed), str(original), None)
    )
    assert (
        tab.run_view.samples.add_sample(ev.SampleRendered(2, str(processed), str(original), None))
        is None
    )
    tab.run_view.samples.tree.setCurrentItem(item)
    with qtbot.waitSignal(tab.open_in_listen) as opened:
        qtbot.mouseClick(tab.run_view.samples.ab_button, Qt.MouseButton.LeftButton)
    assert opened.args == [str(processed), str(original)]
    assert tab.run_view.samples.epochs() == [2]


def _curve_points(curve) -> int:
    x, _ = curve.getData()
    return 0 if x is None else len(x)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_a_sample_plays_on_the_sound_card(qtbot, pulse_server, tmp_path):
    """One click on Play: the sample's tone reaches the (null) sink and is recorded."""
    import numpy as np
    import soundfile as sf

    from gui.training.samples_list import SamplesList
    from tests.support.audiogen import sine

    sample = write(tmp_path / "epoch_0003" / "take.wav", sine(1000, 0.8, 48000, 0.5), 48000)
    samples = SamplesList(device="pulse")
    qtbot.addWidget(samples)
    item = samples.add_sample(ev.SampleRendered(3, str(sample), str(sample), None))
    samples.tree.setCurrentItem(item)
    rec_path = tmp_path / "monitor.wav"
    rec = pulse_server.record(rec_path, rate=48000, channels=2)
    try:
        # parec is connected once the silent monitor starts filling its file.
        qtbot.waitUntil(
            lambda: rec_path.exists() and rec_path.stat().st_size > 48000, timeout=10_000
        )
        qtbot.mouseClick(samples.play_button, Qt.MouseButton.LeftButton)
        assert samples.player is not None and samples.player.is_playing, samples.status.text()
        assert samples.status.text() == "playing take.wav (0.8 s)"
        assert samples.play_button.text() == "■ Stop"
        qtbot.waitUntil(lambda: not samples.player.is_playing, timeout=10_000)
        # Played out: "playing … (0.8 s)" and "Stop" go by themselves (they stayed forever).
        qtbot.waitUntil(lambda: samples.status.text() == "", timeout=2_000)
        assert samples.play_button.text() == "▶ Play"
    finally:
        pulse_server.stop_recording(rec)
        samples.shutdown()
    audio, sr = sf.read(str(rec_path), dtype="float32")
    mono = audio[:, 0]
    assert np.sqrt(np.mean(mono**2)) > 0.05  # not silence
    spectrum = np.abs(np.fft.rfft(mono))
    assert abs(np.argmax(spectrum) * sr / len(mono) - 1000) < 5


def test_the_preset_follows_the_projects_sample_rate_and_says_so(tab, tmp_path):
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from tests.support.audiogen import noise, write

    project = Project.create(tmp_path / "p16")
    write(tmp_path / "voice" / "take.wav", noise(2.0, 16000), 16000)
    import_paths(project, [tmp_path / "voice"], role="clean")
    tab.set_project(project)
    cfg = tab.form.config()
    assert cfg.data.sample_rate == 16000 and cfg.data.segment_samples == 31744
    assert "16000 Hz" in tab.form.rate_hint.text()
    tab.form.preset_combo.setCurrentText("music")
    assert tab.form.config().data.sample_rate == 44100
    assert "44100 Hz" in tab.form.rate_hint.text()


def test_the_rate_hint_follows_the_rate_field(tab, tmp_path):
    """The hint said "from the project" while the field showed another rate (set by hand,
    by Duplicate settings, by the advice), and spoke of data.sample_rate, a CLI setting."""
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from core.train.config import TrainConfig
    from gui.i18n import install_language, remove_language
    from tests.support.audiogen import noise, write

    project = Project.create(tmp_path / "p16")
    write(tmp_path / "voice" / "take.wav", noise(2.0, 16000), 16000)
    import_paths(project, [tmp_path / "voice"], role="clean")
    tab.set_project(project)
    hint = tab.form.rate_hint
    assert hint.text() == "16000 Hz from the project (most of the project's audio is 16000 Hz)."
    tab.form.widget_for("data.sample_rate").setValue(8000)  # as a user types it
    assert hint.text() == (
        "The project suggests 16000 Hz (most of the project's audio is 16000 Hz); "
        "this run uses 8000 Hz."
    )
    tab.form.apply_overrides({"data.sample_rate": 16000})  # as the advice applies one
    assert hint.text().startswith("16000 Hz from the project")
    copied = TrainConfig.preset("speech", sample_rate=22050)
    tab.form.set_config(copied)  # as Duplicate settings puts an older run's settings
    assert "this run uses 22050 Hz" in hint.text()
    assert "data.sample_rate" not in hint.text()
    install_language("fr")
    try:
        tab.form.set_config(copied)
        said = hint.text().replace("\u202f", " ").replace("\xa0", " ")
        assert said == (
            "Le projet suggère 16 000 Hz (la plupart de l'audio du projet est à 16 000 Hz) ; "
            "cet entraînement utilise 22 050 Hz."
        ), said
        tab.form.widget_for("data.sample_rate").setValue(16000)
        said = hint.text().replace("\u202f", " ").replace("\xa0", " ")
        assert (
            said == "16 000 Hz d'après le projet (la plupart de l'audio du projet est à 16 000 Hz)."
        ), said
    finally:
        remove_language()
