"""Paired datasets: match input files to target files by name, then measure their offset.

A "mix style" model learns input → target, so the two must line up sample for sample.
Mixed exports often start a little later or earlier than the raw take (a DAW region
moved, a pre-roll added); the constant offset between them is found by cross-correlation
and stored with the pair so the dataset can shift the target back.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.audio.decoded_cache import samples_path
from core.audio.io import AudioReadError, probe, read_audio, resample, to_mono
from core.dataset.clips import Clip
from core.dataset.importer import import_paths
from core.dataset.project import Project

log = logging.getLogger(__name__)

# Name parts that say which side of a pair a file is, not which take it is. Stripped
# from either end of the stem ("Song1_raw", "mix - Song1", "song1 (input)").
SIDE_WORDS = frozenset(
    {"raw", "mix", "mixed", "input", "in", "target", "out", "output", "dry", "wet"}
    | {"master", "mastered", "processed", "proc", "orig", "original", "unmixed", "final"}
    | {"noisy", "clean", "src", "source", "ref", "reference", "tgt", "inp"}
)
_SEPARATORS = re.compile(r"[\s_\-\.\(\)\[\]]+")

# Correlating the first 30 s is enough to find a constant offset and keeps hour-long
# files as fast as short ones.
DEFAULT_WINDOW_SECONDS = 30.0
DEFAULT_MAX_LAG_SECONDS = 5.0
# Below this normalised correlation the two files probably are not the same take (a
# heavily processed mix of the right take still scores well above it).
WEAK_CONFIDENCE = 0.3


def normalize_stem(name: str) -> str:
    """The part of a file name that identifies the take: lower-case, separators unified,
    side words (raw, mix, input, target, ...) removed from both ends."""
    stem = Path(name).stem if Path(name).suffix else name
    tokens = [t for t in _SEPARATORS.split(stem.lower()) if t]
    original = list(tokens)
    while tokens and tokens[-1] in SIDE_WORDS:
        tokens.pop()
    while tokens and tokens[0] in SIDE_WORDS:
        tokens.pop(0)
    return "_".join(tokens or original)


def find_offset(
    a: np.ndarray,
    b: np.ndarray,
    sr: int,
    max_lag_seconds: float | None = DEFAULT_MAX_LAG_SECONDS,
) -> tuple[int, float]:
    """Samples by which `b` lags `a` (b[n] ≈ a[n - offset]; negative: b leads), and a
    confidence in [0, 1].

    FFT cross-correlation of the mono mixdowns, searched over ±max_lag_seconds. The
    confidence is the correlation at the peak normalised by the energies of the two
    overlapping stretches: 1.0 for a delayed copy, lower as processing (EQ, compression,
    reverb) or unrelated material makes the two differ. The absolute value is used, so a
    polarity-flipped target still aligns.
    """
    x = _mono(a)
    y = _mono(b)
    if len(x) == 0 or len(y) == 0 or not np.any(x) or not np.any(y):
        return 0, 0.0
    x = x - x.mean()
    y = y - y.mean()
    corr = _xcorr(y, x)
    lags = np.arange(-(len(x) - 1), len(y))
    if max_lag_seconds is not None:
        max_lag = int(round(max_lag_seconds * sr))
        inside = np.abs(lags) <= max_lag
        corr, lags = corr[inside], lags[inside]
    best = int(np.argmax(np.abs(corr)))
    offset = int(lags[best])
    # Energies of the stretches that overlap at this lag, for a scale-free confidence.
    if offset >= 0:
        xo, yo = x[: max(0, len(y) - offset)], y[offset : offset + len(x)]
    else:
        xo, yo = x[-offset : -offset + len(y)], y[: max(0, len(x) + offset)]
    n = min(len(xo), len(yo))
    denom = float(np.sqrt(np.sum(xo[:n] ** 2) * np.sum(yo[:n] ** 2)))
    confidence = float(abs(corr[best]) / denom) if denom > 0 else 0.0
    return offset, min(1.0, confidence)


def _xcorr(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Full cross-correlation c[k] = sum_n y[n + k] x[n] for k = -(len(x)-1) .. len(y)-1,
    by FFT. numpy's FFT rather than scipy.signal.correlate: importing scipy.signal costs
    seconds of start-up on every `wavesmith pair`, for the same result."""
    n = len(x) + len(y) - 1
    nfft = 1 << (n - 1).bit_length()
    spec = np.fft.rfft(y, nfft) * np.conj(np.fft.rfft(x, nfft))
    c = np.fft.irfft(spec, nfft)
    # Negative lags wrapped to the end of the circular result.
    return np.concatenate([c[nfft - (len(x) - 1) :], c[: len(y)]])


def _mono(audio: np.ndarray) -> np.ndarray:
    a = np.asarray(audio, dtype=np.float64)
    return a if a.ndim == 1 else a.mean(axis=1)


@dataclass(frozen=True)
class PairResult:
    input: Clip
    target: Clip
    offset: int  # samples at the input's rate by which the target lags
    length_diff: int  # target frames minus input frames, at the input's rate
    confidence: float
    pair_id: int

    @property
    def offset_ms(self) -> float:
        return 1000.0 * self.offset / self.input.sample_rate


