"""The training loop end to end on a tiny CPU config: learning, exact resume, recovery."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from core.train import events as ev
from core.train.checkpoint import load_checkpoint
from core.train.config import ConfigError
from core.train.run_folder import list_runs, read_events
from core.train.trainer import Trainer
from tests.support.training import assert_same_weights, make_project, tiny_config, weights


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("train"))


# PESQ/STOI on 4 validation segments at epochs 1 and 3 (every second epoch); STOI needs
# segments longer than 0.4 s of speech.
QUALITY = {"data.quality_every": 2, "data.quality_segments": 4, "data.segment_samples": 8000}


@pytest.fixture(scope="module")
def reference_run(project):
    """An uninterrupted 3-epoch run with a mid-epoch checkpoint every 2 steps."""
    cfg = tiny_config(**{"run.checkpoint_steps": 2, **QUALITY})
    seen: list = []
    trainer = Trainer(project, cfg, project.runs_dir / "reference", listener=seen.append)
    finished = trainer.run()
    assert finished.status == "completed", finished.message
    return trainer, seen


def _history(trainer):
    return [dict(h) for h in trainer.state.history]


def test_validation_loss_goes_down_and_run_folder_is_complete(reference_run):
    trainer, seen = reference_run
    hist = trainer.state.history
    assert len(hist) == 3
    assert hist[-1]["val_loss"] < hist[0]["val_loss"]
    assert hist[-1]["val_si_sdr_improvement"] > 0
    run = trainer.run_dir
    for name in (
        "config.json",
        "metrics.csv",
        "steps.csv",
        "events.jsonl",
        "history.png",
        "summary.txt",
    ):
        assert (run / name).is_file(), name
    assert (run / "checkpoints" / "latest.pt").is_file()
    assert (run / "checkpoints" / "best.pt").is_file()
    rows = (run / "metrics.csv").read_text().strip().splitlines()
    assert len(rows) == 1 + 3
    # Events on disk are the ones the listener got, in order.
    events, offset = read_events(run)
    assert [e.name for e in events] == [e.name for e in seen]
    assert offset == (run / "events.jsonl").stat().st_size
    epoch_events = [e for e in events if isinstance(e, ev.EpochDone)]
    assert [e.val_loss for e in epoch_events] == [h["val_loss"] for h in hist]
    # PESQ and STOI of output and input where due, on the events, in the history and the CSV.
    assert [e.val_pesq is not None for e in epoch_events] == [True, False, True]
    for e in (epoch_events[0], epoch_events[2]):
        assert 1.0 <= e.val_pesq <= 4.7 and 1.0 <= e.val_pesq_input <= 4.7
        assert 0.0 < e.val_stoi <= 1.0 and 0.0 < e.val_stoi_input <= 1.0
    assert epoch_events[0].val_pesq_input == epoch_events[2].val_pesq_input
    assert epoch_events[1].val_stoi is None and "val_pesq" not in hist[1]
    assert hist[2]["val_pesq"] == epoch_events[2].val_pesq
    header = rows[0].split(",")
    assert {"val_pesq", "val_stoi", "val_pesq_input", "val_stoi_input"} <= set(header)
    assert rows[2].split(",")[header.index("val_pesq")] == ""  # not measured at epoch 2
    best = min(hist, key=lambda h: h["val_loss"])
    assert ("PESQ" in (run / "summary.txt").read_text()) == ("val_pesq" in best)
    samples = [e for e in events if isinstance(e, ev.SampleRendered)]
    assert len(samples) == 3 and all(e.clean_path for e in samples)
    assert "samples/epoch_0002" in samples[-1].path.replace("\\", "/")
    assert seen[-1].name == "finished"
    assert json.loads((run / "config.json").read_text())["data"]["sample_rate"] == 8000


def test_checkpoint_holds_everything_and_loads_weights_only(reference_run):
    trainer, _ = reference_run
    ckpt = load_checkpoint(trainer.run_dir / "checkpoints" / "latest.pt")
    for key in (
        "model",
        "optimizer",
        "scheduler",
        "epoch",
        "step",
        "position",
        "history",
        "best_val_loss",
        "epochs_without_improvement",
        "config",
        "rng",
    ):
        assert key in ckpt, key
    assert ckpt["epoch"] == 3 and ckpt["position"] == 0
    assert ckpt["history"] == trainer.state.history
    assert set(ckpt["rng"]) == {"python", "numpy", "torch", "cuda"}
    # keep_last numbered checkpoints besides latest/best
    numbered = sorted(p.name for p in (trainer.run_dir / "checkpoints").glob("ckpt_*.pt"))
    assert len(numbered) == trainer.config.run.keep_last


def test_stop_after_epoch_and_resume_matches_uninterrupted(project, reference_run):
    reference, _ = reference_run
    cfg = tiny_config(**{"run.checkpoint_steps": 2, **QUALITY})
    run_dir = project.runs_dir / "stopped"
    first = Trainer(project, cfg, run_dir)

    def stop_after_first_epoch(event):
        if isinstance(event, ev.EpochDone) and event.epoch == 0:
            first.control.request_stop()

    first.add_listener(stop_after_first_epoch)
    assert first.run().status == "stopped"
    assert len(first.state.history) == 1
    seen: list = []
    resumed = Trainer.resume(project, run_dir, listener=seen.append)
    finished = resumed.run()
    assert finished.status == "completed"
    started = [e for e in seen if isinstance(e, ev.TrainStarted)][0]
    assert started.epoch == 1 and started.resumed_from.endswith("latest.pt")
    assert_same_weights(weights(resumed.model), weights(reference.model))
    assert _history(resumed) == _history(reference)


def test_resume_refuses_shape_changes_and_accepts_more_epochs(project, reference_run):
    reference, _ = reference_run
    with pytest.raises(ConfigError, match="model.hidden"):
        Trainer.resume(project, reference.run_dir, overrides={"model.hidden": 32})
    with pytest.raises(ConfigError, match="data.sample_rate"):
        Trainer.resume(project, reference.run_dir, overrides={"data.sample_rate": 16000})
    seen: list = []
    more = Trainer.resume(
        project,
        reference.run_dir,
        checkpoint=reference.run_dir / "checkpoints" / "latest.pt",
        listener=seen.append,
        overrides={"run.epochs": 4, "run.batch_size": 2},
    )
    assert more.run().status == "completed"
    assert len(more.state.history) == 4
    warnings = [e for e in seen if isinstance(e, ev.Warning)]
    assert any("batch size" in w.message for w in warnings)
    runs = {r.name: r for r in list_runs(project)}
    assert runs["reference"].epochs_done == 4 and runs["reference"].status == "completed"


def test_out_of_memory_halves_the_batch_and_continues(project):
    cfg = tiny_config(**{"run.epochs": 1})
    seen: list = []
    trainer = Trainer(project, cfg, project.runs_dir / "oom", listener=seen.append)
    calls = {"n": 0}

    def raise_oom_once(module, args):
        # Only training batches (size 4) fail: a real OOM at the configured batch size.
        if module.training and args[0].shape[0] == 4:
            calls["n"] += 1
            if calls["n"] == 2:
                raise torch.OutOfMemoryError("CUDA out of memory (simulated)")

    trainer.model.register_forward_pre_hook(raise_oom_once)
    assert trainer.run().status == "completed"
    oom = [e for e in seen if isinstance(e, ev.Warning) and e.kind == "oom"]
    assert len(oom) == 1 and "batch 2" in oom[0].message
    assert trainer.state.batch_size == 2
    steps = [e for e in seen if isinstance(e, ev.StepDone)]
    # One batch of 4 went through before the failure; the rest of the epoch ran at 2, and
    # no example was skipped or repeated.
    n_train = len(trainer.data.train_ds)
    assert trainer.state.history[0]["batch_size"] == 2
    assert len(steps) == 1 + int(np.ceil((n_train - 4) / 2))


def test_nan_loss_restores_last_good_state_and_lowers_lr(project):
    cfg = tiny_config(**{"run.epochs": 2})
    seen: list = []
    trainer = Trainer(project, cfg, project.runs_dir / "nan", listener=seen.append)
    calls = {"n": 0}

    def nan_once(module, args, output):
        if module.training:
            calls["n"] += 1
            if calls["n"] == 7:  # in the second epoch
                return output * float("nan")
        return None

    trainer.model.register_forward_hook(nan_once)
    assert trainer.run().status == "completed"
    nan = [e for e in seen if isinstance(e, ev.Warning) and e.kind == "nan"]
    assert len(nan) == 1 and "halved the learning rate" in nan[0].message
    assert trainer.state.history[1]["lr"] == pytest.approx(cfg.optim.lr / 2)
    assert all(torch.isfinite(p).all() for p in trainer.model.parameters())
    assert all(np.isfinite(h["train_loss"]) for h in trainer.state.history)


def test_nan_every_step_fails_clearly_after_bounded_retries(project):
    cfg = tiny_config(**{"run.epochs": 1, "run.max_nan_retries": 2})
    trainer = Trainer(project, cfg, project.runs_dir / "nan_fail")
    trainer.model.register_forward_hook(
        lambda m, a, out: out * float("nan") if m.training else None
    )
    finished = trainer.run()
    assert finished.status == "failed"
    assert "3 times (limit 2)" in finished.message


def test_time_budget_stops_cleanly_with_a_checkpoint(project):
    cfg = tiny_config(**{"run.epochs": 50, "run.hours": 1e-9})
    trainer = Trainer(project, cfg, project.runs_dir / "budget")
    finished = trainer.run()
    assert finished.status == "time_budget"
    assert (trainer.run_dir / "checkpoints" / "latest.pt").is_file()
    assert "time budget" in finished.message


def test_pause_is_honoured_between_steps_and_stop_works_while_paused(project):
    import threading

    cfg = tiny_config(**{"run.epochs": 2})
    trainer = Trainer(project, cfg, project.runs_dir / "paused")
    steps: list = []
    paused_at = threading.Event()

    def listener(event):
        if isinstance(event, ev.StepDone):
            steps.append(event.step)
            if event.step == 2:
                trainer.control.request_pause()
                paused_at.set()

    def stop_when_paused():
        paused_at.wait(timeout=120)
        trainer.control.request_stop()

    watcher = threading.Thread(target=stop_when_paused)
    watcher.start()
    trainer.add_listener(listener)
    finished = trainer.run()
    watcher.join()
    assert finished.status == "stopped"
    assert steps == [1, 2]  # no step ran after the pause request
    saved = load_checkpoint(trainer.run_dir / "checkpoints" / "latest.pt")
    assert saved["step"] == 2 and saved["position"] == 2 * cfg.run.batch_size


def test_cosine_schedule_warms_up_then_decays(project):
    cfg = tiny_config(
        **{
            "run.epochs": 2,
            "optim.scheduler": "cosine",
            "optim.warmup_steps": 3,
            "run.compile": True,
        }
    )
    seen: list = []
    trainer = Trainer(project, cfg, project.runs_dir / "cosine", listener=seen.append)
    assert trainer.run().status == "completed"
    lrs = [e.lr for e in seen if isinstance(e, ev.StepDone)]
    peak = cfg.optim.lr
    assert lrs[0] < lrs[1] < lrs[2] == pytest.approx(peak, rel=0.05)
    assert lrs[-1] < 0.5 * peak
    assert all(b <= a for a, b in zip(lrs[2:], lrs[3:], strict=False))
    assert any(isinstance(e, ev.Warning) and e.kind == "compile" for e in seen)


def test_step_budget_stops_cleanly_after_that_many_steps(project, tmp_path):
    trainer = Trainer(project, tiny_config(**{"run.max_steps": 3}), tmp_path / "steps")
    finished = trainer.run()
    assert finished.status == "time_budget" and "step budget of 3 steps" in finished.message
    assert trainer.state.step == 3
    assert load_checkpoint(tmp_path / "steps" / "checkpoints" / "latest.pt")["step"] == 3


def test_validation_records_the_attenuation_limit_that_process_uses(reference_run):
    from core.listen.model_loading import load_for_inference
    from core.train.atten_limit import ATTEN_LIMITS_DB

    trainer, _ = reference_run
    limits = [h["atten_limit_db"] for h in trainer.state.history]
    assert all(limit in ATTEN_LIMITS_DB for limit in limits)
    loaded = load_for_inference(trainer.run_dir)
    # best.pt's last record is the epoch it was saved after (other tests resume this run).
    saved = load_checkpoint(trainer.run_dir / "checkpoints" / "best.pt")["history"][-1]
    assert loaded.atten_limit_db == saved["atten_limit_db"]


def test_listeners_added_later_hear_the_run_after_the_run_folder(project, tmp_path):
    from core.train.run_folder import read_events

    trainer = Trainer(project, tiny_config(**{"run.max_steps": 2}), tmp_path / "listen")
    on_disk: list[int] = []
    trainer.add_listener(lambda e: on_disk.append(len(read_events(trainer.run_dir)[0])))
    names: list[str] = []
    trainer.add_listener(lambda e: names.append(e.name))
    trainer.run()
    # Set-up warnings (this tiny project's few validation segments) come before the start.
    run = [n for n in names if n != "warning"]
    assert run[0] == "train_started" and run[-1] == "finished"
    # Each event was already in events.jsonl when the listeners got it.
    assert on_disk == list(range(1, len(names) + 1))
