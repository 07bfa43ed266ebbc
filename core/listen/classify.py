"""Using a trained classifier: the classes of whole files, or detections along recordings.

A file is cut into windows the way training cut clips (core.train.classify.features), each
window scored by the model (core.listen.window_scores). Per file: the class probabilities
averaged over its windows, the best K. Detections (a window length and hop given): each
window's best class, neighbouring windows of one class merged.

A file is read in blocks (core.audio.blocks), down-mixed and resampled as a stream, and
scored as it arrives: an hour-long recording costs a block and a window of memory, never
its 230 MB of samples, and a cancel stops it between two blocks. The scores are the ones
the same audio gets read whole (`classify_audio`).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
import torch

from core.audio.blocks import BLOCK_FRAMES, open_blocks
from core.audio.io import AudioReadError
from core.listen.window_scores import (
    BATCH_WINDOWS,
    ClassifyCancelled,
    Detection,
    DetectionRuns,
    MeanScores,
    WindowScorer,
)
from core.train.classify.config import FeatureConfig
from core.train.classify.features import feature_audio, feature_stream
from core.train.config import CLASSIFIER_KINDS

__all__ = [  # Detection, ClassifyCancelled and BATCH_WINDOWS live in window_scores
    "BATCH_WINDOWS",
    "CSV_COLUMNS",
    "ClassifyCancelled",
    "ClassifyReport",
    "Classifier",
    "Detection",
    "FileResult",
    "classify_audio",
    "classify_file",
    "classify_paths",
    "load_classifier",
    "result_rows",
    "write_results_csv",
]

CSV_COLUMNS = ("file", "start_s", "end_s", "rank", "label", "score")


@dataclass(frozen=True)
class Classifier:
    model: torch.nn.Module  # in eval mode
    classes: tuple[str, ...]
    features: FeatureConfig
    device: torch.device


@dataclass(frozen=True)
class FileResult:
    path: Path
    duration_s: float
    top: list[tuple[str, float]]  # the best classes over the whole file, best first
    detections: list[Detection]  # along the file, when a window was asked for


def load_classifier(path: str | os.PathLike, device: torch.device | None = None) -> Classifier:
    """A classify run folder, checkpoint or exported .safetensors; ValueError for a model
    of another task (the message names it)."""
    from core.train.export import load_model

    loaded = load_model(path)
    if loaded.config.model.kind not in CLASSIFIER_KINDS:
        raise ValueError(
            f"{path}: a {loaded.config.data.task} model, not a classifier; "
            "`wavesmith process` runs it"
        )
    device = device or torch.device("cpu")
    cfg = loaded.config
    return Classifier(loaded.model.to(device), cfg.model.classes, cfg.classify.features, device)


def classify_file(
    clf: Classifier,
    path: str | os.PathLike,
    top_k: int = 3,
    window_s: float | None = None,
    hop_s: float | None = None,
    should_cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    block_frames: int = BLOCK_FRAMES,
) -> FileResult:
    """The best `top_k` classes of a file; with `window_s` (and `hop_s`, default half of it)
    also its detections. Read in blocks of `block_frames`, progress(frames read, frames
    expected) after each. Raises AudioReadError (naming the file) when it cannot be read,
    ClassifyCancelled when should_cancel() turns true (checked between blocks and batches)."""
    with open_blocks(path, block_frames) as src:
        scoring = _Scoring(clf, top_k, window_s, hop_s, should_cancel)
        blocks = _counted(src.blocks, progress, src.info.frames)
        for piece in feature_stream(blocks, src.sample_rate, clf.features):
            scoring.feed(piece)
        return scoring.result(path)


def _counted(blocks, progress, expected: int):
    """The blocks, progress(frames read, frames expected) after each (FFmpeg's expected
    count is the container's estimate: never reported below what was read)."""
    read = 0
    for block in blocks:
        read += len(block)
        if progress is not None:
            progress(read, max(read, expected))
        yield block


def classify_audio(
    clf: Classifier,
    audio: np.ndarray,
    sr: int,
    path: str | os.PathLike,
    top_k: int = 3,
    window_s: float | None = None,
    hop_s: float | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> FileResult:
    """classify_file on audio already read whole (the same scores as read in blocks)."""
    scoring = _Scoring(clf, top_k, window_s, hop_s, should_cancel)
    scoring.feed(feature_audio(audio, sr, clf.features))
    return scoring.result(path)


class _Scoring:
    """One file's windows: those of the model (for its best classes) and, with a window
    asked for, those of the detections, both cut from the same pieces of signal."""

    def __init__(self, clf: Classifier, top_k, window_s, hop_s, should_cancel) -> None:
        self.clf, self.top_k = clf, top_k
        self.mean = MeanScores()
        self.scorers = [WindowScorer(clf.model, clf.device, clf.features, self.mean, should_cancel)]
        self.runs: DetectionRuns | None = None
        if window_s is not None:
            along = replace(clf.features, window_s=window_s, window_hop_s=hop_s or window_s / 2)
            self.runs = DetectionRuns(along, clf.classes)
            self.scorers.append(
                WindowScorer(clf.model, clf.device, along, self.runs, should_cancel)
            )

    def feed(self, signal: np.ndarray) -> None:
        if self.scorers[0].should_cancel is not None and self.scorers[0].should_cancel():
            raise ClassifyCancelled("classifying cancelled")  # between blocks
        for scorer in self.scorers:
            scorer.feed(signal)

    def result(self, path) -> FileResult:
        length = [scorer.finish() for scorer in self.scorers][0]
        duration = length / self.clf.features.sample_rate
        mean = self.mean.mean()
        order = np.argsort(-mean, kind="stable")[: max(1, self.top_k)]
        top = [(self.clf.classes[i], float(mean[i])) for i in order]
        found = self.runs.detections(duration) if self.runs is not None else []
        return FileResult(Path(path), duration, top, found)


@dataclass
class ClassifyReport:
    results: list[FileResult] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # each reason names its file
    cancelled: bool = False


def classify_paths(
    clf: Classifier,
    paths: list[str | os.PathLike],
    top_k: int = 3,
    window_s: float | None = None,
    hop_s: float | None = None,
    progress: Callable[..., None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    detail: Callable[[str, int, int], None] | None = None,
) -> ClassifyReport:
    """classify_file over files, one after the other: progress(done, total, path) before
    each and detail(path, frames read, frames expected) inside it, an unreadable file
    named in `failed` and the rest classified, stopped between blocks or batches of
    windows when should_cancel() (the files done are kept)."""
    report = ClassifyReport()
    for i, path in enumerate(paths):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(i, len(paths), str(path))
        inside = None if detail is None else partial(detail, str(path))
        try:
            report.results.append(
                classify_file(clf, path, top_k, window_s, hop_s, should_cancel, inside)
            )
        except AudioReadError as exc:
            report.failed.append(str(exc))
        except ClassifyCancelled:
            report.cancelled = True
            break
    else:
        if progress is not None:
            progress(len(paths), len(paths), "")
    return report


def result_rows(results: list[FileResult]) -> list[tuple[str, float, float, int, str, float]]:
    """(file, start_s, end_s, rank, label, score): a file's detections when it has them
    (rank 1, each its window's best class), else its best classes over the whole file."""
    rows = []
    for r in results:
        if r.detections:
            rows += [(str(r.path), d.start_s, d.end_s, 1, d.label, d.score) for d in r.detections]
        else:
            rows += [
                (str(r.path), 0.0, round(r.duration_s, 3), rank, label, score)
                for rank, (label, score) in enumerate(r.top, 1)
            ]
    return rows


def write_results_csv(path: str | os.PathLike, results: list[FileResult]) -> int:
    """results.csv as `wavesmith classify` writes it (CSV_COLUMNS, a dot for decimals
    whatever the locale, UTF-8); returns the number of rows."""
    rows = result_rows(results)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for file, start, end, rank, label, score in rows:
            w.writerow([file, f"{start:.3f}", f"{end:.3f}", rank, label, f"{score:.4f}"])
    return len(rows)
