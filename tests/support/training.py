"""Helpers for the training tests: a tiny project of generated speech and a tiny config.

Everything is 8 kHz, 0.5 s segments and a model of a few thousand parameters, so a whole
training run takes a second or two on one CPU core.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.train.config import TrainConfig
from tests.support.audiogen import have_espeak, speech_corpus, write

SR = 8000


def synthetic_voice(seconds: float, seed: int, sr: int = SR) -> np.ndarray:
    """A vowel-like harmonic signal with syllable-rate amplitude modulation (no espeak needed)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * sr)) / sr
    f0 = rng.uniform(100, 220) * (1 + 0.05 * np.sin(2 * np.pi * 0.7 * t))
    phase = 2 * np.pi * np.cumsum(f0) / sr
    x = sum(np.sin(k * phase) / k for k in range(1, 12))
    env = np.clip(np.sin(2 * np.pi * rng.uniform(2, 4) * t), 0, None) ** 0.5
    return (0.3 * x * env / np.max(np.abs(x))).astype(np.float32)[:, None]


def make_clean_project(
    root: Path, n: int = 8, seconds: float = 2.0, espeak: bool = False
) -> Project:
    folder = root / "audio" / "clean"
    folder.mkdir(parents=True)
    if espeak and have_espeak():
        speech_corpus(folder, n, sr=SR)
    else:
        for i in range(n):
            write(folder / f"voice_{i:02d}.wav", synthetic_voice(seconds, i), SR)
    project = Project.create(root / "project")
    report = import_paths(project, [folder], role="clean")
    assert report.added, report.rejected
    return project


def tiny_config(**overrides) -> TrainConfig:
    cfg = TrainConfig.preset("speech")
    base = {
        "data.sample_rate": SR,
        "data.segment_samples": 4000,
        "data.skip_silence": False,
        "data.sample_clips": 1,
        "data.sample_seconds": 1.0,
        "data.cache": "off",
        # PESQ/STOI take ~30 ms a segment; the tests that need them turn them on.
        "data.quality_segments": 0,
        "data.noise.kinds": ("white", "pink", "hum"),
        "data.noise.snr_db": (0.0, 10.0),
        "model.n_fft": 128,
        "model.hop": 32,
        "model.hidden": 16,
        "model.layers": 2,
        "optim.lr": 3e-3,
        "run.epochs": 3,
        "run.batch_size": 4,
        "run.workers": 0,
        "run.device": "cpu",
        "run.threads": 1,
        "run.checkpoint_minutes": 0.0,
    }
    base.update(overrides)
    return cfg.with_overrides(base)


def weights(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def assert_same_weights(a: dict, b: dict) -> None:
    import torch

    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), f"weights differ in {k}"
