"""Scaling out: the pre-generated cache (worker processes, memory-mapped) and DDP on CPU."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import numpy as np
import pytest

from core.train import events as ev
from core.train.cache import CacheCancelled, build_cache, cache_path, open_cache
from core.train.checkpoint import load_checkpoint
from core.train.data import CachedDataset, SegmentDataset, load_sources
from core.train.run_folder import read_events
from core.train.trainer import Trainer
from tests.support.training import make_project, tiny_config

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("scale"), clips=6)


def test_cache_built_by_workers_equals_on_the_fly_examples(project):
    cfg = tiny_config(**{"data.cache_variants": 2, "data.cache": "disk"})
    seen = []
    info = build_cache(project, cfg, workers=2, progress=lambda d, t: seen.append((d, t)))
    ds = SegmentDataset(
        load_sources(project, cfg.data, "train"), cfg.data, cfg.run.seed, train=True
    )
    assert info.segments == len(ds) and info.variants == 2
    assert info.bytes >= 2 * len(ds) * 2 * cfg.data.segment_samples * 4
    assert seen[0] == (0, len(ds)) and seen[-1] == (len(ds), len(ds))
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
    assert isinstance(trainer.data.train_ds, CachedDataset)


def test_a_cache_worker_that_sees_other_clips_than_the_build_fails_naming_the_project(
    project, monkeypatch
):
    """Spawned workers rebuild the dataset from the project: if what they find is not what
    the build planned (clips added meanwhile), the build stops with why, not garbage rows."""
    from core.train import cache

    cfg = tiny_config()
    n = len(SegmentDataset(load_sources(project, cfg.data, "train"), cfg.data, 0, train=True))
    monkeypatch.setattr(cache, "_WORKER_DS", None)
    monkeypatch.setattr(cache, "_WORKER_ERROR", None)
    cache._init_worker(str(project.root), cfg.to_dict(), n)
    assert cache._WORKER_ERROR is None and len(cache._WORKER_DS) == n
    cache._init_worker(str(project.root), cfg.to_dict(), n + 1)
    with pytest.raises(RuntimeError, match="changed while the cache was being built") as err:
        cache._fill("unused", 0, 1, 1)
    assert str(project.root) in str(err.value)


def test_building_the_cache_can_be_cancelled_and_leaves_nothing_behind(project):
    cfg = tiny_config(**{"data.cache": "disk", "data.noise.snr_db": (2, 7)})
    calls = []
    with pytest.raises(CacheCancelled):
        build_cache(
            project,
            cfg,
            workers=1,
            progress=lambda d, t: calls.append((d, t)),
            should_cancel=lambda: len(calls) >= 2,
        )
    done, total = calls[-1]
    assert 0 < done < total  # stopped part-way
    folder = cache_path(project, cfg)
    assert not folder.exists() and not list(folder.parent.glob(folder.name + "*"))


def test_a_run_reports_building_its_cache_and_stop_ends_it_cleanly(project, tmp_path, caplog):
    import logging

    caplog.set_level(logging.INFO)
    cfg = tiny_config(**{"data.cache": "disk", "data.noise.snr_db": (3, 8), "run.epochs": 1})
    events: list = []

    def stop_at_first_progress(event) -> None:
        events.append(event)
        if isinstance(event, ev.CacheProgress) and event.done > 0:
            trainer.control.request_stop()

    trainer = Trainer(project, cfg, tmp_path / "stopped", listener=stop_at_first_progress)
    finished = trainer.run()
    assert finished.status == "stopped" and "cache" in finished.message
    assert not any(isinstance(e, ev.StepDone) for e in events)
    assert not cache_path(project, cfg).exists()
    # A cancel is the user's wish, not a failure: nothing above INFO, no traceback (#15, 10).
    loud = [r for r in caplog.records if r.levelno > logging.INFO or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]

    events.clear()
    trainer = Trainer(project, cfg, tmp_path / "completed", listener=events.append)
    assert trainer.run().status == "completed"
    progress = [e for e in events if isinstance(e, ev.CacheProgress)]
    assert progress[0].done == 0 and progress[-1].done == progress[-1].total > 0
    assert all(a.done <= b.done for a, b in zip(progress, progress[1:], strict=False))
    first_step = next(i for i, e in enumerate(events) if isinstance(e, ev.StepDone))
    assert events.index(progress[-1]) < first_step  # built before training starts
    assert (cache_path(project, cfg) / "meta.json").is_file()


def test_ddp_two_cpu_processes_with_gloo(project, tmp_path):
    # With a disk cache to build: the main process builds it while the other waits
    # (ddp.main_first); both building the same folder at once collided.
    cfg = tiny_config(**{"run.epochs": 2, "run.batch_size": 2, "data.cache": "disk"})
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
    assert (cache_path(project, cfg) / "meta.json").exists()
