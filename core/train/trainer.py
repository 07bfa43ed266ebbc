"""The training loop, for every task alike (denoise, paired, classify).

Read `Trainer._run` top to bottom: load data → build optimiser and scheduler → (resume) →
for each epoch: train steps from the saved position, validate, schedule, checkpoint, render
samples, decide whether to stop. Everything resumable is the `TrainState` (core.train.state);
its history is the resume cursor. The pieces live beside this file: setup (data), step (the
one training step and the optimiser it steps), validation, recovery (OOM, NaN, a full disk),
resume, samples; control (stop and pause), reporting (the events) and run_checkpoints (when
and how checkpoints are written, and the last good state). Where the tasks differ (the data,
the loss, validation, what follows an epoch), the loop asks its task's hooks (core.train.tasks).
"""

from __future__ import annotations

import logging
import math
import os
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
from core.train.checkpoint import CheckpointError, remove_stale_temp_files
from core.train.config import ConfigError, TrainConfig
from core.train.control import RunControl
from core.train.data import DataError
from core.train.models import build_model, count_parameters, model_size_mb
from core.train.recovery import (
    TrainingFailed,
    batch_culprits,
    count_nan,
    ease_off,
    halve_batch,
    nan_warning,
)
from core.train.reporting import RunEvents
from core.train.resume import continue_from, load_weights, plan_resume
from core.train.run_checkpoints import RunCheckpoints
from core.train.run_folder import RunFolderWriter
from core.train.run_summary import write_final
from core.train.sampling import steps_per_epoch
from core.train.setup import TrainData
from core.train.state import TrainState
from core.train.step import Optimisation, Precision, amp_agrees, choose_precision
from core.train.tasks import task_for

log = logging.getLogger(__name__)


class _Retry(Exception):
    """Internal: leave the epoch loop and start it again from the (restored) position."""


