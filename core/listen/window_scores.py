"""A classifier's scores along a recording fed in pieces, and the detections they make.

`WindowScorer` cuts windows from a signal that arrives block by block exactly where
core.train.classify.features.window_starts puts them on the whole signal (a window
straddling two blocks is cut from both; the tail windows, padded with silence, once the
length is known), and scores them BATCH_WINDOWS at a time in order, so a recording read in
blocks gets the scores it gets read whole. It holds a window and a block, whatever the
length of the recording.

`DetectionRuns` merges neighbouring windows of one best class into a detection as the
scores arrive: its span is the windows' share of the time (each window owns the hop around
its centre), so detections tile the file without overlapping; its score is the mean
probability of its class over those windows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from core.train.classify.config import FeatureConfig
from core.train.classify.features import log_mel_batch, window_starts

BATCH_WINDOWS = 64  # windows scored at once: bounds memory on hour-long recordings

Scores = Callable[[np.ndarray, np.ndarray], None]  # (starts in seconds, probabilities [n, classes])


class ClassifyCancelled(Exception):
    pass


@dataclass(frozen=True)
class Detection:
    start_s: float
    end_s: float
    label: str
    score: float


class WindowScorer:
    """Windows of `features` (window_s, window_hop_s) along a signal at the feature rate
    given to `feed` in pieces; `scores` receives each batch's starts and probabilities."""

    def __init__(
        self,
        model: torch.nn.Module,
        device: torch.device,
        features: FeatureConfig,
        scores: Scores,
        should_cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.model, self.device, self.features = model, device, features
        self.scores, self.should_cancel = scores, should_cancel
        self.win = features.window_samples
        self.hop = max(1, int(round(features.window_hop_s * features.sample_rate)))
        self.held = np.zeros(0, np.float32)  # the signal from sample `offset` on
        self.offset = 0
        self.received = 0  # samples fed so far
        self.next_start = 0  # the next window's first sample
        self.pending: list[tuple[int, np.ndarray]] = []  # cut, not yet scored

    def feed(self, piece: np.ndarray) -> None:
        self.held = np.concatenate([self.held, piece]) if len(self.held) else piece
        self.received += len(piece)
        while self.next_start + self.win <= self.received:
            at = self.next_start - self.offset
            self.pending.append((self.next_start, self.held[at : at + self.win].copy()))
            self.next_start += self.hop
            if len(self.pending) == BATCH_WINDOWS:
                self._score()
        drop = min(self.next_start, self.received) - self.offset
        if drop > 0:  # nothing before the next window is needed again
            self.held, self.offset = self.held[drop:], self.offset + drop

    def finish(self) -> int:
        """Cut the last windows (padded) and score what is left; returns the length fed."""
        for start in window_starts(self.received, self.features):
            if start < self.next_start:
                continue  # cut while feeding
            window = np.zeros(self.win, np.float32)
            part = self.held[start - self.offset : start - self.offset + self.win]
            window[: len(part)] = part
            self.pending.append((int(start), window))
            if len(self.pending) == BATCH_WINDOWS:
                self._score()
        if self.pending:
            self._score()
        return self.received

    @torch.no_grad()
    def _score(self) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise ClassifyCancelled("classifying cancelled")
        starts = np.array([s for s, _ in self.pending], dtype=np.int64)
        windows = torch.from_numpy(np.stack([w for _, w in self.pending]))
        self.pending = []
        feats = log_mel_batch(windows, self.features).to(self.device)
        probs = torch.softmax(self.model(feats).float(), dim=1).cpu().numpy()
        self.scores(starts / self.features.sample_rate, probs)


class MeanScores:
    """The class probabilities averaged over every window scored (float64 running sum)."""

    def __init__(self) -> None:
        self.total: np.ndarray | None = None
        self.count = 0

    def __call__(self, starts_s: np.ndarray, probs: np.ndarray) -> None:
        part = probs.sum(axis=0, dtype=np.float64)
        self.total = part if self.total is None else self.total + part
        self.count += len(probs)

    def mean(self) -> np.ndarray:
        return self.total / max(1, self.count)


class DetectionRuns:
    """Detections as the windows' scores arrive (see the module docstring)."""

    def __init__(self, features: FeatureConfig, classes: tuple[str, ...]) -> None:
        self.half = features.window_hop_s / 2
        self.centre = features.window_s / 2  # from a window's start
        self.classes = classes
        # Each run: [label, begin (None: the file's start), centre of its last window, sum, n]
        self.runs: list[list] = []

    def __call__(self, starts_s: np.ndarray, probs: np.ndarray) -> None:
        best = probs.argmax(axis=1)
        sure = probs[np.arange(len(best)), best]
        for label, p, start in zip(best.tolist(), sure.tolist(), starts_s.tolist(), strict=True):
            centre = start + self.centre
            if self.runs and self.runs[-1][0] == label:
                run = self.runs[-1]
                run[2], run[3], run[4] = centre, run[3] + p, run[4] + 1
            else:
                begin = None if not self.runs else max(0.0, centre - self.half)
                self.runs.append([label, begin, centre, p, 1])

    def detections(self, duration_s: float) -> list[Detection]:
        out = []
        for i, (label, begin, last, total, n) in enumerate(self.runs):
            end = duration_s if i == len(self.runs) - 1 else min(duration_s, last + self.half)
            start = 0.0 if begin is None else begin
            out.append(Detection(round(start, 3), round(end, 3), self.classes[label], total / n))
        return out