@dataclass
class PairReport:
    pairs: list[PairResult] = field(default_factory=list)
    unpaired_inputs: list[str] = field(default_factory=list)
    unpaired_targets: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # (key, paths)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # from the import
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why) when aligning
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.pairs)} pairs, {len(self.unpaired_inputs)} inputs and "
            f"{len(self.unpaired_targets)} targets without a partner"
        )


def measure_pair(
    input_path: str | os.PathLike,
    target_path: str | os.PathLike,
    window_seconds: float = DEFAULT_WINDOW_SECONDS,
    max_lag_seconds: float = DEFAULT_MAX_LAG_SECONDS,
) -> tuple[int, int, float]:
    """(offset, length_diff, confidence) of a pair, in samples at the input's rate.

    Only the first `window_seconds` (plus the lag range) of each file are decoded.
    """
    in_info, tg_info = probe(input_path), probe(target_path)
    sr, tg_sr = in_info.sample_rate, tg_info.sample_rate
    span = window_seconds + max_lag_seconds
    a, _ = read_audio(input_path, 0, min(in_info.frames, int(span * sr)))
    b, _ = read_audio(target_path, 0, min(tg_info.frames, int(span * tg_sr)))
    a = a[: int(window_seconds * sr)]  # the input window; the target keeps room to lag
    b = to_mono(b)
    if tg_sr != sr:
        b = resample(b, tg_sr, sr)
    offset, confidence = find_offset(a, b, sr, max_lag_seconds)
    target_frames = int(round(tg_info.frames * sr / tg_sr))
    return offset, target_frames - int(in_info.frames), confidence


def pair_folders(
    project: Project,
    input_dir: str | os.PathLike,
    target_dir: str | os.PathLike,
    window_seconds: float = DEFAULT_WINDOW_SECONDS,
    max_lag_seconds: float = DEFAULT_MAX_LAG_SECONDS,
    progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> PairReport:
    """Import both folders (inputs as "input", targets as "target"), match files by
    normalised name, measure each pair's offset and length difference, and record it."""
    a, b = Path(input_dir).resolve(), Path(target_dir).resolve()
    for folder in (a, b):
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: not a folder")
    if a == b or a in b.parents or b in a.parents:
        raise ValueError(f"{a} and {b} overlap: inputs and targets need separate folders")
    report = PairReport()
    sides: dict[str, dict[str, list[Clip]]] = {}
    for side, folder in (("input", a), ("target", b)):
        imported = import_paths(project, [folder], role=side, should_cancel=should_cancel)
        report.rejected.extend(imported.rejected)
        sides[side] = _clips_by_key(project, folder, side)
    inputs, targets = sides["input"], sides["target"]
    keys = []
    for key in sorted(set(inputs) | set(targets)):
        ins, tgs = inputs.get(key, []), targets.get(key, [])
        report.ambiguous.extend((key, [c.path for c in g]) for g in (ins, tgs) if len(g) > 1)
        if not tgs:
            report.unpaired_inputs.extend(c.path for c in ins)
        elif not ins:
            report.unpaired_targets.extend(c.path for c in tgs)
        elif len(ins) == 1 and len(tgs) == 1:
            keys.append(key)
    for done, key in enumerate(keys, start=1):
        if should_cancel is not None and should_cancel():
            break
        inp, tgt = inputs[key][0], targets[key][0]
        try:
            offset, length_diff, confidence = measure_pair(
                samples_path(inp), samples_path(tgt), window_seconds, max_lag_seconds
            )
        except (AudioReadError, OSError, RuntimeError, ValueError) as exc:
            report.failed.append((inp.path, f"could not align with {tgt.path}: {exc}"))
        else:
            pair_id = project.add_pair(inp.id, tgt.id, offset, length_diff, confidence)
            report.pairs.append(
                PairResult(
                    project.clip(inp.id),
                    project.clip(tgt.id),
                    offset,
                    length_diff,
                    confidence,
                    pair_id,
                )
            )
            if confidence < WEAK_CONFIDENCE:
                report.warnings.append(
                    f"{Path(inp.path).name} ↔ {Path(tgt.path).name}: weak alignment "
                    f"(confidence {confidence:.2f}); are these really the same take?"
                )
        if progress is not None:
            progress(done, len(keys), inp.path)
    log.info("pairing %s ↔ %s: %s", input_dir, target_dir, report.summary())
    return report


def _clips_by_key(project: Project, folder: Path, role: str) -> dict[str, list[Clip]]:
    """Clips whose source lies under `folder`, grouped by normalised stem; their role is
    set to `role` (a file imported earlier as "clean" becomes a pair side). A source
    split into several clips is paired through its first clip."""
    root = str(folder.resolve()) + os.sep
    out: dict[str, list[Clip]] = {}
    seen_sources: set[int] = set()
    for clip in project.clips():
        if not clip.path.startswith(root) or clip.source_id in seen_sources:
            continue
        seen_sources.add(clip.source_id)
        if clip.role != role:
            project.set_role(clip.id, role)
            clip = project.clip(clip.id)
        out.setdefault(normalize_stem(Path(clip.path).name), []).append(clip)
    return out
