"""The Hardware tab's batch probe and epoch timing for the classify task.

A classifier trains on log-mel windows [B, n_mels, frames] with class indices as targets,
not on audio segments, so the probe's random batch is a batch of such windows and its loss
the task's cross-entropy (core.train.classify.data.classify_loss), the model the CNN the
config names with the project's classes (the class count sizes the last layer). The epoch
is timed as core.hardware.epoch_timing times the audio tasks, on what training reads: the
feature cache's splits through the task's own hooks (core.train.classify.task.ClassifyTask:
its balanced loader, its loss, its validation), the cache built first where it is missing,
as training would (the work is kept: the run that follows finds it current).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from core.hardware.batch_probe import ProbeConfig, ProbeResult, probe_batch_sizes
from core.hardware.epoch_timing import (
    EpochTiming,
    ProgressFn,
    TimingCancelled,
    measured,
    progress_reporter,
    seconds_of,
    timed_steps,
    training_parts,
)

PLACEHOLDER_CLASSES = 10  # without a labelled project: only the last layer depends on it


def with_classes(train_config, project) -> tuple[object, str | None]:
    """The config with `project`'s classes when it names none (a run's prepare does the
    same), or with PLACEHOLDER_CLASSES and a warning when there is no labelled project."""
    if train_config.model.classes:
        return train_config, None
    from core.train.classify.task import project_classes

    classes = project_classes(project) if project is not None else ()
    warning = None
    if not classes:
        classes = tuple(f"class{i}" for i in range(PLACEHOLDER_CLASSES))
        warning = (
            f"No labelled clips in the project: measured with {PLACEHOLDER_CLASSES} classes "
            "(the class count changes only the last layer's size)."
        )
    return train_config.with_overrides({"model.classes": tuple(classes)}), warning


def probe_classifier(
    train_config,
    project,
    device: str,
    cfg: ProbeConfig,
    progress=None,
    should_cancel=None,
    free_bytes: int | None = None,
) -> ProbeResult:
    """core.hardware.batch_probe's probe on the config's CNN and log-mel windows (`cfg`
    already carries the run's precision, clipping and compile setting)."""
    import torch

    from core.train.classify.data import classify_loss
    from core.train.models import build_model
    from core.train.step import build_optimizer

    config, warning = with_classes(train_config, project)
    features, n_classes = config.classify.features, len(config.model.classes)

    def make_batch(batch: int, gen, dev):
        x = torch.randn(batch, features.n_mels, features.frames, generator=gen, device=dev)
        y = torch.randint(0, n_classes, (batch,), generator=gen, device=dev)
        return x, y

    result = probe_batch_sizes(
        lambda: build_model(config.model, int(config.data.sample_rate)),
        features.window_samples,
        device=device,
        config=cfg,
        loss_fn=classify_loss(config.classify.label_smoothing),
        optimizer_factory=lambda params: build_optimizer(params, config.optim),
        progress=progress,
        should_cancel=should_cancel,
        free_bytes=free_bytes,
        make_batch=make_batch,
    )
    if warning:
        result = dataclasses.replace(result, warnings=(*result.warnings, warning))
    return result


def time_classify_epoch(
    project,
    train_config,
    batch_size: int,
    device: str = "cpu",
    steps: int = 4,
    progress: ProgressFn | None = None,
    should_cancel=None,
) -> EpochTiming:
    """`steps` training steps fed by the task's loader from the feature cache at
    `batch_size`, after one untimed, and one validation pass. Raises DataError when the
    project cannot train, TimingCancelled when `should_cancel()` turns true."""
    import torch

    from core.train import events as ev
    from core.train.cache import CacheCancelled
    from core.train.classify.task import ClassifyTask
    from core.train.ddp import DistContext
    from core.train.state import TrainState

    cancelled = should_cancel or (lambda: False)
    cfg = train_config.with_overrides({"run.batch_size": int(batch_size)})
    total = steps + 2
    report = progress_reporter(progress, should_cancel, total)

    def emit(event) -> None:
        if isinstance(event, ev.CacheProgress) and progress is not None:
            progress(f"building the feature cache (training reuses it): {event.done}/"
                     f"{event.total} clips", 0, total)  # fmt: skip

    dev = torch.device(device)
    report("reading the feature cache as training will", 0)
    with tempfile.TemporaryDirectory(prefix="wavesmith-timing-") as tmp:
        task = ClassifyTask(cfg, Path(tmp))
        cfg = task.prepare(project, cfg)
        try:
            data = task.load_data(project, cfg, Path(tmp), DistContext(), emit, cancelled)
        except CacheCancelled as exc:
            raise TimingCancelled("epoch timing cancelled") from exc
        parts = training_parts(cfg, dev)
        model, _optimizer, precision = parts
        state = TrainState(batch_size=int(batch_size))
        examples = task.examples_per_epoch(data)
        try:
            timed = timed_steps(
                lambda: task.loader(data, state, cfg, DistContext(), dev), state, parts,
                task.loss_fn, cfg, dev, steps,
                lambda i: report(f"batch {batch_size}: a training step on the feature cache",
                                 1 + min(i, steps)),
            )  # fmt: skip
        finally:
            task.close()  # stop the workers before validation competes with them
        report("one validation pass", steps + 1)
        val_seconds = seconds_of(
            lambda: task.validate(model, data, precision, state, dev, None), dev
        )
    report("done", total)
    return measured(batch_size, dev, timed, val_seconds, (data.val.labels >= 0).sum(),
                    cached=True, examples_per_epoch=examples)  # fmt: skip