class Trainer:
    def __init__(
        self,
        project: Project,
        config: TrainConfig,
        run_dir: str | Path,
        listener: ev.Listener | None = None,
    ) -> None:
        self.run_dir = Path(run_dir)
        # The task's hooks; its config is the one the model is built from (classify: with
        # the data's classes, kept in config.json and every checkpoint).
        self.task = task_for(config, self.run_dir)
        self.project, self.config = project, self.task.prepare(project, config)
        config = self.config
        self.control = RunControl()  # stop and pause, from any thread
        self.ctx = ddp.init_from_env(config.run.device)
        self.events = RunEvents(self.ctx, listener)
        self._emit = self.events.emit
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
        self.optimisation: Optimisation | None = None  # built once the data is loaded
        self._resume_ckpt: dict | None = None
        self._scaler_state: dict | None = None  # the grad scaler's, loaded once AMP is set up
        self.checkpoints = RunCheckpoints(self.run_dir, config, self.ctx, self._emit)
        self._loss_fn = self.task.loss_fn
        self._started = self._epoch_started = time.monotonic()

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
            load_weights(trainer.model, plan)
            trainer._resume_ckpt, trainer.resumed_from = plan.checkpoint, plan.path
        return trainer

    def add_listener(self, listener: ev.Listener) -> None:
        """Also call `listener(event)` for every event of this run (main process only)."""
        self.events.add(listener)

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> ev.Finished:
        self.events.writers = [RunFolderWriter(self.run_dir)] if self.ctx.is_main else []
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
            self.task.close()
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
            self.data = self.task.load_data(
                self.project, cfg, self.run_dir, self.ctx, self._emit, self.control.stop_requested
            )
        except CacheCancelled:
            return self._finish(
                "stopped", "while building the training cache; nothing was trained yet"
            )
        total = cfg.run.epochs * self._steps_per_epoch()
        self.optimisation = opt = Optimisation(self.model, cfg, total, self.ctx, self.device)
        if opt.compile_warning:
            self.events.warn(opt.compile_warning, "compile")
        if self._resume_ckpt is not None:
            self.state, self._scaler_state, warning = continue_from(
                self._resume_ckpt, cfg, self.model, opt.optimizer, opt.scheduler, self.ctx.world
            )
            self._resume_ckpt = None
            if warning:
                self.events.warn(warning, "resume")
        for message in self.pending_warnings:
            self.events.warn(message, "resume")
        self._setup_amp()
        self.checkpoints.remember(self._checkpoint_dict())
        self._started = time.monotonic()
        self.events.train_started(
            self.run_dir,
            self.state,
            cfg.run.epochs,
            self._steps_per_epoch(),
            self.device,
            self.resumed_from,
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
            val = self.task.validate(
                self.model, self.data, opt.precision, self.state, self.device, self._scorer
            )
            record = self.state.epoch_record(self.task.epoch_figures(val), opt.lr())
            if opt.scheduler is not None and cfg.optim.scheduler == "plateau":
                opt.scheduler.step(val["val_loss"])
            # 3. the next epoch starts at position 0; checkpoint that state
            finished_epoch = self.state.epoch
            improved = self.state.end_epoch(record, cfg.optim.min_delta)
            seconds = time.monotonic() - self._epoch_started
            self.events.epoch_done(finished_epoch, record, self.state, seconds, val)
            self._save_checkpoint(is_best=improved)
            if self.ctx.is_main:  # listening samples, or classify's per-class report
                self.task.after_epoch(
                    self.model, self.data, val, finished_epoch, improved, self.device, self._emit
                )
            # 4. stop early?
            patience = cfg.optim.early_stop_patience
            if patience and self.state.bad_epochs >= patience:
                status = "early_stopped"
                break
            if ddp.any_rank(self.ctx, self.control.stop_requested()):
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
        s, opt = self.state, self.optimisation
        loader = self.task.loader(self.data, s, self.config, self.ctx, self.device)
        opt.train_model.train()
        iterator = iter(loader)
        while True:
            # Cooperative control points: between steps, never inside one.
            self.control.wait_while_paused()
            stopping = self.control.stop_requested()
            if ddp.any_rank(self.ctx, stopping or self._over_budget()):
                self._save_checkpoint(is_best=False)
                return "stopped" if self.control.stop_requested() else "time_budget"
            t0 = time.perf_counter()
            try:
                inp, tgt = next(iterator)
            except StopIteration:
                return None
            t_data = time.perf_counter() - t0
            inp = inp.to(self.device, non_blocking=True)
            tgt = tgt.to(self.device, non_blocking=True)
            try:
                loss = opt.step(inp, tgt, self._loss_fn)
            except torch.OutOfMemoryError:
                del iterator, loader
                opt.optimizer.zero_grad(set_to_none=True)
                self.events.warn(halve_batch(self.state, self.device), "oom")
                raise _Retry() from None
            if not math.isfinite(loss):
                del iterator, loader
                self._recover_from_nan(loss, inp, tgt)
                raise _Retry()
            n = int(inp.shape[0])
            self.state.count_step(n, loss)
            dt = time.perf_counter() - t0
            self.events.step_done(
                self.state, self._steps_per_epoch(), loss, opt.step_lr, n, dt, t_data, self.device
            )
            if self.checkpoints.mid_epoch_due(self.state.step):
                self._save_checkpoint(is_best=False)

    # -- precision, recovery and checkpoints ------------------------------------------------
    def _setup_amp(self) -> None:
        precision, warning = choose_precision(
            self.config.run.amp, self.device, self.state.amp_enabled, self.check_amp
        )
        self.optimisation.precision = precision
        if warning:
            self.events.warn(warning, "amp")
        self.state.amp_enabled = precision.enabled
        if self._scaler_state:
            precision.scaler.load_state_dict(self._scaler_state)

    def check_amp(self, precision: Precision | None = None) -> tuple[bool, float, float]:
        """Loss of one validation batch in fp32 and under autocast (the run's precision,
        or `precision`): (agrees, fp32, amp)."""
        inp, tgt = self.task.amp_batch(self.data, self.state.batch_size)
        inp, tgt = inp.to(self.device), tgt.to(self.device)
        precision = precision or self.optimisation.precision
        return amp_agrees(self.model, inp, tgt, self._loss_fn, precision)

    def _recover_from_nan(self, loss: float, inp: torch.Tensor, tgt: torch.Tensor) -> None:
        opt, limit = self.optimisation, self.config.run.max_nan_retries
        seed = self.config.run.seed
        culprits = batch_culprits(self.data.train_ds, self.state, seed, self.ctx, inp, tgt)
        count_nan(self.state, loss, limit, culprits)
        self.state = self.checkpoints.restore_good(
            self.state, self.model, opt.optimizer, opt.scheduler
        )
        what = ease_off(self.state, opt)
        self.events.warn(nan_warning(self.state, loss, limit, what), "nan")

    def _checkpoint_dict(self) -> dict:
        opt = self.optimisation
        return self.state.to_checkpoint(
            model=self.model,
            optimizer=opt.optimizer,
            scheduler=opt.scheduler,
            scaler=opt.precision.scaler,
            config=self.config,
            world=self.ctx.world,
            elapsed=self._elapsed(),
        )

    def _save_checkpoint(self, is_best: bool) -> None:
        status = partial(self._status, "running")
        self.checkpoints.save(self._checkpoint_dict(), self.state, is_best, status)

    # -- small helpers ---------------------------------------------------------------------------
    def _steps_per_epoch(self) -> int:
        examples = self.task.examples_per_epoch(self.data)
        return steps_per_epoch(examples, self.state.batch_size, self.ctx.world)

    def _elapsed(self) -> float:
        return self.state.elapsed_before + time.monotonic() - self._started

    def _over_budget(self) -> bool:
        run = self.config.run
        if run.max_steps and self.state.step >= run.max_steps:
            return True
        return run.hours > 0 and time.monotonic() - self._started >= run.hours * 3600

    def _status(self, status: str, message: str = "") -> dict:
        size_mb = model_size_mb(self.model)
        return self.state.status(
            self.config, self.parameters, size_mb, self._elapsed(), status, message
        )

    def _finish(self, status: str, message: str) -> ev.Finished:
        if self.ctx.is_main and self.run_dir.exists():
            write_final(self.run_dir, self.state.history, partial(self._status, status, message))
        event = ev.Finished(
            status=status,
            epoch=len(self.state.history),
            step=self.state.step,
            best_val_loss=self.state.best_val_loss,
            message=message,
        )
        self._emit(event)
        return event
