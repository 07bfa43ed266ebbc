"""An epoch timed on the project's own data: a few real training steps fed by the trainer's
loader, and a pass over the run's validation set.

The batch probe times training steps on random batches made on the device, which leaves
out what a real epoch also waits for: decoding, mixing and augmenting examples in the loader
(15-35 % of a step on a 2-core machine, docs/BENCHMARKS.md), and validation after every
epoch. The Hardware tab promised ~6 s per epoch where epochs took 18-36 s. Here the data is
what the trainer would load (`core.train.setup.load_data`, the same datasets, loader and
workers), the step is the trainer's (`core.train.step.train_step`), and validation is the
trainer's `validate`, so the estimate is built from what an epoch actually does.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.hardware.advice_rules import choose_batch
from core.hardware.batch_probe import ProbeResult

ProgressFn = Callable[[str, int, int], None]  # (message, done, total)
QUALITY_TIMED = 3  # validation segments scored for PESQ/STOI to time one


class TimingCancelled(Exception):
    pass


@dataclass(frozen=True)
class EpochTiming:
    batch_size: int
    device: str
    step_seconds: float  # median real step: the loader's batch, its copy and the training step
    load_seconds: float  # of which waiting for the loader (median)
    steps_timed: int
    validation_seconds: float  # one pass over the validation set (loss, SI-SDR)
    validation_examples: int
    # PESQ and STOI of the scored subset, in the epochs that score them (every
    # `quality_every` epochs; 0: never).
    quality_seconds: float
    quality_every: int
    cached: bool  # examples read from the pre-generated cache, not mixed on the fly
    # Examples one epoch draws, when the timed data counted them (the classify task's
    # balanced epoch); 0: count them from the index (core.hardware.estimates).
    examples_per_epoch: int = 0

    @property
    def per_epoch_overhead(self) -> float:
        """What an epoch adds to its steps: validation, and PESQ/STOI averaged over epochs."""
        quality = self.quality_seconds / self.quality_every if self.quality_every else 0.0
        return self.validation_seconds + quality


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def progress_reporter(
    progress: ProgressFn | None, should_cancel: Callable[[], bool] | None, total: int
) -> Callable[[str, int], None]:
    """report(message, done) for a timing of `total` parts: raises TimingCancelled once
    `should_cancel()` turns true, else passes the progress on."""

    def report(msg: str, done: int) -> None:
        if should_cancel is not None and should_cancel():
            raise TimingCancelled("epoch timing cancelled")
        if progress is not None:
            progress(msg, done, total)

    return report


def seconds_of(work: Callable[[], object], dev) -> float:
    """Wall seconds `work()` takes on `dev`, the GPU's queued work included."""
    import torch

    t0 = time.perf_counter()
    work()
    if dev.type == "cuda":
        torch.cuda.synchronize(dev)
    return time.perf_counter() - t0


def measured(
    batch_size: int,
    dev,
    steps: tuple[list[float], list[float]],
    validation_seconds: float,
    validation_examples: int,
    cached: bool,
    quality_seconds: float = 0.0,
    quality_every: int = 0,
    examples_per_epoch: int = 0,
) -> EpochTiming:
    """The EpochTiming of `steps` (timed_steps' step seconds and loader waits) and one
    validation pass: every task's timing ends here."""
    step_times, waits = steps
    return EpochTiming(
        batch_size=int(batch_size),
        device=str(dev),
        step_seconds=median(step_times),
        load_seconds=median(waits),
        steps_timed=len(step_times),
        validation_seconds=validation_seconds,
        validation_examples=int(validation_examples),
        quality_seconds=quality_seconds,
        quality_every=int(quality_every),
        cached=cached,
        examples_per_epoch=int(examples_per_epoch),
    )


def training_parts(cfg, dev) -> tuple:
    """(model, optimizer, precision) as a run of `cfg` starts them on `dev` (one process,
    not compiled): what the timed steps train and the validation pass then scores."""
    from core.train.models import build_model
    from core.train.step import Precision, build_optimizer

    model = build_model(cfg.model, int(cfg.data.sample_rate)).to(dev).train()
    optimizer = build_optimizer(model.parameters(), cfg.optim)
    return model, optimizer, Precision.for_run(str(cfg.run.amp), dev)


def timed_steps(
    epoch_batches: Callable[[], object],
    state,
    parts: tuple,
    loss_fn,
    cfg,
    dev,
    steps: int,
    report: Callable[[int], None],
) -> tuple[list[float], list[float]]:
    """(step seconds, of which waiting for the loader) of `steps` training steps, the
    trainer's own with `cfg`'s clipping, of `parts` (training_parts) on the batches of
    `epoch_batches()` (the loader of `state.epoch`; the next epoch's when one ends first, as
    training). The first (one per loader worker, at least one) are not timed: each
    worker's first batch waits for its start (a spawned interpreter; batches go to the
    workers in turn) and the first step allocates. report(i) before each step."""
    import torch

    from core.train.step import train_step

    model, optimizer, precision = parts
    grad_clip, warm = cfg.optim.grad_clip, max(1, cfg.run.workers)

    batches = iter(epoch_batches())
    step_times: list[float] = []
    waits: list[float] = []
    for i in range(steps + warm):
        report(i)
        t0 = time.perf_counter()
        try:
            inp, tgt = next(batches)
        except StopIteration:
            state.epoch += 1
            batches = iter(epoch_batches())
            inp, tgt = next(batches)
        t1 = time.perf_counter()
        inp = inp.to(dev, non_blocking=True)
        tgt = tgt.to(dev, non_blocking=True)
        train_step(model, optimizer, precision, inp, tgt, loss_fn=loss_fn, grad_clip=grad_clip)
        if dev.type == "cuda":
            torch.cuda.synchronize(dev)
        if i >= warm:
            step_times.append(time.perf_counter() - t0)
            waits.append(t1 - t0)
    return step_times, waits


