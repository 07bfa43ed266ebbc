"""The classify feature cache, built in this process (workers=0): features equal the log-mel
of each clip's windows after its edits; variants only for train, deterministic from the
seed; a current cache does no work, a changed edit or setting rebuilds what it touches; a
cut-short group is never read; an unreadable clip is named and the others build; the
memory-mapped split reads as the in-RAM one; max_per_class keeps windows of every source."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from core.dataset.clip_audio import read_clip
from core.dataset.labels import labelled_clips
from core.train.classify.feature_cache import build_feature_cache
from core.train.classify.feature_cache_build import FEATURES, META, FeatureCacheCancelled
from core.train.classify.feature_cache_plan import select_windows
from core.train.classify.feature_cache_read import (
    FeatureCacheStale,
    FeatureRows,
    load_feature_splits,
)
from core.train.classify.features import cut_windows, feature_audio, log_mel_batch
from tests.support.audiogen import noise, write
from tests.support.training import feature_cache_config, make_classify_project

# 3 classes of 7 recordings, one 1 s file each: 5 train, 1 val and 1 test per class (the
# import's splits), 3 windows a file; 9 class groups (class × split).
CLASSES = ("band00", "chirp00", "tone00")


@pytest.fixture
def labelled(tmp_path):
    project = make_classify_project(tmp_path, 3, recordings=7, files_per_recording=1, seconds=1.0)
    return project, labelled_clips(project)


def _first_train(clips):
    return next(lc for lc in clips if lc.split == "train")


def _expected(clip, cfg) -> np.ndarray:
    audio, sr = read_clip(clip, for_training=True)
    _, windows = cut_windows(feature_audio(audio, sr, cfg.classify.features), cfg.classify.features)
    return log_mel_batch(torch.from_numpy(windows), cfg.classify.features).numpy()


F16_HALF_ULP = 2.0**-11  # float16's rounding, relative (the cache stores float16)


def _rows(split, clip_id, variant=0) -> np.ndarray:
    sel = (split.clip_ids == clip_id) & (split.variants == variant)
    return split.features[np.flatnonzero(sel)]


def test_originals_are_the_log_mel_of_each_clips_windows_and_variants_only_train(labelled):
    project, clips = labelled
    cfg = feature_cache_config()
    summary = build_feature_cache(project, clips, cfg, workers=0)
    splits = load_feature_splits(project, clips, cfg, where="ram")
    assert splits["train"].classes == CLASSES
    for lc in clips:
        got = _rows(splits[lc.split], lc.clip_id)
        want = _expected(project.clip(lc.clip_id), cfg)
        assert got.shape == want.shape == (3, 32, cfg.classify.features.frames)
        assert got.dtype == np.float16  # stored at half precision: half an ulp off at most
        np.testing.assert_allclose(got.astype(np.float32), want, rtol=F16_HALF_ULP, atol=1e-5)
        labels = splits[lc.split].labels[splits[lc.split].clip_ids == lc.clip_id]
        assert set(labels.tolist()) == {splits["train"].classes.index(lc.label)}
    train = splits["train"]
    assert sorted(set(train.variants.tolist())) == [0, 1, 2]
    assert (train.variants > 0).sum() == 2 * (train.variants == 0).sum()
    assert set(splits["val"].variants.tolist()) == set(splits["test"].variants.tolist()) == {0}
    first = _first_train(clips).clip_id
    originals, variant = _rows(train, first, 0), _rows(train, first, 1)
    assert np.abs(originals - variant).mean() > 0.1  # a variant is not its original
    assert summary.splits["train"].windows == len(train) == 3 * 5 * 3 * 3
    assert summary.splits["val"].classes == 3 and summary.splits["val"].clips == 3
    assert summary.total_bytes >= sum(s.bytes for s in summary.splits.values()) > 0


def test_a_second_build_does_no_work_and_variants_follow_the_seed(labelled):
    project, clips = labelled
    cfg = feature_cache_config()
    build_feature_cache(project, clips, cfg, workers=0)
    files = sorted(project.cache_dir.rglob(FEATURES))
    stamps = [f.stat().st_mtime_ns for f in files]
    seen = []
    again = build_feature_cache(project, clips, cfg, workers=0, progress=lambda *a: seen.append(a))
    assert again.built_groups == 0 and again.kept_groups == 9
    assert seen == [(0, 0, "")]
    assert [f.stat().st_mtime_ns for f in files] == stamps
    before = load_feature_splits(project, clips, cfg, where="ram")["train"]
    reseeded = feature_cache_config(**{"run.seed": 7})
    rebuilt = build_feature_cache(project, clips, reseeded, workers=0)
    assert rebuilt.built_groups == 3  # the train groups; val and test hold no variants
    after = load_feature_splits(project, clips, reseeded, where="ram")["train"]
    originals = before.variants == 0
    np.testing.assert_array_equal(after.features[originals], before.features[originals])
    assert not np.allclose(after.features[~originals], before.features[~originals])


def test_an_edit_rebuilds_its_group_and_a_feature_setting_rebuilds_all(labelled):
    project, clips = labelled
    cfg = feature_cache_config()
    build_feature_cache(project, clips, cfg, workers=0)
    edited = next(lc for lc in clips if lc.split == "val")
    before = _rows(load_feature_splits(project, clips, cfg)["val"], edited.clip_id)
    project.set_edits(edited.clip_id, [{"op": "gain", "db": -6.0}])
    with pytest.raises(FeatureCacheStale, match="1 of 9 class groups"):
        load_feature_splits(project, clips, cfg)
    summary = build_feature_cache(project, clips, cfg, workers=0)
    assert summary.built_groups == 1
    after = _rows(load_feature_splits(project, clips, cfg)["val"], edited.clip_id)
    loud = before > -5.0  # well above the floor, a -6 dB gain is log(1/4) lower
    assert loud.any()
    shifted = before[loud].astype(np.float32) + np.log(10 ** (-6 / 10))  # both rounded to f16
    np.testing.assert_allclose(after[loud], shifted, rtol=2 * F16_HALF_ULP, atol=1e-3)
    finer = feature_cache_config(**{"classify.features.n_mels": 40})
    assert build_feature_cache(project, clips, finer, workers=0).built_groups == 9
    assert load_feature_splits(project, clips, finer)["test"].features.shape[1] == 40


def test_a_group_cut_short_or_a_cancelled_build_is_never_read(labelled):
    project, clips = labelled
    cfg = feature_cache_config()
    calls = []

    def cancel_after_six() -> bool:  # the start, then the largest group's five clips
        return len(calls) >= 6

    with pytest.raises(FeatureCacheCancelled):
        build_feature_cache(
            project,
            clips,
            cfg,
            workers=0,
            progress=lambda *a: calls.append(a),
            should_cancel=cancel_after_six,
        )
    root = project.cache_dir / "classify_features"
    assert not [p for p in root.rglob(".tmp-*")]  # nothing half written left behind
    with pytest.raises(FeatureCacheStale):
        load_feature_splits(project, clips, cfg)
    summary = build_feature_cache(project, clips, cfg, workers=0)
    assert 0 < summary.built_groups < 9  # what the cancelled build finished was kept
    group = next((root / "val").iterdir())
    data = group / FEATURES
    data.write_bytes(data.read_bytes()[:-100])  # as a crash of the disk or a copy would
    with pytest.raises(FeatureCacheStale, match=str(group)):
        load_feature_splits(project, clips, cfg)
    assert build_feature_cache(project, clips, cfg, workers=0).built_groups == 1
    assert load_feature_splits(project, clips, cfg)["val"].features.shape[0] == 9


def test_an_unreadable_clip_is_named_and_the_others_build(labelled):
    project, clips = labelled
    broken = project.clip(_first_train(clips).clip_id)
    Path(broken.path).write_bytes(b"RIFF\x00\x00\x00\x00not a wave file at all")
    cfg = feature_cache_config()
    summary = build_feature_cache(project, clips, cfg, workers=0)
    assert [p[0] for p in summary.problems] == [broken.path]
    train = load_feature_splits(project, clips, cfg)["train"]
    assert broken.id not in set(train.clip_ids.tolist())
    assert len(set(train.clip_ids.tolist())) == 14
    # A group with a failed clip is tried again (the file may have been restored).
    assert build_feature_cache(project, clips, cfg, workers=0).built_groups == 1


def test_memory_mapped_splits_read_as_the_ram_ones(labelled):
    project, clips = labelled
    cfg = feature_cache_config()
    build_feature_cache(project, clips, cfg, workers=0)
    disk = load_feature_splits(project, clips, cfg, where="disk")["train"]
    ram = load_feature_splits(project, clips, cfg, where="ram")["train"]
    assert isinstance(disk.features, FeatureRows) and isinstance(ram.features, np.ndarray)
    assert disk.features.shape == ram.features.shape and len(disk) == len(ram)
    pick = np.array([0, 44, 45, 134, 90, 3])  # across the three classes' files
    np.testing.assert_array_equal(disk.features[pick], ram.features[pick])
    np.testing.assert_array_equal(disk.features[100], ram.features[100])
    np.testing.assert_array_equal(disk.features[-2:], ram.features[-2:])
    blob = pickle.dumps(disk.features)
    assert len(blob) < 10_000  # file names, not the data
    np.testing.assert_array_equal(pickle.loads(blob)[pick], ram.features[pick])
    with pytest.raises(IndexError):
        disk.features[len(disk)]


def test_max_per_class_keeps_windows_of_every_source_and_their_variants_only(labelled):
    project, clips = labelled
    cfg = feature_cache_config(**{"classify.max_per_class": 6})
    summary = build_feature_cache(project, clips, cfg, workers=0)
    train = load_feature_splits(project, clips, cfg)["train"]
    for label_index in range(3):
        mine = train.labels == label_index
        assert (train.variants[mine] == 0).sum() == 6
        assert (train.variants[mine] > 0).sum() == 12
        assert len(set(train.clip_ids[mine & (train.variants == 0)].tolist())) == 5
    # The kept originals are the clips' own windows at the starts recorded for them.
    for cid in set(train.clip_ids.tolist()):
        rows = np.flatnonzero((train.clip_ids == cid) & (train.variants == 0))
        full = _expected(project.clip(int(cid)), cfg)
        at = np.rint(train.starts_s[rows] / 0.25).astype(int)
        np.testing.assert_allclose(train.features[rows], full[at], rtol=F16_HALF_ULP, atol=1e-5)
    assert summary.splits["val"].originals == 9  # val and test are never capped


def test_window_choice_is_deterministic_and_spread_across_sources():
    counts, sources = [40, 1, 1, 1], ["long", "a", "b", "c"]
    kept = select_windows(counts, sources, 8, seed=0, label="owl")
    assert [len(k) for k in kept[1:]] == [1, 1, 1] and len(kept[0]) == 5
    assert all(
        np.array_equal(x, y)
        for x, y in zip(kept, select_windows(counts, sources, 8, 0, "owl"), strict=True)
    )
    assert [len(k) for k in select_windows([3, 2], ["a", "b"], 10, 0, "x")] == [3, 2]


def test_noise_clips_rebuild_the_training_groups_only(labelled, tmp_path):
    project, clips = labelled
    cfg = feature_cache_config(**{"classify.augment.noise_prob": 1.0})
    build_feature_cache(project, clips, cfg, workers=0)
    before = load_feature_splits(project, clips, cfg, where="ram")["train"]
    from core.dataset.importer import import_paths

    write(tmp_path / "hiss.wav", noise(2.0, 16000, amp=0.3, seed=5), 16000)
    assert import_paths(project, [tmp_path / "hiss.wav"], role="noise").added
    summary = build_feature_cache(project, clips, cfg, workers=0)
    assert summary.built_groups == 3
    after = load_feature_splits(project, clips, cfg, where="ram")["train"]
    var = before.variants > 0
    assert not np.allclose(after.features[var], before.features[var])
    np.testing.assert_array_equal(after.features[~var], before.features[~var])
    metas = [json.loads(p.read_text()) for p in project.cache_dir.rglob(META)]
    assert {m["split"] for m in metas} == {"train", "val", "test"}
    bank = project.cache_dir / "classify_features" / "noise"
    first = sorted(p.name for p in bank.iterdir())
    assert len(first) == 2  # the bank and its offsets
    write(tmp_path / "hum.wav", noise(1.0, 16000, amp=0.2, seed=6), 16000)
    assert import_paths(project, [tmp_path / "hum.wav"], role="noise").added
    assert build_feature_cache(project, clips, cfg, workers=0).built_groups == 3
    second = sorted(p.name for p in bank.iterdir())
    assert len(second) == 2 and second != first  # the old bank is gone
