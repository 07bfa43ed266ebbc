"""The Listen tab with a real model file, a real player on the PulseAudio null sink."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import Qt

from gui.listen.tab import ListenTab
from tests.core.listen.test_inference_export import exported_passthrough
from tests.support.audiogen import have_espeak, noise, sine, speech, write

SR = 22050


@pytest.fixture
def tab(qtbot):
    t = ListenTab()
    qtbot.addWidget(t)
    t.resize(1300, 800)
    t.show()
    yield t
    t.shutdown()


@pytest.fixture
def processed(tab, qtbot, tmp_path):
    clean = sine(330, 1.5, SR, amp=0.3, channels=2)
    noisy = clean + noise(1.5, SR, amp=0.05, channels=2)
    tab.set_original(write(tmp_path / "noisy.wav", noisy, SR, "FLOAT"))
    tab.set_reference(write(tmp_path / "clean.wav", clean, SR, "FLOAT"))
    tab.set_model_path(exported_passthrough(tmp_path, SR))
    tab.sources.strength.setValue(50)
    with qtbot.waitSignal(tab.processed, timeout=60000) as blocker:
        assert tab.processing.process()
    return blocker.args[0], noisy


def test_cancel_says_cancelled_and_logs_no_error(tab, qtbot, tmp_path, caplog, monkeypatch):
    """Cancel is the user's wish: "Processing cancelled", not "Processing failed: … cancelled",
    and nothing above INFO in the log (#15, 10)."""
    import logging

    from core.listen import inference

    caplog.set_level(logging.INFO)
    tab.set_original(write(tmp_path / "long.wav", noise(20.0, SR, amp=0.1), SR, "FLOAT"))
    tab.set_model_path(exported_passthrough(tmp_path, SR))
    real = inference.process_file

    def cancel_at_first_block(*args, should_cancel=None, **kwargs):
        tab.processing.jobs.cancel("process")  # the Cancel button, at an exact moment
        return real(*args, should_cancel=should_cancel, **kwargs)

    monkeypatch.setattr(inference, "process_file", cancel_at_first_block)
    said = []
    tab.processing.message.connect(said.append)
    failed = []
    tab.processing.failed.connect(failed.append)
    assert tab.processing.process()
    qtbot.waitUntil(lambda: any("cancelled" in m for m in said), timeout=60000)
    assert said[-1] == "Processing cancelled; the original is untouched." and failed == []
    loud = [r for r in caplog.records if r.levelno > logging.INFO or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]


def test_process_shows_both_views_and_metrics(tab, processed):
    outcome, noisy = processed
    assert outcome.processed.shape == noisy.shape and outcome.sample_rate == SR
    assert tab.ab_view.view_a.frames == tab.ab_view.view_b.frames == noisy.shape[0]
    assert "SI-SDR" in tab.sources.metrics_label.text()
    assert outcome.metrics["si_sdr_processed"] == pytest.approx(
        outcome.metrics["si_sdr_original"], abs=1.0
    )  # a pass-through model neither helps nor hurts
    assert tab.sources.progress.value() == 1000 and "real-time factor" in tab.status.text()
    # Views share the time axis and the cursor.
    tab.ab_view.view_a.set_view(0.2, 0.6)
    assert tab.ab_view.view_b.vb.viewRange()[0] == pytest.approx(
        tab.ab_view.view_a.vb.viewRange()[0]
    )
    tab.ab_view.view_b.set_cursor(SR // 2)
    assert tab.ab_view.view_a.cursor == SR // 2 and tab.player.position == SR // 2


@pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed")
def test_speech_with_a_reference_shows_pesq_and_stoi(tab, qtbot, tmp_path):
    clean_path = speech(tmp_path / "clean.wav", "Listen closely and compare the two versions.")
    clean, sr = sf.read(str(clean_path), dtype="float32", always_2d=True)
    noisy = clean + noise(len(clean) / sr, sr, amp=0.02)[: len(clean)]
    tab.set_original(write(tmp_path / "noisy.wav", noisy, sr, "FLOAT"))
    tab.set_reference(clean_path)
    tab.set_model_path(exported_passthrough(tmp_path, sr))
    with qtbot.waitSignal(tab.processed, timeout=60000) as blocker:
        assert tab.processing.process()
    m = blocker.args[0].metrics
    for key in ("pesq_original", "pesq_processed", "stoi_original", "stoi_processed"):
        assert np.isfinite(m[key]), key
    assert 1.0 <= m["pesq_processed"] <= 4.7 and 0.5 < m["stoi_processed"] <= 1.0
    text = tab.sources.metrics_label.text()
    assert f"PESQ {m['pesq_original']:.2f} → {m['pesq_processed']:.2f}" in text
    assert f"STOI {m['stoi_original']:.3f} → {m['stoi_processed']:.3f}" in text


def test_keys_switch_a_and_b_and_export(tab, processed, qtbot, tmp_path):
    tab.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_B)
    assert tab.player.selected == "B" and tab.transport.ab_toggle.isChecked()
    qtbot.keyClick(tab, Qt.Key.Key_Tab)
    assert tab.player.selected == "A" and not tab.transport.ab_toggle.isChecked()
    qtbot.keyClick(tab, Qt.Key.Key_A)
    assert tab.player.selected == "A"
    tab.transport.diff_toggle.setChecked(True)
    assert tab.player.selected == "diff"
    tab.transport.diff_toggle.setChecked(False)
    assert tab.player.selected == "A"
    tab.ab_view.view_a.set_selection(1000, 5000)
    assert tab.ab_view.view_b.selection() == (1000, 5000)
    tab.transport.loop_toggle.setChecked(True)
    assert tab.player.loop == (1000, 5000)
    out = tab.transport.export_processed(tmp_path / "export.flac")
    data, sr = sf.read(str(out), dtype="float32", always_2d=True)
    assert sr == SR and data.shape == processed[0].processed.shape
    np.testing.assert_allclose(data, processed[0].processed, atol=2e-4)  # 24-bit FLAC


def test_space_plays_on_the_sink_and_meters_move(pulse_server, tab, processed, qtbot):
    # pulse_server first: PortAudio lists devices once, when the tab first asks.
    tab.transport.set_output_device("pulse")
    tab.ab_view.view_a.select_all()  # loop everything, so it is still playing whenever we look
    tab.transport.loop_toggle.setChecked(True)
    assert tab.player.loop == (0, tab.player.frames)
    tab.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_Space)
    assert tab.player.is_playing, tab.status.text()

    # The null sink can take a second or two before it pulls the first block.
    def started():
        assert tab.player.error is None, tab.player.error
        return tab.player.position > SR // 4

    qtbot.waitUntil(started, timeout=15000)
    qtbot.waitUntil(lambda: tab.transport.meter.peak_db.max() > -20, timeout=5000)
    qtbot.waitUntil(lambda: tab.transport.play_button.text() == "Pause", timeout=2000)
    qtbot.keyClick(tab, Qt.Key.Key_Space)
    assert not tab.player.is_playing