def time_epoch(
    project,
    train_config,
    batch_size: int,
    device: str = "cpu",
    steps: int = 4,  # timed, after one untimed
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> EpochTiming:
    """Time `steps` loader-fed training steps at `batch_size` and one validation pass of
    `train_config` on `project`'s data. A cache is used when one is built already; none is
    built for this (that is minutes once, not per epoch). Raises DataError when the project
    cannot train, TimingCancelled when `should_cancel()` turns true. A classify config is
    timed on its feature cache (core.hardware.classify_probe)."""
    if train_config.data.task == "classify":
        from core.hardware.classify_probe import time_classify_epoch

        return time_classify_epoch(project, train_config, batch_size, device, steps, progress,
                                   should_cancel)  # fmt: skip
    import torch

    from core.audio.quality import PerceptualScorer
    from core.train.data import CachedDataset
    from core.train.ddp import DistContext
    from core.train.losses import compute_loss
    from core.train.run_loader import RunLoader
    from core.train.setup import load_data
    from core.train.state import TrainState
    from core.train.validation import validate

    cancelled = should_cancel or (lambda: False)
    cfg = train_config.with_overrides({"run.batch_size": int(batch_size)})
    if cfg.data.cache != "off":
        cfg = cfg.with_overrides({"data.cache": "auto"})  # a built cache, never a new one
    report = progress_reporter(progress, should_cancel, steps + 3)

    dev = torch.device(device)
    report("preparing the project's audio as training will", 0)
    with tempfile.TemporaryDirectory(prefix="wavesmith-timing-") as tmp:
        data = load_data(project, cfg, Path(tmp), DistContext(), lambda _e: None, cancelled)

    parts = training_parts(cfg, dev)
    model, _optimizer, precision = parts

    def loss_fn(est, ref):
        return compute_loss(cfg.optim.loss, est, ref)

    state = TrainState(batch_size=int(batch_size))
    loader = RunLoader(cfg, DistContext(), dev)
    try:
        timed = timed_steps(
            lambda: loader.epoch(data.train_ds, state), state, parts, loss_fn, cfg, dev, steps,
            lambda i: report(f"batch {batch_size}: a training step on the project's data",
                             1 + min(i, steps)),
        )  # fmt: skip
    finally:
        loader.close()  # stop the workers before validation competes with them

    report("one validation pass", steps + 1)
    no_quality = dataclasses.replace(cfg, data=dataclasses.replace(cfg.data, quality_every=0))
    val_seconds = seconds_of(
        lambda: validate(model, data.val, no_quality, precision, loss_fn, int(batch_size), dev,
                         1, None), dev,
    )  # fmt: skip

    quality_seconds = 0.0
    scored = data.val.quality_index
    if cfg.data.quality_every and scored:
        report("PESQ and STOI of a few validation segments", steps + 2)
        refs = data.val.targets[:, 0].numpy()
        ins = data.val.inputs[:, 0].numpy()
        pairs = [(ins[i], refs[i]) for i in scored[:QUALITY_TIMED]]
        # The trainer's scorer: worker processes, two on two cores.
        with PerceptualScorer(workers=min(2, os.cpu_count() or 1)) as scorer:
            # One pair per worker, at once: the pool spawns a worker only when none is idle,
            # so a single pair started one, and the next one's start-up (seconds of imports)
            # fell in the timed call, scaled up to the whole scored subset (19 s "per epoch"
            # where a real epoch's PESQ/STOI took about 2).
            scorer.score(pairs[:1] * scorer.workers, int(cfg.data.sample_rate))
            t0 = time.perf_counter()
            scorer.score(pairs, int(cfg.data.sample_rate))
            quality_seconds = (time.perf_counter() - t0) / len(pairs) * len(scored)
    report("done", steps + 3)
    return measured(batch_size, dev, timed, val_seconds, len(data.val),
                    cached=isinstance(data.train_ds, CachedDataset),
                    quality_seconds=quality_seconds,
                    quality_every=cfg.data.quality_every)  # fmt: skip


def time_advised_epoch(
    project,
    train_config,
    probe: ProbeResult,
    device: str = "cpu",
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> EpochTiming | None:
    """An epoch of `project` timed at the batch the advice will give for `probe`
    (`advice_rules.choose_batch`), the one `advise(..., timing=)` builds its estimate on:
    the Hardware tab and `wavesmith hw PROJECT` both. None when the probe advised no batch;
    raises DataError when the project cannot train yet, TimingCancelled when cancelled."""
    choice = choose_batch(probe)
    if choice is None:
        return None
    return time_epoch(
        project, train_config, choice.batch, device, progress=progress, should_cancel=should_cancel
    )
