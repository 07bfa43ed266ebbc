"""How big a project's training set is and how long training it takes: seconds of training
audio from the index (no audio is read), steps per epoch, and time per epoch or epochs per
budget from the probe's measured step time."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class DatasetSize:
    """How much audio training reads, in seconds at the training sample rate (mono)."""

    train_seconds: float  # examples drawn each epoch (clean clips or input/target pairs)
    cached_seconds: float  # everything a cache would hold (train, val, noise, targets)
    sample_rate: int

    @property
    def cache_bytes(self) -> int:
        return int(self.cached_seconds * self.sample_rate * 4)  # float32


@dataclass(frozen=True)
class TimeEstimate:
    seconds_per_step: float
    steps_per_epoch: int
    seconds_per_epoch: float
    epochs: int | None  # planned epochs, when given
    total_seconds: float | None  # for the planned epochs
    budget_hours: float | None  # "I have N hours", when given
    epochs_in_budget: int | None


def steps_per_epoch(dataset: DatasetSize, stride_seconds: float, batch: int) -> int:
    """One epoch visits every training segment once; segments start every `stride_seconds`
    (the segment length × the config's hop fraction)."""
    if stride_seconds <= 0 or batch < 1:
        raise ValueError("stride_seconds and batch must be positive")
    segments = max(1, math.ceil(dataset.train_seconds / stride_seconds))
    return max(1, math.ceil(segments / batch))


def estimate_time(
    seconds_per_step: float,
    steps: int,
    epochs: int | None = None,
    hours: float | None = None,
) -> TimeEstimate:
    """Time per epoch and for `epochs`; or how many epochs fit in `hours`."""
    if seconds_per_step <= 0 or steps < 1:
        raise ValueError("seconds_per_step and steps must be positive")
    per_epoch = seconds_per_step * steps
    return TimeEstimate(
        seconds_per_step=seconds_per_step,
        steps_per_epoch=steps,
        seconds_per_epoch=per_epoch,
        epochs=epochs,
        total_seconds=per_epoch * epochs if epochs else None,
        budget_hours=hours,
        epochs_in_budget=int(hours * 3600 // per_epoch) if hours else None,
    )


def dataset_size(
    project, sample_rate: int, task: str = "denoise", variants: int = 1
) -> DatasetSize:
    """Seconds of training audio in a project, from the clip index (no audio is read).

    The cached size counts what the trainer's pre-generated cache holds: for each training
    second an input and a target per augmented variant, plus validation and noise audio.
    """
    train = other = 0.0
    for clip in project.clips():
        seconds = clip.frames / clip.sample_rate if clip.sample_rate else 0.0
        is_example = (task == "denoise" and clip.role == "clean") or (
            task == "paired" and clip.role == "input"
        )
        if clip.split == "train" and is_example:
            train += seconds
        elif not (task == "paired" and clip.role == "target" and clip.split == "train"):
            other += seconds
    cached = train * 2 * max(1, variants) + other
    return DatasetSize(train_seconds=train, cached_seconds=cached, sample_rate=int(sample_rate))


def dataset_size_for(project, train_config) -> DatasetSize:
    data = train_config.data
    return dataset_size(project, data.sample_rate, data.task, data.cache_variants)


def stride_seconds_for(train_config) -> float:
    data = train_config.data
    return data.segment_samples * data.hop_fraction / data.sample_rate
