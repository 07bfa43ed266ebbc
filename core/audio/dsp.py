"""Pure level and activity measurements on float arrays shaped (frames, channels)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SILENCE_FLOOR_DB = -120.0

# A delete_silence edit stored without "min_duration" was made when the editor's default was
# 0.5 s: it must render as it did then, whatever SilenceRule's default is now.
LEGACY_EDIT_MIN_SILENCE_S = 0.5


@dataclass(frozen=True)
class SilenceRule:
    """What counts as silence, for every route that judges it: the delete_silence edit,
    silence skipping before training (DataConfig.silence), sliced export (SliceOptions) and
    the voiced time of the statistics. The names stored in edits and configs stay theirs
    (to_edit/from_edit; DataConfig.silence_threshold_db and silence_min_s)."""

    threshold_db: float = -40.0  # frames below this (dBFS RMS) are silent
    min_silence_s: float = 0.3  # shorter quiet gaps are kept (pauses inside speech)
    keep_margin_s: float = 0.05  # kept at each side so onsets and decays are not cut
    frame_s: float = 0.02  # the RMS frames levels are measured on

    def __post_init__(self) -> None:
        if not math.isfinite(self.threshold_db):
            raise ValueError(f"silence threshold must be a number of dB, not {self.threshold_db}")
        if not (self.min_silence_s >= 0 and self.keep_margin_s >= 0):
            raise ValueError("silence minimum and kept margin must be >= 0 s")
        if not self.frame_s > 0:
            raise ValueError("silence frame must be longer than 0 s")

    def quiet_runs(self, levels: np.ndarray) -> list[tuple[int, int]]:
        """Frame spans [i, j) of `levels` (frame_rms_db) below the threshold, at least
        min_silence_s long."""
        min_frames = max(1, int(np.ceil(self.min_silence_s / self.frame_s)))
        return true_runs(np.asarray(levels) < self.threshold_db, min_frames)

    def to_edit(self) -> dict:
        """The delete_silence edit that removes what this rule finds (frame_s is not stored:
        edits are always judged on the default frame)."""
        return {
            "op": "delete_silence",
            "threshold_db": float(self.threshold_db),
            "min_duration": float(self.min_silence_s),
            "keep": float(self.keep_margin_s),
        }

    @classmethod
    def from_edit(cls, edit: dict) -> SilenceRule:
        default = cls()
        return cls(
            threshold_db=float(edit.get("threshold_db", default.threshold_db)),
            min_silence_s=float(edit.get("min_duration", LEGACY_EDIT_MIN_SILENCE_S)),
            keep_margin_s=float(edit.get("keep", default.keep_margin_s)),
        )


def _2d(audio: np.ndarray) -> np.ndarray:
    return audio[:, None] if audio.ndim == 1 else audio


def peak_dbfs(audio: np.ndarray) -> float:
    """Sample peak in dBFS (-inf for digital silence)."""
    if audio.size == 0:
        return float("-inf")
    peak = float(np.max(np.abs(audio)))
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def rms_dbfs(audio: np.ndarray) -> float:
    """RMS over all samples and channels in dBFS."""
    if audio.size == 0:
        return float("-inf")
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
    return 20 * np.log10(rms) if rms > 0 else float("-inf")


def loudness_lufs(audio: np.ndarray, sr: int) -> float:
    """Integrated loudness (ITU-R BS.1770) in LUFS; -inf if too short or silent.

    BS.1770 gating needs at least one 400 ms block; shorter clips are measured by
    repeating them, which keeps the level of a short steady clip right.
    """
    a = _2d(audio).astype(np.float64)
    if a.shape[0] == 0 or not np.any(a):
        return float("-inf")
    block = int(0.4 * sr) + 1
    if a.shape[0] < block:
        a = np.tile(a, (int(np.ceil(block / a.shape[0])), 1))
    # Imported here: pyloudnorm pulls in scipy.signal, seconds of start-up that every
    # headless command (e.g. `stats --headers-only`) would otherwise pay.
    import pyloudnorm

    meter = pyloudnorm.Meter(sr)
    if a.shape[1] <= 5:
        value = float(meter.integrated_loudness(a))
    else:
        # The meter knows 5 channels at most; with more (6-channel field recorders, arrays)
        # BS.1770 sums the channels' powers, done here per channel, each gated on its own.
        powers = [10 ** (meter.integrated_loudness(a[:, [c]]) / 10) for c in range(a.shape[1])]
        value = 10 * np.log10(sum(p for p in powers if np.isfinite(p)) or np.nan)
    return value if np.isfinite(value) else float("-inf")


def dc_offset(audio: np.ndarray) -> float:
    """Largest absolute per-channel mean."""
    if audio.size == 0:
        return 0.0
    return float(np.max(np.abs(_2d(audio).mean(axis=0, dtype=np.float64))))


def clipped_fraction(audio: np.ndarray, threshold: float = 0.999) -> float:
    """Fraction of samples at or beyond full scale."""
    if audio.size == 0:
        return 0.0
    return float(np.count_nonzero(np.abs(audio) >= threshold)) / audio.size


def frame_rms_db(audio: np.ndarray, sr: int, frame_s: float = 0.02) -> tuple[np.ndarray, int]:
    """RMS in dBFS of consecutive non-overlapping frames (mono mix); returns (levels, hop)."""
    hop = max(1, int(round(frame_s * sr)))
    mono = _2d(audio).mean(axis=1, dtype=np.float64)
    n = len(mono) // hop
    if n == 0:
        level = rms_dbfs(mono)
        return np.array([level if np.isfinite(level) else SILENCE_FLOOR_DB]), hop
    frames = mono[: n * hop].reshape(n, hop)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    levels = 20 * np.log10(np.maximum(rms, 10 ** (SILENCE_FLOOR_DB / 20)))
    if len(mono) > n * hop:  # the tail frame counts too, so masks cover every sample
        tail = np.sqrt(np.mean(mono[n * hop :] ** 2))
        levels = np.append(levels, 20 * np.log10(max(tail, 10 ** (SILENCE_FLOOR_DB / 20))))
    return levels, hop


def silent_spans(
    levels: np.ndarray, hop: int, n: int, sr: int, rule: SilenceRule = SilenceRule()
) -> list[tuple[int, int]]:
    """Sample spans [start, end) judged silent from frame levels (see voiced_mask).

    Working on levels lets a long file be measured block by block: frame levels of
    consecutive blocks (each a whole number of frames) concatenate into the levels of the
    whole file, so silences that cross a block boundary are judged as one.
    """
    margin = int(round(rule.keep_margin_s * sr))
    spans = []
    for i, j in rule.quiet_runs(levels):
        start = i * hop + (margin if i > 0 else 0)
        end = min(n, j * hop) - (margin if j < len(levels) else 0)
        if end > start:
            spans.append((start, end))
    return spans


def true_runs(flags: np.ndarray | None, min_length: int = 1) -> list[tuple[int, int]]:
    """Index spans [i, j) where `flags` is True for at least `min_length` in a row.

    The one run finder: silences (`quiet`), kept pieces (`keep`) and excluded regions
    (`~keep`) are all runs of True in a mask. None or an empty mask has no runs.
    """
    if flags is None or len(flags) == 0:
        return []
    padded = np.concatenate([[False], np.asarray(flags, dtype=bool), [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [
        (int(i), int(j))
        for i, j in zip(edges[::2], edges[1::2], strict=True)
        if j - i >= min_length
    ]


def voiced_mask(audio: np.ndarray, sr: int, rule: SilenceRule = SilenceRule()) -> np.ndarray:
    """Per-sample mask: False only inside the silences `rule` finds (frames below its
    threshold for at least its minimum), shrunk by its margin at each side so word onsets
    and decays are not cut."""
    n = audio.shape[0]
    levels, hop = frame_rms_db(audio, sr, rule.frame_s)
    mask = np.ones(n, dtype=bool)
    for start, end in silent_spans(levels, hop, n, sr, rule):
        mask[start:end] = False
    return mask


def voiced_seconds(audio: np.ndarray, sr: int, rule: SilenceRule = SilenceRule()) -> float:
    """Seconds of audio left after silence skipping."""
    return float(np.count_nonzero(voiced_mask(audio, sr, rule))) / sr
