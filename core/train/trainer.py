"""The training loop, for the denoise and paired tasks alike.

Read `Trainer._run` top to bottom: load data → build optimiser and scheduler → (resume) →
for each epoch: train steps from the saved position, validate, schedule, checkpoint, render
samples, decide whether to stop. Everything resumable is the `TrainState` (core.train.state);
its history is the resume cursor. The pieces live beside this file: setup (data), step (the
one training step), validation, recovery (OOM, NaN, a full disk), resume and samples.
"""

from __future__ import annotations

import copy
import logging
import math
import os
import threading
import time
from functools import partial
from pathlib import Path

import torch

from core.audio.quality import PerceptualScorer
from core.dataset.project import Project
from core.device import pick_device
from core.train import ddp
from core.train import events as ev
from core.train.cache import CacheCancelled
from core.train.checkpoint import (
    CheckpointError,
    checkpoint_dir,
    remove_stale_temp_files,
    save_run_checkpoint,
    set_rng_state,
)
from core.train.config import ConfigError, TrainConfig
from core.train.data import DataError
from core.train.losses import compute_loss
from core.train.models import build_model, count_parameters, model_size_mb
from core.train.recovery import (
    MAX_FAILED_WRITES,
    CheckpointWrites,
    TrainingFailed,
    count_nan,
    halve_batch,
    nan_warning,
)
from core.train.resume import plan_resume
from core.train.run_folder import (
    RunFolderWriter,
    plot_history_in_child,
    write_metrics,
    write_status,
    write_summary,
)
from core.train.samples import render_samples
from core.train.sampling import steps_per_epoch
from core.train.setup import TrainData, load_data, make_loader
from core.train.state import TrainState
from core.train.step import (
    Precision,
    amp_agrees,
    build_optimizer,
    build_scheduler,
    compile_model,
    scale_lr,
    train_step,
)
from core.train.validation import validate

log = logging.getLogger(__name__)


class _Retry(Exception):
    """Internal: leave the epoch loop and start it again from the (restored) position."""


