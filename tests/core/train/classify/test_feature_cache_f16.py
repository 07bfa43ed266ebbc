"""The feature cache stores float16 (#17: 157 GiB of float32 extrapolated for 1,500 classes
x 500 files): a cache written by the float32 format is rebuilt, not misread, and the rebuilt
one is half its size holding the same windows; training reads float32 batches from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.dataset.labels import labelled_clips
from core.train.classify import (
    feature_cache,
    feature_cache_build,
    feature_cache_plan,
    feature_cache_read,
)
from core.train.classify.data import ClassifyDataset
from core.train.classify.feature_cache import build_feature_cache, plan
from core.train.classify.feature_cache_read import load_feature_splits
from tests.support.training import feature_cache_config, make_classify_project


def _bytes(project, clips, cfg) -> int:
    tasks = plan(project, clips, cfg)
    return sum((Path(t.folder) / feature_cache_build.FEATURES).stat().st_size for t in tasks)


def test_a_float32_cache_is_rebuilt_at_half_the_size(tmp_path, monkeypatch):
    project = make_classify_project(tmp_path, 3, recordings=7, files_per_recording=1, seconds=1.0)
    clips = labelled_clips(project)
    cfg = feature_cache_config()
    with monkeypatch.context() as old:  # the format before float16, as an older build wrote it
        old.setattr(feature_cache_plan, "FORMAT", 1)
        for module in (feature_cache_plan, feature_cache_build, feature_cache_read):
            old.setattr(module, "FEATURE_DTYPE", np.dtype("<f4"))
        for module in (feature_cache, feature_cache_build, feature_cache_read):
            old.setattr(module, "FEATURES", "features.f32")
        first = build_feature_cache(project, clips, cfg, workers=0)
        before = load_feature_splits(project, clips, cfg, where="ram")
        old_bytes = sum(
            (Path(t.folder) / "features.f32").stat().st_size for t in plan(project, clips, cfg)
        )
    assert before["train"].features.dtype == np.float32
    again = build_feature_cache(project, clips, cfg, workers=0)
    assert again.built_groups == first.built_groups == 9  # every group: the key changed
    assert not list(Path(project.cache_dir).rglob("features.f32"))  # replaced, not kept beside
    after = load_feature_splits(project, clips, cfg, where="disk")
    assert _bytes(project, clips, cfg) * 2 == old_bytes
    for split in ("train", "val", "test"):
        a, b = after[split], before[split]
        assert a.features.dtype == np.float16 and len(a) == len(b)
        np.testing.assert_array_equal(a.clip_ids, b.clip_ids)
        np.testing.assert_array_equal(a.variants, b.variants)
        originals = np.flatnonzero(a.variants == 0)
        np.testing.assert_array_equal(
            a.features[originals], b.features[originals].astype(np.float16)
        )
    feats, _label, _key = ClassifyDataset(after["train"], seed=0)[(0, 0)]
    assert str(feats.dtype) == "torch.float32"  # each batch converted as it is read
