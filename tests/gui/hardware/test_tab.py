"""The Hardware tab: background detection, injected machines, a real probe, apply."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.hardware.detect import CpuInfo, DiskInfo, GpuInfo, MachineInfo, MemoryInfo
from core.hardware.nvml import GpuLive
from core.units import GIB
from gui.hardware.tab import HardwareTab
from tests.support.audiogen import sine, write

H100 = GpuInfo(
    0,
    "NVIDIA H100 80GB HBM3",
    "cuda",
    80 * GIB,
    79 * GIB,
    (9, 0),
    True,
    True,
    132,
    "560.35",
    "13.0",
)


def _machine(gpu=None):
    return MachineInfo(
        cpu=CpuInfo("Test CPU 9000", 16, 32, 32, "x86_64"),
        memory=MemoryInfo(64 * GIB, 60 * GIB),
        gpus=(gpu,) if gpu else (),
        disk=DiskInfo("/data/proj", 1000 * GIB, 400 * GIB),
        os="Linux 6.8",
        nvml=gpu is not None,
    )


@pytest.fixture
def tab(qtbot):
    w = HardwareTab()
    qtbot.addWidget(w)
    # The constructor starts detecting this machine in the background; wait for it so an
    # injected machine is not overwritten by the real one afterwards.
    qtbot.waitUntil(lambda: w.machine is not None, timeout=60000)
    yield w
    w.shutdown()


def test_detects_this_machine_without_blocking(qtbot, tab):
    assert tab.refresh_button.isEnabled()
    assert f"{tab.machine.cpu.logical_cores} threads" in tab.cards.cpu_text.text()
    if not tab.machine.gpus:
        assert "No GPU found" in tab.cards.gpu_text.text()
        assert tab.probe_panel.device_combo.currentText() == "cpu"
        assert "No GPU found" in tab.advice_panel.advice_text.text()
    with qtbot.waitSignal(tab.machine_ready, timeout=60000):
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)


def test_injected_h100_shows_card_advice_and_applies(qtbot, tab):
    tab.set_machine(_machine(H100))
    assert "H100" in tab.cards.gpu_text.text() and "bf16" in tab.cards.gpu_text.text()
    assert tab.probe_panel.device_combo.currentText() == "cuda:0"
    assert tab.cards.live_label.isVisibleTo(tab)  # NVML present: live readings are shown
    tab.cards.show_live([GpuLive(0, 87.0, 40 * GIB, 80 * GIB, 64.0, 512.0)])
    assert "87% busy" in tab.cards.live_label.text() and "64 °C" in tab.cards.live_label.text()
    assert "bf16" in tab.advice_panel.advice_text.text()
    with qtbot.waitSignal(tab.advice_applied) as blocker:
        qtbot.mouseClick(tab.advice_panel.apply_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["run.batch_size"] == 64  # table value: nothing measured yet
    assert blocker.args[0]["run.amp"] == "bf16"
    assert blocker.args[0]["run.device"] == "cuda:0"


def test_measure_on_cpu_fills_table_highlights_and_estimates_time(qtbot, tab, tmp_path):
    from core.train.config import TrainConfig

    src = tmp_path / "clean"
    for i in range(4):
        write(src / f"c{i}.wav", sine(300 + 40 * i, 2.0, sr=22050), 22050)
    project = Project.create(tmp_path / "proj")
    import_paths(project, [src], role="clean")
    small = TrainConfig.preset("speech").with_overrides({"data.segment_samples": 4096})
    tab.set_config_provider(lambda: small)
    tab.set_project(project)
    qtbot.waitUntil(lambda: tab.machine is not None and tab.machine.disk is not None, timeout=60000)
    tab.probe_panel.device_combo.setCurrentText("cpu")
    tab.probe_panel.max_batch_spin.setValue(2)
    tab.advice_panel.hours_radio.setChecked(True)
    tab.advice_panel.hours_spin.setValue(1.0)

    with qtbot.waitSignal(tab.probe_finished, timeout=120000) as blocker:
        qtbot.mouseClick(tab.probe_panel.measure_button, Qt.MouseButton.LeftButton)
        assert not tab.probe_panel.measure_button.isEnabled()  # one probe at a time
    result = blocker.args[0]
    assert result.segment_samples == 4096 and result.recommended_batch == 2
    assert tab.probe_panel.table.rowCount() == 2
    # The highlighted row is the advice's batch (it was the largest that fits, while the
    # advice could name a faster smaller one).
    advised = tab.advice_panel.advice.batch_size
    row = tab.probe_panel.recommended_row()
    assert result.points[row].batch_size == advised
    assert "advised" in tab.probe_panel.table.item(row, 0).text()
    assert tab.probe_panel.table.item(row, 0).font().bold()
    assert not tab.probe_panel.table.item(1 - row, 0).font().bold()
    assert tab.probe_panel.table.item(row, 4).text() == "yes"
    assert f"advised batch <b>{advised}</b>" in tab.probe_panel.probe_summary.text()
    # The estimate comes from steps fed by the project's own loader and a validation pass.
    timing = tab.probe_panel.timing
    assert timing is not None and timing.batch_size == advised and timing.validation_seconds > 0
    estimate = tab.advice_panel.advice.estimate
    assert estimate.seconds_per_step == timing.step_seconds
    assert estimate.overhead_seconds == timing.per_epoch_overhead > 0
    time_text = tab.advice_panel.time_label.text()
    assert "epochs fit in 60 min" in time_text and "this project's examples" in time_text
    qtbot.waitUntil(lambda: tab.probe_panel.measure_button.isEnabled())
    with qtbot.waitSignal(tab.advice_applied) as applied:
        tab.advice_panel.apply_button.click()
    # The advice is the fastest size measured within the budget (1 or 2, by the timings).
    fastest = result.fastest_batch
    assert advised in (fastest, result.recommended_batch)
    assert applied.args[0]["run.batch_size"] == advised and applied.args[0]["run.device"] == "cpu"
    tab.set_project(None)
    project.close()


def test_apply_reaches_the_training_tab_settings(qtbot):
    from gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    tab = win.hardware_tab
    qtbot.waitUntil(lambda: tab.machine is not None, timeout=60000)
    tab.set_machine(_machine(H100))
    before = win.training_tab.form.config()
    assert before.run.batch_size != 64
    # The probe measures what the Training tab's form describes, and says so.
    assert tab.train_config() == before
    assert tab.probe_panel.source_label.isVisibleTo(tab)
    tab.advice_panel.apply_button.click()
    after = win.training_tab.form.config()
    assert after.run.batch_size == 64 and after.run.amp == "bf16"
    assert after.run.workers == tab.advice_panel.advice.workers
    tab.shutdown()


def test_panel_settings_survive_a_restart(qtbot, tab):
    tab.probe_panel.safety_spin.setValue(0.6)
    tab.probe_panel.max_batch_spin.setValue(128)
    tab.advice_panel.hours_radio.setChecked(True)
    tab.save_settings()
    again = HardwareTab()
    qtbot.addWidget(again)
    assert again.probe_panel.safety_spin.value() == pytest.approx(0.6)
    assert again.probe_panel.max_batch_spin.value() == 128
    assert again.advice_panel.hours_radio.isChecked()
    qtbot.waitUntil(lambda: again.machine is not None, timeout=60000)
    again.advice_panel.hours_radio.setChecked(False)
    again.advice_panel.epochs_radio.setChecked(True)
    again.probe_panel.safety_spin.setValue(0.7)
    again.probe_panel.max_batch_spin.setValue(64)
    again.shutdown()  # saves the defaults back for the other tests


def test_cancel_stops_the_probe_and_says_so(qtbot, tab, caplog):
    import logging

    from core.train.config import TrainConfig

    caplog.set_level(logging.INFO)
    small = TrainConfig.preset("speech").with_overrides({"data.segment_samples": 4096})
    tab.set_config_provider(lambda: small)
    tab.probe_panel.device_combo.setCurrentText("cpu")
    tab.probe_panel.max_batch_spin.setValue(64)
    tab.probe_panel.start_probe()
    assert tab.probe_panel.probe_running() and tab.probe_panel.cancel_button.isEnabled()
    tab.probe_panel.cancel_probe()
    qtbot.waitUntil(lambda: tab.probe_panel.measure_button.isEnabled(), timeout=120000)
    assert not tab.probe_panel.probe_running()
    if tab.probe_panel.probe is None:  # cancelled before the first size: nothing measured
        assert tab.probe_panel.probe_summary.text() == "Measuring cancelled."
    else:  # the first size was already running: it stops after it
        assert any("cancelled" in w for w in tab.probe_panel.probe.warnings)
        assert len(tab.probe_panel.probe.points) < 7
    # A cancel is the user's wish, not a failure: nothing above INFO, no traceback.
    loud = [r for r in caplog.records if r.levelno > logging.INFO or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]


def test_invalid_training_settings_are_a_clear_error(qtbot, tab):
    tab.set_config_provider(lambda: None)
    with qtbot.waitSignal(tab.probe_failed) as blocker:
        tab.probe_panel.measure_button.click()
    assert "Training tab" in blocker.args[0]
    assert tab.probe_panel.measure_button.isEnabled()


def test_without_the_training_tab_the_speech_preset_for_the_projects_task_is_measured(
    qtbot, tab, tmp_path
):
    from core.dataset.pairing import pair_folders
    from core.train.config import TrainConfig

    tab.set_config_provider(None)
    assert not tab.probe_panel.source_label.isVisibleTo(tab)
    assert tab.train_config() == TrainConfig.preset("speech", "denoise")
    project = Project.create(tmp_path / "proj")
    write(tmp_path / "raw" / "a.wav", sine(220, 1.0, 16000), 16000)
    write(tmp_path / "mixed" / "a.wav", sine(220, 1.0, 16000, 0.2), 16000)
    pair_folders(project, tmp_path / "raw", tmp_path / "mixed")
    tab.set_project(project)
    assert tab.train_config() == TrainConfig.preset("speech", "paired")
    tab.set_project(None)
    project.close()


def test_a_classify_config_on_a_labelled_project_is_probed_and_timed(qtbot, tab, tmp_path):
    """#17, 4: the CNN probed on log-mel windows, its epoch timed on the feature cache, and
    the time estimate counted from that epoch (the index gives no segments for it)."""
    from core.train.sampling import steps_per_epoch
    from tests.support.training import (
        build_classify_cache,
        make_classify_project,
        tiny_classify_config,
    )

    project = make_classify_project(tmp_path, classes=3)
    config = tiny_classify_config()
    build_classify_cache(project, config)  # what the first run would build (in-process here)
    tab.set_project(project)
    assert tab.train_config().data.task == "classify"  # no Training tab: the project's task
    tab.set_config_provider(lambda: config)
    qtbot.waitUntil(lambda: tab.machine is not None and tab.machine.disk is not None, timeout=60000)
    tab.probe_panel.device_combo.setCurrentText("cpu")
    tab.probe_panel.max_batch_spin.setValue(4)
    with qtbot.waitSignal(tab.probe_finished, timeout=120000) as blocker:
        qtbot.mouseClick(tab.probe_panel.measure_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.segment_samples == config.classify.features.window_samples
    assert result.recommended_batch >= 1 and tab.probe_panel.table.rowCount() >= 1
    timing = tab.probe_panel.timing
    advised = tab.advice_panel.advice.batch_size
    assert timing is not None and timing.cached and timing.batch_size == advised
    assert timing.examples_per_epoch > 0
    estimate = tab.advice_panel.advice.estimate
    assert estimate.steps_per_epoch == steps_per_epoch(timing.examples_per_epoch, advised)
    assert estimate.seconds_per_step == timing.step_seconds
    assert "this project's examples" in tab.advice_panel.time_label.text()
    tab.set_project(None)
    project.close()


def test_a_labelled_projects_cache_line_sizes_its_feature_cache(qtbot, tab, tmp_path):
    """#17: for a project of class folders the cache advice is the log-mel feature cache
    of the classify settings measured (here the preset, no Training tab), not decoded audio."""
    from core.hardware.estimates import dataset_size_for
    from core.train.config import TrainConfig
    from tests.support.training import make_classify_project

    project = make_classify_project(tmp_path, classes=2, recordings=3)
    tab.set_config_provider(None)
    tab.set_project(project)  # the advice follows once the machine is detected again
    size = dataset_size_for(project, TrainConfig.preset("speech", "classify"))
    assert size.feature_windows > 0
    qtbot.waitUntil(lambda: "feature cache" in tab.advice_panel.advice_text.text(), timeout=60000)
    text = tab.advice_panel.advice_text.text()
    assert "log-mel feature cache" in text and f"{size.feature_windows} windows" in text
    assert "decoded dataset" not in text
    tab.set_project(None)
    project.close()