def test_abx_hides_the_answer_and_reports_the_score(tab, processed, qtbot):
    tab.abx.seed = 11
    tab.abx.trials.setValue(4)
    tab.transport.match_toggle.setChecked(False)
    qtbot.mouseClick(tab.abx.start_button, Qt.MouseButton.LeftButton)
    assert (
        tab.abx.running and tab.transport.match_toggle.isChecked()
    )  # loudness cannot give it away
    assert not tab.transport.ab_toggle.isEnabled()
    toggle_text = tab.transport.ab_toggle.text()
    for _ in range(4):
        qtbot.mouseClick(tab.abx.buttons["X"], Qt.MouseButton.LeftButton)
        x_is = tab.player.selected  # only the test peeks
        tab.player.pause()
        assert tab.transport.ab_toggle.text() == toggle_text  # the toggle never shows X
        qtbot.mouseClick(tab.abx.buttons["is" + x_is], Qt.MouseButton.LeftButton)
    assert not tab.abx.running
    assert "4 of 4 correct" in tab.abx.status.text() and "0.0625" in tab.abx.status.text()


def test_open_a_processed_training_sample(tab, qtbot, tmp_path):
    sr = 16000
    noisy = sine(300, 1.0, sr, amp=0.3) + noise(1.0, sr, amp=0.05)
    clean = sine(300, 1.0, sr, amp=0.1)
    a = write(tmp_path / "input.wav", noisy, sr, "FLOAT")
    b = write(tmp_path / "output.wav", clean, sr, "FLOAT")
    # Read, resampled and measured off the GUI thread; shown when it arrives.
    with qtbot.waitSignal(tab.compared, timeout=30000):
        assert tab.open_processed(str(b), str(a))
    assert tab.ab_view.view_a.frames == tab.ab_view.view_b.frames == sr
    assert tab.transport.play_button.isEnabled() and "output.wav" in tab.ab_view.label_b.text()
    # B is 10 dB quieter than A: loudness matching turns A down by about that much.
    assert tab.player.match_gains_db[0] < -8 and tab.player.match_gains_db[1] == 0
    assert not tab.open_processed(str(tmp_path / "missing.wav"), str(a))
    assert "missing.wav" in tab.status.text()
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really")
    assert tab.open_processed(str(broken), str(a))  # found, but unreadable: said when read
    qtbot.waitUntil(lambda: "broken.wav" in tab.status.text(), timeout=30000)
    assert tab.status.text().startswith("Cannot open")
    assert "output.wav" in tab.ab_view.label_b.text()  # what was shown stays


