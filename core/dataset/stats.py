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
  index keyed by content hash + edit list + threshold, so a second run only reads headers.
- headers only: reads each file's header (and any cached measurement). Durations are
  exact for trim/delete edits; voiced time falls back to the cache or is unknown, in
  which case segments are estimated from the full duration (an upper bound).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field

import numpy as np
import soundfile as sf

from core.audio import dsp
from core.audio.decoded_cache import samples_path
from core.audio.io import AudioReadError, probe, read_audio
from core.dataset.edits import EditError, render
from core.dataset.project import ROLES, Clip, Project

log = logging.getLogger(__name__)

ANALYSIS_VERSION = 1  # bump when a measurement changes meaning, to ignore old cache rows
SHORT_CLIP_SECONDS = 1.0
CLIPPING_FRACTION = 1e-4  # one sample in 10,000 at full scale is audible crackle
DC_OFFSET_LIMIT = 0.01  # 1 % of full scale; larger shifts the model's idea of silence
QUIET_PEAK_DBFS = -30.0
# Clips longer than this with no edits are measured in blocks so memory stays small.
STREAM_ABOVE_SECONDS = 600.0
BLOCK_SECONDS = 60.0

# Minutes of voiced audio → advice (lower bound, words).
ADVICE_LEVELS = (
    (60.0, "great: over an hour of {what}; enough for a strong model"),
    (30.0, "good: {minutes:.0f} minutes of {what}; enough for a solid model"),
    (10.0, "usable: {minutes:.0f} minutes of {what}; 30+ minutes would make it clearly better"),
    (0.0, "collect more: only {minutes:.1f} minutes of {what}; aim for at least 10, ideally 30+"),
)


@dataclass
class FileHealth:
    """Measurements and problems of one clip (after its edits)."""

    clip_id: int
    path: str
    name: str
    role: str
    sample_rate: int
    channels: int
    seconds: float  # after edits, excluded regions dropped
    voiced_seconds: float | None  # None: not measured (headers-only without cache)
    segments: int
    peak_dbfs: float | None = None
    rms_dbfs: float | None = None
    lufs: float | None = None
    dc_offset: float | None = None
    clipped_fraction: float | None = None
    measured: bool = False
    issues: list[str] = field(default_factory=list)


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
    task: str  # "paired" when the project has pairs, else "denoise"
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

    def format_text(self, per_file: bool = True) -> str:
        """A plain-text report for the terminal."""
        lines = [
            f"{self.clip_count} clips, {_hms(self.total_seconds)} in total, "
            f"{_hms(self.voiced_seconds)} voiced"
            + ("" if self.voiced_exact else " (estimate: some clips not measured)")
            + f" ({self.mode} mode)",
        ]
        for role, rs in self.roles.items():
            if rs.files:
                lines.append(
                    f"  {role:<7} {rs.files:5d} files  {_hms(rs.seconds):>9}  "
                    f"voiced {_hms(rs.voiced_seconds):>9}  segments {rs.segments}"
                )
        if self.pair_count or self.unpaired_inputs or self.unpaired_targets:
            lines.append(
                f"pairs: {self.pair_count} (unpaired: {self.unpaired_inputs} inputs, "
                f"{self.unpaired_targets} targets)"
            )
        lines.append(
            f"segments of {self.segment_seconds:g} s ({self.task}): {self.base_segments}"
            f" × augmentation {self.augmentation:g} = {self.segments_per_epoch} per epoch,"
            f" {self.segments_total} over {self.epochs} epoch(s)"
        )
        if self.majority_sample_rate:
            lines.append(
                f"most files: {self.majority_sample_rate} Hz, {self.majority_channels} channel(s)"
            )
        problems = self.problems()
        if per_file and problems:
            lines.append(f"health: {len(problems)} file(s) with problems")
            for f in problems:
                lines.append(f"  {f.path}: " + "; ".join(f.issues))
        elif problems:
            lines.append(f"health: {len(problems)} file(s) with problems")
        else:
            lines.append("health: no problems found")
        lines.append("advice:")
        lines.extend(f"  - {a}" for a in self.advice)
        return "\n".join(lines)


