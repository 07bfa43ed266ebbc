"""A small labelled project for the feature cache's tests: a few classes of generated sounds
(a tone per class at its own pitch, noise bursts), imported with the project's own import,
labels and splits given here (before i17data's class-folder import, the same LabelledClips)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.dataset.importer import import_paths
from core.dataset.labels import LabelledClip
from core.dataset.project import Project
from core.train.config import TrainConfig
from tests.support.audiogen import write

SR = 16000
CLASSES = {"low": 300.0, "mid": 900.0, "high": 2700.0}
SPLIT_OF = ("train", "train", "train", "val", "test")  # by file index within a class


def class_sound(freq: float, seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SR)) / SR
    tone = 0.4 * np.sin(2 * np.pi * freq * (1 + 0.02 * rng.standard_normal()) * t)
    return (tone + 0.02 * rng.standard_normal(len(t))).astype(np.float32)


def make_labelled_project(root: Path, files_per_class: int = 5, seconds: float = 1.6):
    """(project, labelled clips): each class's files in its folder, split by SPLIT_OF."""
    audio = root / "audio"
    for ci, (label, freq) in enumerate(CLASSES.items()):
        for i in range(files_per_class):
            write(audio / label / f"{label}_{i}.wav", class_sound(freq, seconds, 100 * ci + i), SR)
    project = Project.create(root / "project")
    report = import_paths(project, [audio], role="clean")
    assert not report.rejected, report.rejected
    return project, labelled(project)


def labelled(project: Project) -> list[LabelledClip]:
    out = []
    for clip in project.clips(role="clean"):
        label, index = clip.name.rsplit("_", 1)
        split = SPLIT_OF[int(index) % len(SPLIT_OF)]
        out.append(LabelledClip(clip.id, label, source=clip.name, split=split))
    return out


def small_config(**overrides) -> TrainConfig:
    """Cheap features and few variants: the tests' builds take seconds."""
    base = {
        "classify.features.n_mels": 32,
        "classify.features.window_s": 0.5,
        "classify.features.window_hop_s": 0.25,
        "classify.variants": 2,
        "classify.max_per_class": 0,
    }
    return TrainConfig().with_overrides(base | overrides)
