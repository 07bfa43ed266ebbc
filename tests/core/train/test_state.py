"""TrainState: the resumable state of a run and its checkpoint form (format 1, unchanged)."""

from __future__ import annotations

import math

import pytest
import torch

from core.train.checkpoint import FORMAT_VERSION
from core.train.config import TrainConfig
from core.train.state import TrainState

# Format 1 as every earlier release wrote it, in its order. A renamed or missing key means
# old runs stop resuming.
FORMAT_1_KEYS = [
    "format",
    "model",
    "optimizer",
    "scheduler",
    "scaler",
    "epoch",
    "step",
    "position",
    "history",
    "best_val_loss",
    "best_epoch",
    "epochs_without_improvement",
    "train_loss_sum",
    "train_loss_count",
    "batch_size",
    "lr_scale",
    "nan_retries",
    "amp_enabled",
    "world_size",
    "elapsed_s",
    "config",
    "rng",
]


def _changed_state() -> TrainState:
    """Every field away from its default."""
    return TrainState(
        batch_size=3,
        epoch=4,
        step=57,
        position=12,
        history=[{"epoch": 0, "val_loss": 0.5}, {"epoch": 1, "val_loss": 0.4}],
        best_val_loss=0.4,
        best_epoch=1,
        bad_epochs=2,
        loss_sum=1.25,
        loss_count=12,
        lr_scale=0.25,
        nan_retries=1,
        amp_enabled=False,
        elapsed_before=321.5,
    )


def _modules():
    model = torch.nn.Linear(3, 3)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
    return model, optimizer, scheduler


def _checkpoint(state: TrainState, config: TrainConfig, **kw) -> dict:
    model, optimizer, scheduler = _modules()
    args = dict(
        model=model,
        optimizer=optimizer,
        scheduler=scheduler,
        scaler=torch.amp.GradScaler("cuda", enabled=False),
        config=config,
        world=1,
        elapsed=state.elapsed_before,
    )
    return state.to_checkpoint(**{**args, **kw})


def test_checkpoint_keys_are_format_1_exactly():
    config = TrainConfig.preset("speech")
    ckpt = _checkpoint(_changed_state(), config, world=2, elapsed=99.0)
    assert list(ckpt) == FORMAT_1_KEYS
    assert ckpt["format"] == FORMAT_VERSION == 1
    assert ckpt["epochs_without_improvement"] == 2 and ckpt["train_loss_sum"] == 1.25
    assert ckpt["world_size"] == 2 and ckpt["elapsed_s"] == 99.0
    assert ckpt["scaler"] is None  # a disabled scaler (fp32, bf16) saves nothing
    assert ckpt["config"] == config.to_dict()
    assert set(ckpt["rng"]) == {"python", "numpy", "torch", "cuda"}


def test_state_survives_its_checkpoint():
    config = TrainConfig.preset("speech").with_overrides({"run.batch_size": 8})
    state = _changed_state()
    ckpt = _checkpoint(state, config)
    assert TrainState.from_checkpoint(ckpt, config) == state
    # The history is copied, not shared with the live state.
    state.history.append({"epoch": 2})
    assert len(ckpt["history"]) == 2


def test_a_batch_size_chosen_on_resume_wins_over_the_saved_one():
    saved_config = TrainConfig.preset("speech").with_overrides({"run.batch_size": 8})
    ckpt = _checkpoint(_changed_state(), saved_config)  # batch 8 halved to 3 after an OOM
    assert TrainState.from_checkpoint(ckpt, saved_config).batch_size == 3
    asked = saved_config.with_overrides({"run.batch_size": 4})
    assert TrainState.from_checkpoint(ckpt, asked).batch_size == 4


def test_checkpoints_from_before_the_optional_keys_still_load():
    config = TrainConfig.preset("speech")
    ckpt = _checkpoint(_changed_state(), config)
    for key in ("amp_enabled", "world_size", "elapsed_s"):
        del ckpt[key]
    state = TrainState.from_checkpoint(ckpt, config)
    assert state.amp_enabled is True and state.elapsed_before == 0.0
    assert state.step == 57 and state.bad_epochs == 2


