"""Dataset statistics and advice: the numbers people otherwise work out by hand.

Segment count. Training cuts each clip into segments of `segment_seconds` after silence
skipping, so a clip gives floor(voiced_seconds / segment_seconds) segments and the data
set gives the sum of that over its clips (not total voiced time / segment length: the
leftover of every clip is lost). Per epoch this is multiplied by the augmentation
multiplier (how many differently augmented copies of each segment an epoch sees), and
over N epochs by N. Example: 29 pairs of 150 s at 65 % voiced → 29 × floor(97.5 / 4) =
29 × 24 = 696 segments per epoch.

Two modes:
- full: decodes every clip, applies its edit list (core.dataset.edits.render) and drops excluded
  regions, then measures levels, clipping, DC and voiced time. Results are cached in the
  index keyed by content hash + edit list + silence rule, so a second run only reads headers.
- headers only: reads each file's header (and any cached measurement). Durations are
  exact for trim/delete edits; voiced time falls back to the cache or is unknown, in
  which case segments are estimated from the full duration (an upper bound).
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass

from core.audio import dsp
from core.audio.failures import NOT_FOUND, say
from core.audio.io import AudioReadError, probe
from core.dataset import analysis_cache
from core.dataset.clips import Clip
from core.dataset.health import (
    FileHealth,
    apply_measurement,
    finish_health,
    flag_duplicates,
    flag_mismatches,
)
from core.dataset.labels import project_task
from core.dataset.measure import (
    analysis_key,
    default_workers,
    edited_frames,
    measure_clip,
)
from core.dataset.project import ROLES, Project
from core.dataset.source_health import source_status
from core.dataset.stats_advice import advice_for

log = logging.getLogger(__name__)


@dataclass
class RoleStats:
    files: int = 0
    seconds: float = 0.0
    voiced_seconds: float = 0.0
    segments: int = 0


@dataclass
class DatasetStats:
    mode: str  # "full" or "headers"
    segment_seconds: float
    threshold_db: float
    augmentation: float
    epochs: int
    task: str  # "paired" when the project has pairs, "classify" with labels, else "denoise"
    clip_count: int
    total_seconds: float
    voiced_seconds: float
    voiced_exact: bool  # False when some clips' voiced time is unknown (counted in full)
    roles: dict[str, RoleStats]
    base_segments: int  # segments of the training role, before augmentation
    segments_per_epoch: int
    segments_total: int  # over `epochs` epochs
    pair_count: int
    unpaired_inputs: int
    unpaired_targets: int
    majority_sample_rate: int | None
    majority_channels: int | None
    files: list[FileHealth]
    advice: list[str]
    elapsed_seconds: float = 0.0
    cancelled: bool = False  # should_cancel() stopped the run: figures cover fewer clips

    def to_dict(self) -> dict:
        return _json_safe(asdict(self))

    def problems(self) -> list[FileHealth]:
        return [f for f in self.files if f.issues]

    def format_text(self, per_file: bool = True, say: Callable[[str], str] = str) -> str:
        """A plain-text report for the terminal; `say` turns each line (a core.messages
        Message) into the reader's language (the GUI's gui.localized.translated)."""
        from core.dataset.stats_report import report_text

        return report_text(self, per_file, say)


def _json_safe(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def dataset_stats(
    project: Project,
    segment_seconds: float = 4.0,
    silence: dsp.SilenceRule = dsp.SilenceRule(),
    augmentation: float = 1.0,
    epochs: int = 1,
    headers_only: bool = False,
    use_cache: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    training_rate: int | None = None,
) -> DatasetStats:
    """Statistics, health and advice for the whole project (see the module docstring).

    progress(done, total, path) is called as each clip is finished; should_cancel() is
    checked after each measured clip. `workers` threads decode (default_workers()).
    `training_rate`: the rate training resamples to; speech recorded below it is flagged.
    """
    if segment_seconds <= 0:
        raise ValueError("segment length must be positive")
    if augmentation < 1:
        raise ValueError("augmentation multiplier must be at least 1")
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    t0 = time.perf_counter()
    clips = project.clips()
    keys = {c.id: analysis_key(c, silence) for c in clips}
    cache = analysis_cache.cached_analyses(project, keys.values()) if use_cache else {}
    # Headers first (cheap, in order), then the clips that need decoding, measured on
    # `workers` threads (libsndfile and numpy release the GIL while they work).
    pending: list[tuple[Clip, FileHealth, bool]] = []  # (clip, health, store in cache)
    done: dict[int, FileHealth] = {}
    for clip in clips:
        health, data, fresh = _header_health(project, clip, keys[clip.id], cache)
        if data is not None:
            apply_measurement(health, data)
        if data is None and not headers_only and fresh is not None:
            pending.append((clip, health, fresh))
        else:
            done[clip.id] = health
            if progress is not None:
                progress(len(done), len(clips), clip.path)
    cancelled = False
    if pending:
        cancelled = _measure_pending(
            project, pending, keys, silence, workers, done, len(clips), progress, should_cancel
        )
    files = [done[c.id] for c in clips if c.id in done]
    pairs = project.pairs()
    task = project_task(project)
    for f in files:
        finish_health(f, segment_seconds, flag_short=task != "classify")

    # The classify task resamples to its feature rate: a denoiser's training rate says nothing.
    flag_mismatches(files, training_rate if task != "classify" else None)
    flag_duplicates(files, clips)
    paired_ids = {p.input.id for p in pairs} | {p.target.id for p in pairs}
    roles = {r: RoleStats() for r in ROLES}
    for f in files:
        rs = roles[f.role]
        rs.files += 1
        rs.seconds += f.seconds
        rs.voiced_seconds += f.voiced_seconds if f.voiced_seconds is not None else f.seconds
        rs.segments += f.segments
    if task == "paired":
        paired_inputs = {p.input.id for p in pairs}
        base = sum(f.segments for f in files if f.clip_id in paired_inputs)
    else:
        base = roles["clean"].segments
    per_epoch = int(math.floor(base * augmentation))
    rates = Counter(f.sample_rate for f in files)
    chans = Counter(f.channels for f in files)
    stats = DatasetStats(
        mode="headers" if headers_only else "full",
        segment_seconds=segment_seconds,
        threshold_db=silence.threshold_db,
        augmentation=augmentation,
        epochs=epochs,
        task=task,
        clip_count=len(files),
        total_seconds=sum(f.seconds for f in files),
        voiced_seconds=sum(r.voiced_seconds for r in roles.values()),
        voiced_exact=all(f.voiced_seconds is not None for f in files),
        roles=roles,
        base_segments=base,
        segments_per_epoch=per_epoch,
        segments_total=per_epoch * epochs,
        pair_count=len(pairs),
        unpaired_inputs=sum(1 for f in files if f.role == "input" and f.clip_id not in paired_ids),
        unpaired_targets=sum(
            1 for f in files if f.role == "target" and f.clip_id not in paired_ids
        ),
        majority_sample_rate=rates.most_common(1)[0][0] if rates else None,
        majority_channels=chans.most_common(1)[0][0] if chans else None,
        files=files,
        advice=[],
    )
    stats.advice = advice_for(stats)
    stats.cancelled = cancelled
    stats.elapsed_seconds = time.perf_counter() - t0
    return stats


def _header_health(
    project: Project, clip: Clip, key: str, cache: dict[str, dict]
) -> tuple[FileHealth, dict | None, bool | None]:
    """Header facts of one clip; returns (health, cached measurement or None, fresh).

    `fresh` says whether a new measurement may be cached: True normally, False for a file
    changed since import (its content no longer matches the hash in the key), None when
    the clip cannot be measured at all (missing or unreadable).
    """
    issues: list[str] = []
    sr, channels, frames = clip.sample_rate, clip.channels, clip.frames
    fresh: bool | None = True
    try:
        if clip.decoded:  # the decoded figures are exact; the container's are estimates
            if not os.path.exists(clip.path):
                raise AudioReadError(clip.path, say(NOT_FOUND))
        else:
            info = probe(clip.path)
            sr, channels, frames = info.sample_rate, info.channels, info.frames
    except AudioReadError as exc:
        issues.append("missing" if exc.reason == "file not found" else exc.reason)
        fresh = None
    if fresh and source_status(project, [clip])[0].state == "changed":
        issues.append("changed since import")
        fresh = False
    if clip.note:
        issues.append(clip.note)
    seconds_frames, _exact = edited_frames(frames, clip.edits)
    health = FileHealth(
        clip_id=clip.id,
        path=clip.path,
        name=clip.name,
        role=clip.role,
        sample_rate=sr,
        channels=channels,
        seconds=seconds_frames / sr if sr else 0.0,
        voiced_seconds=None,
        segments=0,
        issues=issues,
    )
    return health, cache.get(key) if fresh else None, fresh


def _measure_pending(
    project: Project,
    pending: list[tuple[Clip, FileHealth, bool]],
    keys: dict[int, str],
    silence: dsp.SilenceRule,
    workers: int | None,
    done: dict[int, FileHealth],
    total: int,
    progress: Callable[[int, int, str], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> bool:
    """Measure clips on a thread pool; results are stored from this thread. Returns True
    if cancelled (clips not finished by then are left out of `done`)."""
    n_workers = workers or default_workers()
    with ThreadPoolExecutor(max_workers=n_workers, thread_name_prefix="stats") as pool:
        futures = {
            pool.submit(measure_clip, clip, silence): (clip, health, store)
            for clip, health, store in pending
        }
        for future in as_completed(futures):
            clip, health, store = futures[future]
            try:
                data = future.result()
            except AudioReadError as exc:
                health.issues.append(exc.reason)
            except Exception as exc:  # one odd file must not sink the whole report
                log.exception("measuring %s failed", clip.path)
                health.issues.append(f"could not be measured ({exc})")
            else:
                if store:
                    analysis_cache.store_analysis(project, keys[clip.id], clip.hash, data)
                apply_measurement(health, data)
            done[clip.id] = health
            if progress is not None:
                progress(len(done), total, clip.path)
            if should_cancel is not None and should_cancel():
                pool.shutdown(wait=True, cancel_futures=True)
                return True
    return False
