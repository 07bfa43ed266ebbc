"""A step the main DDP process does while the others wait (building a cache) ends every
process the way it ended on the main one: two real gloo processes, never a hang."""

from __future__ import annotations

import multiprocessing
import queue

import torch.distributed as dist

from core.train import ddp


class Stopped(Exception):
    pass


def _rank(rank: int, store: str, results) -> None:
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
    ctx = ddp.DistContext(rank, 2, rank)

    def fails():
        raise ValueError("disk on fire")

    def stops():
        raise Stopped("user pressed Stop")

    outcomes = [repr(ddp.main_first(ctx, lambda: 42, "working"))]
    for work in (fails, stops):
        try:
            ddp.main_first(ctx, work, "building the cache", Stopped)
            outcomes.append("returned")
        except Exception as exc:  # noqa: BLE001 - what each process raised is the point
            outcomes.append(f"{type(exc).__name__}: {exc}")
    dist.destroy_process_group()
    results.put((rank, outcomes))


def test_every_process_ends_as_the_main_one_did(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_rank, args=(r, str(tmp_path / "store"), results)) for r in (0, 1)]
    for p in procs:
        p.start()
    got = {}
    try:
        for _ in procs:
            rank, outcomes = results.get(timeout=120)
            got[rank] = outcomes
    except queue.Empty:
        raise AssertionError(f"a process hung; answers so far: {got}") from None
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    assert got[0] == ["42", "ValueError: disk on fire", "Stopped: user pressed Stop"]
    assert got[1][0] == "None"
    assert got[1][1].startswith("MainProcessFailed: the main process failed while building")
    assert got[1][2] == "Stopped: the main process was stopped while building the cache"
