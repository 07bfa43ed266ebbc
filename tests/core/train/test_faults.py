"""Training under faults: SIGKILL at random moments, a full disk during a checkpoint, a
source file deleted or changed under a run, a corrupted checkpoint, a crafted pickle.

Everything runs the tiny CPU config of tests/test_train_support (8 kHz, 0.5 s segments, a
model of a few thousand parameters), so one epoch is a second or so.
"""

from __future__ import annotations

import errno
import io
import multiprocessing
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from core.train import checkpoint as ckpt_mod
from core.train import events as ev
from core.train.cache import build_cache
from core.train.checkpoint import CheckpointError, list_checkpoints, load_checkpoint
from core.train.data import CachedDataset, SegmentDataset
from core.train.export import load_model
from core.train.recovery import MAX_FAILED_WRITES
from core.train.run_folder import read_events
from core.train.trainer import Trainer
from tests.support.audiogen import write
from tests.support.training import (
    SR,
    assert_same_weights,
    make_project,
    synthetic_voice,
    tiny_config,
    weights,
)

ROOT = Path(__file__).resolve().parents[3]
OVERRIDES = {"run.checkpoint_steps": 2, "run.keep_last": 4, "run.epochs": 2}


def wavesmith(capsys, *args) -> tuple[int, str, str]:
    """`main.py ARGS` run in this process (the SIGKILL test runs it in another): exit code,
    stdout, stderr. In-process saves torch's import per call on the loaded CI box."""
    import main

    capsys.readouterr()
    code = main.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


class Recorder(list):
    def __call__(self, event) -> None:
        self.append(event)

    def warnings(self, kind: str | None = None) -> list[str]:
        return [e.message for e in self if isinstance(e, ev.Warning) and kind in (None, e.kind)]


# -- 1. SIGKILL at random moments --------------------------------------------------------------
def _main(argv: list[str]) -> None:
    """`python main.py ARGV` in a process forked from a server that has torch imported:
    the same code path as the command line, without paying torch's import (15 s on the
    loaded CI box) for every kill."""
    import main

    sys.exit(main.main(argv))


