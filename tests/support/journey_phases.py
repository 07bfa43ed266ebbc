"""The two halves of the user journey, each run in its own app process by test_journey.py.

Not collected on its own (the name does not start with test_): test_journey.py runs
`pytest tests/support/journey_phases.py::test_phase_N` in a child process, so that between the two
halves the app process really ends and starts again, as when a user quits and comes back
the next morning. Each phase starts the app through main.py and drives the real window.
"""

from __future__ import annotations

import json
import os
import traceback
from pathlib import Path

import numpy as np
import soundfile as sf
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

import main
from core.audio.io import content_hash, read_audio
from gui.main_window import MainWindow
from tests.support.training import PROFILES
from tests.support.window import drop_files

JOURNEY = Path(os.environ.get("WAVESMITH_JOURNEY_DIR", "/nonexistent"))
STATE = JOURNEY / "state.json"

# The controller tests' tiny run: the real trainer end to end, small enough for CI.
EPOCHS = 12


def _state() -> dict:
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def _save_state(**values) -> None:
    state = _state()
    state.update(values)
    STATE.write_text(json.dumps(state, indent=2))


def _run_app(project: str | None, drive) -> None:
    """Start the app as main.py does and run `drive(window)` inside its event loop."""
    outcome: dict = {}

    def step() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        try:
            drive(window)
        except BaseException as exc:  # re-raised below, after the app has quit
            traceback.print_exc()  # shown even if closing the window goes wrong afterwards
            outcome["error"] = exc
        finally:
            window.close()

    QTimer.singleShot(0, step)
    argv = ["gui"] + ([project] if project else [])
    assert main.main(argv) == 0
    if "error" in outcome:
        raise outcome["error"]


def test_phase_1_prepare_train_and_stop(qtbot):
    data = JOURNEY / "data"
    project_dir = JOURNEY / "project"

    def drive(window: MainWindow) -> None:
        qtbot.waitExposed(window)
        assert window.project is None
        assert window.new_project(project_dir) is not None
        assert "project" in window.windowTitle()

        # Drop a folder of speech and a folder of noise onto the window.
        tab = window.dataset_tab
        with qtbot.waitSignal(tab.imported, timeout=120_000) as done:
            drop_files(window, [data / "speech", data / "noise"], at=(40, 40))
        report = done.args[0]
        assert not report.rejected, report.rejected
        roles = sorted(c.role for c in report.added)
        assert roles.count("clean") == 8 and roles.count("noise") == 2
        assert window.tabs.currentWidget() is tab
        listed = {tab.browser.item_for(cid).text(0) for cid in tab.browser.listed_clip_ids()}
        assert {"speech_000", "hum", "hiss"} <= listed

        # Trim one clip, fade its end, and undo the fade: the trim stays.
        clip = next(c for c in report.added if c.name == "speech_000")
        source, _ = read_audio(clip.path)
        tab.browser.select_clip(clip.id)
        qtbot.waitUntil(
            lambda: tab.editor.clip is not None and tab.editor.clip.id == clip.id, timeout=30_000
        )
        qtbot.waitUntil(
            lambda: tab.editor.wave is not None and not tab.editor.is_loading(), timeout=30_000
        )
        start, end = 2000, clip.frames - 3000
        tab.editor.view.wave_view.set_selection(start, end)
        tab.editor.trim()
        tab.editor.view.wave_view.set_selection(end - start - 2000, end - start)
        tab.editor.fade_out()
        assert [e["op"] for e in tab.editor.clip.edits] == ["trim", "fade_out"]
        tab.editor.undo()
        assert tab.editor.clip.edits == [{"op": "trim", "start": start, "end": end}]
        np.testing.assert_array_equal(tab.editor.rendered_audio(), source[start:end])
        # The visible history shows the undone fade as redoable, the trim as current.
        assert tab.history_view.labels() == ["0. Original", "1. Trim", "2. Fade out (linear)"]
        assert tab.history_view.currentItem().text() == "1. Trim"

        # Hardware: apply the advice to the training settings.
        window.tabs.setCurrentWidget(window.hardware_tab)
        hw = window.hardware_tab
        qtbot.waitUntil(lambda: hw.machine is not None, timeout=60_000)
        training = window.training_tab
        training.form.set_config(training.form.config().with_overrides(PROFILES["gui"]))
        with qtbot.waitSignal(hw.advice_applied) as applied:
            hw.advice_panel.apply_button.click()
        advice = applied.args[0]
        config = training.form.config()
        assert config.run.batch_size == advice["run.batch_size"]
        assert config.run.device == advice.get("run.device", config.run.device)
        assert "advice" in training.banner.text()
        # Keep the run small for CI whatever this machine advised.
        training.form.set_config(
            config.with_overrides({"run.batch_size": 4, "run.workers": 0, "run.epochs": EPOCHS})
        )

        # Start a short run from the Training tab, watch it, stop it.
        window.tabs.setCurrentWidget(training)
        c = training.controller
        with qtbot.waitSignal(c.train_started, timeout=120_000):
            qtbot.mouseClick(training.actions.start_button, Qt.MouseButton.LeftButton)
        run_dir = c.run_dir
        qtbot.waitUntil(lambda: training.run_view.plots.epochs.n >= 1, timeout=120_000)
        qtbot.waitUntil(lambda: training.run_view.progress.run_bar.value() > 0, timeout=10_000)
        with qtbot.waitSignal(c.finished, timeout=120_000) as stopped:
            qtbot.mouseClick(training.actions.stop_button, Qt.MouseButton.LeftButton)
        assert stopped.args[0].status == "stopped"
        qtbot.waitUntil(lambda: not c.is_active, timeout=30_000)
        assert "resume continues" in training.banner.text().lower()
        epochs_done = training.run_view.plots.epochs.n
        assert epochs_done < EPOCHS, "the run finished before Stop: nothing left to resume"
        assert (Path(run_dir) / "checkpoints" / "latest.pt").is_file()
        _save_state(
            run_dir=str(run_dir),
            clip_id=clip.id,
            trim=[start, end],
            epochs_before=list(training.run_view.plots.epochs.x),
            source_hash=content_hash(clip.path),
            source_path=clip.path,
        )

    _run_app(None, drive)


