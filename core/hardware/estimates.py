"""How big a project's training set is and how long training it takes: seconds of training
audio and the training segments it gives, from the index (no audio is read), and time per
epoch or epochs per budget from a measured step (core.hardware.epoch_timing's, with its data
loading and validation, or the batch probe's alone)."""

from __future__ import annotations

from dataclasses import dataclass

from core.dataset.measure import edited_frames
from core.dataset.segments import segments_per_clip


@dataclass(frozen=True)
class DatasetSize:
    """How much audio training reads, in seconds at the training sample rate (mono)."""

    train_seconds: float  # examples drawn each epoch (clean clips or input/target pairs)
    cached_seconds: float  # everything a cache would hold (train, val, noise, targets)
    sample_rate: int
    # Segments one epoch draws, counted per clip as the trainer's dataset does
    # (core.dataset.segments): a clip shorter than a segment still gives one.
    train_segments: int = 0
    # The classify task caches log-mel windows, not audio: their count and size, when set.
    feature_windows: int = 0
    feature_bytes: int | None = None

    @property
    def cache_bytes(self) -> int:
        if self.feature_bytes is not None:
            return self.feature_bytes
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
    # Seconds an epoch adds to its steps (validation, PESQ/STOI), when they were measured.
    overhead_seconds: float = 0.0


def estimate_time(
    seconds_per_step: float,
    steps: int,
    epochs: int | None = None,
    hours: float | None = None,
    overhead_seconds: float = 0.0,
) -> TimeEstimate:
    """Time per epoch (`steps` steps plus `overhead_seconds` of validation) and for
    `epochs`; or how many epochs fit in `hours`."""
    if seconds_per_step <= 0 or steps < 1 or overhead_seconds < 0:
        raise ValueError("seconds_per_step and steps must be positive")
    per_epoch = seconds_per_step * steps + overhead_seconds
    return TimeEstimate(
        seconds_per_step=seconds_per_step,
        steps_per_epoch=steps,
        seconds_per_epoch=per_epoch,
        epochs=epochs,
        total_seconds=per_epoch * epochs if epochs else None,
        budget_hours=hours,
        epochs_in_budget=int(hours * 3600 // per_epoch) if hours else None,
        overhead_seconds=overhead_seconds,
    )


def _training_frames(clip, sample_rate: int) -> int:
    """A clip's length after its edits, in samples at the training rate (from the index)."""
    if not clip.sample_rate:
        return 0
    frames, _exact = edited_frames(clip.frames, clip.edits)
    return int(round(frames * sample_rate / clip.sample_rate))


def dataset_size(
    project,
    sample_rate: int,
    task: str = "denoise",
    variants: int = 1,
    segment_samples: int | None = None,
    hop_samples: int | None = None,
) -> DatasetSize:
    """Seconds of training audio in a project and the segments they give, from the clip
    index (no audio is read).

    The cached size counts what the trainer's pre-generated cache holds: for each training
    second an input and a target per augmented variant, plus validation and noise audio.
    Without `segment_samples`, `train_segments` is 0 (no segment length to count with).
    """
    train = other = 0.0
    lengths: list[int] = []
    for clip in project.clips():
        seconds = clip.frames / clip.sample_rate if clip.sample_rate else 0.0
        if clip.split == "train" and task == "denoise" and clip.role == "clean":
            train += seconds
            lengths.append(_training_frames(clip, sample_rate))
        elif clip.split == "train" and task == "paired" and clip.role == "input":
            train += seconds
        elif not (task == "paired" and clip.role == "target" and clip.split == "train"):
            other += seconds
    if task == "paired":
        # A pair trains on the overlap of its input and target.
        lengths = [
            min(_training_frames(p.input, sample_rate), _training_frames(p.target, sample_rate))
            for p in project.pairs(split="train")
        ]
    segments = 0
    if segment_samples:
        hop = max(1, hop_samples or segment_samples)
        segments = sum(segments_per_clip(n, segment_samples, hop) for n in lengths)
    cached = train * 2 * max(1, variants) + other
    return DatasetSize(
        train_seconds=train,
        cached_seconds=cached,
        sample_rate=int(sample_rate),
        train_segments=segments,
    )


def dataset_size_for(project, train_config) -> DatasetSize:
    """The dataset size for a training config: its rate, task, cache variants and segments
    (the hop as the trainer's dataset computes it); for the classify task, its feature
    cache (mel bins, hop, window, variants, max_per_class)."""
    data = train_config.data
    if data.task == "classify":
        return classify_dataset_size(project, train_config)
    return dataset_size(
        project,
        data.sample_rate,
        data.task,
        data.cache_variants,
        data.segment_samples,
        data.hop_samples,
    )


def classify_dataset_size(project, train_config) -> DatasetSize:
    """The classify task's: seconds of labelled training audio, and the log-mel feature
    cache its settings make (core.train.classify.feature_cache_plan.estimated_size)."""
    from core.dataset.labels import labelled_clips
    from core.train.classify.feature_cache_plan import estimated_size

    clips = labelled_clips(project)
    train_ids = {lc.clip_id for lc in clips if lc.split == "train"}
    ids = {lc.clip_id for lc in clips}
    train = other = 0.0
    for clip in project.clips():
        if clip.id in ids and clip.sample_rate:
            seconds = clip.frames / clip.sample_rate
            if clip.id in train_ids:
                train += seconds
            else:
                other += seconds
    size = estimated_size(project, clips, train_config)
    return DatasetSize(
        train_seconds=train,
        cached_seconds=train + other,
        sample_rate=train_config.classify.features.sample_rate,
        feature_windows=size.windows,
        feature_bytes=size.nbytes,
    )
