"""The Hardware tab's cache line for a classify project (#17): it sizes the log-mel feature
cache the project's settings make (mel bins, hop, window, variants, max_per_class), not the
denoiser's decoded audio; the estimate, read from the index, is the size the build writes."""

from __future__ import annotations

from pathlib import Path

from core.dataset.labels import labelled_clips, project_task
from core.hardware.advice_rules import advise_cache
from core.hardware.detect import DiskInfo, MemoryInfo
from core.hardware.estimates import dataset_size_for
from core.train.classify.feature_cache import plan
from core.train.classify.feature_cache_build import FEATURES
from core.units import GIB
from tests.support.training import build_classify_cache, make_classify_project, tiny_classify_config


def built_bytes(project, cfg) -> int:
    tasks = plan(project, labelled_clips(project), cfg)
    return sum((Path(t.folder) / FEATURES).stat().st_size for t in tasks)


def test_the_estimate_is_the_size_of_the_cache_the_build_writes(tmp_path):
    project = make_classify_project(tmp_path, classes=3)
    assert project_task(project) == "classify"
    cfg = tiny_classify_config(**{"classify.max_per_class": 5, "classify.variants": 1})
    size = dataset_size_for(project, cfg)
    build_classify_cache(project, cfg)
    assert size.feature_bytes == size.cache_bytes == built_bytes(project, cfg)
    row = cfg.classify.features.n_mels * cfg.classify.features.frames * 2  # float16
    assert size.feature_windows * row == size.feature_bytes
    # max_per_class counts: uncapped, the training windows (and their variants) grow.
    uncapped = dataset_size_for(project, tiny_classify_config(**{"classify.variants": 1}))
    assert uncapped.feature_windows > size.feature_windows
    # More variants, more mel bins: a bigger cache; a larger hop: a smaller one.
    more = tiny_classify_config(**{"classify.max_per_class": 5, "classify.variants": 3})
    assert dataset_size_for(project, more).feature_bytes > size.feature_bytes
    mels = tiny_classify_config(
        **{"classify.max_per_class": 5, "classify.variants": 1, "classify.features.n_mels": 64}
    )
    assert dataset_size_for(project, mels).feature_bytes == 2 * size.feature_bytes
    hop = tiny_classify_config(
        **{"classify.max_per_class": 5, "classify.variants": 1, "classify.features.hop_length": 320}
    )
    assert dataset_size_for(project, hop).feature_bytes < size.feature_bytes


def test_the_cache_line_names_the_feature_cache_and_where_it_is_read_from(tmp_path):
    project = make_classify_project(tmp_path, classes=2, recordings=3)
    size = dataset_size_for(project, tiny_classify_config())
    assert 0 < size.feature_bytes < 100 * 1024**2
    cache, lines = advise_cache(size, MemoryInfo(32 * GIB, 28 * GIB), DiskInfo("/p", GIB, GIB))
    assert cache == "ram"
    (line,) = lines
    assert "log-mel feature cache" in line.text and f"{size.feature_windows} windows" in line.text
    assert "decoded" not in line.text  # not the denoiser's wording
    # A cache above a quarter of the available RAM (what its "auto" reads by) stays on disk,
    # and a disk without room for it warns.
    cache, lines = advise_cache(
        size, MemoryInfo(GIB, size.feature_bytes * 3), DiskInfo("/p", GIB, size.feature_bytes)
    )
    assert cache == "disk"
    assert "on disk" in lines[0].text and "max_per_class" in lines[0].text
    assert lines[1].level == "warning" and "/p" in lines[1].text