def test_phase_2_resume_finish_listen_and_export(qtbot, pulse_server):
    state = _state()
    run_dir = Path(state["run_dir"])
    project_dir = JOURNEY / "project"
    held_out = JOURNEY / "data" / "held_out_noisy.wav"
    exported = JOURNEY / "exported" / "held_out_processed.wav"

    def drive(window: MainWindow) -> None:
        qtbot.waitExposed(window)
        assert window.project is not None and window.project.root == project_dir.resolve()

        # The edit survived the restart.
        tab = window.dataset_tab
        tab.browser.select_clip(state["clip_id"])
        qtbot.waitUntil(
            lambda: tab.editor.clip is not None and tab.editor.clip.id == state["clip_id"]
        )
        start, end = state["trim"]
        assert tab.editor.clip.edits == [{"op": "trim", "start": start, "end": end}]

        # Resume the stopped run; it continues at the next epoch and runs to the end.
        training = window.training_tab
        window.tabs.setCurrentWidget(training)
        assert training.runs_list.select_run(run_dir)
        assert (
            "stopped"
            in training.runs_list.runs_table.item(
                training.runs_list.runs_table.currentRow(), 1
            ).text()
        )
        # Selecting the run shows its history from the run folder.
        qtbot.waitUntil(
            lambda: training.run_view.plots.epochs.n == len(state["epochs_before"]), timeout=30_000
        )
        assert training.runs_list.checkpoint_combo.currentText().startswith("latest.pt")
        assert f"continues at epoch {len(state['epochs_before']) + 1}" in (
            training.runs_list.checkpoint_combo.currentText()
        )
        c = training.controller
        with qtbot.waitSignal(
            c.train_started, timeout=120_000, check_params_cb=lambda e: e.resumed_from is not None
        ) as resumed:
            qtbot.mouseClick(training.actions.resume_button, Qt.MouseButton.LeftButton)
        assert resumed.args[0].epoch == len(state["epochs_before"])
        with qtbot.waitSignal(c.finished, timeout=300_000) as finished:
            pass
        assert finished.args[0].status == "completed", finished.args[0].message
        xs = list(training.run_view.plots.epochs.x)
        assert xs[: len(state["epochs_before"])] == state["epochs_before"]
        assert len(xs) == EPOCHS
        best = run_dir / "checkpoints" / "best.pt"
        assert best.is_file()

        # Listen: the best model on a held-out noisy clip.
        listen = window.listen_tab
        window.tabs.setCurrentWidget(listen)
        listen.set_original(held_out)
        listen.set_model_path(best)
        # The model's full effect: a briefly trained model's validation may choose an
        # attenuation limit that leaves B too close to A to tell apart on the recording.
        listen.sources.atten_limit.setValue(100)
        with qtbot.waitSignal(listen.processed, timeout=120_000) as processed:
            assert listen.processing.process()
        outcome = processed.args[0]
        original, sr = read_audio(held_out)
        assert sr == 48000 and outcome.sample_rate == sr
        assert outcome.processed.shape == original.shape
        assert "real-time factor" in listen.status.text()

        # Play, switch A -> B while playing, and hear both on the sink's monitor.
        listen.transport.set_output_device("pulse")
        record_path = JOURNEY / "monitor.wav"
        recorder = pulse_server.record(record_path, rate=sr, channels=2)
        try:
            qtbot.waitUntil(
                lambda: record_path.exists() and record_path.stat().st_size > 96_000,
                timeout=10_000,
            )
            listen.transport.select("A")
            listen.setFocus()
            qtbot.keyClick(listen, Qt.Key.Key_Space)
            assert listen.player.is_playing, listen.status.text()
            qtbot.waitUntil(lambda: listen.player.position > int(0.8 * sr), timeout=10_000)
            qtbot.keyClick(listen, Qt.Key.Key_B)
            assert listen.transport.ab_toggle.isChecked()
            qtbot.waitUntil(lambda: listen.player.position > int(1.8 * sr), timeout=10_000)
            qtbot.keyClick(listen, Qt.Key.Key_Space)
            assert not listen.player.is_playing
            size = record_path.stat().st_size
            qtbot.waitUntil(lambda: record_path.stat().st_size > size + sr * 8 // 2, timeout=10_000)
        finally:
            pulse_server.stop_recording(recorder)
        switch_at, source = listen.player.switch_frames[-1]
        assert source == "B"
        heard = _which_was_heard(record_path, outcome.original, outcome.processed, switch_at, sr)
        assert heard == ("A", "B"), heard

        # Export what the user heard as B.
        out = listen.transport.export_processed(exported)
        data, rate = sf.read(str(out), dtype="float32", always_2d=True)
        assert rate == sr and data.shape == original.shape
        assert content_hash(state["source_path"]) == state["source_hash"]  # source untouched

    _run_app(str(project_dir), drive)


def _which_was_heard(path: Path, a: np.ndarray, b: np.ndarray, switch_at: int, sr: int):
    """Align the recording to A, then ask for each side of the switch whether it is A or B.

    Loudness matching scales the two, so each segment is compared after a least-squares gain.
    """
    from scipy.signal import correlate

    rec, rate = sf.read(str(path), dtype="float32", always_2d=True)
    assert rate == sr
    probe = a[int(0.2 * sr) : int(0.3 * sr), 0]
    corr = correlate(rec[:, 0], probe, mode="valid", method="fft")
    offset = int(np.argmax(corr)) - int(0.2 * sr)
    assert offset >= 0, "the start of playback is not in the recording"

    def closer(lo: int, hi: int) -> str:
        seg = rec[offset + lo : offset + hi]
        errors = {}
        for name, ref in (("A", a[lo:hi]), ("B", b[lo:hi])):
            gain = float(np.sum(seg * ref) / max(np.sum(ref * ref), 1e-12))
            errors[name] = float(np.sum((seg - gain * ref) ** 2) / max(np.sum(seg * seg), 1e-12))
        return min(errors, key=errors.get)

    fade = int(0.012 * sr)
    return closer(int(0.3 * sr), switch_at - fade), closer(
        switch_at + fade, switch_at + int(0.6 * sr)
    )
