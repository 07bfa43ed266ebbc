"""The whole user journey, across a restart of the app process.

A fresh project; speech and noise folders dropped on the window; a clip trimmed and an edit
undone; hardware advice applied; a run started and stopped; the app quits and starts again;
the run resumed and finished; the best model processes a held-out noisy clip in the Listen
tab; A and B are both heard on a real PulseAudio sink; the result is exported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.audio.io import resample
from tests.support.audiogen import have_espeak, noise, speech, speech_corpus, write

ROOT = Path(__file__).resolve().parents[2]


def _make_data(data: Path) -> None:
    speech_corpus(data / "speech", 8, sr=16000)
    write(data / "noise" / "hiss.wav", noise(3.0, 16000, amp=0.05, seed=3), 16000)
    t = np.arange(3 * 16000) / 16000
    hum = 0.05 * (np.sin(2 * np.pi * 50 * t) + 0.5 * np.sin(2 * np.pi * 150 * t))
    write(data / "noise" / "hum.wav", hum[:, None].astype(np.float32), 16000)
    # A held-out noisy clip as a user would bring it: 48 kHz stereo, a voice not trained on.
    clean_path = speech(
        data / "held_out_clean.wav", "Nobody heard this sentence in training.", "en-gb+f3"
    )
    from core.audio.io import read_audio

    clean, sr = read_audio(clean_path)
    clean = resample(clean, sr, 48000)
    stereo = np.concatenate([clean, 0.9 * clean], axis=1)
    noisy = (
        stereo
        + noise(stereo.shape[0] / 48000, 48000, amp=0.03, seed=9, channels=2)[: stereo.shape[0]]
    )
    write(data / "held_out_noisy.wav", noisy.astype(np.float32), 48000, "PCM_24")


def _phase(name: str, journey: Path) -> None:
    env = dict(os.environ, WAVESMITH_JOURNEY_DIR=str(journey))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            f"tests/support/journey_phases.py::{name}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}"


@pytest.mark.skipif(not have_espeak() and not os.environ.get("CI"), reason="needs espeak-ng")
def test_user_journey_across_a_restart(pulse_server, tmp_path):
    # pulse_server: the child processes inherit its PULSE_SERVER from this environment.
    journey = tmp_path / "journey"
    _make_data(journey / "data")
    _phase("test_phase_1_prepare_train_and_stop", journey)
    _phase("test_phase_2_resume_finish_listen_and_export", journey)
    assert (journey / "exported" / "held_out_processed.wav").is_file()
