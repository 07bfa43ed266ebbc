"""Playing a buffer through `core.listen.playback.Player`, the one way the views that play
a clip, a classified window, a detection or a listening sample do it.

The player is made the first time something plays (sounddevice opens the output device
then, which can fail: no device, no audio backend), so a view that never plays never
touches the device. A view lists `BufferPlayback` among its bases and sets `self.player =
None` in its `__init__`; tests set their own player there (a fake, or a real one on
PulseAudio's null sink). What cannot play is said, never raised: a Qt slot that raises
only reaches the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


class BufferPlayback:
    """Mixin: `play_buffer`, `stop_player` and `close_player` over `self.player`."""

    player: object | None  # core.listen.playback.Player, made on first play

    def play_buffer(
        self,
        audio: np.ndarray,
        sr: int,
        say: Callable[[str], None],
        loop: bool = False,
        device: int | str | None = None,
        failed: Callable[[Exception], str] | None = None,
    ) -> bool:
        """Load `audio` at `sr` and play it from its start (looped when `loop`) on `device`
        (None: the default output; a player made already keeps its own). False when it
        cannot, and why said through `say`: `failed(exc)`, or "Playback unavailable: …"."""
        try:
            if self.player is None:
                from core.listen.playback import Player

                self.player = Player(device=device)
            self.player.load(audio, sr)
            if loop:
                self.player.set_loop(0, len(audio))
            self.player.play(0)
        except Exception as exc:  # PlaybackUnavailable, a device error, no audio backend
            if failed is None:
                say_unavailable(say, exc)
            else:
                say(failed(exc))
                log.warning("playback failed: %s", exc)
            return False
        return True

    def stop_player(self) -> None:
        if self.player is not None:
            try:
                self.player.stop()
            except Exception as exc:  # a vanished device must not break a stop
                log.warning("stopping playback failed: %s", exc)

    def close_player(self) -> None:
        """Close the output stream; the next play makes a player again."""
        if self.player is not None:
            try:
                self.player.close()
            except Exception as exc:
                log.warning("closing the player failed: %s", exc)
            self.player = None


def say_unavailable(say: Callable[[str], None], exc: BaseException) -> None:
    """Say why nothing plays (also for audio that could not be read to play it)."""
    text = QCoreApplication.translate("BufferPlayback", "Playback unavailable: {reason}")
    say(text.format(reason=exc))
    log.warning("playback failed: %s", exc)
