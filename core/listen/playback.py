"""An A/B player on a sounddevice OutputStream: two sample-aligned buffers, one clock.

A and B share one play position, so switching never jumps in time; the switch is an
equal-power crossfade of at most `crossfade_ms` between the outgoing and incoming source,
rendered inside the audio callback so it starts at the very next block. Seeks and
loudness-match changes reuse the same crossfade, which keeps every change click-free. What is
rendered is `core.listen.ab_mixer.AbMixer`'s; the devices are `core.listen.output_devices`'.

No Qt here: the GUI polls `position` and `levels()` from a timer.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from core.listen.ab_mixer import AbMixer, prepare_buffers
from core.listen.output_devices import (
    OPEN_FAILED,
    START_FAILED,
    PlaybackUnavailable,
    device_failure,
    load_sounddevice,
    open_players,
    refresh_devices,
    said,
)
from core.messages import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# A stream the device stopped pulling from for this long (beyond its latency) is stalled:
# ALSA devices that vanish, or a suspended sound-server sink, stop calling back silently.
STALL_S = 1.0
# Some sinks take seconds to pull their first blocks (PulseAudio's null sink), so nothing
# counts as stalled this soon after play().
START_GRACE_S = 4.0


# How much audio the device buffers ahead. PortAudio's "high" (about 35 ms on ALSA) broke
# up while a training ran on a 2-core machine: 9 gaps up to 104 ms in 30 s, measured on the
# PulseAudio sink by tests/core/listen/test_playback_under_training.py (load average 4.5);
# 250 ms gave none over 10 ms. The cost: an A/B switch is heard a quarter second after the
# click (still sample-aligned and crossfaded), and playheads draw `heard_position`.
PLAYBACK_LATENCY_S = 0.25


class Player:
    """Plays buffers A and B (and their difference) through one output stream."""

    def __init__(
        self,
        device: int | str | None = None,
        crossfade_ms: float = 8.0,
        blocksize: int = 0,
        latency: float | str = PLAYBACK_LATENCY_S,
    ) -> None:
        if not 0 < crossfade_ms <= 10:
            raise ValueError("crossfade_ms must be in (0, 10]: longer fades blur the A/B switch")
        self.device = device
        self.crossfade_ms = crossfade_ms
        self.blocksize = blocksize  # 0 lets PortAudio pick the block size it likes best
        # See PLAYBACK_LATENCY_S: a buffer deep enough to ride out a machine busy training.
        self.latency = latency
        self.error: str | None = None  # last device problem, for the GUI to show
        self.underflows = 0
        self._mix = AbMixer()
        self._stream = None
        self._stop_requested = False
        self._stream_sr = 0
        self._playing = False
        self._tail_left = 0
        self._last_callback = 0.0
        self._started_at = 0.0

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
        a, b = prepare_buffers(a, sr, b)
        self.stop()
        self._close_stream()
        self._mix.load(a, b, sr, self.crossfade_ms, match_gains)

    @property
    def sample_rate(self) -> int:
        return self._mix.sample_rate

    @property
    def frames(self) -> int:
        return self._mix.frames

    @property
    def channels(self) -> int:
        return self._mix.channels

    @property
    def switch_frames(self) -> list[tuple[int, str]]:
        """(position, source) of each switch."""
        return self._mix.switch_frames

    # -- transport ---------------------------------------------------------------------
    @property
    def position(self) -> int:
        """Next frame to be rendered, in the loaded buffers' sample rate."""
        return self._mix.position

    @property
    def heard_position(self) -> int:
        """The frame reaching the speakers now: `position` less what the device buffers
        (the playhead to draw; a deep buffer puts `position` a quarter second ahead)."""
        stream = self._stream
        if stream is None or not self._playing:
            return self._mix.position
        latency = float(getattr(stream, "latency", 0.0) or 0.0)
        return max(0, self._mix.position - int(latency * self.sample_rate))

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def selected(self) -> str:
        return self._mix.selected

    def play(self, start: int | None = None) -> None:
        """Start (or continue) playing; raises PlaybackUnavailable with a clear reason."""
        if not self._mix.loaded:
            raise PlaybackUnavailable(said(QT_TRANSLATE_NOOP("Playback", "nothing loaded to play")))
        if self._playing:  # already playing: a start position is a seek, nothing else changes
            if start is not None:
                self.seek(start)
            return
        self._mix.start(start)
        self._open_stream()
        self.error = None
        self._stop_requested = False
        self._tail_left = int(self._stream.latency * self.sample_rate) + 2 * max(
            self.blocksize, 1024
        )
        self._playing = True
        self._started_at = self._last_callback = time.monotonic()
        if not self._stream.active:
            try:
                if self._stream.stopped is False:  # finished by CallbackStop, not yet stopped
                    self._stream.stop()
                self._stream.start()
            except Exception as exc:
                self._playing = False
                raise PlaybackUnavailable(self._describe(exc, START_FAILED)) from exc

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
        self._mix.rewind()

    def seek(self, frame: int) -> None:
        """Jump to `frame`; while playing the jump is crossfaded so it does not click."""
        self._mix.seek(frame)

    def set_loop(self, start: int | None, end: int | None = None) -> None:
        """Loop [start, end) forever; start None (or end None) clears the loop."""
        self._mix.set_loop(start, end)

    @property
    def loop(self) -> tuple[int, int] | None:
        return self._mix.loop

    def select(self, source: str) -> None:
        """Switch to 'A', 'B' or 'diff' at the current position with a short crossfade."""
        self._mix.select(source)

    def set_loudness_match(self, on: bool) -> None:
        """Play A and B at equal integrated loudness (LUFS) so the louder does not win."""
        self._mix.set_loudness_match(on)

    @property
    def match_gains_db(self) -> tuple[float, float]:
        """The gains loudness matching applies to A and B, in dB."""
        return self._mix.match_gains_db

    def levels(self) -> tuple[np.ndarray, np.ndarray]:
        """Peak and RMS per channel (linear) of the last block sent to the device."""
        return self._mix.levels()

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
            self.error = said(QT_TRANSLATE_NOOP("Playback", "the output device stopped taking audio (unplugged, suspended "
                                "or taken by another program?); playback was stopped"))  # fmt: skip
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
    def _open_stream(self) -> None:
        if self._stream is not None and self._stream_sr == self.sample_rate:
            return
        self._close_stream()
        sd = load_sounddevice()

        def open_stream():
            return sd.OutputStream(
                samplerate=self.sample_rate,
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
            raise PlaybackUnavailable(self._describe(exc, OPEN_FAILED)) from exc
        self._stream = stream
        open_players.add(self)
        self._stream_sr = self.sample_rate

    def _close_stream(self) -> None:
        if self._stream is not None:
            try:
                self._stream.close(ignore_errors=True)
            except Exception as exc:
                log.warning("closing the output stream failed: %s", exc)
            self._stream = None
        open_players.discard(self)

    def _describe(self, exc: Exception, what: str) -> str:
        self.error = device_failure(exc, what, self.device, self.channels, self.sample_rate)
        return self.error

    def _finished(self) -> None:
        # PortAudio calls this when the stream ends for any reason; an end nobody asked
        # for while frames remain means the device went away.
        if self._playing and not self._stop_requested and self.position < self.frames:
            self.error = said(
                QT_TRANSLATE_NOOP(
                    "Playback", "the output device stopped unexpectedly (unplugged or taken over?)"
                )
            )
            log.warning(self.error)
        self._playing = False

    def next_block(self, frames: int) -> tuple[np.ndarray, bool]:
        """Render the next `frames` frames and advance, exactly as the audio callback does.

        Returns the block and whether the end of the buffers has been reached. Usable
        without a device, e.g. to render what the listener would hear.
        """
        return self._mix.next_block(frames)

    def _callback(self, outdata, frames, time_info, status) -> None:
        self._last_callback = time.monotonic()
        if status.output_underflow:
            self.underflows += 1
        if not self._mix.loaded or not self._playing:
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
                raise load_sounddevice().CallbackStop
