"""The model over a stream of audio blocks at their own rate: blocks in, processed blocks out.

soxr takes each block to the model's rate as a stream (its output is delay-compensated),
the model sees overlapping chunks cross-faded back together (core.listen.chunked), a second
soxr stream returns to the block's rate, and the result is mixed with the dry signal, which
waits in a FIFO so the two are sample-aligned. After `finish`, exactly as many frames came
out as went in. A file above the model's rate keeps its band above the model's Nyquist
frequency, turned down as the model turned down the top of its own band (keep_top_band).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import torch

from core.listen.chunked import ChunkedModel, Resampler

if TYPE_CHECKING:
    from core.listen.inference import ProcessConfig


def _take(fifo: list[np.ndarray], n: int, channels: int) -> np.ndarray:
    """The first n frames queued in fifo (zeros where it runs short), the rest kept."""
    have = np.concatenate(fifo, axis=0) if fifo else np.zeros((0, channels), np.float32)
    fifo.clear()
    if have.shape[0] > n:
        fifo.append(have[n:])
        return have[:n]
    return np.pad(have, ((0, n - have.shape[0]), (0, 0)))


class StreamProcessor:
    """One stream of (frames, channels) float32 blocks at `sr` through `model`."""

    def __init__(
        self,
        model: torch.nn.Module,
        model_sr: int,
        sr: int,
        channels: int,
        config: ProcessConfig,
        device: torch.device,
        delay: int = 0,
    ) -> None:
        chunk = max(64, int(round(config.chunk_seconds * model_sr)))
        overlap = int(round(config.overlap_seconds * model_sr))
        self.top = config.keep_top_band and sr > model_sr
        self.channels = ch = channels
        self._runner = ChunkedModel(model, chunk, overlap, device, delay, top_gain=self.top)
        self._down = Resampler(sr, model_sr, ch)
        self._up = Resampler(model_sr, sr, ch * (2 if self.top else 1))
        # The band above the model's Nyquist: the input minus its own round trip through the
        # model's rate (the same delay-compensated soxr streams, so the two line up).
        self._low_down, self._low_up = Resampler(sr, model_sr, ch), Resampler(model_sr, sr, ch)
        self._low_fifo: list[np.ndarray] = []
        self._wet_w = config.wet
        self._dry_fifo: list[np.ndarray] = []  # input blocks not yet matched by wet output
        self.frames_in = 0
        self.written = 0

    def _mix(self, wet: np.ndarray) -> np.ndarray:
        ch = self.channels
        n = min(wet.shape[0], self.frames_in - self.written)  # resampling may overshoot
        if n <= 0:
            return np.zeros((0, ch), np.float32)
        fifo = self._dry_fifo
        dry = np.concatenate(fifo, axis=0) if len(fifo) != 1 else fifo[0]
        if self.top:
            low = _take(self._low_fifo, n, ch)
            wet = wet[:n, :ch] + wet[:n, ch:] * (dry[:n] - low)
        out = self._wet_w * wet[:n] + (1.0 - self._wet_w) * dry[:n]
        fifo.clear()
        if dry.shape[0] > n:
            fifo.append(dry[n:])
        self.written += n
        return out

    def feed(self, block: np.ndarray) -> np.ndarray:
        """Add a block; return the output frames that are final (possibly none)."""
        self._dry_fifo.append(block)
        self.frames_in += block.shape[0]
        if self.top:
            self._low_fifo.append(self._low_up(self._low_down(block)))
        wet = self._runner.feed(self._down(block).T)
        return self._mix(self._up(wet.T))

    def finish(self) -> list[np.ndarray]:
        """The rest of the output, in order, once the input has ended."""
        ch, parts = self.channels, []
        # The soxr streams hold back a filter's worth of samples until told the end.
        empty = np.zeros((0, ch), np.float32)
        if self.top:
            self._low_fifo.append(self._low_up(self._low_down(empty, last=True), last=True))
        parts.append(self._mix(self._up(self._runner.feed(self._down(empty, last=True).T).T)))
        tail = self._runner.flush()
        tail = tail.T if tail.size else np.zeros((0, ch * (2 if self.top else 1)), np.float32)
        parts.append(self._mix(self._up(tail, last=True)))
        if self.written < self.frames_in:  # soxr came out a sample short: dry fills it
            fill = np.zeros((self.frames_in - self.written, ch), np.float32)
            parts.append(self._mix(np.concatenate([fill, fill], axis=1) if self.top else fill))
        return parts
