"""The feature cache built by worker processes (spawn): one worker and two give the same
arrays as the build in this process, and a cancelled pool keeps only finished groups."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from core.dataset.labels import labelled_clips
from core.train.classify.feature_cache import build_feature_cache
from core.train.classify.feature_cache_build import FeatureCacheCancelled
from core.train.classify.feature_cache_plan import cache_root
from core.train.classify.feature_cache_read import load_feature_splits
from tests.support.training import feature_cache_config, make_classify_project


def _arrays(project, clips, cfg) -> dict[str, np.ndarray]:
    splits = load_feature_splits(project, clips, cfg, where="ram")
    out = {}
    for name, split in splits.items():
        for field in ("features", "labels", "clip_ids", "starts_s", "variants"):
            out[f"{name}.{field}"] = np.asarray(getattr(split, field))
    return out


def test_one_and_two_workers_build_identical_arrays_and_cancel_keeps_finished_groups(tmp_path):
    project = make_classify_project(tmp_path, 3, recordings=7, files_per_recording=1, seconds=1.0)
    clips, cfg = labelled_clips(project), feature_cache_config()
    seen = []
    with pytest.raises(FeatureCacheCancelled):
        build_feature_cache(
            project,
            clips,
            cfg,
            workers=2,
            progress=lambda *a: seen.append(a),
            # 10 clips reported: two workers on groups of 5 (train) or 1 have finished one
            should_cancel=lambda: len(seen) > 10,
        )
    assert not list(cache_root(project).rglob(".tmp-*"))
    resumed = build_feature_cache(project, clips, cfg, workers=2)
    assert resumed.built_groups + resumed.kept_groups == 9 and resumed.built_groups < 9
    two = _arrays(project, clips, cfg)
    shutil.rmtree(cache_root(project))
    assert build_feature_cache(project, clips, cfg, workers=1).built_groups == 9
    one = _arrays(project, clips, cfg)
    shutil.rmtree(cache_root(project))
    build_feature_cache(project, clips, cfg, workers=0)
    here = _arrays(project, clips, cfg)
    assert one.keys() == two.keys() == here.keys()
    for name in one:
        np.testing.assert_array_equal(one[name], two[name], err_msg=name)
        np.testing.assert_array_equal(one[name], here[name], err_msg=name)
