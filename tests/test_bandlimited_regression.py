"""Regression (issue 13): a briefly trained default speech model must not make an 8 kHz-
limited noisy input worse than it is.

Real 16 kHz recordings (calls, most MP3s and video soundtracks) have nothing above 8 kHz.
The speech preset used to train at 22,050 Hz on mixtures whose noise always filled the band
and to normalise its features over every bin, so such input lost 1-6 dB of SI-SDR. The
project here holds 16 kHz speech, as a user's recordings would be; the test input is
held-out speech of other voices with noise, as a 16 kHz recording.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.audio_io import read_audio
from core.importer import import_paths
from core.project import Project
from core.train.config import TrainConfig
from core.train.export import enhance, load_model
from core.train.metrics import si_sdr_np
from core.train.noise import make_noise, mix_at_snr
from core.train.rate_choice import choose_rate
from core.train.trainer import Trainer
from tests.audiogen import have_espeak, speech, speech_corpus

pytestmark = pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed")

SR = 16000  # the project's and the test input's rate
HELD_OUT = (
    ("Bright morning light poured across the quiet harbour.", "en-gb-x-rp+f5"),
    ("Write the numbers down before you forget them again.", "en-us-nyc"),
    ("The old train rattled slowly over the iron bridge.", "en-us+m2"),
)


def default_speech_config(project: Project) -> TrainConfig:
    """The speech preset as `wavesmith train` and the Training tab make it for a project."""
    return TrainConfig.preset("speech", sample_rate=choose_rate(project, "speech", "denoise")[0])


def test_briefly_trained_default_model_does_not_worsen_8khz_limited_input(tmp_path):
    folder = tmp_path / "clean"
    speech_corpus(folder, 24, sr=SR)
    project = Project.create(tmp_path / "project")
    import_paths(project, [folder], role="clean")
    cfg = default_speech_config(project).with_overrides(
        {
            "run.epochs": 4,
            "run.batch_size": 8,
            "run.workers": 0,
            "run.device": "cpu",
            "run.seed": 3,
            "data.cache": "off",
            "data.sample_clips": 0,
            "data.hop_fraction": 0.5,
        }
    )
    finished = Trainer(project, cfg, tmp_path / "run").run()
    assert finished.status in ("completed", "early_stopped"), finished.message
    loaded = load_model(tmp_path / "run")

    rng = np.random.default_rng(0)
    improvements = []
    for i, (text, voice) in enumerate(HELD_OUT):
        clean = read_audio(speech(tmp_path / "held" / f"{i}.wav", text, voice, sr=SR))[0][:, 0]
        for kind, snr in (("pink", 5.0), ("white", 10.0), ("brown", 0.0)):
            noise = make_noise(kind, clean.shape[0], SR, rng)
            noisy = mix_at_snr(clean, noise, snr)
            out = enhance(loaded, noisy[:, None], SR)[:, 0]
            improvements.append(si_sdr_np(out, clean) - si_sdr_np(noisy, clean))
    assert np.mean(improvements) >= 0.0, f"SI-SDR improvements {np.round(improvements, 2)}"
    assert min(improvements) >= -1.0, f"SI-SDR improvements {np.round(improvements, 2)}"
