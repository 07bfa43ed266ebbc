"""A genuinely full disk (a small tmpfs filled up mid-run), not a monkeypatched OSError.

Issue #16 items 1 and 2: torch's writer turns ENOSPC into `RuntimeError: unexpected pos`,
and a memory-mapped cache dies of SIGBUS; both must end in a sentence saying how much
space is needed, with nothing partial left behind.
"""

from __future__ import annotations

import shutil

import pytest

from core.train import events as ev
from core.train.checkpoint import load_checkpoint
from core.train.trainer import Trainer
from tests.hostile.conftest import fill
from tests.support.training import make_clean_project, tiny_config

MB = 1 << 20


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_clean_project(tmp_path_factory.mktemp("full_disk"))


def test_a_real_full_disk_keeps_the_last_checkpoint_and_stops_saying_what_is_needed(
    project, small_disk, tmp_path
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
    warnings = [e for e in seen if isinstance(e, ev.Warning) and e.kind == "checkpoint"]
    assert len(warnings) == Trainer.MAX_FAILED_WRITES - 1
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
