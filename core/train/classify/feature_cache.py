"""The classify task's pre-generated features: log-mel windows of every clip, written once by
N worker processes, laid out by split and class, read memory-mapped by training.

    summary = build_feature_cache(project, clips, cfg, workers=4, progress=..., should_cancel=...)
    splits = load_feature_splits(project, clips, cfg)       # core.train.classify.feature_cache_read

Originals of every window for train, val and test; `classify.variants` augmented variants of
each training window only (core.train.classify.variants), so heavy augmentation never runs
during training. `classify.max_per_class` caps a class's training windows. What each group
holds and when it is rebuilt: core.train.classify.feature_cache_plan; how one is written:
core.train.classify.feature_cache_build.

Workers are spawned, never forked (core.processes says why).
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from core.dataset.labels import LabelledClip
from core.dataset.project import Project
from core.disk import require_free
from core.processes import spawn_context, spawn_pool
from core.train.classify.feature_cache_build import (
    FEATURES,
    META,
    NOISE_CLIP_S,
    NOISE_TOTAL_S,
    FeatureCacheCancelled,
    build_group,
    build_noise_bank,
)
from core.train.classify.feature_cache_plan import (
    SPLITS,
    GroupTask,
    cache_root,
    most_windows,
    plan_groups,
    row_bytes,
)
from core.train.config import TrainConfig

Progress = Callable[[int, int, str], None]  # (clips done, clips to do, what was just done)
MAX_AUTO_WORKERS = 16

__all__ = ["FeatureCacheCancelled", "FeatureCacheSummary", "build_feature_cache"]


@dataclass(frozen=True)
class SplitStats:
    windows: int  # rows: originals and variants
    originals: int
    clips: int
    classes: int
    bytes: int


@dataclass
class FeatureCacheSummary:
    path: Path
    splits: dict[str, SplitStats]
    total_bytes: int
    built_groups: int  # groups written by this build (0: everything was current)
    kept_groups: int
    seconds: float
    workers: int
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, why)

    def to_dict(self) -> dict:
        return {
            "path": str(self.path),
            "splits": {k: vars(v) for k, v in self.splits.items()},
            "total_bytes": self.total_bytes,
            "built_groups": self.built_groups,
            "kept_groups": self.kept_groups,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "problems": [{"file": f, "why": w} for f, w in self.problems],
        }


def resolve_workers(workers: int | None, cfg: TrainConfig) -> int:
    """Worker processes for a build: `workers` when given (0: in this process), else
    `classify.cache_workers`, whose 0 means one per usable core, up to 16."""
    if workers is not None:
        return max(0, workers)
    if cfg.classify.cache_workers:
        return cfg.classify.cache_workers
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(MAX_AUTO_WORKERS, cores))


def noise_key(project: Project, cfg: TrainConfig) -> str:
    clips = [[c.audio_key, c.edits] for c in project.clips(role="noise")]
    parts = [cfg.classify.features.sample_rate, NOISE_CLIP_S, NOISE_TOTAL_S, clips]
    return hashlib.sha1(json.dumps(parts).encode()).hexdigest()[:20]


def group_is_current(task: GroupTask, retry_failed: bool = True) -> bool:
    """The group in `task.folder` was finished for this key and its file is whole; with
    `retry_failed`, also no clip of it failed (a build tries such a group again: the file
    may have been restored; training reads it without the clip)."""
    folder = Path(task.folder)
    try:
        meta = json.loads((folder / META).read_text())
        size = (folder / FEATURES).stat().st_size
    except (OSError, ValueError):
        return False
    return (
        meta.get("key") == task.key
        and not (retry_failed and meta.get("problems"))
        and size == meta.get("rows", -1) * row_bytes(task.features)
    )


def most_bytes(task: GroupTask) -> int:
    """What a group can take on disk at most (its clips before their edits)."""
    f = task.features
    windows = sum(most_windows(clip, f) for clip, _ in task.clips)
    if task.max_windows:
        windows = min(windows, task.max_windows)
    return windows * (1 + task.variants) * row_bytes(f)


def plan(project: Project, clips: list[LabelledClip], cfg: TrainConfig, bank: str = ""):
    """The groups of the cache for these clips and settings (the noise bank's path given
    when it was just built)."""
    needs_noise = cfg.classify.variants > 0 and any(c.split == "train" for c in clips)
    key = noise_key(project, cfg) if needs_noise else ""
    if needs_noise and not bank:
        path = cache_root(project) / "noise" / f"{key}.f32"
        bank = str(path) if path.with_suffix(".json").is_file() else ""
    return plan_groups(project, clips, cfg, (bank, key if bank else ""))


def build_feature_cache(
    project: Project,
    clips: list[LabelledClip],
    cfg: TrainConfig,
    workers: int | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> FeatureCacheSummary:
    """Bring the cache up to date for `clips`: groups already current are kept, the others
    built by `workers` processes (see resolve_workers). progress(done, total, clip name) in
    clips; should_cancel() ends the build with FeatureCacheCancelled, keeping the groups
    finished so far (each complete and valid) and nothing half written."""
    t0 = time.monotonic()
    root = cache_root(project)
    _remove_leftovers(root)
    problems: list[tuple[str, str]] = []
    bank = ""
    if cfg.classify.variants > 0 and any(c.split == "train" for c in clips):
        bank, problems = build_noise_bank(
            project, cfg.classify.features, root / "noise", noise_key(project, cfg)
        )
    tasks = plan(project, clips, cfg, bank)
    todo = [t for t in tasks if not group_is_current(t)]
    n_workers = resolve_workers(workers, cfg)
    if todo:  # refused up front with the size needed, not by a worker dying midway
        root.mkdir(parents=True, exist_ok=True)
        require_free(root, sum(most_bytes(t) for t in todo), "the feature cache")
    total = sum(len(t.clips) for t in todo)
    report = progress or (lambda done, total, what: None)
    report(0, total, "")
    cancelled = should_cancel or (lambda: False)
    # Largest groups first, so the last worker to finish is not the one given the biggest.
    todo.sort(key=lambda t: -len(t.clips))
    if n_workers == 0:
        _run_here(todo, total, report, cancelled)
    else:
        _run_pool(todo, n_workers, total, report, cancelled)
    _prune(root, tasks, bank)
    summary = summarise(root, tasks, time.monotonic() - t0, n_workers, len(todo))
    summary.problems = problems + summary.problems
    return summary


def _run_here(todo: list[GroupTask], total: int, report: Progress, cancelled) -> None:
    done = 0

    def one(n: int, what: str) -> None:
        nonlocal done
        done += n
        report(done, total, what)

    for task in todo:
        build_group(task, one, cancelled)


# -- the worker processes ----------------------------------------------------------------
_progress_queue = None
_cancel_event = None


def _init_worker(progress_queue, cancel_event) -> None:
    global _progress_queue, _cancel_event
    _progress_queue, _cancel_event = progress_queue, cancel_event


def _worker_build(task: GroupTask):
    return build_group(task, lambda n, what: _progress_queue.put((n, what)), _cancel_event.is_set)


def _run_pool(todo: list[GroupTask], n_workers: int, total: int, report, cancelled) -> None:
    if not todo:
        return
    ctx = spawn_context()
    progress_queue, cancel_event = ctx.Queue(), ctx.Event()
    done = 0
    with spawn_pool(
        min(n_workers, len(todo)), _init_worker, (progress_queue, cancel_event)
    ) as pool:
        pending = {pool.submit(_worker_build, t) for t in todo}
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                done = _drain(progress_queue, done, total, report)
                for fut in finished:
                    err = None if fut.cancelled() else fut.exception()
                    if err is not None and not isinstance(err, FeatureCacheCancelled):
                        raise err  # a worker's failure (its group's folder was removed)
                if cancelled() and not cancel_event.is_set():
                    cancel_event.set()
                    for fut in pending:
                        fut.cancel()
        except BaseException:
            cancel_event.set()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        _drain(progress_queue, done, total, report)
    if cancel_event.is_set():
        raise FeatureCacheCancelled("the feature cache build was cancelled")


def _drain(progress_queue, done: int, total: int, report: Progress) -> int:
    while True:
        try:
            n, what = progress_queue.get_nowait()
        except queue.Empty:
            return done
        done += n
        report(done, total, what)


# -- housekeeping and statistics ---------------------------------------------------------
def _remove_leftovers(root: Path) -> None:
    """Folders of builds that were killed: .tmp-<pid>-* whose process is gone."""
    for split in SPLITS:
        folder = root / split
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.name.startswith((".tmp-", ".old-")):
                pid = entry.name.split("-")[1]
                if not (pid.isdigit() and psutil.pid_exists(int(pid))) or int(pid) == os.getpid():
                    shutil.rmtree(entry, ignore_errors=True)


def _prune(root: Path, tasks: list[GroupTask], bank: str) -> None:
    """Groups no longer asked for (a class renamed, merged or excluded; a split emptied),
    and noise banks of noise clips the project no longer has."""
    wanted = {Path(t.folder) for t in tasks}
    if (root / "noise").is_dir():
        for entry in (root / "noise").iterdir():
            if not bank or entry.stem != Path(bank).stem:
                entry.unlink(missing_ok=True)
    for split in SPLITS:
        folder = root / split
        if folder.is_dir():
            for entry in folder.iterdir():
                if entry not in wanted and not entry.name.startswith("."):
                    shutil.rmtree(entry, ignore_errors=True)


def summarise(
    root: Path, tasks: list[GroupTask], seconds: float, workers: int, built: int
) -> FeatureCacheSummary:
    """Per-split statistics from the groups' meta files (nothing is loaded)."""
    acc = {s: {"windows": 0, "originals": 0, "clips": 0, "classes": 0, "bytes": 0} for s in SPLITS}
    problems: list[tuple[str, str]] = []
    for t in tasks:
        folder = Path(t.folder)
        try:
            meta = json.loads((folder / META).read_text())
        except (OSError, ValueError):
            continue
        a = acc[t.split]
        a["windows"] += meta["rows"]
        a["originals"] += meta["originals"]
        a["clips"] += meta["clips"]
        a["classes"] += 1 if meta["rows"] else 0
        a["bytes"] += sum(p.stat().st_size for p in folder.iterdir())
        problems += [tuple(p) for p in meta.get("problems", [])]
    total = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0
    return FeatureCacheSummary(
        path=root,
        splits={s: SplitStats(**a) for s, a in acc.items()},
        total_bytes=total,
        built_groups=built,
        kept_groups=len(tasks) - built,
        seconds=seconds,
        workers=workers,
        problems=problems,
    )
