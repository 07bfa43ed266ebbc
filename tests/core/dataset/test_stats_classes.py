"""Per-class statistics: files, duration and training windows per split, imbalance, advice."""

from __future__ import annotations

import pytest

from core.dataset.importer import import_paths
from core.dataset.labels import set_excluded
from core.dataset.project import Project
from core.dataset.stats import dataset_stats
from core.dataset.stats_classes import class_stats
from core.train.classify.features import window_starts
from core.train.config import TrainConfig
from tests.support.audiogen import sine, write
from tests.support.class_folders import make_class_folders

FEATURES = TrainConfig().classify.features


def windows_of(frames: int, rate: int) -> int:
    return len(window_starts(int(round(frames * FEATURES.sample_rate / rate)), FEATURES))


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "root"
    # Two classes of 5 recordings of 2 files of 2.5 s, one rare class of 1 recording of
    # 2 files of 4 s at 44.1 kHz, and noise for mixing without a class.
    make_class_folders(root, classes=2, recordings=5, files_per_recording=2, seconds=2.5)
    make_class_folders(
        root, {"rare": 6}, recordings=1, files_per_recording=2, seconds=4.0, sr=44100
    )
    with Project.create(tmp_path / "p") as p:
        import_paths(p, [root], labels_from_folders=True)
        import_paths(p, [write(tmp_path / "noise" / "hum.wav", sine(50, 2.0), 16000)], role="noise")
        yield p


def test_counts_per_class_and_split(project):
    table = class_stats(project, window_starts, FEATURES, min_per_class=5)
    rows = {c.name: c for c in table.classes}
    assert set(rows) == {"band00", "tone00", "rare"}
    for name in ("band00", "tone00"):
        c = rows[name]
        assert c.files == 10 and c.recordings == 5
        assert (c.splits["train"].files, c.splits["val"].files, c.splits["test"].files) == (8, 2, 0)
        assert c.seconds == pytest.approx(25.0)
        # 2.5 s with 1 s windows every 0.5 s: starts 0, .5, 1, 1.5 -> 4 per file.
        assert windows_of(40000, 16000) == 4 and c.windows == 40
    rare = rows["rare"]
    assert rare.splits["train"].files == 2 and rare.seconds == pytest.approx(8.0)
    assert rare.windows == 2 * windows_of(4 * 44100, 44100) == 14  # counted at the feature rate
    assert table.imbalance == pytest.approx(32 / 14)
    assert table.unlabelled == 0  # the noise clip is for mixing, not a missing class
    text = "\n".join(table.advice)
    assert "fewer than 5 clips (rare)" in text and "no validation recording (rare)" in text
    assert "band00" not in text


def test_imbalance_exclusion_and_edits(project):
    set_excluded(project, "rare")
    table = class_stats(project, window_starts, FEATURES, min_per_class=2)
    assert [c.name for c in table.included] == ["band00", "tone00"]
    assert table.imbalance == pytest.approx(1.0)
    assert table.advice == ["2 classes, each with training and validation recordings"]
    # A trim shortens the clip: its duration and windows follow.
    clip = next(c for c in project.clips() if c.label == "band00" and c.split == "train")
    project.set_edits(clip.id, [{"op": "trim", "start": 0, "end": 16000}])
    band = next(
        c for c in class_stats(project, window_starts, FEATURES).classes if c.name == "band00"
    )
    assert band.seconds == pytest.approx(23.5) and band.splits["train"].windows == 32 - 3
    # Over ten times the windows in one class: the advice names the imbalance.
    many = make_class_folders(
        project.root.parent / "more",
        {"tone00": 0},
        recordings=20,
        files_per_recording=6,
        seconds=2.5,
        first_recording=50,
    )
    import_paths(project, [many.root], labels_from_folders=True)
    table = class_stats(project, window_starts, FEATURES)
    assert table.imbalance > 10 and any("imbalanced: tone00" in a for a in table.advice)


def test_dataset_stats_speak_of_classes_not_voice(project):
    stats = dataset_stats(project, headers_only=True, training_rate=48000)
    assert stats.task == "classify"
    assert not any("training rate" in i for f in stats.files for i in f.issues)
    assert not any("clean voice" in a or "denoiser" in a for a in stats.advice)
    assert not any("very short" in i for f in stats.files for i in f.issues)
    d = class_stats(project, window_starts, FEATURES).to_dict()
    row = next(r for r in d["classes"] if r["name"] == "rare")
    assert row["windows"] == 14 and row["splits"]["train"]["files"] == 2
