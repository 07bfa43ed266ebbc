"""The dataset size the advice counts steps with: segments per clip, as the trainer counts."""

from __future__ import annotations

import numpy as np

from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.hardware.estimates import dataset_size_for
from core.train.config import TrainConfig
from core.train.data import SegmentDataset, load_sources
from tests.support.audiogen import sine, write


def test_train_segments_match_the_trainers_dataset(tmp_path):
    # Short clips at 16 kHz trained at 8 kHz in 1 s segments with a half-segment hop:
    # per-clip rounding and the padded segment of a clip shorter than one count, which
    # total seconds / stride gets wrong.
    src = tmp_path / "clean"
    lengths = (0.5, 1.3, 3.1, 0.7, 2.2, 1.9, 0.4, 2.6, 1.1, 3.3)
    for i, seconds in enumerate(lengths):
        write(src / f"take{i}.wav", sine(200 + 50 * i, seconds, sr=16000), 16000)
    project = Project.create(tmp_path / "proj")
    import_paths(project, [src], role="clean")
    cfg = TrainConfig.preset("speech", "denoise")
    cfg.data.sample_rate, cfg.data.segment_samples, cfg.data.hop_fraction = 8000, 8000, 0.5

    size = dataset_size_for(project, cfg)
    sources = load_sources(project, cfg.data, "train", use_cache=False)
    trained = len(SegmentDataset(sources, cfg.data, seed=0, train=True))
    project.close()
    stride = cfg.data.hop_samples / cfg.data.sample_rate
    assert trained > 0
    assert size.train_segments == trained
    assert np.ceil(size.train_seconds / stride) != trained  # the old estimate
