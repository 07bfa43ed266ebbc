"""The one training step, and what it needs: optimiser, schedule, precision, compile.

The trainer and the batch probe both step through `train_step`, so the memory and speed the
probe measures are those of the step training will run (clipping and loss scaling included).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import torch

from core.device import amp_dtype, resolve_amp
from core.messages import QT_TRANSLATE_NOOP, Message
from core.train import ddp
from core.train.config import OptimConfig, TrainConfig

LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]  # (estimate, target) → scalar


def build_optimizer(
    params: Iterable[torch.nn.Parameter], optim: OptimConfig
) -> torch.optim.Optimizer:
    opt_cls = torch.optim.AdamW if optim.optimizer == "adamw" else torch.optim.Adam
    return opt_cls(params, lr=optim.lr, weight_decay=optim.weight_decay)


def build_scheduler(
    optimizer: torch.optim.Optimizer, optim: OptimConfig, total_steps: int
) -> torch.optim.lr_scheduler.LRScheduler | torch.optim.lr_scheduler.ReduceLROnPlateau | None:
    """plateau: stepped once per epoch on the validation loss; cosine: once per step, with a
    linear warm-up, down to optim.min_lr at total_steps."""
    if optim.scheduler == "plateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(
            optimizer,
            mode="min",
            factor=optim.plateau_factor,
            patience=optim.plateau_patience,
            min_lr=optim.min_lr,
        )
    if optim.scheduler == "cosine":
        warm, floor = max(optim.warmup_steps, 0), optim.min_lr / optim.lr

        def factor(step: int) -> float:
            if step < warm:
                return (step + 1) / warm
            progress = min(1.0, (step - warm) / max(1, total_steps - warm))
            return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))

        return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    return None


def scale_lr(optimizer: torch.optim.Optimizer, scheduler, factor: float) -> None:
    """Multiply the learning rate now and for the rest of the schedule (NaN recovery)."""
    for group in optimizer.param_groups:
        group["lr"] *= factor
    if isinstance(scheduler, torch.optim.lr_scheduler.LambdaLR):
        scheduler.base_lrs = [b * factor for b in scheduler.base_lrs]


@dataclass
class Precision:
    """The autocast mode of a run and its grad scaler (which only fp16 needs)."""

    mode: str  # "off", "bf16" or "fp16", as core.device.resolve_amp decided
    device_type: str
    scaler: torch.amp.GradScaler
    enabled: bool = True  # False once disabled: the mode stays, to say what was turned off

    @classmethod
    def for_run(cls, mode: str, device: torch.device) -> Precision:
        resolved = resolve_amp(mode, device)
        # A disabled scaler passes losses and steps through unchanged, so the step has one path.
        scaler = torch.amp.GradScaler("cuda", enabled=resolved == "fp16")
        return cls(resolved, device.type, scaler, enabled=resolved != "off")

    @property
    def dtype(self) -> torch.dtype | None:
        return amp_dtype(self.mode)

    def autocast(self) -> torch.autocast:
        if self.enabled:
            return torch.autocast(self.device_type, dtype=self.dtype)
        return torch.autocast(self.device_type, enabled=False)

    def disable(self) -> None:
        """fp32 from here on (the loss disagreed with fp32, or turned NaN)."""
        self.enabled = False
        self.scaler = torch.amp.GradScaler("cuda", enabled=False)


def compile_model(
    model: torch.nn.Module, device: torch.device, wanted: bool
) -> tuple[torch.nn.Module, str | None]:
    """(model, warning): torch.compile on CUDA when asked, else the model as it is."""
    if not wanted:
        return model, None
    if device.type != "cuda":
        # Inductor on a CPU needs a C++ toolchain and compiles for minutes: not worth it.
        return model, Message(
            "TrainMessages",
            QT_TRANSLATE_NOOP(
                "TrainMessages", "torch.compile is used on CUDA only; running eagerly"
            ),
        )
    try:
        return torch.compile(model), None
    except Exception as exc:
        return model, Message(
            "TrainMessages",
            QT_TRANSLATE_NOOP("TrainMessages", "torch.compile unavailable, running eagerly: {exc}"),
            exc=str(exc),
        )


def _alone(bad: bool) -> bool:
    return bad


def train_step(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    precision: Precision,
    inp: torch.Tensor,
    tgt: torch.Tensor,
    *,
    loss_fn: LossFn,
    grad_clip: float,
    step_scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    agree: Callable[[bool], bool] = _alone,
) -> float:
    """One optimiser step on (inp, tgt); returns the loss, or nan (and no step) when it is
    not finite. `step_scheduler` is a per-step schedule (cosine); a per-epoch one is the
    caller's. `agree` turns this process's "the loss is bad" into every rank's answer."""
    optimizer.zero_grad(set_to_none=True)
    with precision.autocast():
        est = model(inp)
        loss = loss_fn(est, tgt)
    # Decided together: a rank that skipped backward would leave the others waiting in
    # DDP's gradient all-reduce.
    if agree(not bool(torch.isfinite(loss))):
        return math.nan
    scaler = precision.scaler
    scaler.scale(loss).backward()
    if grad_clip > 0:
        scaler.unscale_(optimizer)  # clip the true gradients, not the loss-scaled ones
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
    scaler.step(optimizer)
    scaler.update()
    if step_scheduler is not None:
        step_scheduler.step()
    return float(loss.detach())


