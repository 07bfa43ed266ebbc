"""Named trainer events with small immutable payloads.

The trainer calls `listener(event)` with one of these; listeners (the CLI progress bar, the
GUI controller, the run-folder writer) never see the trainer itself. Every event is a
frozen dataclass whose fields are plain numbers, strings, tuples or paths, so it can cross
a thread boundary or be written to JSON as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from core.messages import from_parts, to_parts


@dataclass(frozen=True, kw_only=True)
class _Timed:
    # When it happened (Unix seconds), stamped as the run announces it (RunEvents.emit) and
    # written to events.jsonl, so a run reopened later shows its own times. None for events
    # of runs written before events carried one. Not part of equality: the same event read
    # back from the folder is the event that was announced.
    time: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class TrainStarted(_Timed):
    run_dir: str
    epoch: int  # first epoch that will run (0-based; > 0 when resumed)
    step: int  # global step at start
    total_epochs: int
    steps_per_epoch: int
    device: str
    batch_size: int
    resumed_from: str | None = None  # checkpoint path when resumed
    name: str = "train_started"


@dataclass(frozen=True)
class StepDone(_Timed):
    epoch: int
    step: int  # global step, counted from 1
    step_in_epoch: int
    steps_per_epoch: int
    loss: float
    lr: float
    samples_per_s: float
    data_wait_fraction: float  # share of step time spent waiting for the loader
    gpu_mem_mb: float | None = None  # CUDA: the most allocated since the last step (MiB)
    name: str = "step_done"


@dataclass(frozen=True)
class EpochDone(_Timed):
    epoch: int  # the epoch just finished (0-based)
    train_loss: float
    val_loss: float
    val_si_sdr: float
    val_si_sdr_improvement: float
    lr: float
    best_epoch: int
    best_val_loss: float
    epochs_without_improvement: int
    seconds: float
    # Wideband PESQ and STOI of the output and of the unprocessed input, on a subset of the
    # validation segments; None in epochs where they were not measured (data.quality_every).
    val_pesq: float | None = None
    val_stoi: float | None = None
    val_pesq_input: float | None = None
    val_stoi_input: float | None = None
    # The classify task's (None for the audio tasks, whose SI-SDR fields are NaN for it):
    # accuracy of the best class, of the five best, and the mean F1 over classes.
    val_top1: float | None = None
    val_top5: float | None = None
    val_macro_f1: float | None = None
    name: str = "epoch_done"


@dataclass(frozen=True)
class CheckpointSaved(_Timed):
    path: str
    epoch: int
    step: int
    is_best: bool
    name: str = "checkpoint_saved"


@dataclass(frozen=True)
class SampleRendered(_Timed):
    epoch: int
    path: str  # processed audio
    input_path: str  # the same clip before processing
    clean_path: str | None  # reference, when the task has one
    name: str = "sample_rendered"


@dataclass(frozen=True)
class CacheProgress(_Timed):
    """Building the pre-generated training cache, before the first step (can take minutes)."""

    done: int  # segments written
    total: int
    path: str
    name: str = "cache_progress"


@dataclass(frozen=True)
class Warning(_Timed):  # noqa: A001 - the event is called what the user sees
    message: str
    kind: str = "general"  # "oom", "nan", "data", "amp", "resume", ...
    name: str = "warning"


@dataclass(frozen=True)
class Finished(_Timed):
    status: str  # "completed", "stopped", "early_stopped", "time_budget", "failed"
    epoch: int  # epochs completed
    step: int
    best_val_loss: float
    message: str = ""
    name: str = "finished"


Event = (
    TrainStarted
    | StepDone
    | EpochDone
    | CheckpointSaved
    | SampleRendered
    | CacheProgress
    | Warning
    | Finished
)
Listener = Callable[[Event], None]

EVENT_TYPES: dict[str, type] = {
    cls.__dataclass_fields__["name"].default: cls
    for cls in (
        TrainStarted,
        StepDone,
        EpochDone,
        CheckpointSaved,
        SampleRendered,
        CacheProgress,
        Warning,
        Finished,
    )
}


def to_dict(event: Event) -> dict:
    d = asdict(event)
    # A core Message (Warning, Finished) keeps its parts for a face that translates it.
    parts = to_parts(getattr(event, "message", None))
    if parts is not None:
        d["message_parts"] = parts
    return d


def from_dict(d: dict) -> Event:
    """The event `to_dict` wrote (its name included); KeyError or TypeError when it is not."""
    d = dict(d)
    cls = EVENT_TYPES[d.pop("name")]
    parts = d.pop("message_parts", None)
    if parts is not None:
        try:
            d["message"] = from_parts(parts)
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # the English is there in any case
    return cls(**d)


def stamped(event: Event, at: float) -> Event:
    """The event with its time set to `at`, unless it already has one."""
    return event if event.time is not None else replace(event, time=at)