def test_project_clips_pairs_and_runs_fill_the_pickers(tab, tmp_path):
    from core.dataset.pairing import pair_folders
    from core.dataset.project import Project
    from tests.core.listen.test_inference_export import passthrough_run

    sr = 16000
    raw, mixed = tmp_path / "raw", tmp_path / "mixed"
    take = noise(1.0, sr, amp=0.1, seed=4)
    write(raw / "take1.wav", take, sr)
    write(mixed / "take1.wav", 0.5 * take, sr)
    project = Project.create(tmp_path / "project")
    pair_folders(project, raw, mixed)
    run = passthrough_run(tmp_path / "project")  # writes runs/passthrough under the project
    (run / "config.json").write_text('{"model": {"kind": "spectral_mask"}, "run": {"epochs": 1}}')
    tab.set_project(project)
    paths = [
        tab.sources.original_combo.itemData(i) for i in range(tab.sources.original_combo.count())
    ]
    assert sorted(paths) == sorted(c.path for c in project.clips())
    pair = project.pairs()[0]
    tab.sources.original_combo.setCurrentIndex(tab.sources.original_combo.findData(pair.input.path))
    assert tab.sources.reference_combo.currentData() == pair.target.path  # the pair's target
    assert tab.sources.model_combo.findData(str(run)) >= 0
    tab.set_project(None)
    assert tab.sources.original_combo.count() == 0
    project.close()


def test_every_control_has_a_name_for_tests_and_screen_readers(tab):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QSlider

    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QAbstractSpinBox, QSlider)
        for w in tab.findChildren(kind)
    ]
    assert len(controls) > 20
    unnamed = [w for w in controls if not w.objectName() or not w.accessibleName()]
    assert not unnamed, [
        type(w).__name__ + ":" + (w.text() if hasattr(w, "text") else "") for w in unnamed
    ]


def test_a_file_far_narrower_than_the_model_saw_is_warned_about(tab, qtbot, tmp_path):
    from core.audio.bandwidth import band_limit

    rng = np.random.default_rng(3)
    narrow = band_limit((0.1 * rng.standard_normal(SR)).astype(np.float32), SR, 2000.0)
    tab.set_original(write(tmp_path / "phone.wav", narrow[:, None], SR, "FLOAT"))
    tab.set_model_path(exported_passthrough(tmp_path, SR))  # trained down to 4 kHz
    with qtbot.waitSignal(tab.processed, timeout=60000):
        assert tab.processing.process()
    text = tab.status.text()
    assert "Warning: phone.wav" in text and "kHz" in text
