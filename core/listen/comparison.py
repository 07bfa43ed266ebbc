"""One Comparison of an original (A) with its processed version (B), built either by
processing the original with a model (`compare_job`) or from a file processed earlier, such
as a training sample (`compare_files`). The Listen tab shows and plays what these return; both
run off the GUI thread (they read, resample, process and measure whole files).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # core.listen.inference imports torch: not on the window's start-up path
    from core.listen.inference import ProcessConfig, ProcessResult
    from core.listen.model_loading import ModelForInference


def _default_config() -> ProcessConfig:
    from core.listen.inference import ProcessConfig

    return ProcessConfig()


@dataclass
class ComparisonJob:
    """What to process: an original, a model (a file, or one already in memory), where the
    result goes, and optionally a clean reference for the metrics."""

    original: Path
    out_path: Path
    model_path: str | None = None  # loaded by compare_job when `model` is None
    model: ModelForInference | None = None
    config: ProcessConfig = field(default_factory=_default_config)
    reference: Path | None = None  # a clean version of the original, for metrics


@dataclass
class Comparison:
    original: np.ndarray  # (frames, channels) float32, at `sample_rate`
    processed: np.ndarray  # the same shape
    sample_rate: int
    result: ProcessResult
    model_name: str
    metrics: dict[str, float] | None = None
    match_gains: tuple[float, float] = (1.0, 1.0)  # linear gains that equalise LUFS


def compare_job(
    job: ComparisonJob,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Comparison:
    """Process the original with the model, then read both back and measure them."""
    from core.audio.io import read_audio
    from core.listen.ab_mixer import loudness_match_gains
    from core.listen.inference import process_file
    from core.listen.model_loading import load_for_inference

    model = job.model or load_for_inference(job.model_path)
    config = model.config_for(job.config)  # "model's choice": the limit validation found
    result = process_file(
        model.model,
        model.sample_rate,
        job.original,
        job.out_path,
        config,
        progress=progress,
        should_cancel=should_cancel,
        delay=model.delay,
        trained_band_hz=model.trained_band_hz,
    )
    original, sr = read_audio(job.original)
    processed, _ = read_audio(job.out_path)
    gains = loudness_match_gains(original, processed, sr)
    metrics = None
    if job.reference is not None:
        from core.audio.quality import reference_metrics

        reference, ref_sr = read_audio(job.reference)
        metrics = reference_metrics(original, processed, sr, reference, ref_sr)
    name = Path(model.source).name
    return Comparison(original, processed, sr, result, name, metrics, gains)


def compare_files(processed: str | Path, original: str | Path | None = None) -> Comparison:
    """A file processed earlier against its original, brought to the processed file's rate,
    channels and length. Without an original the processed file is both A and B.
    Raises AudioReadError naming the file that cannot be read."""
    from core.audio.io import fit_length, match_channels, read_audio, resample
    from core.listen.ab_mixer import loudness_match_gains
    from core.listen.inference import ProcessResult

    proc, sr = read_audio(processed)
    orig, osr = read_audio(original) if original else (proc, sr)
    orig = resample(orig, osr, sr)
    if orig.shape[1] != proc.shape[1]:
        orig = match_channels(orig, proc.shape[1])
    n = proc.shape[0]
    orig = fit_length(orig, n)
    result = ProcessResult(
        str(original or processed), str(processed), sr, proc.shape[1], n, 0.0, "-", sr
    )
    gains = loudness_match_gains(orig, proc, sr)
    return Comparison(orig, proc, sr, result, Path(processed).name, None, gains)
