"""Checkpoints under hostile conditions: SIGKILL mid-epoch, a write cut off half-way, a
crafted pickle; and the safetensors export."""

from __future__ import annotations

import io
import os
import pathlib

import numpy as np
import pytest
import torch

from core.listen.inference import ProcessConfig, process_array
from core.train import checkpoint as ckpt_mod
from core.train.checkpoint import CheckpointError, load_checkpoint, save_run_checkpoint
from core.train.export import export_model, load_model
from core.train.trainer import Trainer
from tests.support.training import SR, assert_same_weights, train_until_killed, weights

OVERRIDES = {"run.checkpoint_steps": 2}


def test_sigkill_mid_epoch_then_resume_matches_uninterrupted(project, reference):
    run_dir = project.runs_dir / "killed"
    # A separate process trains the same config and is SIGKILLed (no cleanup, no atexit)
    # during epoch 2, two steps after its last mid-epoch checkpoint.
    proc = train_until_killed(project, run_dir, "tiny_config", OVERRIDES, kill_at_step=8)
    assert proc.returncode == -9, proc.stderr[-2000:]
    saved = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert saved["epoch"] == 1 and saved["position"] > 0, "expected a mid-epoch checkpoint"
    assert saved["step"] == 6

    resumed = Trainer.resume(project, run_dir)
    assert resumed.run().status == "completed"
    assert_same_weights(weights(resumed.model), weights(reference.model))
    assert resumed.state.history == reference.state.history


def test_interrupted_checkpoint_write_leaves_previous_latest_loadable(
    project, reference, monkeypatch
):
    run_dir = project.runs_dir / "interrupted"
    good = load_checkpoint(reference.run_dir / "checkpoints" / "latest.pt")
    save_run_checkpoint(run_dir, good, is_best=True, keep_last=2)
    newer = dict(good, epoch=good["epoch"] + 1, step=good["step"] + 99)
    real_save = torch.save

    def save_half_then_fail(obj, fh, *args, **kwargs):
        buf = io.BytesIO()
        real_save(obj, buf, *args, **kwargs)
        data = buf.getvalue()
        fh.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ckpt_mod.torch, "save", save_half_then_fail)
    with pytest.raises(OSError, match="the disk is full: a checkpoint needs about"):
        save_run_checkpoint(run_dir, newer, is_best=True, keep_last=2)
    monkeypatch.setattr(ckpt_mod.torch, "save", real_save)

    latest = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert latest["step"] == good["step"]
    assert_same_weights(latest["model"], good["model"])
    leftovers = [p.name for p in (run_dir / "checkpoints").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    # and the run resumes from it
    assert Trainer.resume(project, run_dir, checkpoint=run_dir / "checkpoints" / "latest.pt")


class _Payload:
    def __init__(self, marker: pathlib.Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (pathlib.Path.touch, (self.marker,))


def test_crafted_pickle_checkpoint_does_not_run_code(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pt"
    torch.save({"model": _Payload(marker), "config": {}}, evil)
    with pytest.raises(CheckpointError, match="never run code"):
        load_checkpoint(evil)
    with pytest.raises(CheckpointError):
        load_model(evil)
    assert not marker.exists()
    # the file really would have run code with a plain pickle load
    torch.load(evil, weights_only=False)
    assert marker.exists()


def test_export_safetensors_roundtrip_and_process_array(tmp_path, reference):
    out = export_model(reference.run_dir, tmp_path / "denoiser")
    assert out.suffix == ".safetensors" and out.with_suffix(".json").is_file()
    from_export = load_model(out)
    from_run = load_model(reference.run_dir)
    from_ckpt = load_model(reference.run_dir / "checkpoints" / "best.pt")
    assert from_export.sample_rate == SR
    x = torch.from_numpy(np.random.default_rng(0).standard_normal(3001).astype(np.float32)).reshape(
        1, 1, -1
    )
    with torch.no_grad():
        ys = [m.model(x) for m in (from_export, from_run, from_ckpt)]
    assert ys[0].shape == x.shape
    assert torch.equal(ys[0], ys[1]) and torch.equal(ys[0], ys[2])
    # process_array: any rate and channel count in, the same shape and rate out
    stereo = np.random.default_rng(1).standard_normal((16000, 2)).astype(np.float32) * 0.1
    limit = from_export.atten_limit_db
    cfg = ProcessConfig(chunk_seconds=0.3, overlap_seconds=0.05, atten_limit_db=limit)
    y = process_array(from_export.model, from_export.sample_rate, stereo, 16000, cfg)
    assert y.shape == stereo.shape and np.isfinite(y).all()


def test_missing_or_corrupt_checkpoint_errors_name_the_file(tmp_path):
    with pytest.raises(CheckpointError, match="not found"):
        load_checkpoint(tmp_path / "nope.pt")
    bad = tmp_path / "bad.pt"
    bad.write_bytes(os.urandom(100))
    with pytest.raises(CheckpointError, match="bad.pt"):
        load_checkpoint(bad)
