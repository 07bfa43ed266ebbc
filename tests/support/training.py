"""Helpers for the training tests: a tiny project of generated speech and a tiny config.

The one builder of both for the core, command-line and window tests (and the bench).

Everything is 8 kHz, 0.5 s segments and a model of a few thousand parameters, so a whole
training run takes a second or two on one CPU core.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.audio.io import content_hash, probe
from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.train.config import TrainConfig
from tests.support.audiogen import have_espeak, noise, speech_corpus, write

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


def make_project(
    root: Path,
    kind: str = "voice",
    clips: int = 8,
    seconds: float = 2.0,
    espeak: bool = False,
) -> Project:
    """A project of `clips` short clean clips at 8 kHz, in root / "project".

    kind "voice": synthetic voices of `seconds` each (espeak-ng speech instead when `espeak`
    and it is installed), imported as clean. kind "speech_or_tones" (the window's tests):
    espeak-ng speech when installed, else 2 s tone bursts, plus one noise clip, added to the
    index directly. Both stay as they were when each suite had its own, so no figure moves.
    """
    if kind == "speech_or_tones":
        return _speech_or_tones_project(root, clips)
    if kind != "voice":
        raise ValueError(f"unknown kind {kind!r}")
    folder = root / "audio" / "clean"
    folder.mkdir(parents=True)
    if espeak and have_espeak():
        speech_corpus(folder, clips, sr=SR)
    else:
        for i in range(clips):
            write(folder / f"voice_{i:02d}.wav", synthetic_voice(seconds, i), SR)
    project = Project.create(root / "project")
    report = import_paths(project, [folder], role="clean")
    assert report.added, report.rejected
    return project


def _speech_or_tones_project(root: Path, clips: int) -> Project:
    audio_dir = root / "audio"
    audio_dir.mkdir(parents=True)
    if have_espeak():
        paths = speech_corpus(audio_dir, clips, sr=SR)
    else:
        t = np.arange(16000) / SR
        paths = []
        for i in range(clips):
            x = (0.3 * np.sin(2 * np.pi * (200 + 40 * i) * t) * (np.sin(3 * t) > 0))[:, None]
            paths.append(write(audio_dir / f"tone_{i}.wav", x.astype(np.float32), SR))
    write(audio_dir / "noise" / "hiss.wav", noise(2.0, SR, seed=1), SR)
    project = Project.create(root / "project")
    for path in paths:
        project.add_source(probe(path), content_hash(path), "clean")
    hiss = audio_dir / "noise" / "hiss.wav"
    project.add_source(probe(hiss), content_hash(hiss), "noise")
    return project  # no validation split? the trainer holds one clip out and says so


# The two sets of tiny settings, kept apart so that no test's figures move. "loop": the core
# training tests (0.5 s segments, noise kinds and SNRs fixed, no PESQ/STOI). "gui": the
# window's and the controller's (4096-sample segments, at most 4 validation segments, no
# early stop). Both: 8 kHz, a 2-layer mask of 16 hidden units, an epoch in about a second.
PROFILES: dict[str, dict] = {
    "loop": {
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
        "run.batch_size": 4,
        "run.workers": 0,
        "run.device": "cpu",
        "run.threads": 1,
        "run.checkpoint_minutes": 0.0,
    },
    "gui": {
        "data.sample_rate": SR,
        "data.segment_samples": 4096,
        "data.cache": "off",
        "data.sample_clips": 1,
        "data.sample_seconds": 1.0,
        "data.val_segments_max": 4,
        "model.n_fft": 256,
        "model.hop": 64,
        "model.hidden": 16,
        "model.layers": 2,
        "run.batch_size": 4,
        "run.workers": 0,
        "run.device": "cpu",
        "run.threads": 1,
        "run.checkpoint_minutes": 0.0,
        "optim.early_stop_patience": 0,
    },
}


def tiny_config(profile: str = "loop", epochs: int = 3, **overrides) -> TrainConfig:
    """The speech preset shrunk by PROFILES[profile]; `overrides` (dotted names) win."""
    return TrainConfig.preset("speech").with_overrides(
        {**PROFILES[profile], "run.epochs": epochs, **overrides}
    )


def weights(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def assert_same_weights(a: dict, b: dict) -> None:
    import torch

    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), f"weights differ in {k}"


# -- the classify task ------------------------------------------------------------------------
# Small windows and a narrow CNN: an epoch of 8 classes is well under a second on one core.
CLASSIFY_PROFILE: dict = {
    "classify.features.n_mels": 32,
    "classify.features.window_s": 0.5,
    "classify.features.window_hop_s": 0.25,
    "classify.label_smoothing": 0.05,
    "classify.variants": 2,  # augmented variants per training window, from the feature cache
    "model.channels": 8,
    "optim.lr": 3e-3,
    "optim.warmup_steps": 5,
    "run.batch_size": 16,
    "run.workers": 0,
    "run.device": "cpu",
    "run.threads": 1,
    "run.checkpoint_minutes": 0.0,
}


def make_classify_project(
    root: Path,
    classes: int = 8,
    recordings: int = 5,
    files_per_recording: int = 2,
    seconds: float = 0.6,
) -> Project:
    """A project of generated class folders (tests/support/class_folders: distinct sound
    families per class, `recordings` per class each cut into `files_per_recording` files of
    `seconds`), imported with their folder names as labels and the splits the import gives
    (core.dataset.label_splits: of 5 recordings 4 train and the 5th validates; of 7, the 7th
    tests). The one labelled-project builder of the tests."""
    from tests.support.class_folders import make_class_folders

    folders = make_class_folders(
        root / "classes", classes, recordings, files_per_recording, seconds
    )
    project = Project.create(root / "project")
    report = import_paths(project, [folders.root], labels_from_folders=True)
    assert report.added and not report.rejected, report.rejected
    return project


def tiny_classify_config(epochs: int = 6, **overrides) -> TrainConfig:
    """The classify preset shrunk by CLASSIFY_PROFILE; `overrides` (dotted names) win."""
    return TrainConfig.preset("speech", "classify").with_overrides(
        {**CLASSIFY_PROFILE, "run.epochs": epochs, **overrides}
    )


def feature_cache_config(**overrides) -> TrainConfig:
    """CLASSIFY_PROFILE's features, few variants and no cap per class: the feature cache's
    own tests build it in seconds."""
    features = ("n_mels", "window_s", "window_hop_s")
    base = {f"classify.features.{k}": CLASSIFY_PROFILE[f"classify.features.{k}"] for k in features}
    base |= {
        "classify.variants": CLASSIFY_PROFILE["classify.variants"],
        "classify.max_per_class": 0,
    }
    return TrainConfig().with_overrides(base | overrides)


def build_classify_cache(project: Project, config: TrainConfig) -> None:
    """The feature cache of `config` built in this process (no spawned workers: they take
    longer to start than these few clips take to build), so runs of it find it current."""
    from core.dataset.labels import labelled_clips
    from core.train.classify.feature_cache import build_feature_cache

    build_feature_cache(project, labelled_clips(project), config, workers=0)


def train_until_killed(
    project: Project, run_dir: Path, config: str, overrides: dict, kill_at_step: int
):
    """Train `config` ("tiny_config" or "tiny_classify_config" of this module, with
    `overrides`) in a separate process that SIGKILLs itself (no cleanup, no atexit) when it
    reports step `kill_at_step`; returns the finished subprocess."""
    import subprocess
    import sys
    import textwrap

    root = Path(__file__).resolve().parents[2]
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(root)!r})
        from core.dataset.project import Project
        from core.train import events as ev
        from core.train.trainer import Trainer
        from tests.support.training import {config}

        def listener(event):
            if isinstance(event, ev.StepDone) and event.step == {kill_at_step}:
                os.kill(os.getpid(), signal.SIGKILL)

        project = Project.open({str(project.root)!r})
        Trainer(project, {config}(**{overrides!r}), {str(run_dir)!r}, listener).run()
        sys.exit(3)
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=240
    )


def untrained_classify_run(run: Path, classes: tuple[str, ...], **overrides) -> Path:
    """A classify run folder holding an untrained (seeded) cnn_small over `classes`: what
    `load_classifier` and the model pickers read, made in a fraction of a second. Its
    answers are arbitrary but fixed, so a test compares what a view shows with what
    core.listen.classify gives on the same model."""
    import torch

    from core.train.models import build_model

    config = tiny_classify_config(**{"model.classes": classes, **overrides})
    torch.manual_seed(0)
    model = build_model(config.model, config.data.sample_rate)
    (run / "checkpoints").mkdir(parents=True)
    config.save(run / "config.json")
    torch.save(
        {"model": model.state_dict(), "config": config.to_dict()}, run / "checkpoints" / "best.pt"
    )
    return run