def choose_precision(
    mode: str,
    device: torch.device,
    amp_enabled: bool,
    agrees: Callable[[Precision], tuple[bool, float, float]],
) -> tuple[Precision, str | None]:
    """Mixed precision on CUDA only, and only if it agrees with fp32 on a real batch
    (`agrees`, e.g. `amp_agrees` on a validation batch); `amp_enabled` False keeps a run
    that fell back to fp32 there. Returns the precision and a warning if AMP disagreed."""
    precision = Precision.for_run(mode, device)
    if precision.enabled and not amp_enabled:
        precision.disable()  # this run fell back to fp32 before it was stopped
    elif precision.enabled:
        ok, loss32, loss_amp = agrees(precision)
        if not ok:
            precision.disable()
            return precision, Message(
                "TrainMessages",
                QT_TRANSLATE_NOOP(
                    "TrainMessages",
                    "mixed precision disagrees with fp32 (loss {amp:.4g} vs {fp32:.4g}); "
                    "training in fp32",
                ),
                amp=loss_amp,
                fp32=loss32,
            )
    return precision, None


@torch.no_grad()
def amp_agrees(
    model: torch.nn.Module,
    inp: torch.Tensor,
    tgt: torch.Tensor,
    loss_fn: LossFn,
    precision: Precision,
    tolerance: float = 0.05,
) -> tuple[bool, float, float]:
    """Loss of one batch in fp32 and under the run's autocast: (agrees, fp32, amp)."""
    loss32 = float(loss_fn(model(inp), tgt))
    with torch.autocast(precision.device_type, dtype=precision.dtype):
        loss_amp = float(loss_fn(model(inp).float(), tgt))
    ok = math.isfinite(loss_amp) and abs(loss_amp - loss32) <= tolerance * max(abs(loss32), 1e-6)
    return ok, loss32, loss_amp


class Optimisation:
    """What a run steps with: the optimiser, its schedule, the model as stepped (wrapped for
    DDP, compiled when run.compile asks) and the precision, chosen once data is loaded."""

    def __init__(
        self,
        model: torch.nn.Module,
        config: TrainConfig,
        total_steps: int,
        ctx: ddp.DistContext,
        device: torch.device,
    ) -> None:
        self._optim, self._ctx = config.optim, ctx
        self.optimizer = build_optimizer(model.parameters(), config.optim)
        self.scheduler = build_scheduler(self.optimizer, config.optim, total_steps)
        wrapped = ddp.wrap(model, ctx, device)
        self.train_model, self.compile_warning = compile_model(wrapped, device, config.run.compile)
        self.precision: Precision | None = None  # set by the trainer once AMP is checked
        self.step_lr = 0.0  # the rate the last step used (a cosine schedule moves it after)

    def lr(self) -> float:
        return float(self.optimizer.param_groups[0]["lr"])

    def scale_lr(self, factor: float) -> None:
        scale_lr(self.optimizer, self.scheduler, factor)

    def step(self, inp: torch.Tensor, tgt: torch.Tensor, loss_fn: LossFn) -> float:
        """One training step (`train_step`) under the run's settings; all ranks agree on
        a non-finite loss."""
        self.step_lr = self.lr()
        return train_step(
            self.train_model,
            self.optimizer,
            self.precision,
            inp,
            tgt,
            loss_fn=loss_fn,
            grad_clip=self._optim.grad_clip,
            step_scheduler=self.scheduler if self._optim.scheduler == "cosine" else None,
            agree=lambda bad: ddp.any_rank(self._ctx, bad),
        )
