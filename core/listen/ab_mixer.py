"""What the A/B player renders: two sample-aligned buffers on one clock, the selected source,
the loop region and the crossfades between them, block by block (no device here).

A and B share one play position, so switching never jumps in time; the switch is an
equal-power crossfade between the outgoing and incoming source, rendered in the next block.
Seeks and loudness-match changes reuse the same crossfade, which keeps every change click-free.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from core.audio.dsp import loudness_lufs
from core.audio.io import match_channels

log = logging.getLogger(__name__)

SOURCES = ("A", "B", "diff")  # diff plays A - B: what the model changed


def equal_power_gains(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fade-out and fade-in gains for progress t in [0, 1]; their squares sum to 1."""
    t = np.clip(t, 0.0, 1.0)
    # Exact 0 and 1 at the ends: cos(pi/2) is not 0 in floating point, and a faded-out
    # voice must contribute nothing at all.
    return np.where(t >= 1, 0.0, np.cos(t * np.pi / 2)), np.where(
        t >= 1, 1.0, np.sin(t * np.pi / 2)
    )


def loudness_match_gains(a: np.ndarray, b: np.ndarray, sr: int) -> tuple[float, float]:
    """Linear gains that bring A and B to the same integrated loudness (LUFS).

    The louder one is turned down rather than the quieter one up, so matching can never
    push a buffer into clipping. Silent buffers keep unity gain.
    """
    la, lb = loudness_lufs(a, sr), loudness_lufs(b, sr)
    if not (np.isfinite(la) and np.isfinite(lb)):
        return 1.0, 1.0
    target = min(la, lb)
    return float(10 ** ((target - la) / 20)), float(10 ** ((target - lb) / 20))


