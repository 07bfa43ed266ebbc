"""Issue #16 item 3: `resume A --checkpoint B/...` must not turn run A into run B.

Before, A silently took B's config and its config.json, best.pt and numbered checkpoints
were overwritten. Now the checkpoint is refused with the way out, and `--branch` starts a
third run from it, leaving A and B byte for byte as they were.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from core.train.checkpoint import load_checkpoint
from core.train.trainer import Trainer
from tests.support.training import make_project, tiny_config


def wavesmith(capsys, *args) -> tuple[int, str, str]:
    import main

    capsys.readouterr()
    code = main.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def fingerprint(run: Path) -> dict[str, str]:
    return {
        str(p.relative_to(run)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(run.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("foreign"))
    a, b = project.runs_dir / "A", project.runs_dir / "B"
    assert Trainer(project, tiny_config(**{"run.epochs": 1}), a).run().status == "completed"
    config_b = tiny_config(**{"run.epochs": 2, "optim.lr": 1e-3, "run.seed": 7})
    assert Trainer(project, config_b, b).run().status == "completed"
    return project, a, b


def test_resuming_a_run_from_another_runs_checkpoint_is_refused_and_changes_nothing(
    two_runs, capsys
):
    project, a, b = two_runs
    before_a, before_b = fingerprint(a), fingerprint(b)
    code, out, err = wavesmith(
        capsys, "resume", a, "--checkpoint", b / "checkpoints" / "latest.pt", "--epochs", 3
    )
    assert code == 2, err
    assert "belongs to the run" in err and str(b) in err and "--branch" in err
    assert "Traceback" not in err
    assert fingerprint(a) == before_a and fingerprint(b) == before_b


def test_branching_from_another_runs_checkpoint_writes_a_new_run(two_runs, capsys):
    project, a, b = two_runs
    before_a, before_b = fingerprint(a), fingerprint(b)
    code, out, err = wavesmith(
        capsys, "resume", a, "--checkpoint", b / "checkpoints" / "latest.pt", "--branch",
        "--name", "C", "--epochs", 3, "--no-progress",
    )  # fmt: skip
    assert code == 0, err
    c = project.runs_dir / "C"
    latest = load_checkpoint(c / "checkpoints" / "latest.pt")
    assert len(latest["history"]) == 3  # B's two epochs, then one more
    assert (
        latest["config"]["optim"]["lr"] == pytest.approx(1e-3)
        and latest["config"]["run"]["seed"] == 7
    )
    assert fingerprint(a) == before_a and fingerprint(b) == before_b


def test_a_runs_own_numbered_checkpoint_still_resumes(two_runs, capsys):
    project, a, b = two_runs
    numbered = sorted((b / "checkpoints").glob("ckpt_*.pt"))[0]
    resumed = Trainer.resume(project, b, numbered)
    assert resumed.resumed_from == str(numbered)
