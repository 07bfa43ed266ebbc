"""The one training step (core.train.step), shared by the trainer and the batch probe."""

from __future__ import annotations

import math

import pytest
import torch

from core.train.config import OptimConfig
from core.train.step import (
    Precision,
    build_optimizer,
    build_scheduler,
    compile_model,
    train_step,
)


def _mse(est, tgt):
    return ((est - tgt) ** 2).mean()


def _linear_and_batch():
    torch.manual_seed(0)
    model = torch.nn.Linear(8, 8)
    # Inputs in the hundreds: the gradient norm is in the tens of thousands.
    inp = 100 * torch.randn(4, 8)
    return model, inp, torch.zeros(4, 8)


def _step_norm(grad_clip: float, lr: float = 0.1) -> float:
    model, inp, tgt = _linear_and_batch()
    before = torch.cat([p.detach().flatten().clone() for p in model.parameters()])
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    precision = Precision.for_run("auto", torch.device("cpu"))
    loss = train_step(model, optimizer, precision, inp, tgt, loss_fn=_mse, grad_clip=grad_clip)
    assert math.isfinite(loss) and loss > 0
    after = torch.cat([p.detach().flatten() for p in model.parameters()])
    return float(torch.linalg.norm(after - before))


def test_gradient_clipping_bounds_the_step():
    lr, clip = 0.1, 1e-3
    # Plain SGD moves the weights by lr × |gradient|: clipped, by at most lr × clip.
    assert _step_norm(clip, lr) <= lr * clip * 1.0001
    assert _step_norm(0.0, lr) > 1000 * lr * clip  # unclipped, this gradient is far larger


def test_a_non_finite_loss_steps_nothing_and_says_so():
    model, inp, tgt = _linear_and_batch()
    before = [p.detach().clone() for p in model.parameters()]
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    precision = Precision.for_run("off", torch.device("cpu"))
    inp[0, 0] = float("nan")
    votes: list[bool] = []

    def agree(bad: bool) -> bool:  # what DDP's all-ranks vote sees
        votes.append(bad)
        return bad

    loss = train_step(
        model, optimizer, precision, inp, tgt, loss_fn=_mse, grad_clip=1.0, agree=agree
    )
    assert math.isnan(loss) and votes == [True]
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
    # Another rank's bad loss stops this one's step too.
    inp[0, 0] = 1.0
    loss = train_step(
        model, optimizer, precision, inp, tgt, loss_fn=_mse, grad_clip=1.0, agree=lambda bad: True
    )
    assert math.isnan(loss)
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))


def test_cosine_schedule_steps_with_the_step_and_warms_up():
    model, inp, tgt = _linear_and_batch()
    optim = OptimConfig(optimizer="adamw", lr=1e-3, min_lr=1e-5, scheduler="cosine", warmup_steps=2)
    optimizer = build_optimizer(model.parameters(), optim)
    assert isinstance(optimizer, torch.optim.AdamW)
    scheduler = build_scheduler(optimizer, optim, total_steps=10)
    precision = Precision.for_run("auto", torch.device("cpu"))
    lrs = []
    for _ in range(10):
        lrs.append(optimizer.param_groups[0]["lr"])
        train_step(
            model,
            optimizer,
            precision,
            inp,
            tgt,
            loss_fn=_mse,
            grad_clip=0.0,
            step_scheduler=scheduler,
        )
    assert lrs[0] == pytest.approx(0.5e-3) and lrs[1] == lrs[2] == pytest.approx(1e-3)
    assert all(b < a for a, b in zip(lrs[2:], lrs[3:], strict=False))  # then decays
    assert lrs[-1] > 1e-5
    plateau = build_scheduler(optimizer, OptimConfig(scheduler="plateau"), 10)
    assert isinstance(plateau, torch.optim.lr_scheduler.ReduceLROnPlateau)
    assert build_scheduler(optimizer, OptimConfig(scheduler="none"), 10) is None


def test_precision_on_the_cpu_is_fp32_and_compile_is_cuda_only():
    precision = Precision.for_run("auto", torch.device("cpu"))
    assert not precision.enabled and precision.dtype is None
    assert not precision.scaler.is_enabled()
    model = torch.nn.Linear(2, 2)
    same, warning = compile_model(model, torch.device("cpu"), wanted=True)
    assert same is model and "CUDA only" in warning
    assert compile_model(model, torch.device("cpu"), wanted=False) == (model, None)


def test_precision_disabled_keeps_its_mode_and_drops_the_scaler():
    # Built by hand: the fp16 mode of a CUDA run, on this CPU (the scaler stays off here).
    precision = Precision("fp16", "cpu", torch.amp.GradScaler("cuda", enabled=False))
    assert precision.enabled and precision.dtype is torch.float16
    precision.disable()
    assert not precision.enabled and precision.mode == "fp16"
    assert not precision.scaler.is_enabled()


@pytest.mark.parametrize("preset", ["speech", "speech_small", "music"])
def test_early_stopping_leaves_the_plateau_schedule_two_cuts(preset):
    """On a validation loss that stops improving, the run must not stop before the
    learning rate was cut twice: a lower rate is what gets a plateau moving again."""
    from core.train.config import TrainConfig
    from core.train.state import TrainState

    optim = TrainConfig.preset(preset).optim
    if optim.scheduler != "plateau" or not optim.early_stop_patience:
        pytest.skip("no plateau schedule or no early stopping")
    model = torch.nn.Linear(1, 1)
    opt = build_optimizer(model.parameters(), optim)
    scheduler = build_scheduler(opt, optim, total_steps=1000)
    state, cuts = TrainState(batch_size=1), 0
    for _ in range(100):  # the trainer's order: schedule, then book the epoch
        lr = opt.param_groups[0]["lr"]
        scheduler.step(1.0)
        cuts += opt.param_groups[0]["lr"] < lr
        state.end_epoch(state.epoch_record({"val_loss": 1.0}, lr), optim.min_delta)
        if state.bad_epochs >= optim.early_stop_patience:
            break
    assert cuts >= 2, f"{preset}: stopped after {state.epoch} epochs and {cuts} cut(s)"
