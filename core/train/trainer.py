"""The training loop, for the denoise and paired tasks alike.

Read `Trainer._run` top to bottom: load data → build optimiser and scheduler → (resume) →
for each epoch: train steps from the saved position, validate, schedule, checkpoint, render
samples, decide whether to stop. Everything resumable lives in the checkpoint dict built by
`_checkpoint_dict`; the history is the resume cursor.

Recovery rules:
- CUDA out of memory: halve the batch, keep the place in the data order, continue.
- NaN/inf loss: restore the last good state (kept in memory at every checkpoint), halve the
  learning rate (AMP is switched off first if it was on), retry; after max_nan_retries, fail.
- Time budget (run.hours) or a stop request: checkpoint, then finish cleanly.
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

import numpy as np
import torch
from torch.utils.data import DataLoader

from core.audio.io import write_audio
from core.audio.quality import PerceptualScorer, si_sdr
from core.dataset.project import Project
from core.device import pick_device
from core.train import ddp
from core.train import events as ev
from core.train.atten_limit import ATTEN_LIMITS_DB, choose_atten_limit, limited
from core.train.cache import CacheCancelled, cache_path, open_cache
from core.train.checkpoint import (
    BEST,
    LATEST,
    CheckpointError,
    checkpoint_dir,
    list_checkpoints,
    load_checkpoint,
    remove_stale_temp_files,
    save_run_checkpoint,
    set_rng_state,
)
from core.train.config import ConfigError, TrainConfig, check_resume_compatible
from core.train.data import (
    VAL_EPOCH,
    CachedDataset,
    DataError,
    ResumableBatchSampler,
    SegmentDataset,
    Sources,
    load_noise_clips,
    load_sources,
    steps_per_epoch,
)
from core.train.losses import compute_loss
from core.train.models import build_model, count_parameters, model_size_mb
from core.train.run_folder import (
    RunFolderWriter,
    plot_history_in_child,
    write_metrics,
    write_status,
    write_summary,
)
from core.train.samples import prepare_samples, render_sample
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

log = logging.getLogger(__name__)

CACHE_PROGRESS_INTERVAL_S = 0.25
VAL_MIN_EXAMPLES = 48  # validation examples drawn at least (small projects repeat segments)


def _mean_quality(
    scorer: PerceptualScorer, pairs: list[tuple[np.ndarray, np.ndarray]], sr: int
) -> dict[str, float | None]:
    """Mean PESQ and STOI over (estimate, reference) pairs, skipping pairs a measure cannot
    score (silent segments); None when it scored none."""
    scores: dict[str, list[float]] = {"pesq": [], "stoi": []}
    for values in scorer.score(pairs, sr):
        for key, value in values.items():
            if math.isfinite(value):
                scores[key].append(value)
    return {k: float(np.mean(v)) if v else None for k, v in scores.items()}


class TrainingFailed(Exception):
    """Training cannot continue; the message says why and what to try."""


class _Retry(Exception):
    """Internal: leave the epoch loop and start it again from the (restored) position."""


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


class Trainer:
    MAX_FAILED_WRITES = 3  # consecutive failed checkpoint writes before the run stops

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
        self.skipped_sources: list[str] = []  # files left out of this run (deleted, changed)
        self._resume_ckpt: dict | None = None
        self._scaler_state: dict | None = None  # the grad scaler's, loaded once AMP is set up
        self._input_quality: dict[str, float | None] | None = None  # PESQ/STOI of the inputs
        self._failed_writes = 0  # checkpoint writes failed in a row
        self._started = self._last_ckpt_time = self._epoch_started = time.monotonic()

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
        run_dir = Path(run_dir)
        path = Path(checkpoint) if checkpoint else checkpoint_dir(run_dir) / LATEST
        fallback_warnings: list[str] = []
        try:
            ckpt = load_checkpoint(path)
        except CheckpointError as exc:
            good = _readable_checkpoints(run_dir, exclude=path)
            if checkpoint is not None:
                offer = (
                    f"; the newest readable checkpoint of this run is {good[0][0]}" if good else ""
                )
                raise CheckpointError(f"{exc}{offer}") from exc
            if not good and not _any_checkpoint(run_dir) and (run_dir / "config.json").is_file():
                # Killed before its first checkpoint: nothing was saved, so nothing is lost
                # by starting the run again from its saved config.
                cfg = TrainConfig.load(run_dir / "config.json").with_overrides(overrides or {})
                trainer = cls(project, cfg, run_dir, listener)
                trainer.pending_warnings = [
                    f"{path}: no checkpoint was saved before the run stopped; starting it "
                    "again from the beginning"
                ]
                return trainer
            if not good:
                raise CheckpointError(
                    f"{exc}; no other readable checkpoint in {checkpoint_dir(run_dir)}"
                ) from exc
            path, ckpt = good[0]
            fallback_warnings.append(
                f"{exc}; resuming from the newest readable checkpoint {path} instead "
                f"(epoch {ckpt['epoch'] + 1}, step {ckpt['step']})"
            )
        old = TrainConfig.from_dict(ckpt["config"])
        new = old.with_overrides(overrides or {})
        warnings = fallback_warnings + check_resume_compatible(old, new)
        trainer = cls(project, new, run_dir, listener)
        try:
            trainer.model.load_state_dict(ckpt["model"])
        except RuntimeError as exc:
            raise CheckpointError(
                f"{path}: the weights do not fit the model in its config: {str(exc)[:300]}"
            ) from exc
        trainer._resume_ckpt = ckpt
        trainer.resumed_from = str(path)
        trainer.pending_warnings = warnings
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

    # -- the run -----------------------------------------------------------------------------
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
            self._load_data()
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
                    len(self.train_ds), self.state.batch_size, self.ctx.world
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
            val = self._validate()
            record = {
                "epoch": self.state.epoch,
                "train_loss": self.state.loss_sum / max(self.state.loss_count, 1),
                "val_loss": val["val_loss"],
                "val_si_sdr": val["val_si_sdr"],
                "val_si_sdr_improvement": val["val_si_sdr_improvement"],
                **val["quality"],
                "lr": self._lr(),
                "batch_size": self.state.batch_size,
                # What `process` uses unless told otherwise (None: no limit).
                "atten_limit_db": val["atten_limit_db"],
            }
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
            self._render_samples(finished_epoch)
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
        messages = {
            "completed": f"trained {self.state.epoch} epochs",
            "early_stopped": f"no improvement for {self.state.bad_epochs} epochs; best epoch "
            f"{self.state.best_epoch + 1}",
            "stopped": "stopped on request; resume continues from the checkpoint",
            "time_budget": (
                f"step budget of {cfg.run.max_steps} steps reached"
                if cfg.run.max_steps and self.state.step >= cfg.run.max_steps
                else f"time budget of {cfg.run.hours} h reached"
            )
            + "; resume continues from the checkpoint",
        }
        return self._finish(status, messages.get(status, ""))

    # -- one epoch ---------------------------------------------------------------------------
    def _train_epoch(self) -> str | None:
        """Train from self.state.position to the end of the epoch. Returns a stop status, or None
        when the epoch is complete. Raises _Retry after OOM/NaN recovery."""
        self._epoch_started = time.monotonic()
        loader = self._loader()
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
                        len(self.train_ds), self.state.batch_size, self.ctx.world
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

    # -- validation and samples --------------------------------------------------------------
    @torch.no_grad()
    def _validate(self) -> dict:
        cfg = self.config
        self.model.eval()
        losses, sdr = [], []
        by_limit: dict[float | None, list[torch.Tensor]] = {k: [] for k in ATTEN_LIMITS_DB}
        every = cfg.data.quality_every
        scored = set(self.quality_index) if every and self.state.epoch % every == 0 else set()
        estimates: dict[int, np.ndarray] = {}
        bs = max(1, self.state.batch_size)
        for s in range(0, self.val_inputs.shape[0], bs):
            inp = self.val_inputs[s : s + bs].to(self.device)
            tgt = self.val_targets[s : s + bs].to(self.device)
            with self.precision.autocast():
                est = self.model(inp)
            est = est.float()
            losses.append(float(compute_loss(cfg.optim.loss, est, tgt)) * inp.shape[0])
            sdr.append(si_sdr(est, tgt).cpu())
            sdr_in = self.val_input_sdr[s : s + bs]
            for limit, found in by_limit.items():
                found.append(si_sdr(limited(est, inp.float(), limit), tgt).cpu() - sdr_in)
            for i in scored.intersection(range(s, s + inp.shape[0])):
                estimates[i] = est[i - s, 0].cpu().numpy()
        self.model.train()
        n = self.val_inputs.shape[0]
        out_sdr = torch.cat(sdr)
        return {
            "val_loss": sum(losses) / n,
            "val_si_sdr": float(out_sdr.mean()),
            "val_si_sdr_improvement": float((out_sdr - self.val_input_sdr).mean()),
            "quality": self._quality(estimates) if estimates else {},
            "atten_limit_db": choose_atten_limit(
                {k: torch.cat(v) for k, v in by_limit.items()}, self.val_input_sdr
            ),
        }

    def _quality(self, estimates: dict[int, np.ndarray]) -> dict[str, float | None]:
        """Mean PESQ/STOI of the estimates and (measured once per session) of the inputs."""
        t0 = time.perf_counter()
        sr = self.config.data.sample_rate
        refs = self.val_targets[:, 0].numpy()
        if self._input_quality is None:
            inputs = self.val_inputs[:, 0].numpy()
            self._input_quality = _mean_quality(
                self._scorer, [(inputs[i], refs[i]) for i in self.quality_index], sr
            )
        pairs = [(est, refs[i]) for i, est in sorted(estimates.items())]
        out = _mean_quality(self._scorer, pairs, sr)
        log.info(
            "PESQ/STOI of %d validation segments: %.1f s", len(estimates), time.perf_counter() - t0
        )
        return {
            "val_pesq": out["pesq"],
            "val_stoi": out["stoi"],
            "val_pesq_input": self._input_quality["pesq"],
            "val_stoi_input": self._input_quality["stoi"],
        }

    def _render_samples(self, epoch: int) -> None:
        if not self.ctx.is_main or not self.sample_clips:
            return
        folder = self.run_dir / "samples" / f"epoch_{epoch:04d}"
        self.model.eval()
        for clip in self.sample_clips:
            audio = render_sample(self.model, clip, self.device)
            try:
                path = write_audio(
                    folder / f"{clip.name}.wav",
                    audio[:, None],
                    self.config.data.sample_rate,
                    "FLOAT",
                )
            except OSError as exc:  # e.g. a full disk: samples are a nicety, not the run
                self._emit(
                    ev.Warning(f"could not write the sample in {folder}: {exc}", kind="samples")
                )
                break
            self._emit(
                ev.SampleRendered(
                    epoch=epoch,
                    path=str(path),
                    input_path=str(clip.input_path),
                    clean_path=str(clip.clean_path) if clip.clean_path else None,
                )
            )
        self.model.train()

    # -- setup ---------------------------------------------------------------------------
    def _load_data(self) -> None:
        cfg = self.config.data
        seed = self.config.run.seed
        skip = self._skip_source
        self.skipped_sources = []
        train = load_sources(self.project, cfg, "train", on_skip=skip)
        val = load_sources(self.project, cfg, "val", on_skip=skip)
        what = "clean clips" if cfg.task == "denoise" else "input/target pairs"
        if len(val) == 0:
            val = load_sources(self.project, cfg, "test", on_skip=skip)
        if len(val) == 0 and len(train) >= 2:
            # Tiny projects: hold one training clip out rather than validate on training data.
            self._emit(
                ev.Warning(
                    f"no {what} in the validation split; holding out '{train.names[-1]}'",
                    kind="data",
                )
            )
            val = Sources(
                train.names[-1:],
                train.targets[-1:],
                train.inputs[-1:] if train.inputs is not None else None,
            )
            train = Sources(
                train.names[:-1],
                train.targets[:-1],
                train.inputs[:-1] if train.inputs is not None else None,
            )
        if len(train) == 0 or len(val) == 0:
            hint = (
                "import clean speech" if cfg.task == "denoise" else "pair input and target folders"
            )
            raise DataError(
                f"{self.project.root}: not enough {what} to train ({len(train)} train, "
                f"{len(val)} validation); {hint} first"
            )
        noise_clips = (
            load_noise_clips(self.project, cfg, on_skip=skip) if cfg.task == "denoise" else []
        )
        self.train_ds = self._train_dataset(train, noise_clips, seed)
        if len(self.train_ds) == 0:
            raise DataError(f"{self.project.root}: the training clips hold no usable audio")
        val_ds = SegmentDataset(
            val, cfg, seed, train=False, noise_clips=noise_clips, talkers=train.targets
        )
        # Validation is the same every epoch, so it is made once and kept as tensors.
        n = len(val_ds)
        want = min(max(n, VAL_MIN_EXAMPLES), cfg.val_segments_max)
        if n >= want:
            keys = [(VAL_EPOCH, int(i)) for i in np.linspace(0, n - 1, want).round()]
        else:
            # A small project: each segment again with other noise, SNR, room and band, so
            # the SI-SDR figures and the attenuation limit rest on more than a handful.
            keys = [(VAL_EPOCH + k // n, k % n) for k in range(want)]
        pairs = [val_ds.example(epoch, i) for epoch, i in keys]
        self.val_inputs = torch.from_numpy(np.stack([p[0] for p in pairs]))[:, None]
        self.val_targets = torch.from_numpy(np.stack([p[1] for p in pairs]))[:, None]
        self.val_input_sdr = si_sdr(self.val_inputs, self.val_targets)
        # PESQ/STOI cost ~65 ms a segment on a CPU core: an evenly spaced subset is scored.
        m = min(len(pairs), cfg.quality_segments)
        self.quality_index = np.linspace(0, len(pairs) - 1, m).round().astype(int).tolist()
        self._input_quality = None
        self.sample_clips = (
            prepare_samples(val, cfg, seed, self.run_dir, train.targets) if self.ctx.is_main else []
        )
        log.info(
            "data: %d training segments, %d validation examples", len(self.train_ds), len(keys)
        )

    def _skip_source(self, path: str, why: str) -> None:
        # A file deleted or edited by the user while the project is in use must not end a
        # night of training: it is left out, and the user is told which one and why.
        self.skipped_sources.append(path)
        self._emit(ev.Warning(f"{path}: {why}", kind="data"))

    def _train_dataset(self, train: Sources, noise_clips: list, seed: int):
        cfg = self.config.data
        if cfg.cache != "off":
            path = cache_path(self.project, self.config)  # hashes every clip: once
            built = (path / "meta.json").exists()
            if self.skipped_sources and (built or cfg.cache != "auto"):
                # A cache holds the left-out files' segments: mix on the fly instead.
                self._emit(
                    ev.Warning(
                        "files of the training cache are now missing or changed; mixing "
                        "examples on the fly for this run (rebuild the cache to use one again)",
                        kind="data",
                    )
                )
            else:
                cached = open_cache(
                    self.project,
                    self.config,
                    progress=self._cache_progress(path),
                    should_cancel=self._stop.is_set,
                )
                if cached is not None:
                    inputs, targets = cached
                    return CachedDataset(inputs, targets)
        return SegmentDataset(train, cfg, seed, train=True, noise_clips=noise_clips)

    def _cache_progress(self, path: Path):
        """CacheProgress events, at most a few a second (plus the first and the last)."""
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if done in (0, total) or now - last[0] >= CACHE_PROGRESS_INTERVAL_S:
                last[0] = now
                self._emit(ev.CacheProgress(done, total, str(path)))

        return report

    def _loader(self) -> DataLoader:
        workers = self.config.run.workers
        sampler = ResumableBatchSampler(
            len(self.train_ds),
            self.state.batch_size,
            self.config.run.seed,
            self.state.epoch,
            self.state.position,
            self.ctx.rank,
            self.ctx.world,
        )
        return DataLoader(
            self.train_ds,
            batch_sampler=sampler,
            num_workers=workers,
            pin_memory=self.device.type == "cuda",
            prefetch_factor=4 if workers > 0 else None,
        )

    def _build_optimisation(self) -> None:
        cfg = self.config
        self._loss_fn = partial(compute_loss, cfg.optim.loss)
        self.optimizer = build_optimizer(self.model.parameters(), cfg.optim)
        total = cfg.run.epochs * steps_per_epoch(
            len(self.train_ds), self.state.batch_size, self.ctx.world
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
        inp = self.val_inputs[: self.state.batch_size].to(self.device)
        tgt = self.val_targets[: self.state.batch_size].to(self.device)
        return amp_agrees(self.model, inp, tgt, self._loss_fn, self.precision)

    # -- recovery ------------------------------------------------------------------------------
    def _recover_from_oom(self) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        if self.state.batch_size <= 1:
            raise TrainingFailed(
                "out of memory even with a batch of 1; use shorter segments "
                "(data.segment_samples) or a smaller model"
            )
        old = self.state.batch_size
        self.state.batch_size = max(1, old // 2)
        self._emit(
            ev.Warning(
                f"out of memory at batch {old}; continuing with batch {self.state.batch_size}",
                kind="oom",
            )
        )

    def _recover_from_nan(self, loss: float) -> None:
        self.state.nan_retries += 1
        limit = self.config.run.max_nan_retries
        if self.state.nan_retries > limit:
            raise TrainingFailed(
                f"loss became {loss} {self.state.nan_retries} times (limit {limit}); check the data "
                "for clipped or silent files, or lower optim.lr"
            )
        self._restore_good_state()
        if self.state.amp_enabled:
            self.precision.disable()
            self.state.amp_enabled = False
            what = "switched mixed precision off"
        else:
            self._scale_lr(0.5)
            what = f"halved the learning rate to {self._lr():.3g}"
        self._emit(
            ev.Warning(
                f"loss became {loss} at step {self.state.step + 1}; restored the last good state "
                f"(epoch {self.state.epoch + 1}, step {self.state.step}) and {what} "
                f"(retry {self.state.nan_retries} of {limit})",
                kind="nan",
            )
        )

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
            self._checkpoint_write_failed(exc)
            return
        self._failed_writes = 0
        self._emit(ev.CheckpointSaved(str(path), self.state.epoch, self.state.step, is_best))

    def _checkpoint_write_failed(self, exc: OSError) -> None:
        """A full disk or a write error: the previous checkpoint is still whole (writes go
        to a temporary file first), so training goes on and the next checkpoint retries;
        after MAX_FAILED_WRITES in a row the run stops rather than train unsaved all night."""
        import errno

        self._failed_writes += 1
        folder = checkpoint_dir(self.run_dir)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            why = "the disk is full"
        else:
            why = exc.strerror or str(exc)
        message = (
            f"could not write the checkpoint in {folder} ({why}); the previous checkpoint is "
            f"kept (failure {self._failed_writes} of {self.MAX_FAILED_WRITES})"
        )
        log.error("%s: %s", message, exc)
        if self._failed_writes >= self.MAX_FAILED_WRITES:
            raise TrainingFailed(
                f"{message}; training stopped. Free space on that disk, then resume the run"
            ) from exc
        self._emit(ev.Warning(message, kind="checkpoint"))

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