def prepare_buffers(
    a: np.ndarray, sr: int, b: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A and B as float32 (frames, channels) on one timeline: channel counts matched (mono is
    duplicated), a shorter one padded with silence; B is A when not given."""
    if sr <= 0:
        raise ValueError(f"sample rate must be positive, got {sr}")
    a = _as_2d(a)
    b = a if b is None else _as_2d(b)
    channels = max(a.shape[1], b.shape[1])
    a, b = match_channels(a, channels), match_channels(b, channels)
    n = max(a.shape[0], b.shape[0])
    return _pad_to(a, n), _pad_to(b, n)


@dataclass
class _Fade:
    """The outgoing voice of a crossfade: what was playing, from where, at what gain."""

    source: str
    position: int
    gains: tuple[float, float]
    done: int = 0


class AbMixer:
    """The buffers, position, source, loop, loudness match and crossfade of one A/B player.
    Thread-safe: the audio callback renders while the GUI thread seeks and switches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._a: np.ndarray | None = None
        self._b: np.ndarray | None = None
        self._sr = 0
        self._source = "A"
        self._pos = 0
        self._loop: tuple[int, int] | None = None
        self._match = False
        self._match_gains = (1.0, 1.0)
        self._match_known = False
        self._fade: _Fade | None = None
        self._fade_len = 1
        self._levels = np.zeros((2, 1), dtype=np.float32)
        self.switch_frames: list[tuple[int, str]] = []  # (position, source) of each switch

    def load(
        self,
        a: np.ndarray,
        b: np.ndarray,
        sr: int,
        crossfade_ms: float,
        match_gains: tuple[float, float] | None = None,
    ) -> None:
        """Take buffers from prepare_buffers(); `match_gains` as loudness_match_gains() gives."""
        with self._lock:
            self._a, self._b, self._sr = a, b, int(sr)
            self._pos = 0
            self._loop = None
            self._fade = None
            self._match_known = match_gains is not None
            self._match_gains = match_gains or (1.0, 1.0)
            self._levels = np.zeros((2, a.shape[1]), dtype=np.float32)
            self._fade_len = max(1, int(self._sr * crossfade_ms / 1000))
        if self._match:
            self._ensure_match_gains()

    @property
    def loaded(self) -> bool:
        return self._a is not None

    @property
    def sample_rate(self) -> int:
        return self._sr

    @property
    def frames(self) -> int:
        return 0 if self._a is None else self._a.shape[0]

    @property
    def channels(self) -> int:
        return 0 if self._a is None else self._a.shape[1]

    @property
    def position(self) -> int:
        return self._pos

    @property
    def selected(self) -> str:
        return self._source

    @property
    def loop(self) -> tuple[int, int] | None:
        return self._loop

    def start(self, start: int | None) -> None:
        """Ready to play from `start` (or where it stands; the start once past the end), with a
        fade-in from silence: starting mid-waveform would click."""
        with self._lock:
            if start is not None:
                self._pos = int(np.clip(start, 0, self.frames))
            if self._pos >= self.frames:
                self._pos = self._loop[0] if self._loop else 0
            self._fade = _Fade("silence", self._pos, (1.0, 1.0))

    def rewind(self) -> None:
        """Back to the start (of the loop region if one is set), with no fade pending."""
        with self._lock:
            self._pos = self._loop[0] if self._loop else 0
            self._fade = None

    def seek(self, frame: int) -> None:
        frame = int(np.clip(frame, 0, max(self.frames - 1, 0)))
        with self._lock:
            self._start_fade(self._source)
            self._pos = frame

    def set_loop(self, start: int | None, end: int | None = None) -> None:
        if start is None or end is None:
            with self._lock:
                self._loop = None
            return
        start, end = int(max(0, start)), int(min(end, self.frames))
        if end - start < 2:
            raise ValueError(f"loop region [{start}, {end}) is too short")
        with self._lock:
            self._loop = (start, end)
            if not start <= self._pos < end:
                self._start_fade(self._source)
                self._pos = start

    def select(self, source: str) -> None:
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        with self._lock:
            if source == self._source:
                return
            self._start_fade(self._source)
            self._source = source
            self.switch_frames.append((self._pos, source))

    def set_loudness_match(self, on: bool) -> None:
        if on and self._a is not None:
            self._ensure_match_gains()
        with self._lock:
            if on == self._match:
                return
            self._start_fade(self._source)
            self._match = bool(on)

    @property
    def match_gains_db(self) -> tuple[float, float]:
        self._ensure_match_gains()
        return tuple(20 * np.log10(g) for g in self._match_gains)

    def levels(self) -> tuple[np.ndarray, np.ndarray]:
        lv = self._levels
        return lv[0].copy(), lv[1].copy()

    def _ensure_match_gains(self) -> None:
        if self._match_known or self._a is None:
            return
        gains = loudness_match_gains(self._a, self._b, self._sr)
        with self._lock:
            self._match_gains = gains
            self._match_known = True
        log.info("loudness match gains: A %.2f dB, B %.2f dB", *self.match_gains_db)

    def _gains(self) -> tuple[float, float]:
        return self._match_gains if self._match else (1.0, 1.0)

    def _start_fade(self, outgoing: str) -> None:
        """Begin fading out what plays now (called with the lock held). Harmless while
        paused: start() clears it, since a fresh start has nothing to fade from."""
        self._fade = _Fade(outgoing, self._pos, self._gains())

    def _render(self, source: str, pos: int, n: int, gains: tuple[float, float]) -> np.ndarray:
        """n frames of `source` from `pos`, wrapping at the loop end; silence past the end."""
        idx = pos + np.arange(n)
        if self._loop is not None:
            ls, le = self._loop
            if ls <= pos < le:
                idx = np.where(idx >= le, ls + (idx - ls) % (le - ls), idx)
        valid = idx < self.frames
        idx = np.where(valid, idx, 0)
        if source == "silence":
            return np.zeros((n, self.channels), np.float32)
        if source == "A":
            out = self._a[idx] * gains[0]
        elif source == "B":
            out = self._b[idx] * gains[1]
        else:  # the difference is always unmatched: it is what the model removed or added
            out = self._a[idx] - self._b[idx]
        out[~valid] = 0.0
        return out

    def _advance(self, pos: int, n: int) -> int:
        new = pos + n
        if self._loop is not None:
            ls, le = self._loop
            if ls <= pos < le and new >= le:
                new = ls + (new - ls) % (le - ls)
        return new

    def next_block(self, frames: int) -> tuple[np.ndarray, bool]:
        """Render the next `frames` frames and advance, exactly as the audio callback does.

        Returns the block and whether the end of the buffers has been reached. Usable
        without a device, e.g. to render what the listener would hear.
        """
        with self._lock:
            if self._a is None:
                return np.zeros((frames, 1), np.float32), True
            out = self._render(self._source, self._pos, frames, self._gains())
            fade = self._fade
            if fade is not None:
                prev = self._render(fade.source, fade.position, frames, fade.gains)
                t = (fade.done + np.arange(frames, dtype=np.float32) + 1) / self._fade_len
                g_out, g_in = equal_power_gains(t)
                out = prev * g_out[:, None].astype(np.float32) + out * g_in[:, None].astype(
                    np.float32
                )
                fade.done += frames
                fade.position = self._advance(fade.position, frames)
                if fade.done >= self._fade_len:
                    self._fade = None
            self._pos = min(self._advance(self._pos, frames), self.frames)
            at_end = self._pos >= self.frames and self._fade is None
        self._levels = np.stack([np.max(np.abs(out), axis=0), np.sqrt(np.mean(out**2, axis=0))])
        return out, at_end


def _as_2d(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"audio must be (frames, channels) with frames > 0, got {x.shape}")
    return np.ascontiguousarray(x)


def _pad_to(x: np.ndarray, n: int) -> np.ndarray:
    if x.shape[0] >= n:
        return x
    return np.concatenate([x, np.zeros((n - x.shape[0], x.shape[1]), dtype=x.dtype)])