def _hms(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _json_safe(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def segment_count(voiced_seconds: float, segment_seconds: float) -> int:
    """Whole segments one clip gives: floor(voiced / segment)."""
    if segment_seconds <= 0:
        raise ValueError("segment length must be positive")
    # A hair of tolerance so 8.0 s of voiced audio in 4 s segments is 2, not 1.
    return int(math.floor(voiced_seconds / segment_seconds + 1e-9))


def edited_frames(frames: int, edits: list[dict]) -> tuple[int, bool]:
    """Length after an edit list without decoding; exact unless the list holds
    delete_silence or exclude (which depend on the audio or on overlapping spans)."""
    exact = True
    n = frames
    for edit in edits:
        op = edit.get("op")
        start = max(0, min(int(edit.get("start", 0)), n))
        end = max(0, min(int(edit.get("end", n)), n))
        start, end = min(start, end), max(start, end)
        if op == "trim":
            n = end - start
        elif op == "delete":
            n -= end - start
        elif op in ("delete_silence", "exclude", "include"):
            exact = False
    return n, exact


def analysis_key(clip: Clip, threshold_db: float) -> str:
    blob = json.dumps(
        {"v": ANALYSIS_VERSION, "hash": clip.audio_key, "edits": clip.edits, "thr": threshold_db},
        sort_keys=True,
    )
    return hashlib.sha1(blob.encode()).hexdigest()


def measure_audio(audio: np.ndarray, sr: int, threshold_db: float) -> dict:
    """Levels and voiced time of decoded (frames, channels) audio."""
    return {
        "seconds": audio.shape[0] / sr,
        "voiced_seconds": dsp.voiced_seconds(audio, sr, threshold_db),
        "peak_dbfs": dsp.peak_dbfs(audio),
        "rms_dbfs": dsp.rms_dbfs(audio),
        "lufs": dsp.loudness_lufs(audio, sr),
        "dc_offset": dsp.dc_offset(audio),
        "clipped_fraction": dsp.clipped_fraction(audio),
    }


def measure_clip(clip: Clip, threshold_db: float) -> dict:
    """Decode a clip, apply its edits, drop excluded regions, and measure it."""
    path = samples_path(clip)
    if not clip.edits and clip.duration > STREAM_ABOVE_SECONDS:
        return _measure_streaming(path, threshold_db)
    audio, sr = read_audio(path)
    try:
        audio = render(audio, sr, clip.edits).for_training()
    except (EditError, KeyError, ValueError) as exc:
        raise AudioReadError(clip.path, f"edit list cannot be applied ({exc})") from exc
    return measure_audio(audio, sr, threshold_db)


def _measure_streaming(path: str, threshold_db: float) -> dict:
    """Block-wise measurement of a long file; memory stays at one block.

    Voicing frame levels of the blocks are joined before silences are judged, so voiced
    time equals the whole-file figure. Loudness is the power mean of per-block loudness
    (BS.1770 gating per 60 s block), close to but not exactly the whole-file value."""
    with sf.SoundFile(path) as fh:
        sr = fh.samplerate
        hop = max(1, int(round(0.02 * sr)))
        block = hop * max(1, int(BLOCK_SECONDS * sr) // hop)  # whole voicing frames
        n = 0
        levels = []
        peak = 0.0
        sumsq = 0.0
        sums = np.zeros(fh.channels)
        clipped = 0
        lufs_power = []
        while True:
            a = fh.read(block, dtype="float32", always_2d=True)
            if a.shape[0] == 0:
                break
            if not np.isfinite(a).all():
                raise AudioReadError(path, "contains NaN/inf samples")
            n += a.shape[0]
            levels.append(dsp.frame_rms_db(a, sr)[0])
            peak = max(peak, float(np.max(np.abs(a))))
            sumsq += float(np.sum(np.square(a, dtype=np.float64)))
            sums += a.sum(axis=0, dtype=np.float64)
            clipped += int(np.count_nonzero(np.abs(a) >= 0.999))
            level = dsp.loudness_lufs(a, sr)
            if np.isfinite(level):
                lufs_power.append((10 ** (level / 10), a.shape[0]))
        channels = fh.channels
    total = n * channels
    silent = dsp.silent_spans(np.concatenate(levels), hop, n, sr, threshold_db) if n else []
    voiced = (n - sum(end - start for start, end in silent)) / sr if n else 0.0
    rms = math.sqrt(sumsq / total) if total else 0.0
    if lufs_power:
        w = sum(f for _, f in lufs_power)
        lufs = 10 * math.log10(sum(p * f for p, f in lufs_power) / w)
    else:
        lufs = float("-inf")
    return {
        "seconds": n / sr,
        "voiced_seconds": voiced,
        "peak_dbfs": 20 * math.log10(peak) if peak > 0 else float("-inf"),
        "rms_dbfs": 20 * math.log10(rms) if rms > 0 else float("-inf"),
        "lufs": lufs,
        "dc_offset": float(np.max(np.abs(sums / n))) if n else 0.0,
        "clipped_fraction": clipped / total if total else 0.0,
    }


def dataset_stats(
    project: Project,
    segment_seconds: float = 4.0,
    threshold_db: float = -40.0,
    augmentation: float = 1.0,
    epochs: int = 1,
    headers_only: bool = False,
    use_cache: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> DatasetStats:
    """Statistics, health and advice for the whole project (see the module docstring).

    progress(done, total, path) is called as each clip is finished; should_cancel() is
    checked after each measured clip. `workers` threads decode (default_workers()).
    """
    if segment_seconds <= 0:
        raise ValueError("segment length must be positive")
    if augmentation < 1:
        raise ValueError("augmentation multiplier must be at least 1")
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    t0 = time.perf_counter()
    clips = project.clips()
    keys = {c.id: analysis_key(c, threshold_db) for c in clips}
    cache = project.cached_analyses(keys.values()) if use_cache else {}
    # Headers first (cheap, in order), then the clips that need decoding, measured on
    # `workers` threads (libsndfile and numpy release the GIL while they work).
    pending: list[tuple[Clip, FileHealth, bool]] = []  # (clip, health, store in cache)
    done: dict[int, FileHealth] = {}
    for clip in clips:
        health, data, fresh = _header_health(project, clip, keys[clip.id], cache)
        if data is not None:
            _apply_measurement(health, data)
        if data is None and not headers_only and fresh is not None:
            pending.append((clip, health, fresh))
        else:
            done[clip.id] = health
            if progress is not None:
                progress(len(done), len(clips), clip.path)
    cancelled = False
    if pending:
        cancelled = _measure_pending(
            project, pending, keys, threshold_db, workers, done, len(clips), progress, should_cancel
        )
    files = [done[c.id] for c in clips if c.id in done]
    for f in files:
        _finish_health(f, segment_seconds)

    _flag_mismatches(files)
    _flag_duplicates(files, clips)
    pairs = project.pairs()
    paired_ids = {p.input.id for p in pairs} | {p.target.id for p in pairs}
    roles = {r: RoleStats() for r in ROLES}
    for f in files:
        rs = roles[f.role]
        rs.files += 1
        rs.seconds += f.seconds
        rs.voiced_seconds += f.voiced_seconds if f.voiced_seconds is not None else f.seconds
        rs.segments += f.segments
    task = "paired" if pairs else "denoise"
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
        threshold_db=threshold_db,
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
                raise AudioReadError(clip.path, "file not found")
        else:
            info = probe(clip.path)
            sr, channels, frames = info.sample_rate, info.channels, info.frames
    except AudioReadError as exc:
        issues.append("missing" if exc.reason == "file not found" else exc.reason)
        fresh = None
    if fresh and project.source_status([clip])[0].state == "changed":
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
    threshold_db: float,
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
            pool.submit(measure_clip, clip, threshold_db): (clip, health, store)
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
                    project.store_analysis(keys[clip.id], clip.hash, data)
                _apply_measurement(health, data)
            done[clip.id] = health
            if progress is not None:
                progress(len(done), total, clip.path)
            if should_cancel is not None and should_cancel():
                pool.shutdown(wait=True, cancel_futures=True)
                return True
    return False


def default_workers() -> int:
    """Measuring threads: one per spare core, at most 4. On two cores or fewer one thread,
    where a pool measured slower (bench/bench_stats.py: 0.86x on a busy 2-core machine)."""
    cores = os.cpu_count() or 1
    return 1 if cores <= 2 else min(4, cores - 1)


def _apply_measurement(health: FileHealth, data: dict) -> None:
    health.seconds = data["seconds"]
    health.voiced_seconds = data["voiced_seconds"]
    health.peak_dbfs = data["peak_dbfs"]
    health.rms_dbfs = data["rms_dbfs"]
    health.lufs = data["lufs"]
    health.dc_offset = data["dc_offset"]
    health.clipped_fraction = data["clipped_fraction"]
    health.measured = True
    _flag_levels(health)


def _finish_health(health: FileHealth, segment_seconds: float) -> None:
    missing = any(i.startswith("missing") for i in health.issues)
    if missing:
        return
    if health.seconds < SHORT_CLIP_SECONDS:
        health.issues.append(f"very short ({health.seconds:.2f} s < {SHORT_CLIP_SECONDS:g} s)")
    usable = health.voiced_seconds if health.voiced_seconds is not None else health.seconds
    health.segments = segment_count(usable, segment_seconds)


def _flag_levels(h: FileHealth) -> None:
    if h.clipped_fraction is not None and h.clipped_fraction > CLIPPING_FRACTION:
        h.issues.append(f"clipping ({100 * h.clipped_fraction:.2f} % of samples at full scale)")
    if h.dc_offset is not None and h.dc_offset > DC_OFFSET_LIMIT:
        h.issues.append(f"DC offset {h.dc_offset:.3f} (high-pass or remove the offset)")
    if h.peak_dbfs is not None and h.peak_dbfs < QUIET_PEAK_DBFS:
        h.issues.append(f"very quiet (peak {h.peak_dbfs:.1f} dBFS)")
    if h.voiced_seconds is not None and h.voiced_seconds == 0 and h.seconds > 0:
        h.issues.append("no voiced audio above the silence threshold")


def _flag_mismatches(files: list[FileHealth]) -> None:
    rates = Counter(f.sample_rate for f in files)
    chans = Counter(f.channels for f in files)
    if len(rates) > 1:
        major = rates.most_common(1)[0][0]
        for f in files:
            if f.sample_rate != major:
                f.issues.append(f"sample rate {f.sample_rate} Hz differs from most files ({major})")
    if len(chans) > 1:
        major = chans.most_common(1)[0][0]
        for f in files:
            if f.channels != major:
                f.issues.append(f"{f.channels} channel(s); most files have {major}")


def _flag_duplicates(files: list[FileHealth], clips: list[Clip]) -> None:
    # Import refuses duplicates, so this catches files that became identical later
    # (overwritten on disk) or indexes written by older versions. Split clips of one
    # source share a hash on purpose and are not duplicates.
    by_hash: dict[str, list[Clip]] = {}
    seen_sources: set[int] = set()
    for c in clips:
        if c.source_id in seen_sources:
            continue
        seen_sources.add(c.source_id)
        by_hash.setdefault(c.hash, []).append(c)
    index = {f.clip_id: f for f in files}
    for group in by_hash.values():
        for c in group[1:]:
            if c.id in index:
                index[c.id].issues.append(f"duplicate of {group[0].path}")


def advice_for(stats: DatasetStats) -> list[str]:
    """Plain-language lines, most important first."""
    out: list[str] = []
    if stats.clip_count == 0:
        return ["the project is empty: add clean speech (and noise) or a folder pair first"]
    if stats.task == "paired":
        minutes = stats.roles["input"].voiced_seconds / 60
        what = f"paired audio ({stats.pair_count} pairs)"
    else:
        minutes = stats.roles["clean"].voiced_seconds / 60
        what = "clean voice"
    for floor_minutes, text in ADVICE_LEVELS:
        if minutes >= floor_minutes:
            out.append(text.format(minutes=minutes, what=what))
            break
    if not stats.voiced_exact:
        out.append("voiced time is an estimate: run full statistics (without --headers-only)")
    if stats.task == "denoise" and stats.roles["clean"].files and not stats.roles["noise"].files:
        out.append(
            "no noise clips: a denoiser learns from noise mixed into clean speech; "
            "add recordings of the noise you want removed"
        )
    if stats.unpaired_inputs or stats.unpaired_targets:
        out.append(
            f"{stats.unpaired_inputs} input and {stats.unpaired_targets} target files have no "
            "partner and are not used for paired training"
        )
    if 0 < stats.segments_per_epoch < 100:
        out.append(
            f"only {stats.segments_per_epoch} segments per epoch: use shorter segments, "
            "more augmentation or more data"
        )
    counts = Counter()
    for f in stats.files:
        for issue in f.issues:
            counts[issue.split(" (")[0].split(" ")[0]] += 1
    if counts.get("clipping"):
        out.append(
            f"{counts['clipping']} file(s) clip: re-record quieter or exclude the clipped parts"
        )
    mismatched = sum(1 for f in stats.files if any("sample rate" in i for i in f.issues))
    if mismatched:
        out.append(
            f"{mismatched} file(s) are not at {stats.majority_sample_rate} Hz; "
            "they will be resampled for training"
        )
    short = sum(1 for f in stats.files if any(i.startswith("very short") for i in f.issues))
    if short:
        out.append(f"{short} clip(s) are shorter than {SHORT_CLIP_SECONDS:g} s and add little")
    missing = sum(
        1 for f in stats.files if any(i.startswith(("missing", "changed")) for i in f.issues)
    )
    if missing:
        out.append(f"{missing} source file(s) are missing or changed since import")
    return out