def _main_killed_in_checkpoint_write(argv: list[str]) -> None:
    """`_main`, SIGKILLed half-way through writing its first checkpoint (no cleanup runs)."""
    from core.train import checkpoint

    real_save = checkpoint.torch.save

    def save_half_then_die(obj, fh, *args, **kwargs):
        buf = io.BytesIO()
        real_save(obj, buf, *args, **kwargs)
        fh.write(buf.getvalue()[: len(buf.getvalue()) // 2])
        fh.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    checkpoint.torch.save = save_half_then_die
    _main(argv)


def _headless(ctx, *args, target=_main):
    proc = ctx.Process(target=target, args=([str(a) for a in args],))
    proc.start()
    return proc


def _kill_when(proc, run_dir: Path, offset: int, step: int, delay: float) -> int | None:
    """SIGKILL `proc` `delay` seconds after it reports step `step` (a moment drawn at random,
    so it may land inside a checkpoint write). Returns the new events offset, or None if
    the process ended first."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        events, offset = read_events(run_dir, offset)
        if any(isinstance(e, ev.StepDone) and e.step >= step for e in events):
            time.sleep(delay)  # the random moment itself, not a synchronisation
            os.kill(proc.pid, signal.SIGKILL)
            proc.join(30)
            return offset
        if not proc.is_alive():
            return None
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("training never reached the kill step")


def test_sigkill_at_random_moments_always_resumes_and_loses_nothing(project, reference, tmp_path):
    config = tiny_config(**OVERRIDES).save(tmp_path / "config.json")
    run_dir = project.runs_dir / "killed"
    total_steps = reference.state.step
    rng = random.Random(20261121)
    # Kills leave a few steps to go, so no process can finish in the delay before its kill.
    kill_steps = sorted(rng.sample(range(1, total_steps - 3), 3))
    kill_delays = [rng.uniform(0.0, 0.02) for _ in kill_steps]

    ctx = multiprocessing.get_context("forkserver")
    # torch._dynamo too: the optimiser imports it lazily, and without cached bytecode
    # (PYTHONDONTWRITEBYTECODE) that import alone costs ~15 s per process here.
    ctx.set_forkserver_preload(["torch", "torch._dynamo", "main", "cli.main", "core.train.trainer"])
    saved: list[dict] = []  # what latest.pt held right after each kill
    offset = 0
    commands = [
        ["train", project.root, "--config", config, "--name", "killed", "--no-progress"],
        ["resume", run_dir, "--no-progress"],
        ["resume", run_dir, "--no-progress"],
    ]
    for command, step, delay in zip(commands, kill_steps, kill_delays, strict=True):
        proc = _headless(ctx, *command)
        new_offset = _kill_when(proc, run_dir, offset, step, delay)
        assert new_offset is not None, f"the run ended (exit {proc.exitcode}) before the kill"
        assert proc.exitcode == -signal.SIGKILL
        offset = new_offset
        latest = run_dir / "checkpoints" / "latest.pt"
        if latest.exists():  # a kill before the first checkpoint leaves none
            ckpt = load_checkpoint(latest)  # never half a file, whatever the moment
            assert not saved or ckpt["step"] >= saved[-1]["step"]  # never goes back
            saved.append({"step": ckpt["step"], "history": ckpt["history"]})

    # and one kill that certainly lands inside a checkpoint write
    proc = _headless(
        ctx, "resume", run_dir, "--no-progress", target=_main_killed_in_checkpoint_write
    )
    proc.join(180)
    assert proc.exitcode == -signal.SIGKILL
    assert list((run_dir / "checkpoints").glob(".latest.pt.*.tmp")), "died before the write"
    assert load_checkpoint(run_dir / "checkpoints" / "latest.pt")["step"] == saved[-1]["step"]

    done = _headless(ctx, "resume", run_dir, "--no-progress")
    done.join(180)
    assert done.exitcode == 0
    assert not list((run_dir / "checkpoints").glob(".*.tmp")), "the half-written file stays"
    assert saved, "no kill landed after a checkpoint; draw other moments"

    final = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert final["step"] == total_steps
    # nothing from before a checkpoint was lost: every saved history is a prefix of the end
    for s in saved:
        assert final["history"][: len(s["history"])] == s["history"]
    # and the exact resume holds across all the kills: same weights and history as the
    # uninterrupted run
    assert final["history"] == reference.state.history
    assert_same_weights(final["model"], weights(reference.model))
    rows = (run_dir / "metrics.csv").read_text().strip().splitlines()
    assert len(rows) == 1 + len(reference.state.history)


def test_killed_before_the_first_checkpoint_resumes_from_the_start(project, tmp_path):
    # A run folder as a kill before step 2 leaves it: config.json, no checkpoints.
    run_dir = project.runs_dir / "no_checkpoint"
    run_dir.mkdir()
    tiny_config(**{**OVERRIDES, "run.epochs": 1}).save(run_dir / "config.json")
    rec = Recorder()
    trainer = Trainer.resume(project, run_dir, listener=rec)
    assert trainer.run().status == "completed"
    assert any("starting it again from the beginning" in m for m in rec.warnings("resume"))


# -- 2. disk full during a checkpoint ----------------------------------------------------------
def _failing_save(fail_calls: set[int]):
    """torch.save that writes half the file and then raises ENOSPC on the given calls."""
    real_save = torch.save
    calls = {"n": 0}

    def save(obj, fh, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] not in fail_calls:
            return real_save(obj, fh, *args, **kwargs)
        buf = io.BytesIO()
        real_save(obj, buf, *args, **kwargs)
        fh.write(buf.getvalue()[: len(buf.getvalue()) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    return save


def test_disk_full_once_warns_and_the_run_goes_on(project, monkeypatch):
    monkeypatch.setattr(ckpt_mod.torch, "save", _failing_save({2}))
    rec = Recorder()
    run_dir = project.runs_dir / "disk_full_once"
    finished = Trainer(project, tiny_config(**OVERRIDES), run_dir, rec).run()
    assert finished.status == "completed", finished.message
    (warning,) = rec.warnings("checkpoint")
    assert "the disk is full" in warning and str(run_dir / "checkpoints") in warning
    assert "previous checkpoint is kept" in warning
    assert load_checkpoint(run_dir / "checkpoints" / "latest.pt")["step"] == finished.step
    assert not [p for p in (run_dir / "checkpoints").iterdir() if p.name.startswith(".")]


def test_disk_staying_full_stops_clearly_with_the_previous_checkpoint_intact(project, monkeypatch):
    monkeypatch.setattr(ckpt_mod.torch, "save", _failing_save(set(range(2, 1000))))
    rec = Recorder()
    run_dir = project.runs_dir / "disk_full"
    finished = Trainer(project, tiny_config(**OVERRIDES), run_dir, rec).run()
    assert finished.status == "failed"
    assert "the disk is full" in finished.message and "Free space" in finished.message
    assert str(run_dir / "checkpoints") in finished.message
    assert "Traceback" not in finished.message and "OSError" not in finished.message
    assert len(rec.warnings("checkpoint")) == MAX_FAILED_WRITES - 1
    # the first (good) checkpoint is whole and no half-written file was left behind
    kept = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert kept["step"] == OVERRIDES["run.checkpoint_steps"]
    assert not [p for p in (run_dir / "checkpoints").iterdir() if p.name.startswith(".")]
    # space freed: the run resumes from it and finishes
    monkeypatch.undo()
    resumed = Trainer.resume(project, run_dir)
    assert resumed.resumed_from == str(run_dir / "checkpoints" / "latest.pt")
    assert resumed.run().status == "completed"


# -- 4. a source file deleted or changed while a run uses it ------------------------------------
def test_source_deleted_or_changed_during_a_run_is_left_out_with_a_warning(tmp_path):
    project = make_project(tmp_path, clips=6)
    deleted, changed = (c.path for c in project.clips(role="clean", split="train")[:2])
    run_dir = project.runs_dir / "run"
    # with a prebuilt training cache, which still holds the files' segments
    config = tiny_config(**{"run.epochs": 1, "data.cache": "auto", "data.cache_variants": 1})
    build_cache(project, config, workers=1)

    def meddle(event):
        if isinstance(event, ev.StepDone) and event.step == 1:
            os.unlink(deleted)
            write(Path(changed), synthetic_voice(1.0, seed=99), SR)

    first = Trainer(project, config, run_dir, meddle)
    # the data was read when the run started: this run goes on untouched
    assert first.run().status == "completed"
    assert isinstance(first.data.train_ds, CachedDataset)
    assert first.data.skipped == []

    # the next start (a resume after a restart) leaves both files out, naming them
    rec = Recorder()
    resumed = Trainer.resume(project, run_dir, listener=rec, overrides={"run.epochs": 2})
    assert resumed.run().status == "completed"
    data_warnings = rec.warnings("data")
    assert any(deleted in m and "missing on disk" in m for m in data_warnings), data_warnings
    assert any(changed in m and "changed on disk since import" in m for m in data_warnings)
    assert any("training cache" in m for m in data_warnings)
    assert sorted(resumed.data.skipped) == sorted([deleted, changed])
    assert first.data.skipped == []  # each run its own list (it was a shared class list)
    # ...and really trains without them, mixing on the fly from the remaining clips
    assert isinstance(resumed.data.train_ds, SegmentDataset)
    trained_on = set(resumed.data.train_ds.sources.names)
    assert trained_on and not {Path(deleted).stem, Path(changed).stem} & trained_on
    assert {c.name for c in project.clips(role="clean")} >= trained_on

    # with every clean file gone the run cannot start, and says why
    for clip in project.clips(role="clean"):
        Path(clip.path).unlink(missing_ok=True)
    rec = Recorder()
    failed = Trainer(project, tiny_config(), project.runs_dir / "empty", rec).run()
    assert failed.status == "failed"
    assert "not enough clean clips" in failed.message and str(project.root) in failed.message
    assert len(rec.warnings("data")) == len(project.clips(role="clean"))


# -- 5. a corrupted checkpoint offered for resume ------------------------------------------------
@pytest.fixture
def stopped_run(project, tmp_path):
    """A run stopped in its second epoch, with several numbered checkpoints."""
    run_dir = tmp_path / "runs_copy"  # outside project.runs_dir is fine for Trainer
    trainer = Trainer(project, tiny_config(**OVERRIDES), run_dir)

    def stop(event):
        if isinstance(event, ev.StepDone) and event.epoch == 1 and event.step % 2 == 1:
            trainer.control.request_stop()

    trainer.add_listener(stop)
    assert trainer.run().status == "stopped"
    assert len(list_checkpoints(run_dir)) >= 3
    return run_dir


def _corrupt_in_place(path: Path) -> None:
    # In place (same inode), as a disk error would: the numbered hard link of the same
    # checkpoint is damaged too, so the fallback must go further back.
    data = path.read_bytes()
    with open(path, "r+b") as fh:
        fh.truncate(len(data) // 3)


def test_corrupted_latest_resumes_from_the_newest_readable_checkpoint(project, stopped_run):
    latest = stopped_run / "checkpoints" / "latest.pt"
    step_before = load_checkpoint(latest)["step"]
    _corrupt_in_place(latest)
    with pytest.raises(CheckpointError, match="latest.pt"):
        load_checkpoint(latest)

    rec = Recorder()
    trainer = Trainer.resume(project, stopped_run, listener=rec)
    assert Path(trainer.resumed_from).name.startswith("ckpt_e")
    assert 0 < load_checkpoint(trainer.resumed_from)["step"] < step_before
    assert trainer.run().status == "completed"
    (warning,) = [m for m in rec.warnings("resume") if "latest.pt" in m]
    assert "not a readable checkpoint" in warning and "resuming from" in warning
    assert trainer.resumed_from in warning


def test_corrupted_checkpoint_named_explicitly_errors_and_offers_the_good_ones(
    project, stopped_run
):
    bad = stopped_run / "checkpoints" / "latest.pt"
    _corrupt_in_place(bad)
    with pytest.raises(CheckpointError) as info:
        Trainer.resume(project, stopped_run, checkpoint=bad)
    text = str(info.value)
    assert str(bad) in text and "the newest readable checkpoint of this run is" in text
    offered = text.split("the newest readable checkpoint of this run is ")[1]
    assert load_checkpoint(offered)["step"] > 0  # what is offered really loads


def test_cli_resume_with_corrupted_latest_says_so_and_continues(project, stopped_run, capsys):
    # the CLI needs the run inside PROJECT/runs
    run_dir = project.runs_dir / "corrupt_cli"
    project.runs_dir.mkdir(exist_ok=True)
    os.rename(stopped_run, run_dir)
    _corrupt_in_place(run_dir / "checkpoints" / "latest.pt")
    code, out, err = wavesmith(capsys, "resume", run_dir, "--no-progress")
    assert code == 0, out + err
    assert re.search(r"^warning \(resume\): .*latest\.pt: not a readable checkpoint", out, re.M)
    assert "resuming from the newest readable checkpoint" in out
    assert "completed" in out
    code, out, err = wavesmith(capsys, "resume", run_dir, "--checkpoint", run_dir / "nope.pt")
    assert code == 2 and "nope.pt: checkpoint not found" in err


# -- 6. a checkpoint crafted to run code ---------------------------------------------------------
class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _evil(path: Path, marker: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": _Payload(marker), "config": {}, "epoch": 0, "step": 9}, path)
    return path


def test_crafted_checkpoint_never_runs_on_resume_or_processing(project, tmp_path, capsys):
    marker = tmp_path / "pwned"
    run_dir = project.runs_dir / "evil"
    tiny_config().save(_evil(run_dir / "checkpoints" / "latest.pt", marker).parent.parent / "c")
    (run_dir / "c").rename(run_dir / "config.json")
    _evil(run_dir / "checkpoints" / "best.pt", marker)

    with pytest.raises(CheckpointError, match="never run code"):
        Trainer.resume(project, run_dir)
    with pytest.raises(CheckpointError):
        load_model(run_dir)
    code, _, err = wavesmith(capsys, "resume", run_dir)
    assert code == 2 and "never run code" in err, err
    clip = write(tmp_path / "noisy.wav", np.zeros((800, 1), np.float32) + 0.1, SR)
    best = run_dir / "checkpoints" / "best.pt"
    code, _, err = wavesmith(capsys, "process", best, clip, "--out", tmp_path / "o")
    assert code == 2 and str(best) in err, err
    assert not marker.exists()
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_crafted_latest_falls_back_to_an_older_good_checkpoint(project, stopped_run, tmp_path):
    marker = tmp_path / "pwned"
    latest = stopped_run / "checkpoints" / "latest.pt"
    latest.unlink()  # break the hard link before writing the crafted file in its place
    _evil(latest, marker)
    rec = Recorder()
    trainer = Trainer.resume(project, stopped_run, listener=rec)
    assert trainer.resumed_from != str(latest)
    assert any("never run code" in m for m in trainer.pending_warnings)
    assert not marker.exists()
