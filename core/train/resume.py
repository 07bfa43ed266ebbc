"""What resuming a run means: which checkpoint, under which config, with which warnings.

`plan_resume` decides it without building anything; `Trainer.resume` builds the trainer
from the plan (`load_weights`), and the run takes up its state with `continue_from`. A damaged latest checkpoint falls back to the newest readable one; a run
killed before its first checkpoint restarts from its config.json (nothing was lost).

A run continues only from its own checkpoints: one from another run's folder would put that
run's config, history and best model over this one's. `branch_run` makes a new run folder
that starts from such a checkpoint instead.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from core.messages import QT_TRANSLATE_NOOP, Message, message_of
from core.train.checkpoint import (
    BEST,
    CHECKPOINTS,
    LATEST,
    CheckpointError,
    checkpoint_dir,
    list_checkpoints,
    load_checkpoint,
    restore_numbered,
    set_rng_state,
)
from core.train.config import ConfigError, TrainConfig, flatten
from core.train.config_checks import said as config_said
from core.train.state import TrainState

log = logging.getLogger(__name__)

# Fields that may change when a run is resumed; anything in data.* or model.* that changes
# the model's shape or the meaning of a sample is refused (see check_resume_compatible).
SAFE_ON_RESUME = {
    "run.epochs",
    "run.hours",
    "run.max_steps",
    "run.workers",
    "run.device",
    "run.batch_size",
    "run.checkpoint_minutes",
    "run.checkpoint_steps",
    "run.keep_last",
    "run.max_nan_retries",
    "run.threads",
    "run.amp",
    "run.compile",
    "optim.early_stop_patience",
    "optim.min_delta",
    "optim.grad_clip",
    "data.cache",
    "data.val_segments_max",
    "data.sample_clips",
    "data.quality_every",
    "data.quality_segments",
}
REFUSED_ON_RESUME = {"data.task", "data.sample_rate", "data.segment_samples"}


def check_resume_compatible(old: TrainConfig, new: TrainConfig) -> list[str]:
    """Raise ConfigError for changes that would break a resumed run; return warnings for
    accepted changes that alter training (batch size)."""
    a, b = flatten(old.to_dict()), flatten(new.to_dict())
    changed = sorted(k for k in a if a[k] != b.get(k))
    # model.*: the shape (a classifier's classes too); classify.features.*: what its input
    # means (a spectrogram of other bins or frames).
    refused = [
        k
        for k in changed
        if k in REFUSED_ON_RESUME or k.startswith(("model.", "classify.features."))
    ]
    if refused:
        details = ", ".join(f"{k}: {a[k]!r} -> {b[k]!r}" for k in refused)
        said_ = QT_TRANSLATE_NOOP(
            "ConfigErrors",
            "cannot resume with a changed {details}; these change the model's shape or what "
            "a sample means. Start a new run instead.",
        )
        raise ConfigError(config_said(said_, details=details))
    warnings = []
    for k in changed:
        if k == "run.batch_size":
            said = QT_TRANSLATE_NOOP(
                "TrainMessages",
                "batch size changed {old} -> {new}: the data order continues, but the result "
                "will not match an uninterrupted run exactly",
            )
            warnings.append(Message("TrainMessages", said, old=a[k], new=b[k]))
        elif k not in SAFE_ON_RESUME:
            said = QT_TRANSLATE_NOOP("TrainMessages", "{key} changed {old} -> {new} on resume")
            warnings.append(Message("TrainMessages", said, key=k, old=repr(a[k]), new=repr(b[k])))
    return warnings


@dataclass
class ResumePlan:
    config: TrainConfig  # the saved config with the overrides applied
    checkpoint: dict | None  # None: nothing was saved, the run starts again from its config
    path: str | None  # the checkpoint file it continues from
    warnings: list[str] = field(default_factory=list)  # for the run to emit when it starts


def plan_resume(
    run_dir: str | Path, checkpoint: str | Path | None = None, overrides: dict | None = None
) -> ResumePlan:
    """Resume from the given checkpoint, else from latest.pt, else from the newest readable
    one (with a warning). Safe config changes (epochs, patience, workers, batch size) come in
    `overrides`; a change of shape raises ConfigError."""
    run_dir = Path(run_dir)
    path = Path(checkpoint) if checkpoint else checkpoint_dir(run_dir) / LATEST
    if checkpoint is not None:
        _refuse_foreign(run_dir, path)
    fallback_warnings: list[str] = []
    try:
        ckpt = load_checkpoint(path)
    except CheckpointError as exc:
        good = _readable_checkpoints(run_dir, exclude=path)
        if checkpoint is not None:
            offer = f"; the newest readable checkpoint of this run is {good[0][0]}" if good else ""
            raise CheckpointError(f"{exc}{offer}") from exc
        if not good and not _any_checkpoint(run_dir) and (run_dir / "config.json").is_file():
            # Killed before its first checkpoint: nothing was saved, so nothing is lost by
            # starting the run again from its saved config.
            cfg = TrainConfig.load(run_dir / "config.json").with_overrides(overrides or {})
            message = Message(
                "TrainMessages",
                QT_TRANSLATE_NOOP(
                    "TrainMessages",
                    "{path}: no checkpoint was saved before the run stopped; starting it again "
                    "from the beginning",
                ),
                path=str(path),
            )
            return ResumePlan(cfg, None, None, [message])
        if not good:
            raise CheckpointError(
                f"{exc}; no other readable checkpoint in {checkpoint_dir(run_dir)}"
            ) from exc
        path, ckpt = good[0]
        said = QT_TRANSLATE_NOOP(
            "TrainMessages",
            "{error}; resuming from the newest readable checkpoint {path} instead (epoch "
            "{epoch}, step {step})",
        )
        fallback_warnings.append(
            Message(
                "TrainMessages",
                said,
                error=message_of(exc),
                path=str(path),
                epoch=ckpt["epoch"] + 1,
                step=ckpt["step"],
            )  # fmt: skip
        )
    old = TrainConfig.from_dict(ckpt["config"])
    new = old.with_overrides(overrides or {})
    if not fallback_warnings and path.resolve().parent == checkpoint_dir(run_dir).resolve():
        restore_numbered(run_dir, path, ckpt, new.run.keep_last)
    warnings = fallback_warnings + check_resume_compatible(old, new)
    return ResumePlan(new, ckpt, str(path), warnings)


def _refuse_foreign(run_dir: Path, path: Path) -> None:
    """CheckpointError unless `path` lies in this run's folder (a missing file is left to
    load_checkpoint, which says it is not found)."""
    folder, own = path.resolve().parent, Path(run_dir).resolve()
    if not path.is_file() or folder == own or own in folder.parents:
        return
    owner = folder.parent if folder.name == CHECKPOINTS else folder
    whose = f"the run {owner}" if (owner / "config.json").is_file() else f"{owner}, not this run"
    raise CheckpointError(
        f"{path}: this checkpoint belongs to {whose}; resuming {run_dir} from it would "
        f"replace that run's config, history and checkpoints with another's. Resume the run "
        f"it belongs to, or branch a new run from it (wavesmith resume {run_dir} --checkpoint "
        f"{path} --branch)"
    )


def branch_run(runs_dir: Path, checkpoint: str | Path, name: str | None = None) -> Path:
    """A new run folder under `runs_dir` that continues from `checkpoint` (any run's):
    its config.json is the checkpoint's, and the checkpoint is linked (or copied) into its
    checkpoints/ as latest.pt, so `plan_resume` takes it as the run's own. The run it came
    from is only read."""
    from core.train.run_folder import new_run_dir  # run_folder is light; import on use

    source = Path(checkpoint)
    ckpt = load_checkpoint(source)
    config = TrainConfig.from_dict(ckpt["config"])
    origin = source.resolve().parent
    stem = origin.parent.name if origin.name == CHECKPOINTS else source.stem
    run_dir = new_run_dir(Path(runs_dir), config.data.task, name or f"{stem}-branch", config)
    folder = checkpoint_dir(run_dir)
    folder.mkdir()
    try:
        os.link(source, folder / LATEST)
    except OSError:  # another filesystem, or no hard links there
        shutil.copyfile(source, folder / LATEST)
    return run_dir


def load_weights(model, plan: ResumePlan) -> None:
    """The plan's checkpointed weights into `model` (CheckpointError when they do not fit)."""
    try:
        model.load_state_dict(plan.checkpoint["model"])
    except RuntimeError as exc:
        raise CheckpointError(
            f"{plan.path}: the weights do not fit the model in its config: {str(exc)[:300]}"
        ) from exc


def continue_from(
    ckpt: dict, config: TrainConfig, model, optimizer, scheduler, world: int
) -> tuple[TrainState, dict | None, str | None]:
    """Take up a resumed run where its checkpoint left it, random streams included: its
    state, the grad scaler's state (loaded once the precision is known) and a warning when
    it was saved by another number of processes."""
    state = TrainState.from_checkpoint(ckpt, config)
    scaler_state = TrainState.restore_modules(ckpt, model, optimizer, scheduler)
    set_rng_state(ckpt["rng"])
    warning = None
    if ckpt.get("world_size", 1) != world:
        said = QT_TRANSLATE_NOOP(
            "TrainMessages",
            "resumed on {world} processes, saved on {saved}; the data order restarts at this "
            "epoch's position per process",
        )
        warning = Message("TrainMessages", said, world=world, saved=ckpt["world_size"])
    return state, scaler_state, warning


def _any_checkpoint(run_dir: Path) -> bool:
    folder = checkpoint_dir(run_dir)
    return folder.is_dir() and any(p.suffix == ".pt" for p in folder.iterdir())


def _readable_checkpoints(run_dir: Path, exclude: Path | None = None) -> list[tuple[Path, dict]]:
    """The run's checkpoints that load, newest first: numbered ones, then best.pt.

    Only the first readable one is loaded in full; the list holds at most that one with
    its contents (the rest are not needed to resume)."""
    folder = checkpoint_dir(run_dir)
    candidates = [*reversed(list_checkpoints(run_dir)), folder / BEST]
    skip = Path(exclude).resolve() if exclude is not None else None
    for candidate in candidates:
        if not candidate.is_file() or candidate.resolve() == skip:
            continue
        try:
            return [(candidate, load_checkpoint(candidate))]
        except CheckpointError as exc:
            log.warning("%s", exc)
    return []
