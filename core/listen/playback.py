"""An A/B player on a sounddevice OutputStream: two sample-aligned buffers, one clock.

A and B share one play position, so switching never jumps in time; the switch is an
equal-power crossfade of at most `crossfade_ms` between the outgoing and incoming source,
rendered inside the audio callback so it starts at the very next block. Seeks and
loudness-match changes reuse the same crossfade, which keeps every change click-free.

No Qt here: the GUI polls `position` and `levels()` from a timer.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np

from core.audio.dsp import loudness_lufs
from core.audio.io import match_channels

log = logging.getLogger(__name__)

SOURCES = ("A", "B", "diff")  # diff plays A - B: what the model changed
# A stream the device stopped pulling from for this long (beyond its latency) is stalled:
# ALSA devices that vanish, or a suspended sound-server sink, stop calling back silently.
STALL_S = 1.0
# Some sinks take seconds to pull their first blocks (PulseAudio's null sink), so nothing
# counts as stalled this soon after play().
START_GRACE_S = 4.0


class PlaybackUnavailable(Exception):
    """Audio output cannot be used; the message says why in words a user can act on."""


def _sounddevice():
    """Import sounddevice lazily: it raises OSError at import when PortAudio is missing."""
    try:
        import sounddevice as sd
    except (OSError, ImportError) as exc:
        raise PlaybackUnavailable(
            "the PortAudio library was not found, so nothing can be played "
            "(install it: apt-get install libportaudio2, or brew install portaudio)"
        ) from exc
    return sd


@dataclass(frozen=True)
class OutputDevice:
    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


# Players holding an open stream: PortAudio can only rescan devices when there are none.
_open_players: weakref.WeakSet = weakref.WeakSet()


def refresh_devices() -> bool:
    """Rescan audio devices (PortAudio lists them once, at start-up), so a device plugged
    in or a sound server started later can be found. Skipped while any Player holds a
    stream, since re-initialising PortAudio would close it; returns whether it rescanned."""
    sd = _sounddevice()
    if len(_open_players):
        return False
    sd._terminate()
    sd._initialize()
    return True


def list_output_devices(refresh: bool = False) -> list[OutputDevice]:
    """Devices that can play, the default one marked; raises PlaybackUnavailable."""
    sd = _sounddevice()
    if refresh:
        refresh_devices()
    try:
        devices = sd.query_devices()
        default_out = sd.default.device[1]
    except sd.PortAudioError as exc:
        raise PlaybackUnavailable(f"cannot list audio devices: {exc}") from exc
    out = []
    for i, dev in enumerate(devices):
        if dev["max_output_channels"] > 0:
            out.append(
                OutputDevice(
                    index=i,
                    name=str(dev["name"]),
                    channels=int(dev["max_output_channels"]),
                    default_samplerate=float(dev["default_samplerate"]),
                    is_default=(i == default_out),
                )
            )
    return out


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


@dataclass
class _Fade:
    """The outgoing voice of a crossfade: what was playing, from where, at what gain."""

    source: str
    position: int
    gains: tuple[float, float]
    done: int = 0


class Player:
    """Plays buffers A and B (and their difference) through one output stream."""

    def __init__(
        self,
        device: int | str | None = None,
        crossfade_ms: float = 8.0,
        blocksize: int = 0,
        latency: float | str = "high",
    ) -> None:
        if not 0 < crossfade_ms <= 10:
            raise ValueError("crossfade_ms must be in (0, 10]: longer fades blur the A/B switch")
        self.device = device
        self.crossfade_ms = crossfade_ms
        self.blocksize = blocksize  # 0 lets PortAudio pick the block size it likes best
        # PortAudio's "high" latency (about 35 ms on ALSA) rather than "low": a switch then
        # lands within a few tens of ms, and the stream survives a machine busy training,
        # where "low" (about 9 ms) underran and clicked in tests on a loaded 2-core box.
        self.latency = latency
        self.error: str | None = None  # last device problem, for the GUI to show
        self.underflows = 0
        self._lock = threading.Lock()
        self._stream = None
        self._stop_requested = False
        self._a: np.ndarray | None = None
        self._b: np.ndarray | None = None
        self._sr = 0
        self._stream_sr = 0
        self._source = "A"
        self._pos = 0
        self._playing = False
        self._loop: tuple[int, int] | None = None
        self._match = False
        self._match_gains = (1.0, 1.0)
        self._match_known = False
        self._fade: _Fade | None = None
        self._fade_len = 1
        self._tail_left = 0
        self._last_callback = 0.0
        self._started_at = 0.0
        self._levels = np.zeros((2, 1), dtype=np.float32)
        self.switch_frames: list[tuple[int, str]] = []  # (position, source) of each switch

    # -- loading -----------------------------------------------------------------------
    def load(
        self,
        a: np.ndarray,
        sr: int,
        b: np.ndarray | None = None,
        match_gains: tuple[float, float] | None = None,
    ) -> None:
        """Load A (and optionally B, sample-aligned with A) as float32 (frames, channels).

        Different channel counts are matched (mono is duplicated); a shorter B is padded
        with silence so both share one timeline. `match_gains` are loudness_match_gains()
        measured elsewhere (e.g. in a worker thread: LUFS of a long file takes seconds).
        """
        if sr <= 0:
            raise ValueError(f"sample rate must be positive, got {sr}")
        a = _as_2d(a)
        b = a if b is None else _as_2d(b)
        channels = max(a.shape[1], b.shape[1])
        a, b = match_channels(a, channels), match_channels(b, channels)
        n = max(a.shape[0], b.shape[0])
        a, b = _pad_to(a, n), _pad_to(b, n)
        self.stop()
        self._close_stream()
        with self._lock:
            self._a, self._b, self._sr = a, b, int(sr)
            self._pos = 0
            self._loop = None
            self._fade = None
            self._match_known = match_gains is not None
            self._match_gains = match_gains or (1.0, 1.0)
            self._levels = np.zeros((2, channels), dtype=np.float32)
            self._fade_len = max(1, int(self._sr * self.crossfade_ms / 1000))
        if self._match:
            self._ensure_match_gains()

    @property
    def sample_rate(self) -> int:
        return self._sr

    @property
    def frames(self) -> int:
        return 0 if self._a is None else self._a.shape[0]

    @property
    def channels(self) -> int:
        return 0 if self._a is None else self._a.shape[1]

    # -- transport ---------------------------------------------------------------------
    @property
    def position(self) -> int:
        """Next frame to be rendered, in the loaded buffers' sample rate."""
        return self._pos

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def selected(self) -> str:
        return self._source

    def play(self, start: int | None = None) -> None:
        """Start (or continue) playing; raises PlaybackUnavailable with a clear reason."""
        if self._a is None:
            raise PlaybackUnavailable("nothing loaded to play")
        if self._playing:  # already playing: a start position is a seek, nothing else changes
            if start is not None:
                self.seek(start)
            return
        with self._lock:
            if start is not None:
                self._pos = int(np.clip(start, 0, self.frames))
            if self._pos >= self.frames:
                self._pos = self._loop[0] if self._loop else 0
            # Start with a fade-in from silence: starting mid-waveform would click.
            self._fade = _Fade("silence", self._pos, (1.0, 1.0))
        self._open_stream()
        self.error = None
        self._stop_requested = False
        self._tail_left = int(self._stream.latency * self._sr) + 2 * max(self.blocksize, 1024)
        self._playing = True
        self._started_at = self._last_callback = time.monotonic()
        if not self._stream.active:
            try:
                if self._stream.stopped is False:  # finished by CallbackStop, not yet stopped
                    self._stream.stop()
                self._stream.start()
            except Exception as exc:
                self._playing = False
                raise PlaybackUnavailable(self._describe(exc, "start playback on")) from exc

    def pause(self) -> None:
        """Stop the sound and keep the position."""
        self._stop_requested = True
        self._playing = False
        if self._stream is not None:
            try:
                self._stream.abort()
            except Exception as exc:  # a vanished device must not crash a pause
                log.warning("pausing the output stream failed: %s", exc)

    def stop(self) -> None:
        """Stop and rewind to the start (of the loop region if one is set)."""
        self.pause()
        with self._lock:
            self._pos = self._loop[0] if self._loop else 0
            self._fade = None

    def seek(self, frame: int) -> None:
        """Jump to `frame`; while playing the jump is crossfaded so it does not click."""
        frame = int(np.clip(frame, 0, max(self.frames - 1, 0)))
        with self._lock:
            self._start_fade(self._source)
            self._pos = frame

    def set_loop(self, start: int | None, end: int | None = None) -> None:
        """Loop [start, end) forever; start None (or end None) clears the loop."""
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

    @property
    def loop(self) -> tuple[int, int] | None:
        return self._loop

    def select(self, source: str) -> None:
        """Switch to 'A', 'B' or 'diff' at the current position with a short crossfade."""
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        with self._lock:
            if source == self._source:
                return
            self._start_fade(self._source)
            self._source = source
            self.switch_frames.append((self._pos, source))

    def set_loudness_match(self, on: bool) -> None:
        """Play A and B at equal integrated loudness (LUFS) so the louder does not win."""
        if on and self._a is not None:
            self._ensure_match_gains()
        with self._lock:
            if on == self._match:
                return
            self._start_fade(self._source)
            self._match = bool(on)

    @property
    def match_gains_db(self) -> tuple[float, float]:
        """The gains loudness matching applies to A and B, in dB."""
        self._ensure_match_gains()
        return tuple(20 * np.log10(g) for g in self._match_gains)

    def levels(self) -> tuple[np.ndarray, np.ndarray]:
        """Peak and RMS per channel (linear) of the last block sent to the device."""
        lv = self._levels
        return lv[0].copy(), lv[1].copy()

    @property
    def stalled(self) -> bool:
        """Playing, but the device has not asked for audio for a while."""
        if not self._playing or self._stream is None:
            return False
        latency = float(getattr(self._stream, "latency", 0.0) or 0.0)
        now = time.monotonic()
        return now - self._started_at > START_GRACE_S and (
            now - self._last_callback > STALL_S + latency
        )

    def check(self) -> str | None:
        """Call periodically (the GUI's timer does): stops a stalled stream and returns the
        error to show, or None while all is well."""
        if self.stalled:
            self.error = (
                "the output device stopped taking audio (unplugged, suspended or taken "
                "by another program?); playback was stopped"
            )
            log.warning(self.error)
            self._stop_requested = True
            self._playing = False
            self._close_stream()  # a stalled stream cannot be trusted to restart
        return self.error

    def set_device(self, device: int | str | None) -> None:
        """Use another output device from the next play(); playback stops if running."""
        if device == self.device:
            return
        self.pause()
        self._close_stream()
        self.device = device

    def close(self) -> None:
        self.pause()
        self._close_stream()

    # -- internals ---------------------------------------------------------------------
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
        paused: play() clears it, since a fresh start has nothing to fade from."""
        self._fade = _Fade(outgoing, self._pos, self._gains())

    def _open_stream(self) -> None:
        if self._stream is not None and self._stream_sr == self._sr:
            return
        self._close_stream()
        sd = _sounddevice()

        def open_stream():
            return sd.OutputStream(
                samplerate=self._sr,
                channels=self.channels,
                dtype="float32",
                device=self.device,
                blocksize=self.blocksize,
                latency=self.latency,
                callback=self._callback,
                finished_callback=self._finished,
            )

        try:
            try:
                stream = open_stream()
            except ValueError:  # sounddevice's "no device matching": maybe plugged in since
                if not refresh_devices():
                    raise
                stream = open_stream()
        except Exception as exc:
            raise PlaybackUnavailable(self._describe(exc, "open the output device")) from exc
        self._stream = stream
        _open_players.add(self)
        self._stream_sr = self._sr

    def _close_stream(self) -> None:
        if self._stream is not None:
            try:
                self._stream.close(ignore_errors=True)
            except Exception as exc:
                log.warning("closing the output stream failed: %s", exc)
            self._stream = None
        _open_players.discard(self)

    def _describe(self, exc: Exception, what: str) -> str:
        text = str(exc).strip() or type(exc).__name__
        lowered = text.lower()
        device = "the default output" if self.device is None else f"{self.device!r}"
        if "busy" in lowered or "unanticipated host error" in lowered:
            hint = " (it may be busy: another program has it open)"
        elif any(
            k in lowered
            for k in ("no device", "invalid device", "error querying", "no output device")
        ):
            hint = " (it is not connected, or no longer exists)"
        elif "invalid number of channels" in lowered:
            hint = f" (it cannot play {self.channels} channels)"
        elif "sample rate" in lowered:
            hint = f" (it cannot play at {self._sr} Hz)"
        else:
            hint = ""
        msg = f"cannot {what} {device}{hint}: {text}"
        self.error = msg
        return msg

    def _finished(self) -> None:
        # PortAudio calls this when the stream ends for any reason; an end nobody asked
        # for while frames remain means the device went away.
        if self._playing and not self._stop_requested and self._pos < self.frames:
            self.error = "the output device stopped unexpectedly (unplugged or taken over?)"
            log.warning(self.error)
        self._playing = False

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

    def _callback(self, outdata, frames, time_info, status) -> None:
        self._last_callback = time.monotonic()
        if status.output_underflow:
            self.underflows += 1
        if self._a is None or not self._playing:
            outdata.fill(0)
            return
        out, at_end = self.next_block(frames)
        outdata[:] = out
        if at_end:
            # Some hosts (ALSA's pulse plugin) drop what is still buffered when the
            # callback stops the stream, so play silence for one latency first.
            self._tail_left -= frames
            if self._tail_left <= 0:
                self._playing = False
                self._stop_requested = True
                raise _sounddevice().CallbackStop


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
