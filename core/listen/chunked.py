"""A model run over audio of any length in overlapping chunks, and the resampling around it.

Chunks overlap and are crossfaded with raised-cosine windows that sum to one, so the seams
are inaudible and memory stays at one chunk; the resamplers keep their state across chunks,
so a file streamed through gives the same samples as the whole file at once."""

from __future__ import annotations

import numpy as np
import soxr
import torch


def crossfade_window(length: int, overlap: int, fade_in: bool, fade_out: bool) -> np.ndarray:
    """Chunk weights: raised-cosine ramps over `overlap` samples at faded ends, 1 elsewhere.

    A ramp-down and the next chunk's ramp-up sum to exactly 1, so overlap-add of a model
    that returns its input gives the input back.
    """
    w = np.ones(length, dtype=np.float32)
    if overlap > 0:
        ramp = (0.5 - 0.5 * np.cos(np.pi * (np.arange(overlap) + 0.5) / overlap)).astype(np.float32)
        if fade_in:
            w[:overlap] *= ramp
        if fade_out:
            w[length - overlap :] *= ramp[::-1]
    return w


class ChunkedModel:
    """Overlap-add streaming of a (B, 1, T) -> (B, 1, T) model; feed samples, get samples.

    Samples are (channels, frames) at the model's rate; output lags input by at most one
    chunk, and after flush() exactly as many samples came out as went in.
    """

    def __init__(
        self,
        model: torch.nn.Module,
        chunk: int,
        overlap: int,
        device: torch.device,
        delay: int = 0,
        top_gain: bool = False,
    ) -> None:
        if not 0 <= 2 * overlap < chunk:
            raise ValueError(f"overlap {overlap} must be less than half the chunk {chunk}")
        if delay > overlap:
            raise ValueError(f"model delay {delay} exceeds the chunk overlap {overlap}")
        self.model, self.chunk, self.overlap, self.device = model, chunk, overlap, device
        self.delay = delay  # the model's own latency in samples, removed chunk by chunk
        # With top_gain, every output has twice the channels: the model's output, then per
        # channel the gain it applied to the top eighth of its band (see top_band_gain).
        self.top_gain = top_gain
        self._buf = np.zeros((0, 0), np.float32)
        self._pending: np.ndarray | None = None  # faded tail of the previous chunk
        self._first = True

    def _run(self, x: np.ndarray) -> np.ndarray:
        n = x.shape[1]
        if self.delay:
            # The model outputs sample i at i + delay: give it delay samples more and
            # drop as many from the front.
            x = np.pad(x, ((0, 0), (0, self.delay)))
        with torch.inference_mode():
            t = torch.from_numpy(np.ascontiguousarray(x)).to(self.device).unsqueeze(1)
            y = self.model(t).squeeze(1).float().cpu().numpy()
        if y.shape[1] < n + self.delay:
            raise RuntimeError(f"model returned {y.shape[1]} samples for {n + self.delay}")
        y = y[:, self.delay : self.delay + n]
        if self.top_gain:
            y = np.concatenate([y, top_band_gain(x[:, :n], y)], axis=0)
        return y

    def _emit(self, x: np.ndarray, last: bool) -> np.ndarray:
        n = x.shape[1]
        y = self._run(x) * crossfade_window(n, self.overlap, not self._first, not last)
        if self._pending is not None:
            y[:, : self.overlap] += self._pending
        self._first = False
        if last:
            self._pending = None
            return y
        self._pending = y[:, n - self.overlap :]
        return y[:, : n - self.overlap]

    def feed(self, x: np.ndarray) -> np.ndarray:
        """Add samples; return every sample that is final."""
        self._buf = x if self._buf.size == 0 else np.concatenate([self._buf, x], axis=1)
        out = []
        hop = self.chunk - self.overlap
        while self._buf.shape[1] >= self.chunk + hop:  # keep a full chunk for the end
            out.append(self._emit(self._buf[:, : self.chunk], last=False))
            self._buf = self._buf[:, hop:]
        channels = x.shape[0] * (2 if self.top_gain else 1)
        return np.concatenate(out, axis=1) if out else np.zeros((channels, 0), np.float32)

    def flush(self) -> np.ndarray:
        """Process what is left (at most two chunks' worth) and return the remaining output."""
        out = []
        hop = self.chunk - self.overlap
        if self._buf.shape[1] > self.chunk:
            out.append(self._emit(self._buf[:, : self.chunk], last=False))
            self._buf = self._buf[:, hop:]
        if self._buf.shape[1] > 0:
            out.append(self._emit(self._buf, last=True))
        self._buf = np.zeros((0, 0), np.float32)
        return np.concatenate(out, axis=1) if out else np.zeros((0, 0), np.float32)


def top_band_gain(x: np.ndarray, y: np.ndarray, n_fft: int = 256) -> np.ndarray:
    """Per-sample gain (channels, frames) in [0, 1] that took x's top eighth of the band to
    y's: the square root of their energy ratio in frames of n_fft, interpolated. Applied
    to the band above the model's Nyquist, it treats that band the way the model treated
    the band just below it."""
    channels, n = x.shape
    hop = n_fft // 2
    if n < n_fft:
        return np.ones((channels, n), np.float32)
    window = np.hanning(n_fft).astype(np.float32)
    starts = np.arange(0, n - n_fft + 1, hop)
    idx = starts[:, None] + np.arange(n_fft)[None, :]
    lo = (n_fft // 2 + 1) * 7 // 8
    gains = np.ones((channels, n), np.float32)
    centres = starts + n_fft // 2
    for c in range(channels):
        px = np.abs(np.fft.rfft(x[c][idx] * window, axis=1)) ** 2
        py = np.abs(np.fft.rfft(y[c][idx] * window, axis=1)) ** 2
        top_x, top_y = px[:, lo:].sum(1), py[:, lo:].sum(1)
        all_x, all_y = px.sum(1), py.sum(1)
        # A frame whose top band is empty says nothing about it: its gain over the whole
        # band stands in (a muted frame stays muted above Nyquist too); silence passes.
        g = np.where(
            top_x > 1e-6 * np.maximum(all_x, 1e-20),
            np.sqrt(top_y / np.maximum(top_x, 1e-20)),
            np.where(all_x > 1e-12, np.sqrt(all_y / np.maximum(all_x, 1e-20)), 1.0),
        )
        gains[c] = np.interp(np.arange(n), centres, np.clip(g, 0.0, 1.0)).astype(np.float32)
    return gains


class Resampler:
    """A soxr stream, or nothing when the rates agree; (frames, channels) in and out."""

    def __init__(self, sr_in: int, sr_out: int, channels: int) -> None:
        self._stream = (
            None
            if sr_in == sr_out
            else soxr.ResampleStream(sr_in, sr_out, channels, dtype="float32", quality="HQ")
        )
        self.channels = channels

    def __call__(self, x: np.ndarray, last: bool = False) -> np.ndarray:
        if self._stream is None:
            return x
        return self._stream.resample_chunk(np.ascontiguousarray(x, dtype=np.float32), last=last)
