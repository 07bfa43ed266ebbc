"""Listening samples per epoch: play one, or open it in the Listen tab's A/B player.

The trainer renders a few validation clips after each epoch (`SampleRendered` events); this
list groups them by epoch, newest first. Playing goes through `core.listen.playback.Player`; when
audio output is unavailable the reason is shown here rather than raised.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.audio.io import AudioReadError, read_audio
from core.train import events as ev
from gui.localized import format_text
from gui.widgets.buffer_playback import BufferPlayback

log = logging.getLogger(__name__)

PATH_ROLE = Qt.ItemDataRole.UserRole
INPUT_ROLE = Qt.ItemDataRole.UserRole + 1


class SamplesList(BufferPlayback, QWidget):
    open_in_listen = Signal(str, str)  # processed path, input path

    def __init__(self, parent: QWidget | None = None, device: int | str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplesList")
        self.device = device  # output device for core.listen.playback.Player; None: the default
        self.player = None  # that Player, made on first play
        self._epochs: dict[int, QTreeWidgetItem] = {}
        self._paths: set[str] = set()
        self._playing_text = ""  # the status line while a sample plays

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("samplesTree")
        self.tree.setAccessibleName(self.tr("Listening samples per epoch"))
        self.tree.setHeaderLabels([self.tr("Sample"), self.tr("Input")])
        self.tree.setRootIsDecorated(True)
        self.tree.itemActivated.connect(lambda item, _col: self.play_item(item))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree)

        row = QHBoxLayout()
        self.play_button = QPushButton(self.tr("▶ Play"), self)
        self.play_button.setObjectName("samplePlayButton")
        self.play_button.setAccessibleName(self.tr("Play sample"))
        self.play_button.clicked.connect(self._toggle_play)
        self.input_button = QPushButton(self.tr("Play input"), self)
        self.input_button.setObjectName("sampleInputButton")
        self.input_button.setAccessibleName(self.tr("Play the sample's input"))
        self.input_button.clicked.connect(self._play_input)
        self.ab_button = QPushButton(self.tr("Open in A/B"), self)
        self.ab_button.setObjectName("sampleAbButton")
        self.ab_button.setAccessibleName(self.tr("Open sample in the Listen tab A/B player"))
        self.ab_button.clicked.connect(self._open_ab)
        for button in (self.play_button, self.input_button, self.ab_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("samplesStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # While a sample plays: notice its end, so "playing …" and "■ Stop" go when it does.
        self._end_watch = QTimer(self)
        self._end_watch.setInterval(150)
        self._end_watch.timeout.connect(self._check_ended)
        self._update_buttons()

    # -- data --------------------------------------------------------------------------
    def clear(self) -> None:
        self.stop()
        self.tree.clear()
        self._epochs.clear()
        self._paths.clear()
        self._update_buttons()

    def add_sample(self, e: ev.SampleRendered) -> QTreeWidgetItem | None:
        if e.path in self._paths:
            return None  # a resumed or re-followed run announces the same file again
        self._paths.add(e.path)
        parent = self._epochs.get(e.epoch)
        if parent is None:
            parent = QTreeWidgetItem([self.tr("Epoch {epoch}").format(epoch=e.epoch + 1), ""])
            parent.setData(0, PATH_ROLE, None)
            # Newest epoch on top: that is the one users want to hear.
            index = sum(1 for k in self._epochs if k > e.epoch)
            self.tree.insertTopLevelItem(index, parent)
            self._epochs[e.epoch] = parent
            for other in self._epochs.values():
                other.setExpanded(other is parent)
        item = QTreeWidgetItem([Path(e.path).name, Path(e.input_path).name])
        item.setData(0, PATH_ROLE, e.path)
        item.setData(0, INPUT_ROLE, e.input_path)
        item.setToolTip(0, e.path)
        parent.addChild(item)
        self._update_buttons()
        return item

    def sample_count(self) -> int:
        return len(self._paths)

    def epochs(self) -> list[int]:
        return sorted(self._epochs)

    # -- actions -----------------------------------------------------------------------
    def _selected(self) -> QTreeWidgetItem | None:
        item = self.tree.currentItem()
        if item is None or not item.data(0, PATH_ROLE):
            return None
        return item

    def _update_buttons(self) -> None:
        has = self._selected() is not None
        for button in (self.play_button, self.input_button, self.ab_button):
            button.setEnabled(has)
        playing = self.player is not None and self.player.is_playing
        self.play_button.setText(self.tr("■ Stop") if playing else self.tr("▶ Play"))

    def _toggle_play(self) -> None:
        if self.player is not None and self.player.is_playing:
            self.stop()
            return
        item = self._selected()
        if item is not None:
            self.play_item(item)

    def _play_input(self) -> None:
        item = self._selected()
        if item is not None:
            self.play_file(item.data(0, INPUT_ROLE))

    def _open_ab(self) -> None:
        item = self._selected()
        if item is not None:
            self.open_in_listen.emit(item.data(0, PATH_ROLE), item.data(0, INPUT_ROLE) or "")

    def play_item(self, item: QTreeWidgetItem) -> bool:
        path = item.data(0, PATH_ROLE)
        if not path:
            item.setExpanded(not item.isExpanded())
            return False
        self.tree.setCurrentItem(item)
        return self.play_file(path)

    def play_file(self, path: str) -> bool:
        """Play one file from the start; False (and a message here) when it cannot."""
        try:
            audio, sr = read_audio(path)
        except AudioReadError as exc:
            self._say(str(exc))
            return False
        name = Path(path).name

        def failed(exc: Exception) -> str:
            return self.tr("cannot play {name}: {reason}").format(name=name, reason=exc)

        if not self.play_buffer(audio, sr, self._say, device=self.device, failed=failed):
            return False
        self._playing_text = format_text(
            self.tr("playing {name} ({seconds:.1f} s)"),
            name=Path(path).name,
            seconds=len(audio) / sr,
        )
        self._say(self._playing_text)
        self._end_watch.start()
        self._update_buttons()
        return True

    def stop(self) -> None:
        self.stop_player()
        self._played_out()

    def _check_ended(self) -> None:
        if self.player is None or not self.player.is_playing:
            self._played_out()

    def _played_out(self) -> None:
        self._end_watch.stop()
        if self.status.text() == self._playing_text:  # a message since then stays
            error = self.player.error if self.player is not None else None
            self.status.setText(
                self.tr("playback stopped: {reason}").format(reason=error) if error else ""
            )
        self._update_buttons()

    def shutdown(self) -> None:
        self.close_player()

    def _say(self, text: str) -> None:
        log.info("%s", text)
        self.status.setText(text)
