"""Playback must not break up while a training runs (issue #15, 6): 30 s through the
PulseAudio null sink while the real trainer trains beside it, gaps measured on the sink's
recording. The played signal never comes near zero, so any run of silence in the recording
is a dropout (an underrun), not the signal."""

from __future__ import annotations

import threading
import time

import numpy as np
import soundfile as sf

from core.listen.playback import Player
from core.train import events as ev
from core.train.trainer import Trainer
from tests.support.training import make_project, tiny_config

SR = 48000
PLAY_SECONDS = 30.0
MAX_GAP_S = 0.010


def _never_silent(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    x = 0.25 + 0.1 * np.sin(2 * np.pi * 440 * t)  # between 0.15 and 0.35, always
    return np.stack([x, x], axis=1).astype(np.float32)


def _gaps(captured: np.ndarray, threshold: float = 0.02) -> list[float]:
    """Lengths in seconds of the silent runs between the first and last played sample."""
    loud = np.abs(captured[:, 0]) > threshold
    idx = np.nonzero(loud)[0]
    if idx.size == 0:
        return [float("inf")]
    inner = loud[idx[0] : idx[-1] + 1]
    edges = np.diff(np.concatenate([[1], inner.astype(np.int8), [1]]))
    starts, ends = np.nonzero(edges == -1)[0], np.nonzero(edges == 1)[0]
    return [(e - s) / SR for s, e in zip(starts, ends, strict=True)]


def _wait_until(cond, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)  # polling a condition


def test_30_s_of_playback_has_no_gap_while_training_runs(pulse_server, tmp_path):
    project = make_project(tmp_path, clips=8)
    config = tiny_config("loop", epochs=100000, **{"data.val_segments_max": 8})
    steps: list[int] = []

    def listen(e) -> None:
        if isinstance(e, ev.StepDone):
            steps.append(e.step)

    trainer = Trainer(project, config, tmp_path / "run", listener=listen)
    thread = threading.Thread(target=trainer.run, daemon=True)
    thread.start()
    _wait_until(lambda: len(steps) > 3, 120)  # training is under way

    player = Player(device="pulse")  # the app's own buffer depth
    player.load(_never_silent(PLAY_SECONDS), SR)
    rec_path = tmp_path / "monitor.wav"
    rec = pulse_server.record(rec_path, rate=SR, channels=2)
    try:
        _wait_until(lambda: rec_path.exists() and rec_path.stat().st_size > 48000, 10)
        player.play()
        _wait_until(lambda: not player.is_playing, PLAY_SECONDS + 30)
        size = rec_path.stat().st_size
        _wait_until(lambda: rec_path.stat().st_size > size + 0.5 * SR * 8, 10)
    finally:
        pulse_server.stop_recording(rec)
        player.close()
        trainer.control.request_stop()
        thread.join(120)
        project.close()
    steps_during = len(steps)
    captured, rate = sf.read(rec_path, dtype="float32", always_2d=True)
    gaps = _gaps(captured)
    played = np.count_nonzero(np.abs(captured[:, 0]) > 0.02) / SR
    assert played > PLAY_SECONDS - 0.5, f"only {played:.1f} s reached the sink"
    assert steps_during > 10, "the trainer did not train meanwhile"
    assert max(gaps, default=0.0) <= MAX_GAP_S, (
        f"{len(gaps)} gap(s), longest {1000 * max(gaps):.0f} ms: "
        f"{sorted(round(1000 * g) for g in gaps)[-10:]} ms"
    )