def test_restore_modules_loads_weights_optimizer_and_schedule():
    config = TrainConfig.preset("speech")
    model, optimizer, scheduler = _modules()
    with torch.no_grad():
        model.weight.fill_(0.5)
    optimizer.param_groups[0]["lr"] = 1e-5
    scheduler.num_bad_epochs = 3
    ckpt = _changed_state().to_checkpoint(
        model=model,
        optimizer=optimizer,
        scheduler=scheduler,
        scaler=None,
        config=config,
        world=1,
        elapsed=0.0,
    )
    model2, optimizer2, scheduler2 = _modules()
    assert TrainState.restore_modules(ckpt, model2, optimizer2, scheduler2) is None
    assert torch.equal(model2.weight, model.weight)
    assert optimizer2.param_groups[0]["lr"] == 1e-5 and scheduler2.num_bad_epochs == 3


def test_end_epoch_books_the_best_and_the_patience_counter():
    state = TrainState(batch_size=4, position=40, loss_sum=2.0, loss_count=40)
    assert state.end_epoch({"epoch": 0, "val_loss": 1.0}, min_delta=0.0)
    assert (state.epoch, state.position, state.loss_sum, state.loss_count) == (1, 0, 0.0, 0)
    assert (state.best_val_loss, state.best_epoch, state.bad_epochs) == (1.0, 0, 0)
    # Better, but not by min_delta: no improvement.
    assert not state.end_epoch({"epoch": 1, "val_loss": 0.95}, min_delta=0.1)
    assert (state.best_epoch, state.bad_epochs) == (0, 1)
    assert state.end_epoch({"epoch": 2, "val_loss": 0.5}, min_delta=0.1)
    assert (state.best_epoch, state.bad_epochs, len(state.history)) == (2, 0, 3)


def test_status_reports_no_best_before_the_first_epoch():
    config = TrainConfig.preset("speech")
    status = TrainState(batch_size=4).status(config, 1000, 0.0041, 12.34, "running")
    assert status["best_val_loss"] is None and math.isinf(TrainState(batch_size=4).best_val_loss)
    assert status["size_mb"] == pytest.approx(0.004) and status["elapsed_s"] == 12.3
    assert (status["status"], status["model"], status["epochs_done"]) == ("running", "band_gru", 0)


def test_finish_messages_say_why_the_run_ended():
    run = TrainConfig.preset("speech").with_overrides({"run.max_steps": 10, "run.hours": 2.0}).run
    state = TrainState(batch_size=4, epoch=3, step=10, best_epoch=1, bad_epochs=2)
    assert state.finish_message("completed", run) == "trained 3 epochs"
    assert state.finish_message("early_stopped", run) == (
        "no improvement for 2 epochs; best epoch 2"
    )
    assert state.finish_message("time_budget", run).startswith("step budget of 10 steps")
    state.step = 9
    assert state.finish_message("time_budget", run).startswith("time budget of 2.0 h reached")
    short = TrainConfig.preset("speech").with_overrides({"run.hours": 1 / 6}).run
    assert state.finish_message("time_budget", short).startswith("time budget of 10 min reached")
    # Every reader puts the status first ("stopped: …"): the message does not say it again.
    stopped = state.finish_message("stopped", run)
    assert "resume continues" in stopped and "stop" not in stopped


def test_each_tasks_epoch_record_is_the_shared_keys_around_its_own_figures(tmp_path):
    from core.train.classify.task import ClassifyTask
    from core.train.tasks import AudioTask

    state = TrainState(batch_size=4, epoch=2)
    state.count_step(4, 0.5)
    state.count_step(4, 0.3)
    shared = {"epoch": 2, "train_loss": pytest.approx(0.4), "lr": 1e-3, "batch_size": 4}
    audio_val = {"val_loss": 0.2, "val_si_sdr": 9.0, "val_si_sdr_improvement": 4.0,
                 "quality": {"val_pesq": 2.5}, "atten_limit_db": 18.0}  # fmt: skip
    audio = AudioTask(TrainConfig.preset("speech"), tmp_path)
    assert state.epoch_record(audio.epoch_figures(audio_val), 1e-3) == {
        **shared, "val_loss": 0.2, "val_si_sdr": 9.0, "val_si_sdr_improvement": 4.0,
        "val_pesq": 2.5, "atten_limit_db": 18.0,
    }  # fmt: skip
    # The classifier's predictions and rows feed its report, never the history.
    class_val = {"val_loss": 0.7, "val_top1": 0.8, "val_top5": 1.0, "val_macro_f1": 0.75,
                 "predictions": object(), "rows": [0, 1]}  # fmt: skip
    task = ClassifyTask(TrainConfig.preset("speech", "classify"), tmp_path)
    assert state.epoch_record(task.epoch_figures(class_val), 1e-3) == {
        **shared, "val_loss": 0.7, "val_top1": 0.8, "val_top5": 1.0, "val_macro_f1": 0.75,
    }  # fmt: skip
