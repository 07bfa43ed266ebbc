"""Scaling out: the pre-generated cache (worker processes, memory-mapped) and DDP on CPU."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import numpy as np
import pytest

from core.train.cache import build_cache, cache_path, open_cache
from core.train.checkpoint import load_checkpoint
from core.train.data import CachedDataset, SegmentDataset, load_sources
from core.train.run_folder import read_events
from core.train.trainer import Trainer
from tests.test_train_support import make_clean_project, tiny_config

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_clean_project(tmp_path_factory.mktemp("scale"), n=6)


def test_cache_built_by_workers_equals_on_the_fly_examples(project):
    cfg = tiny_config(**{"data.cache_variants": 2, "data.cache": "disk"})
    seen = []
    info = build_cache(project, cfg, workers=2, progress=lambda d, t: seen.append((d, t)))
    ds = SegmentDataset(
        load_sources(project, cfg.data, "train"), cfg.data, cfg.run.seed, train=True
    )
    assert info.segments == len(ds) and info.variants == 2
    assert info.bytes >= 2 * len(ds) * 2 * cfg.data.segment_samples * 4
    assert seen[-1] == (len(ds), len(ds))
    inputs, targets = open_cache(project, cfg)
    assert isinstance(inputs, np.memmap)  # disk: memory-mapped, not loaded
    for i in (0, len(ds) - 1):
        for v in (0, 1):
            inp, tgt = ds.example(v, i)
            assert np.array_equal(inputs[i, v], inp) and np.array_equal(targets[i, v], tgt)
    ram_inputs, _ = open_cache(project, cfg.with_overrides({"data.cache": "ram"}))
    assert not isinstance(ram_inputs, np.memmap) and np.array_equal(ram_inputs, inputs)
    # A second build reuses it; a config change points elsewhere.
    assert build_cache(project, cfg, workers=2).seconds == 0.0
    assert cache_path(project, cfg.with_overrides({"data.noise.snr_db": (5, 6)})) != info.path

    trainer = Trainer(
        project,
        cfg.with_overrides({"data.cache": "auto", "run.epochs": 2}),
        project.runs_dir / "cached",
    )
    assert trainer.run().status == "completed"
    assert isinstance(trainer.train_ds, CachedDataset)


def test_ddp_two_cpu_processes_with_gloo(project, tmp_path):
    cfg = tiny_config(**{"run.epochs": 2, "run.batch_size": 2})
    cfg_path = cfg.save(tmp_path / "tiny.json")
    cmd = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        "--nproc_per_node",
        "2",
        "main.py",
        "train",
        str(project.root),
        "--config",
        str(cfg_path),
        "--name",
        "ddp",
        "--no-progress",
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    run_dir = project.runs_dir / "ddp"
    events, _ = read_events(run_dir)
    started = [e for e in events if e.name == "train_started"]
    assert len(started) == 1  # only rank 0 writes
    n_train = len(SegmentDataset(load_sources(project, cfg.data, "train"), cfg.data, 0, train=True))
    # each rank takes half of the epoch
    assert started[0].steps_per_epoch == int(np.ceil(np.ceil(n_train / 2) / 2))
    ckpt = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert ckpt["world_size"] == 2 and len(ckpt["history"]) == 2
    assert [e.name for e in events][-1] == "finished"
