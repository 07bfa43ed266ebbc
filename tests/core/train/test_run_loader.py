"""The run's loader: spawned workers started once serve every epoch, with the batches an
in-process loader gives; what crosses to them is a memory map, never a copy of the audio."""

from __future__ import annotations

import pickle
import time
from multiprocessing.reduction import ForkingPickler

import numpy as np
import psutil
import pytest
import torch

from core.processes import in_ram, spawn_pool
from core.train.data import SegmentDataset, load_sources
from core.train.ddp import DistContext
from core.train.run_loader import RunLoader
from core.train.state import TrainState
from core.train.trainer import Trainer
from tests.support.training import assert_same_weights, make_project, tiny_config, weights


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("loader"), clips=6)


def _batches(loader: RunLoader, ds, state: TrainState) -> list[torch.Tensor]:
    return [torch.cat([inp, tgt], dim=1) for inp, tgt in loader.epoch(ds, state)]


def _children() -> set[int]:
    """Spawned workers of this process (not multiprocessing's resource tracker)."""
    out = set()
    for p in psutil.Process().children():
        try:
            if p.status() != psutil.STATUS_ZOMBIE and "spawn_main" in " ".join(p.cmdline()):
                out.add(p.pid)
        except psutil.NoSuchProcess:
            pass
    return out


def test_workers_start_once_serve_every_epoch_and_give_the_in_process_batches(project):
    cfg = tiny_config(**{"run.workers": 2, "run.batch_size": 3})
    ds = SegmentDataset(load_sources(project, cfg.data, "train"), cfg.data, 0, train=True)
    here = RunLoader(cfg.with_overrides({"run.workers": 0}), DistContext(), torch.device("cpu"))
    before = _children()
    spawned = RunLoader(cfg, DistContext(), torch.device("cpu"))
    seen_workers = []
    try:
        for epoch, position, batch in ((0, 0, 3), (1, 4, 3), (2, 2, 2)):  # a resume, an OOM halving
            state = TrainState(batch_size=batch, epoch=epoch, position=position)
            got = _batches(spawned, ds, state)
            want = _batches(here, ds, state)
            assert len(got) == len(want) > 0
            assert all(torch.equal(a, b) for a, b in zip(got, want, strict=True))
            seen_workers.append(_children() - before)
        assert len(seen_workers[0]) == 2 and seen_workers[0] == seen_workers[1] == seen_workers[2]
    finally:
        spawned.close()
    deadline = time.monotonic() + 10
    while seen_workers[0] & _children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not seen_workers[0] & _children()  # close() ended them, not the garbage collector


def test_a_run_with_loader_workers_trains_as_one_without(project, tmp_path):
    cfg = tiny_config(epochs=2)
    without = Trainer(project, cfg, tmp_path / "w0")
    assert without.run().status == "completed"
    with_workers = Trainer(project, cfg.with_overrides({"run.workers": 2}), tmp_path / "w2")
    assert with_workers.run().status == "completed"
    assert_same_weights(weights(with_workers.model), weights(without.model))


def _describe(x) -> tuple[str, str | None, float]:
    return type(x).__name__, str(getattr(x, "filename", None)), float(np.asarray(x).sum())


def test_a_memory_map_crosses_to_a_spawned_worker_as_its_file(tmp_path):
    np.save(tmp_path / "a.npy", np.arange(50_000, dtype=np.float32))
    mapped = np.load(tmp_path / "a.npy", mmap_mode="r")
    ram = in_ram(np.ascontiguousarray(mapped), mapped)
    cases = {"map": mapped, "slice": mapped[1000:3000], "ram": ram, "strided": mapped[::7]}
    sizes = {k: len(ForkingPickler.dumps(v)) for k, v in cases.items()}
    assert sizes["map"] < 500 and sizes["slice"] < 500 and sizes["ram"] < 500
    assert sizes["strided"] > 4 * len(cases["strided"])  # a view that is not contiguous: its data
    assert len(pickle.dumps(ram)) > 200_000  # plain pickling (a file, a copy) keeps the data
    with spawn_pool(1, uses_torch=False) as pool:
        got = {k: pool.submit(_describe, v).result() for k, v in cases.items()}
    for k, v in cases.items():
        kind, filename, total = got[k]
        assert total == pytest.approx(float(np.asarray(v).sum()))
        if k != "strided":
            assert kind == "memmap" and filename == str(tmp_path / "a.npy"), (k, got[k])
