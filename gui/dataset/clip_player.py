"""Playing the clip shown in the Dataset tab: from the cursor, the selection or in a loop,
with a playhead that follows the player. The player is made the first time something
plays (gui.widgets.buffer_playback); tests set `player` to their own."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from gui.widgets.buffer_playback import BufferPlayback, say_unavailable
from gui.widgets.waveform_view import WaveformView

PLAY_CHUNK_SECONDS = 120  # at most this much is read (on the GUI thread) per play request
PLAYHEAD_MS = 30


class ClipPlayer(BufferPlayback, QObject):
    message = Signal(str)

    def __init__(
        self,
        parent: QObject,
        view: WaveformView,
        loop: QAction,
        status: QLabel,
        wave: Callable[[], object | None],
    ) -> None:
        super().__init__(parent)
        self.player = None  # core.listen.playback.Player, made on first use
        self._view, self._loop, self._status = view, loop, status
        self._wave = wave  # the ClipWaveform shown (None while none is)
        self._play_offset = 0
        self._playhead_timer = QTimer(self)
        self._playhead_timer.setInterval(PLAYHEAD_MS)
        self._playhead_timer.timeout.connect(self._update_playhead)

    def _play_range(self, start: int, end: int, loop: bool) -> bool:
        wave = self._wave()
        if wave is None:
            return False
        sr = wave.pyramid.sample_rate
        end = min(end, start + PLAY_CHUNK_SECONDS * sr)
        try:
            audio = np.asarray(wave.reader(start, end), dtype=np.float32)
        except Exception as exc:  # the clip's file gone or unreadable since it was shown
            say_unavailable(self._status.setText, exc)
            return False
        if not self.play_buffer(audio, sr, self._status.setText, loop=loop):
            return False
        self._play_offset = start
        self._status.setText(self.tr("Playing"))
        self._playhead_timer.start()
        return True

    def toggle_play(self) -> None:
        if self.player is not None and self.player.is_playing:
            self.stop()
            return
        wave = self._wave()
        if wave is None:
            return
        sel = self._view.selection()
        if sel is not None and self._loop.isChecked():
            self._play_range(sel[0], sel[1], loop=True)
        else:
            self._play_range(self._view.cursor, wave.pyramid.frames, loop=False)

    def play_selection(self) -> None:
        sel = self._view.selection()
        if sel is None:
            self.message.emit(self.tr("Select a range to play it."))
            return
        self._play_range(sel[0], sel[1], loop=self._loop.isChecked())

    def stop(self) -> None:
        self.stop_player()
        self._playhead_timer.stop()
        self._view.set_playhead(None)
        if self._status.text() == self.tr("Playing"):
            self._status.setText("")

    def _update_playhead(self) -> None:
        player = self.player
        if player is None:
            return
        if player.error:
            self._status.setText(self.tr("Playback stopped: {reason}").format(reason=player.error))
        if not player.is_playing:
            self.stop()
            return
        self._view.set_playhead(self._play_offset + player.heard_position)

    def close(self) -> None:
        self.stop()
        self.close_player()