class Trainer:
    MAX_FAILED_WRITES = MAX_FAILED_WRITES  # consecutive failed checkpoint writes before stopping

    def __init__(
        self,
        project: Project,
        config: TrainConfig,
        run_dir: str | Path,
        listener: ev.Listener | None = None,
    ) -> None:
        self.project, self.config = project, config
        self.run_dir = Path(run_dir)
        self._listeners: list[ev.Listener] = [listener] if listener is not None else []
        self._writers: list[ev.Listener] = []  # the run folder's, set up by run()
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self.ctx = ddp.init_from_env(config.run.device)
        # A device this machine lacks fails here, naming it (ValueError).
        self.device = pick_device(
            config.run.device, self.ctx.local_rank if self.ctx.enabled else None
        )
        # The model exists from the start (seeded), so callers may inspect it or add hooks.
        torch.manual_seed(config.run.seed)
        self.model = build_model(config.model, config.data.sample_rate).to(self.device)
        self.parameters = count_parameters(self.model)

        self.state = TrainState(batch_size=config.run.batch_size)  # all that a resume restores
        self.resumed_from: str | None = None  # the checkpoint this run continues from
        self.pending_warnings: list[str] = []  # emitted when the run starts
        self.data: TrainData | None = None  # loaded when the run starts
        self._resume_ckpt: dict | None = None
        self._scaler_state: dict | None = None  # the grad scaler's, loaded once AMP is set up
        self._writes = CheckpointWrites()
        self._loss_fn = partial(compute_loss, config.optim.loss)
        self._started = self._last_ckpt_time = self._epoch_started = time.monotonic()

    @property
    def train_ds(self):
        return self.data.train_ds if self.data is not None else None

    @property
    def skipped_sources(self) -> list[str]:
        """Source files left out of this run (deleted or changed since they were imported)."""
        return self.data.skipped if self.data is not None else []

    # -- control (any thread) --------------------------------------------------------------
    def request_stop(self) -> None:
        self._stop.set()
        self._running.set()

    def request_pause(self) -> None:
        self._running.clear()

    def request_resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # -- resume ------------------------------------------------------------------------------
    @classmethod
    def resume(
        cls,
        project: Project,
        run_dir: str | Path,
        checkpoint: str | Path | None = None,
        listener: ev.Listener | None = None,
        overrides: dict | None = None,
    ) -> Trainer:
        """A trainer that continues a run from its latest (or the given) checkpoint. Safe
        config changes (epochs, patience, workers, batch size) come in `overrides`."""
        plan = plan_resume(run_dir, checkpoint, overrides)
        trainer = cls(project, plan.config, run_dir, listener)
        trainer.pending_warnings = plan.warnings
        if plan.checkpoint is not None:
            try:
                trainer.model.load_state_dict(plan.checkpoint["model"])
            except RuntimeError as exc:
                raise CheckpointError(
                    f"{plan.path}: the weights do not fit the model in its config: {str(exc)[:300]}"
                ) from exc
            trainer._resume_ckpt, trainer.resumed_from = plan.checkpoint, plan.path
        return trainer

    # -- events ------------------------------------------------------------------------------
    def add_listener(self, listener: ev.Listener) -> None:
        """Also call `listener(event)` for every event of this run (main process only)."""
        self._listeners.append(listener)

    def _emit(self, event: ev.Event) -> None:
        if not self.ctx.is_main:
            return
        # The run folder first: a listener that reads events.jsonl finds the event there.
        for listener in (*self._writers, *self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not kill a night of training
                log.exception("event listener failed on %s", event.name)

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> ev.Finished:
        self._writers = [RunFolderWriter(self.run_dir)] if self.ctx.is_main else []
        # The thread count is process-wide: set it for this run only.
        threads_before = torch.get_num_threads()
        if self.config.run.threads > 0:
            torch.set_num_threads(self.config.run.threads)
        # PESQ/STOI in worker processes: the trainer often runs in a GUI thread (see
        # core.audio.quality). Two workers halve the validation pause on two cores.
        self._scorer = PerceptualScorer(workers=min(2, os.cpu_count() or 1))
        try:
            return self._run()
        except (TrainingFailed, DataError, ConfigError, CheckpointError) as exc:
            return self._finish("failed", str(exc))
        except Exception as exc:
            log.exception("training failed")
            return self._finish("failed", f"{type(exc).__name__}: {exc}")
        finally:
            self._scorer.close()
            torch.set_num_threads(threads_before)

    def _run(self) -> ev.Finished:
        cfg = self.config
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if self.ctx.is_main:
            cfg.save(self.run_dir / "config.json")
            for stale in remove_stale_temp_files(self.run_dir):
                log.info("removed %s, left by a process killed while writing it", stale)
        try:
            self.data = load_data(
                self.project, cfg, self.run_dir, self.ctx, self._emit, self._stop.is_set
            )
        except CacheCancelled:
            return self._finish(
                "stopped", "stopped while building the training cache; nothing was trained yet"
            )
        self._build_optimisation()
        if self._resume_ckpt is not None:
            self._continue_from(self._resume_ckpt)
            self._resume_ckpt = None
        for message in self.pending_warnings:
            self._emit(ev.Warning(message, kind="resume"))
        self._setup_amp()
        self._good_state = copy.deepcopy(self._checkpoint_dict())
        self._started = time.monotonic()
        self._last_ckpt_time = time.monotonic()
        self._emit(
            ev.TrainStarted(
                run_dir=str(self.run_dir),
                epoch=self.state.epoch,
                step=self.state.step,
                total_epochs=cfg.run.epochs,
                steps_per_epoch=steps_per_epoch(
                    len(self.data.train_ds), self.state.batch_size, self.ctx.world
                ),
                device=str(self.device),
                batch_size=self.state.batch_size,
                resumed_from=self.resumed_from,
            )
        )

        status = "completed"
        while self.state.epoch < cfg.run.epochs:
            # 1. train from the saved position to the end of the epoch
            try:
                stop = self._train_epoch()
            except _Retry:
                continue
            if stop is not None:
                status = stop
                break
            # 2. validate, schedule, remember the best
            val = validate(
                self.model,
                self.data.val,
                cfg,
                self.precision,
                self._loss_fn,
                self.state.batch_size,
                self.device,
                self.state.epoch,
                self._scorer,
            )
            record = self.state.epoch_record(val, self._lr())
            if self.scheduler is not None and cfg.optim.scheduler == "plateau":
                self.scheduler.step(val["val_loss"])
            # 3. the next epoch starts at position 0; checkpoint that state
            finished_epoch = self.state.epoch
            improved = self.state.end_epoch(record, cfg.optim.min_delta)
            self._emit(
                ev.EpochDone(
                    epoch=finished_epoch,
                    train_loss=record["train_loss"],
                    val_loss=record["val_loss"],
                    val_si_sdr=record["val_si_sdr"],
                    val_si_sdr_improvement=record["val_si_sdr_improvement"],
                    lr=record["lr"],
                    best_epoch=self.state.best_epoch,
                    best_val_loss=self.state.best_val_loss,
                    epochs_without_improvement=self.state.bad_epochs,
                    seconds=time.monotonic() - self._epoch_started,
                    **val["quality"],
                )
            )
            self._save_checkpoint(is_best=improved)
            if self.ctx.is_main:
                samples_dir = self.run_dir / "samples" / f"epoch_{finished_epoch:04d}"
                render_samples(
                    self.model,
                    self.data.sample_clips,
                    samples_dir,
                    finished_epoch,
                    cfg.data.sample_rate,
                    self.device,
                    self._emit,
                )
            # 4. stop early?
            patience = cfg.optim.early_stop_patience
            if patience and self.state.bad_epochs >= patience:
                status = "early_stopped"
                break
            if ddp.any_rank(self.ctx, self._stop.is_set()):
                status = "stopped"
                break
            if ddp.any_rank(self.ctx, self._over_budget()):
                status = "time_budget"
                break
        return self._finish(status, self.state.finish_message(status, cfg.run))

    # -- one epoch ---------------------------------------------------------------------------
    def _train_epoch(self) -> str | None:
        """Train from the state's position to the end of the epoch. Returns a stop status, or
        None when the epoch is complete. Raises _Retry after OOM/NaN recovery."""
        self._epoch_started = time.monotonic()
        s = self.state
        loader = make_loader(
            self.data.train_ds,
            s.batch_size,
            s.epoch,
            s.position,
            self.config,
            self.ctx,
            self.device,
        )
        self.train_model.train()
        iterator = iter(loader)
        while True:
            # Cooperative control points: between steps, never inside one.
            self._wait_while_paused()
            stop = ddp.any_rank(self.ctx, self._stop.is_set() or self._over_budget())
            if stop:
                self._save_checkpoint(is_best=False)
                return "stopped" if self._stop.is_set() else "time_budget"
            t0 = time.perf_counter()
            try:
                inp, tgt = next(iterator)
            except StopIteration:
                return None
            t_data = time.perf_counter() - t0
            inp = inp.to(self.device, non_blocking=True)
            tgt = tgt.to(self.device, non_blocking=True)
            try:
                loss = self._train_step(inp, tgt)
            except torch.OutOfMemoryError:
                del iterator, loader
                self._recover_from_oom()
                raise _Retry() from None
            if not math.isfinite(loss):
                del iterator, loader
                self._recover_from_nan(loss)
                raise _Retry()
            n = int(inp.shape[0])
            self.state.position += n
            self.state.step += 1
            self.state.loss_sum += loss * n
            self.state.loss_count += n
            dt = time.perf_counter() - t0
            self._emit(
                ev.StepDone(
                    epoch=self.state.epoch,
                    step=self.state.step,
                    step_in_epoch=math.ceil(self.state.position / self.state.batch_size),
                    steps_per_epoch=steps_per_epoch(
                        len(self.data.train_ds), self.state.batch_size, self.ctx.world
                    ),
                    loss=loss,
                    lr=self._step_lr,
                    samples_per_s=n * self.ctx.world / max(dt, 1e-9),
                    data_wait_fraction=t_data / max(dt, 1e-9),
                    gpu_mem_mb=(
                        torch.cuda.max_memory_allocated(self.device) / 2**20
                        if self.device.type == "cuda"
                        else None
                    ),
                )
            )
            if self._mid_epoch_checkpoint_due():
                self._save_checkpoint(is_best=False)

    def _train_step(self, inp: torch.Tensor, tgt: torch.Tensor) -> float:
        optim = self.config.optim
        self._step_lr = self._lr()  # the rate this step uses (a cosine schedule moves it after)
        return train_step(
            self.train_model,
            self.optimizer,
            self.precision,
            inp,
            tgt,
            loss_fn=self._loss_fn,
            grad_clip=optim.grad_clip,
            step_scheduler=self.scheduler if optim.scheduler == "cosine" else None,
            agree=lambda bad: ddp.any_rank(self.ctx, bad),
        )

    # -- setup -------------------------------------------------------------------------------
    def _build_optimisation(self) -> None:
        cfg = self.config
        self.optimizer = build_optimizer(self.model.parameters(), cfg.optim)
        total = cfg.run.epochs * steps_per_epoch(
            len(self.data.train_ds), self.state.batch_size, self.ctx.world
        )
        self.scheduler = build_scheduler(self.optimizer, cfg.optim, total)
        wrapped = ddp.wrap(self.model, self.ctx, self.device)
        self.train_model, warning = compile_model(wrapped, self.device, cfg.run.compile)
        if warning:
            self._emit(ev.Warning(warning, kind="compile"))

    def _setup_amp(self) -> None:
        """Mixed precision on CUDA only, and only if it agrees with fp32 on a real batch."""
        self.precision = Precision.for_run(self.config.run.amp, self.device)
        if self.precision.enabled and not self.state.amp_enabled:
            self.precision.disable()  # this run fell back to fp32 before it was stopped
        elif self.precision.enabled:
            ok, loss32, loss_amp = self.check_amp()
            if not ok:
                self.precision.disable()
                self._emit(
                    ev.Warning(
                        f"mixed precision disagrees with fp32 (loss {loss_amp:.4g} vs "
                        f"{loss32:.4g}); training in fp32",
                        kind="amp",
                    )
                )
        self.state.amp_enabled = self.precision.enabled
        if self._scaler_state:
            self.precision.scaler.load_state_dict(self._scaler_state)

    def check_amp(self) -> tuple[bool, float, float]:
        """Loss of one validation batch in fp32 and under autocast: (agrees, fp32, amp)."""
        inp = self.data.val.inputs[: self.state.batch_size].to(self.device)
        tgt = self.data.val.targets[: self.state.batch_size].to(self.device)
        return amp_agrees(self.model, inp, tgt, self._loss_fn, self.precision)

    # -- recovery (core.train.recovery) ------------------------------------------------------
    def _recover_from_oom(self) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        self._emit(ev.Warning(halve_batch(self.state, self.device), kind="oom"))

    def _recover_from_nan(self, loss: float) -> None:
        limit = self.config.run.max_nan_retries
        count_nan(self.state, loss, limit)
        self._restore_good_state()
        if self.state.amp_enabled:
            self.precision.disable()
            self.state.amp_enabled = False
            what = "switched mixed precision off"
        else:
            self._scale_lr(0.5)
            what = f"halved the learning rate to {self._lr():.3g}"
        self._emit(ev.Warning(nan_warning(self.state, loss, limit, what), kind="nan"))

    def _scale_lr(self, factor: float) -> None:
        self.state.lr_scale *= factor
        scale_lr(self.optimizer, self.scheduler, factor)

    # -- checkpoints --------------------------------------------------------------------------
    def _checkpoint_dict(self) -> dict:
        return self.state.to_checkpoint(
            model=self.model,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
            scaler=self.precision.scaler,
            config=self.config,
            world=self.ctx.world,
            elapsed=self._elapsed(),
        )

    def _continue_from(self, ckpt: dict) -> None:
        """Take up a resumed run where its checkpoint left it, random streams included."""
        self.state = TrainState.from_checkpoint(ckpt, self.config)
        self._scaler_state = TrainState.restore_modules(
            ckpt, self.model, self.optimizer, self.scheduler
        )
        set_rng_state(ckpt["rng"])
        if ckpt.get("world_size", 1) != self.ctx.world:
            self._emit(
                ev.Warning(
                    f"resumed on {self.ctx.world} processes, saved on {ckpt['world_size']}; "
                    "the data order restarts at this epoch's position per process",
                    kind="resume",
                )
            )

    def _restore_good_state(self) -> None:
        """Back to the last checkpointed state (NaN recovery). The recovery's own counters,
        the batch size and the precision in use stay as they are now."""
        now = self.state
        good = copy.deepcopy(self._good_state)
        self.state = TrainState.from_checkpoint(good, self.config)
        TrainState.restore_modules(good, self.model, self.optimizer, self.scheduler)
        self.state.nan_retries, self.state.batch_size = now.nan_retries, now.batch_size
        self.state.amp_enabled, self.state.elapsed_before = now.amp_enabled, now.elapsed_before

    def _save_checkpoint(self, is_best: bool) -> None:
        ckpt = self._checkpoint_dict()
        self._good_state = copy.deepcopy(ckpt)
        self._last_ckpt_time = time.monotonic()
        if not self.ctx.is_main:
            return
        try:
            path = save_run_checkpoint(self.run_dir, ckpt, is_best, self.config.run.keep_last)
            write_metrics(self.run_dir, self.state.history)
            write_status(self.run_dir, self._status("running"))
        except OSError as exc:
            # The previous checkpoint is still whole (writes go to a temporary file first):
            # train on, the next checkpoint retries; after MAX_FAILED_WRITES in a row, stop.
            message = self._writes.failed_write(exc, checkpoint_dir(self.run_dir))
            self._emit(ev.Warning(message, kind="checkpoint"))
            return
        self._writes.succeeded()
        self._emit(ev.CheckpointSaved(str(path), self.state.epoch, self.state.step, is_best))

    def _mid_epoch_checkpoint_due(self) -> bool:
        r = self.config.run
        if r.checkpoint_steps and self.state.step % r.checkpoint_steps == 0:
            return True
        return (
            bool(r.checkpoint_minutes)
            and time.monotonic() - self._last_ckpt_time >= r.checkpoint_minutes * 60
        )

    # -- small helpers ---------------------------------------------------------------------------
    def _elapsed(self) -> float:
        return self.state.elapsed_before + time.monotonic() - self._started

    def _lr(self) -> float:
        return float(self.optimizer.param_groups[0]["lr"])

    def _over_budget(self) -> bool:
        run = self.config.run
        if run.max_steps and self.state.step >= run.max_steps:
            return True
        return run.hours > 0 and time.monotonic() - self._started >= run.hours * 3600

    def _wait_while_paused(self) -> None:
        while not self._running.wait(timeout=0.5):
            pass

    def _status(self, status: str, message: str = "") -> dict:
        size_mb = model_size_mb(self.model)
        return self.state.status(
            self.config, self.parameters, size_mb, self._elapsed(), status, message
        )

    def _finish(self, status: str, message: str) -> ev.Finished:
        if self.ctx.is_main and self.run_dir.exists():
            try:
                write_status(self.run_dir, self._status(status, message))
                write_metrics(self.run_dir, self.state.history)
                write_summary(self.run_dir, self.state.history, self._status(status, message))
                plot_history_in_child(self.run_dir, self.state.history)
            except Exception:
                log.exception("could not write the run summary")
        event = ev.Finished(
            status=status,
            epoch=len(self.state.history),
            step=self.state.step,
            best_val_loss=self.state.best_val_loss,
            message=message,
        )
        self._emit(event)
        return event
