"""The classify task trained by the shared trainer, end to end on generated class folders
(8 classes of distinct synthetic sound families, 4 recordings each to train on, 1 to
validate), the feature cache built by the run first: well above chance (12.5 %) in
seconds; its figures in the events, metrics.csv
and the per-class report; and a run SIGKILLed mid-epoch resumes to the same weights and
history as an uninterrupted one (mixup and balancing on, so their draws must resume too);
and two DDP processes on CPU (gloo) train one."""

from __future__ import annotations

import csv
import json
import pathlib
import subprocess
import sys

import pytest

from core.train import events as ev
from core.train.checkpoint import load_checkpoint
from core.train.classify.metrics import CLASSES_CSV, REPORT_JSON
from core.train.run_folder import read_events
from core.train.trainer import Trainer
from tests.support.training import (
    assert_same_weights,
    make_classify_project,
    tiny_classify_config,
    train_until_killed,
    weights,
)

ROOT = pathlib.Path(__file__).resolve().parents[4]
OVERRIDES = {"run.checkpoint_steps": 4, "classify.mixup": 0.5, "classify.balance": "weighted"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_classify_project(tmp_path_factory.mktemp("classify"))


@pytest.fixture(scope="module")
def reference(project):
    trainer = Trainer(project, tiny_classify_config(**OVERRIDES), project.runs_dir / "reference")
    assert trainer.run().status == "completed"
    return trainer


def test_class_folders_train_well_above_chance(project, reference):
    run = reference.run_dir
    classes = reference.config.model.classes
    assert len(classes) == 8
    assert (run / "classes.txt").read_text().split() == list(classes)
    saved = json.loads((run / "config.json").read_text())
    assert tuple(saved["model"]["classes"]) == classes  # the model's shape is in its config
    events = read_events(run)[0]
    # The feature cache was built by the run, before it trained, with its progress.
    progress = [e for e in events if isinstance(e, ev.CacheProgress)]
    assert progress[0].done == 0 and progress[-1].done == progress[-1].total == 80  # clips
    assert events.index(progress[-1]) < next(
        i for i, e in enumerate(events) if isinstance(e, ev.TrainStarted)
    )
    epochs = [e for e in events if isinstance(e, ev.EpochDone)]
    assert len(epochs) == 6
    assert epochs[0].val_top1 is not None and epochs[-1].val_top5 >= epochs[-1].val_top1
    best = min(epochs, key=lambda e: e.val_loss)
    assert best.val_top1 >= 0.8 and best.val_macro_f1 >= 0.75, best  # chance: 0.125
    assert epochs[-1].val_loss < epochs[0].val_loss
    rows = list(csv.DictReader((run / "metrics.csv").open()))
    assert float(rows[best.epoch]["val_top1"]) == pytest.approx(best.val_top1)
    report = json.loads((run / REPORT_JSON).read_text())
    assert report["epoch"] == best.epoch and report["val_top1"] == pytest.approx(best.val_top1)
    assert {r["class"] for r in report["classes"]} == set(classes)
    assert all(r["support"] > 0 for r in report["classes"])  # every class validates
    table = list(csv.DictReader((run / CLASSES_CSV).open()))
    assert len(table) == 8
    assert "top-1" in (run / "summary.txt").read_text()
    assert not (run / "samples").exists()  # no listening samples for a classifier


def test_sigkill_mid_epoch_then_resume_matches_uninterrupted(project, reference):
    run_dir = project.runs_dir / "killed"
    # 128 training windows in batches of 16: 8 steps an epoch. Killed at step 14 (epoch 2),
    # two steps after the mid-epoch checkpoint of step 12.
    proc = train_until_killed(project, run_dir, "tiny_classify_config", OVERRIDES, kill_at_step=14)
    assert proc.returncode == -9, proc.stderr[-2000:]
    saved = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert saved["epoch"] == 1 and saved["step"] == 12 and saved["position"] == 64

    resumed = Trainer.resume(project, run_dir)
    assert resumed.run().status == "completed"
    assert_same_weights(weights(resumed.model), weights(reference.model))
    assert resumed.state.history == reference.state.history


def test_ddp_two_cpu_processes_train_a_classifier(project, tmp_path):
    cfg_path = tiny_classify_config(epochs=2).save(tmp_path / "tiny.json")
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2"]
    cmd += ["main.py", "train", str(project.root), "--task", "classify", "--config"]
    cmd += [str(cfg_path), "--name", "ddp", "--no-progress"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    run_dir = project.runs_dir / "ddp"
    events, _ = read_events(run_dir)
    started = [e for e in events if isinstance(e, ev.TrainStarted)]
    assert len(started) == 1  # only rank 0 reports
    assert started[0].steps_per_epoch == 4  # 128 windows, half a rank, batches of 16
    ckpt = load_checkpoint(run_dir / "checkpoints" / "latest.pt")
    assert ckpt["world_size"] == 2 and len(ckpt["history"]) == 2
    assert ckpt["history"][-1]["val_top1"] > 0.125  # learning, on both ranks' batches
