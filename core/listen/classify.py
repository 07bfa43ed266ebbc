"""Using a trained classifier: the classes of whole files, or detections along recordings.

A file is cut into windows the way training cut clips (core.train.classify.features), each
window scored by the model. Per file: the class probabilities averaged over its windows, the
best K. Detections (a window length and hop given): each window's best class; neighbouring
windows with the same class are one detection, whose span is the windows' share of the time
(each window owns the hop around its centre), so detections tile the file without
overlapping, and whose score is the mean probability of its class over those windows.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import torch

from core.audio.io import AudioReadError, read_audio
from core.train.classify.config import FeatureConfig
from core.train.classify.features import feature_audio, log_mel_batch, window_starts
from core.train.config import CLASSIFIER_KINDS

BATCH_WINDOWS = 64  # windows scored at once: bounds memory on hour-long recordings
CSV_COLUMNS = ("file", "start_s", "end_s", "rank", "label", "score")


@dataclass(frozen=True)
class Classifier:
    model: torch.nn.Module  # in eval mode
    classes: tuple[str, ...]
    features: FeatureConfig
    device: torch.device


@dataclass(frozen=True)
class Detection:
    start_s: float
    end_s: float
    label: str
    score: float


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


class ClassifyCancelled(Exception):
    pass


@torch.no_grad()
def window_probabilities(
    clf: Classifier,
    signal: np.ndarray,
    features: FeatureConfig,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(start of each window in seconds, class probabilities [windows, classes]) along a
    mono signal at the feature rate, windows as `features` cuts them."""
    starts = window_starts(len(signal), features)
    win = features.window_samples
    padded = np.zeros(int(starts[-1]) + win, dtype=np.float32)
    padded[: len(signal)] = signal
    probs = []
    for i in range(0, len(starts), BATCH_WINDOWS):
        if should_cancel is not None and should_cancel():  # between batches: an hour is 7,000
            raise ClassifyCancelled("classifying cancelled")
        chunk = starts[i : i + BATCH_WINDOWS]
        windows = np.stack([padded[s : s + win] for s in chunk])
        feats = log_mel_batch(torch.from_numpy(windows), features).to(clf.device)
        probs.append(torch.softmax(clf.model(feats).float(), dim=1).cpu().numpy())
    return starts / features.sample_rate, np.concatenate(probs)


def detections(
    starts_s: np.ndarray,
    probs: np.ndarray,
    features: FeatureConfig,
    duration_s: float,
    classes: tuple[str, ...],
) -> list[Detection]:
    """Neighbouring windows of one best class merged (see the module docstring)."""
    best = probs.argmax(axis=1)
    half = features.window_hop_s / 2
    centres = starts_s + features.window_s / 2
    out: list[Detection] = []
    run_start = 0
    for i in range(1, len(best) + 1):
        if i < len(best) and best[i] == best[run_start]:
            continue
        label = int(best[run_start])
        begin = 0.0 if run_start == 0 else max(0.0, centres[run_start] - half)
        end = duration_s if i == len(best) else min(duration_s, centres[i - 1] + half)
        score = float(probs[run_start:i, label].mean())
        out.append(Detection(round(begin, 3), round(end, 3), classes[label], score))
        run_start = i
    return out


def classify_file(
    clf: Classifier,
    path: str | os.PathLike,
    top_k: int = 3,
    window_s: float | None = None,
    hop_s: float | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> FileResult:
    """The best `top_k` classes of a file; with `window_s` (and `hop_s`, default half of it)
    also its detections. Raises AudioReadError (naming the file) when it cannot be read,
    ClassifyCancelled when should_cancel() turns true."""
    audio, sr = read_audio(path)
    return classify_audio(clf, audio, sr, path, top_k, window_s, hop_s, should_cancel)


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
    """classify_file on audio already read (the window shows the same samples it scores)."""
    signal = feature_audio(audio, sr, clf.features)
    duration = len(signal) / clf.features.sample_rate
    _, probs = window_probabilities(clf, signal, clf.features, should_cancel)
    mean = probs.mean(axis=0)
    order = np.argsort(-mean, kind="stable")[: max(1, top_k)]
    top = [(clf.classes[i], float(mean[i])) for i in order]
    found: list[Detection] = []
    if window_s is not None:
        along = replace(clf.features, window_s=window_s, window_hop_s=hop_s or window_s / 2)
        starts_s, probs = window_probabilities(clf, signal, along, should_cancel)
        found = detections(starts_s, probs, along, duration, clf.classes)
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
) -> ClassifyReport:
    """classify_file over files, one after the other: progress(done, total, path) before
    each, an unreadable file named in `failed` and the rest classified, stopped between
    batches of windows when should_cancel() (the files done are kept)."""
    report = ClassifyReport()
    for i, path in enumerate(paths):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(i, len(paths), str(path))
        try:
            report.results.append(
                classify_file(clf, path, top_k, window_s, hop_s, should_cancel=should_cancel)
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
