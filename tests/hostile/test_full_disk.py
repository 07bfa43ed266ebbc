"""A genuinely full disk (a small tmpfs filled up mid-run), not a monkeypatched OSError.

Issue #16 items 1 and 2: torch's writer turns ENOSPC into `RuntimeError: unexpected pos`,
and a memory-mapped cache dies of SIGBUS; both must end in a sentence saying how much
space is needed, with nothing partial left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.train import events as ev
from core.train.checkpoint import load_checkpoint
from core.train.recovery import MAX_FAILED_WRITES
from core.train.trainer import Trainer
from tests.hostile.conftest import fill
from tests.support.training import make_project, tiny_config

MB = 1 << 20
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("full_disk"))


def test_a_real_full_disk_keeps_the_last_checkpoint_and_stops_saying_what_is_needed(
    project, small_disk, tmp_path, caplog
):
    disk = small_disk(16 * MB)
    run_dir = disk / "run"
    seen: list[ev.Event] = []

    def listener(event: ev.Event) -> None:
        seen.append(event)
        if isinstance(event, ev.CheckpointSaved) and len(seen_saved(seen)) == 1:
            fill(disk, leave=48 * 1024)  # room for the logs, not for a checkpoint

    config = tiny_config(**{"run.checkpoint_steps": 2, "run.keep_last": 2, "run.epochs": 2})
    finished = Trainer(project, config, run_dir, listener).run()

    assert finished.status == "failed"
    assert "the disk is full" in finished.message and "needs about" in finished.message
    assert "Free space" in finished.message and str(run_dir / "checkpoints") in finished.message
    assert "RuntimeError" not in finished.message and "unexpected pos" not in finished.message
    assert not [r for r in caplog.records if r.exc_info], "a traceback in the log"
    warnings = [e for e in seen if isinstance(e, ev.Warning) and e.kind == "checkpoint"]
    assert len(warnings) == MAX_FAILED_WRITES - 1
    assert all("previous checkpoint is kept" in w.message for w in warnings)
    # The first checkpoint is whole, and no half-written temporary file is left on the disk.
    kept = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert kept["step"] == 2
    assert not [p for p in (run_dir / "checkpoints").iterdir() if p.name.startswith(".")]
    # Space found elsewhere: the same run resumes from that checkpoint and finishes.
    moved = shutil.copytree(run_dir, project.runs_dir / "moved")
    resumed = Trainer.resume(project, moved)
    assert resumed.state.step == 0 and resumed.resumed_from.endswith("latest.pt")
    assert resumed.run().status == "completed"


def seen_saved(events: list[ev.Event]) -> list[ev.CheckpointSaved]:
    return [e for e in events if isinstance(e, ev.CheckpointSaved)]


@pytest.mark.parametrize("workers", [0, 2])
def test_cache_on_a_full_disk_says_what_it_needs_and_leaves_nothing(small_disk, workers):
    disk = small_disk(6 * MB)
    make_project(disk)  # audio and index on the small disk: 8 clips of 2 s at 8 kHz
    free_before = shutil.disk_usage(disk).free
    # 20 segments x 16 variants x 4000 samples x 4 bytes x 2 files = 10 MB: it cannot fit.
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "cache", str(disk / "project")]
        + ["--workers", str(workers), "--set", "data.cache_variants=16"]
        + ["--set", "data.segment_samples=4000", "--set", "data.sample_rate=8000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "the disk is full: the training cache needs about" in done.stderr
    assert "free" in done.stderr and "Traceback" not in done.stderr
    assert not list(disk.rglob("*.building")) and not list(disk.rglob("inputs.npy"))
    # Only the prepared sources stay (8 x 64 KB at most), not a partial cache.
    assert shutil.disk_usage(disk).free >= free_before - 8 * 65 * 1024


def test_cache_stops_cleanly_when_the_disk_fills_after_the_check(small_disk, monkeypatch):
    """The space was there at the check but is gone when the files are reserved (another
    program wrote in between): the reservation fails, not a worker on a page it cannot map."""
    import core.train.cache as cache_mod
    from core.disk import DiskFullError

    disk = small_disk(6 * MB)
    project = make_project(disk)
    monkeypatch.setattr(cache_mod, "require_free", lambda *a: fill(disk, leave=256 * 1024))
    config = tiny_config(**{"data.cache_variants": 16})
    with pytest.raises(DiskFullError, match="the training cache needs about"):
        cache_mod.build_cache(project, config, workers=0)
    fill(disk, leave=0).unlink()
    assert not list((project.cache_dir / "train_segments").glob("*.building"))
