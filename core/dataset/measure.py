"""Measuring one clip: its length after edits, voiced time and levels, with the cache key of
the measurement. Long unedited files are measured block by block, so memory stays at one
block whatever their length. `core.dataset.stats` runs these over a project."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os

import numpy as np
import soundfile as sf

from core.audio import dsp
from core.audio.decoded_cache import samples_path
from core.audio.failures import say
from core.audio.io import AudioReadError, read_audio
from core.dataset.clips import Clip
from core.dataset.edits import EditError, render
from core.messages import QT_TRANSLATE_NOOP

SHORT_CLIP_SECONDS = 1.0  # shorter clips are flagged and give no whole training segment
ANALYSIS_VERSION = 1  # bump when a measurement changes meaning, to ignore old cache rows


# Clips longer than this with no edits are measured in blocks so memory stays small.
STREAM_ABOVE_SECONDS = 600.0
BLOCK_SECONDS = 60.0


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


def analysis_key(clip: Clip, rule: dsp.SilenceRule) -> str:
    key = {"v": ANALYSIS_VERSION, "hash": clip.audio_key, "edits": clip.edits}
    key["thr"] = float(rule.threshold_db)
    # Only a threshold was measured with before SilenceRule: the keys of every analysis
    # with the default rest of the rule stay as they were, so cached analyses stay valid.
    if rule != dsp.SilenceRule(threshold_db=rule.threshold_db):
        key["rule"] = dataclasses.asdict(rule)
    blob = json.dumps(key, sort_keys=True)
    return hashlib.sha1(blob.encode()).hexdigest()


def measure_audio(audio: np.ndarray, sr: int, rule: dsp.SilenceRule = dsp.SilenceRule()) -> dict:
    """Levels and voiced time of decoded (frames, channels) audio."""
    return {
        "seconds": audio.shape[0] / sr,
        "voiced_seconds": dsp.voiced_seconds(audio, sr, rule),
        "peak_dbfs": dsp.peak_dbfs(audio),
        "rms_dbfs": dsp.rms_dbfs(audio),
        "lufs": dsp.loudness_lufs(audio, sr),
        "dc_offset": dsp.dc_offset(audio),
        "clipped_fraction": dsp.clipped_fraction(audio),
    }


def measure_clip(clip: Clip, rule: dsp.SilenceRule) -> dict:
    """Decode a clip, apply its edits, drop excluded regions, and measure it."""
    path = samples_path(clip)
    if not clip.edits and clip.duration > STREAM_ABOVE_SECONDS:
        return _measure_streaming(path, rule)
    audio, sr = read_audio(path)
    try:
        audio = render(audio, sr, clip.edits).for_training()
    except (EditError, KeyError, ValueError) as exc:
        raise AudioReadError(clip.path, say(QT_TRANSLATE_NOOP("MediaFailures", "edit list cannot be applied ({exc})"), exc=str(exc))) from exc  # fmt: skip
    return measure_audio(audio, sr, rule)


def _measure_streaming(path: str, rule: dsp.SilenceRule) -> dict:
    """Block-wise measurement of a long file; memory stays at one block.

    Voicing frame levels of the blocks are joined before silences are judged, so voiced
    time equals the whole-file figure. Loudness is the power mean of per-block loudness
    (BS.1770 gating per 60 s block), close to but not exactly the whole-file value."""
    with sf.SoundFile(path) as fh:
        sr = fh.samplerate
        hop = max(1, int(round(rule.frame_s * sr)))
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
                raise AudioReadError(
                    path, say(QT_TRANSLATE_NOOP("MediaFailures", "contains NaN/inf samples"))
                )
            n += a.shape[0]
            levels.append(dsp.frame_rms_db(a, sr, rule.frame_s)[0])
            peak = max(peak, float(np.max(np.abs(a))))
            sumsq += float(np.sum(np.square(a, dtype=np.float64)))
            sums += a.sum(axis=0, dtype=np.float64)
            clipped += int(np.count_nonzero(np.abs(a) >= 0.999))
            level = dsp.loudness_lufs(a, sr)
            if np.isfinite(level):
                lufs_power.append((10 ** (level / 10), a.shape[0]))
        channels = fh.channels
    total = n * channels
    silent = dsp.silent_spans(np.concatenate(levels), hop, n, sr, rule) if n else []
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


def default_workers() -> int:
    """Measuring threads: one per spare core, at most 4. On two cores or fewer one thread,
    where a pool measured slower (bench/bench_stats.py: 0.86x on a busy 2-core machine)."""
    cores = os.cpu_count() or 1
    return 1 if cores <= 2 else min(4, cores - 1)
