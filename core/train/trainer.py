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
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader

from core.audio.io import write_audio
from core.audio.quality import PerceptualScorer, si_sdr
from core.dataset.project import Project
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
    rng_state,
    save_run_checkpoint,
    set_rng_state,
)
from core.train.config import ConfigError, TrainConfig, check_resume_compatible
from core.train.data import (
    VAL_EPOCH,
    CachedDataset,
    DataError,
    SegmentDataset,
    Sources,
    load_noise_clips,
    load_sources,
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
from core.train.sampling import ResumableBatchSampler, steps_per_epoch

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


def pick_device(name: str, ctx: ddp.DistContext | None = None) -> torch.device:
    if name == "auto":
        if torch.cuda.is_available():
            name = "cuda"
        elif getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            name = "mps"
        else:
            name = "cpu"
    device = torch.device(name)
    if device.type == "cuda" and ctx is not None and ctx.enabled:
        device = torch.device("cuda", ctx.local_rank)
    return device


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
    def __init__(
        self,
        project: Project,
        config: TrainConfig,
        run_dir: str | Path,
        listener: ev.Listener | None = None,
    ) -> None:
        self.project, self.config = project, config
        self.run_dir = Path(run_dir)
        self._listener = listener
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self.ctx = ddp.init_from_env(config.run.device)
        self.device = pick_device(config.run.device, self.ctx)
        # The model exists from the start (seeded), so callers may inspect it or add hooks.
        torch.manual_seed(config.run.seed)
        self.model = build_model(config.model, config.data.sample_rate).to(self.device)
        self.parameters = count_parameters(self.model)

        # Resumable state (see _checkpoint_dict).
        self.epoch = 0
        self.step = 0
        self.position = 0
        self.history: list[dict] = []
        self.best_val_loss = math.inf
        self.best_epoch = -1
        self.bad_epochs = 0
        self.loss_sum = 0.0
        self.loss_count = 0
        self.batch_size = config.run.batch_size
        self.lr_scale = 1.0
        self.nan_retries = 0
        self.amp_enabled = False
        self.elapsed_before = 0.0  # training seconds of earlier sessions of this run
        self._started = time.monotonic()
        self._resume_ckpt: dict | None = None
        self._resumed_from: str | None = None
        self._pending_warnings: list[str] = []
        self._listeners: list = []

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
                trainer._pending_warnings = [
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
        trainer._resumed_from = str(path)
        trainer._pending_warnings = warnings
        return trainer

    # -- events ------------------------------------------------------------------------------
    def _emit(self, event: ev.Event) -> None:
        if not self.ctx.is_main:
            return
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not kill a night of training
                log.exception("event listener failed on %s", event.name)

    # -- the run -----------------------------------------------------------------------------
    def run(self) -> ev.Finished:
        self._listeners: list = []
        if self.ctx.is_main:
            self._listeners.append(RunFolderWriter(self.run_dir))
        if self._listener is not None:
            self._listeners.append(self._listener)
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
            self._restore(self._resume_ckpt, with_rng=True)
            self._resume_ckpt = None
        for message in self._pending_warnings:
            self._emit(ev.Warning(message, kind="resume"))
        self._setup_amp()
        self._good_state = copy.deepcopy(self._checkpoint_dict())
        self._started = time.monotonic()
        self._last_ckpt_time = time.monotonic()
        self._emit(
            ev.TrainStarted(
                run_dir=str(self.run_dir),
                epoch=self.epoch,
                step=self.step,
                total_epochs=cfg.run.epochs,
                steps_per_epoch=steps_per_epoch(
                    len(self.train_ds), self.batch_size, self.ctx.world
                ),
                device=str(self.device),
                batch_size=self.batch_size,
                resumed_from=self._resumed_from,
            )
        )

        status = "completed"
        while self.epoch < cfg.run.epochs:
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
                "epoch": self.epoch,
                "train_loss": self.loss_sum / max(self.loss_count, 1),
                "val_loss": val["val_loss"],
                "val_si_sdr": val["val_si_sdr"],
                "val_si_sdr_improvement": val["val_si_sdr_improvement"],
                **val["quality"],
                "lr": self._lr(),
                "batch_size": self.batch_size,
                # What `process` uses unless told otherwise (None: no limit).
                "atten_limit_db": val["atten_limit_db"],
            }
            improved = val["val_loss"] < self.best_val_loss - cfg.optim.min_delta
            if improved:
                self.best_val_loss, self.best_epoch, self.bad_epochs = (
                    val["val_loss"],
                    self.epoch,
                    0,
                )
            else:
                self.bad_epochs += 1
            if self.scheduler is not None and cfg.optim.scheduler == "plateau":
                self.scheduler.step(val["val_loss"])
            self.history.append(record)
            finished_epoch = self.epoch
            # 3. the next epoch starts at position 0; checkpoint that state
            self.epoch += 1
            self.position, self.loss_sum, self.loss_count = 0, 0.0, 0
            self._emit(
                ev.EpochDone(
                    epoch=finished_epoch,
                    train_loss=record["train_loss"],
                    val_loss=record["val_loss"],
                    val_si_sdr=record["val_si_sdr"],
                    val_si_sdr_improvement=record["val_si_sdr_improvement"],
                    lr=record["lr"],
                    best_epoch=self.best_epoch,
                    best_val_loss=self.best_val_loss,
                    epochs_without_improvement=self.bad_epochs,
                    seconds=time.monotonic() - self._epoch_started,
                    **val["quality"],
                )
            )
            self._save_checkpoint(is_best=improved)
            self._render_samples(finished_epoch)
            # 4. stop early?
            patience = cfg.optim.early_stop_patience
            if patience and self.bad_epochs >= patience:
                status = "early_stopped"
                break
            if ddp.any_rank(self.ctx, self._stop.is_set()):
                status = "stopped"
                break
            if ddp.any_rank(self.ctx, self._over_budget()):
                status = "time_budget"
                break
        messages = {
            "completed": f"trained {self.epoch} epochs",
            "early_stopped": f"no improvement for {self.bad_epochs} epochs; best epoch "
            f"{self.best_epoch + 1}",
            "stopped": "stopped on request; resume continues from the checkpoint",
            "time_budget": (
                f"step budget of {cfg.run.max_steps} steps reached"
                if cfg.run.max_steps and self.step >= cfg.run.max_steps
                else f"time budget of {cfg.run.hours} h reached"
            )
            + "; resume continues from the checkpoint",
        }
        return self._finish(status, messages.get(status, ""))

    # -- one epoch ---------------------------------------------------------------------------
    def _train_epoch(self) -> str | None:
        """Train from self.position to the end of the epoch. Returns a stop status, or None
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
            self.position += n
            self.step += 1
            self.loss_sum += loss * n
            self.loss_count += n
            dt = time.perf_counter() - t0
            self._emit(
                ev.StepDone(
                    epoch=self.epoch,
                    step=self.step,
                    step_in_epoch=math.ceil(self.position / self.batch_size),
                    steps_per_epoch=steps_per_epoch(
                        len(self.train_ds), self.batch_size, self.ctx.world
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
        cfg = self.config
        self._step_lr = self._lr()  # the rate this step uses (a cosine schedule moves it after)
        self.optimizer.zero_grad(set_to_none=True)
        with self._autocast():
            est = self.train_model(inp)
            loss = compute_loss(cfg.optim.loss, est, tgt)
        # Decided together: a rank that skipped backward would leave the others waiting in
        # DDP's gradient all-reduce.
        if ddp.any_rank(self.ctx, not bool(torch.isfinite(loss))):
            return math.nan
        self.scaler.scale(loss).backward()
        if cfg.optim.grad_clip > 0:
            self.scaler.unscale_(self.optimizer)
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), cfg.optim.grad_clip)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        if self.scheduler is not None and cfg.optim.scheduler == "cosine":
            self.scheduler.step()
        return float(loss.detach())

    # -- validation and samples --------------------------------------------------------------
    @torch.no_grad()
    def _validate(self) -> dict:
        cfg = self.config
        self.model.eval()
        losses, sdr = [], []
        by_limit: dict[float | None, list[torch.Tensor]] = {k: [] for k in ATTEN_LIMITS_DB}
        every = cfg.data.quality_every
        scored = set(self.quality_index) if every and self.epoch % every == 0 else set()
        estimates: dict[int, np.ndarray] = {}
        bs = max(1, self.batch_size)
        for s in range(0, self.val_inputs.shape[0], bs):
            inp = self.val_inputs[s : s + bs].to(self.device)
            tgt = self.val_targets[s : s + bs].to(self.device)
            with self._autocast():
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

    _input_quality: dict[str, float | None] | None = None

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
        self._skipped_sources = []
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
        self._skipped_sources.append(path)
        self._emit(ev.Warning(f"{path}: {why}", kind="data"))

    _skipped_sources: list[str] = []

    def _train_dataset(self, train: Sources, noise_clips: list, seed: int):
        cfg = self.config.data
        if cfg.cache != "off":
            path = cache_path(self.project, self.config)  # hashes every clip: once
            built = (path / "meta.json").exists()
            if self._skipped_sources and (built or cfg.cache != "auto"):
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
            self.batch_size,
            self.config.run.seed,
            self.epoch,
            self.position,
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
        o = self.config.optim
        opt_cls = torch.optim.AdamW if o.optimizer == "adamw" else torch.optim.Adam
        self.optimizer = opt_cls(self.model.parameters(), lr=o.lr, weight_decay=o.weight_decay)
        if o.scheduler == "plateau":
            self.scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
                self.optimizer,
                mode="min",
                factor=o.plateau_factor,
                patience=o.plateau_patience,
                min_lr=o.min_lr,
            )
        elif o.scheduler == "cosine":
            total = self.config.run.epochs * steps_per_epoch(
                len(self.train_ds), self.batch_size, self.ctx.world
            )
            warm, floor = max(o.warmup_steps, 0), o.min_lr / o.lr

            def factor(step: int) -> float:
                if step < warm:
                    return (step + 1) / warm
                progress = min(1.0, (step - warm) / max(1, total - warm))
                return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))

            self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, factor)
        else:
            self.scheduler = None
        self.train_model = ddp.wrap(self.model, self.ctx, self.device)
        if self.config.run.compile and self.device.type != "cuda":
            # Inductor on a CPU needs a C++ toolchain and compiles for minutes: not worth it.
            self._emit(
                ev.Warning("torch.compile is used on CUDA only; running eagerly", kind="compile")
            )
        elif self.config.run.compile:
            try:
                self.train_model = torch.compile(self.train_model)
            except Exception as exc:
                self._emit(
                    ev.Warning(f"torch.compile unavailable, running eagerly: {exc}", kind="compile")
                )

    def _setup_amp(self) -> None:
        """Mixed precision on CUDA only, and only if it agrees with fp32 on a real batch."""
        mode = self.config.run.amp
        self.amp_dtype = None
        if self.device.type != "cuda" or mode == "off":
            self.amp_enabled = False
        else:
            bf16 = torch.cuda.is_bf16_supported()
            self.amp_dtype = (
                torch.bfloat16 if mode == "bf16" or (mode == "auto" and bf16) else torch.float16
            )
            if self._resume_amp_off:
                self.amp_enabled = False
            else:
                self.amp_enabled = True
                ok, loss32, loss_amp = self.check_amp()
                if not ok:
                    self.amp_enabled = False
                    self._emit(
                        ev.Warning(
                            f"mixed precision disagrees with fp32 (loss {loss_amp:.4g} vs "
                            f"{loss32:.4g}); training in fp32",
                            kind="amp",
                        )
                    )
        fp16 = self.amp_enabled and self.amp_dtype == torch.float16
        self.scaler = torch.amp.GradScaler("cuda", enabled=fp16)
        if self._scaler_state:
            self.scaler.load_state_dict(self._scaler_state)

    _resume_amp_off = False
    _scaler_state: dict | None = None

    @torch.no_grad()
    def check_amp(self, tolerance: float = 0.05) -> tuple[bool, float, float]:
        """Loss of one validation batch in fp32 and under autocast: (agrees, fp32, amp)."""
        inp = self.val_inputs[: self.batch_size].to(self.device)
        tgt = self.val_targets[: self.batch_size].to(self.device)
        loss32 = float(compute_loss(self.config.optim.loss, self.model(inp), tgt))
        with torch.autocast(self.device.type, dtype=self.amp_dtype):
            loss_amp = float(compute_loss(self.config.optim.loss, self.model(inp).float(), tgt))
        ok = math.isfinite(loss_amp) and abs(loss_amp - loss32) <= tolerance * max(
            abs(loss32), 1e-6
        )
        return ok, loss32, loss_amp

    def _autocast(self):
        if self.amp_enabled:
            return torch.autocast(self.device.type, dtype=self.amp_dtype)
        return torch.autocast(self.device.type, enabled=False)

    # -- recovery ------------------------------------------------------------------------------
    def _recover_from_oom(self) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        if self.batch_size <= 1:
            raise TrainingFailed(
                "out of memory even with a batch of 1; use shorter segments "
                "(data.segment_samples) or a smaller model"
            )
        old = self.batch_size
        self.batch_size = max(1, old // 2)
        self._emit(
            ev.Warning(
                f"out of memory at batch {old}; continuing with batch {self.batch_size}", kind="oom"
            )
        )

    def _recover_from_nan(self, loss: float) -> None:
        self.nan_retries += 1
        limit = self.config.run.max_nan_retries
        if self.nan_retries > limit:
            raise TrainingFailed(
                f"loss became {loss} {self.nan_retries} times (limit {limit}); check the data "
                "for clipped or silent files, or lower optim.lr"
            )
        retries, batch = self.nan_retries, self.batch_size
        self._restore(copy.deepcopy(self._good_state), with_rng=False)
        self.nan_retries, self.batch_size = retries, batch
        if self.amp_enabled:
            self.amp_enabled = False
            self.scaler = torch.amp.GradScaler("cuda", enabled=False)
            what = "switched mixed precision off"
        else:
            self._scale_lr(0.5)
            what = f"halved the learning rate to {self._lr():.3g}"
        self._emit(
            ev.Warning(
                f"loss became {loss} at step {self.step + 1}; restored the last good state "
                f"(epoch {self.epoch + 1}, step {self.step}) and {what} "
                f"(retry {self.nan_retries} of {limit})",
                kind="nan",
            )
        )

    def _scale_lr(self, factor: float) -> None:
        self.lr_scale *= factor
        for group in self.optimizer.param_groups:
            group["lr"] *= factor
        if isinstance(self.scheduler, torch.optim.lr_scheduler.LambdaLR):
            self.scheduler.base_lrs = [b * factor for b in self.scheduler.base_lrs]

    # -- checkpoints --------------------------------------------------------------------------
    def _checkpoint_dict(self) -> dict:
        return {
            "format": 1,
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict() if self.scheduler is not None else None,
            "scaler": self.scaler.state_dict()
            if getattr(self, "scaler", None) and self.scaler.is_enabled()
            else None,
            "epoch": self.epoch,
            "step": self.step,
            "position": self.position,
            "history": copy.deepcopy(self.history),
            "best_val_loss": self.best_val_loss,
            "best_epoch": self.best_epoch,
            "epochs_without_improvement": self.bad_epochs,
            "train_loss_sum": self.loss_sum,
            "train_loss_count": self.loss_count,
            "batch_size": self.batch_size,
            "lr_scale": self.lr_scale,
            "nan_retries": self.nan_retries,
            "amp_enabled": self.amp_enabled,
            "world_size": self.ctx.world,
            "elapsed_s": self._elapsed(),
            "config": self.config.to_dict(),
            "rng": rng_state(),
        }

    def _restore(self, ckpt: dict, with_rng: bool) -> None:
        self.model.load_state_dict(ckpt["model"])
        self.optimizer.load_state_dict(ckpt["optimizer"])
        if self.scheduler is not None and ckpt.get("scheduler"):
            self.scheduler.load_state_dict(ckpt["scheduler"])
        self._scaler_state = ckpt.get("scaler")
        self.epoch, self.step, self.position = ckpt["epoch"], ckpt["step"], ckpt["position"]
        self.history = list(ckpt["history"])
        self.best_val_loss, self.best_epoch = ckpt["best_val_loss"], ckpt["best_epoch"]
        self.bad_epochs = ckpt["epochs_without_improvement"]
        self.loss_sum, self.loss_count = ckpt["train_loss_sum"], ckpt["train_loss_count"]
        self.lr_scale, self.nan_retries = ckpt["lr_scale"], ckpt["nan_retries"]
        self._resume_amp_off = not ckpt.get("amp_enabled", True)
        saved_cfg = TrainConfig.from_dict(ckpt["config"])
        if with_rng:
            set_rng_state(ckpt["rng"])
            self.elapsed_before = float(ckpt.get("elapsed_s", 0.0))
            # A batch size chosen on resume wins; otherwise keep the saved one (it may have
            # been halved after an out-of-memory error).
            if saved_cfg.run.batch_size == self.config.run.batch_size:
                self.batch_size = ckpt["batch_size"]
            if ckpt.get("world_size", 1) != self.ctx.world:
                self._emit(
                    ev.Warning(
                        f"resumed on {self.ctx.world} processes, saved on {ckpt['world_size']}; "
                        "the data order restarts at this epoch's position per process",
                        kind="resume",
                    )
                )

    def _save_checkpoint(self, is_best: bool) -> None:
        ckpt = self._checkpoint_dict()
        self._good_state = copy.deepcopy(ckpt)
        self._last_ckpt_time = time.monotonic()
        if not self.ctx.is_main:
            return
        try:
            path = save_run_checkpoint(self.run_dir, ckpt, is_best, self.config.run.keep_last)
            write_metrics(self.run_dir, self.history)
            write_status(self.run_dir, self._status("running"))
        except OSError as exc:
            self._checkpoint_write_failed(exc)
            return
        self._failed_writes = 0
        self._emit(ev.CheckpointSaved(str(path), self.epoch, self.step, is_best))

    _failed_writes = 0
    MAX_FAILED_WRITES = 3  # consecutive failed checkpoint writes before the run stops

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
        if r.checkpoint_steps and self.step % r.checkpoint_steps == 0:
            return True
        return (
            bool(r.checkpoint_minutes)
            and time.monotonic() - self._last_ckpt_time >= r.checkpoint_minutes * 60
        )

    # -- small helpers ---------------------------------------------------------------------------
    def _elapsed(self) -> float:
        return self.elapsed_before + time.monotonic() - self._started

    def _lr(self) -> float:
        return float(self.optimizer.param_groups[0]["lr"])

    def _over_budget(self) -> bool:
        run = self.config.run
        if run.max_steps and self.step >= run.max_steps:
            return True
        return run.hours > 0 and time.monotonic() - self._started >= run.hours * 3600

    def _wait_while_paused(self) -> None:
        while not self._running.wait(timeout=0.5):
            pass

    def _status(self, status: str, message: str = "") -> dict:
        return {
            "status": status,
            "message": message,
            "epoch": self.epoch,
            "epochs_done": len(self.history),
            "step": self.step,
            "best_val_loss": self.best_val_loss if math.isfinite(self.best_val_loss) else None,
            "best_epoch": self.best_epoch,
            "model": self.config.model.kind,
            "parameters": self.parameters,
            "size_mb": round(model_size_mb(self.model), 3),
            "elapsed_s": round(self._elapsed(), 1),
            "updated": time.time(),
        }

    def _finish(self, status: str, message: str) -> ev.Finished:
        if self.ctx.is_main and self.run_dir.exists():
            try:
                write_status(self.run_dir, self._status(status, message))
                write_metrics(self.run_dir, self.history)
                write_summary(self.run_dir, self.history, self._status(status, message))
                plot_history_in_child(self.run_dir, self.history)
            except Exception:
                log.exception("could not write the run summary")
        event = ev.Finished(
            status=status,
            epoch=len(self.history),
            step=self.step,
            best_val_loss=self.best_val_loss,
            message=message,
        )
        self._emit(event)
        return event
