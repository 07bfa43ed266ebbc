"""The Listen tab's transport: play, stop, the A/B switch, difference, loop and loudness
match, spectrograms, the output device, the level meter and export. It drives the player
(core.listen.playback.Player); a 50 ms timer follows it with the playhead and the meters."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.listen.comparison import Comparison
from core.listen.output_devices import PlaybackUnavailable, list_output_devices
from core.listen.playback import Player
from gui.localized import error_text, format_duration
from gui.widgets import factory
from gui.widgets.level_meter import LevelMeter

TICK_MS = 50  # playhead and meters follow the player at 20 Hz


class Transport(QWidget):
    tick = Signal(int)  # the player's position (frames), every TICK_MS while loaded
    spectrogram_toggled = Signal(bool)
    loaded_changed = Signal(bool)  # a comparison is (or is no longer) in the player
    message = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        player: Player,
        selection: Callable[[], tuple[int, int] | None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listenTransport")
        self.player = player
        self._selection = selection  # the A/B views' shared selection, for looping
        self.comparison: Comparison | None = None
        self._abx_running = False
        self._said_error = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.play_button = factory.button(
            self,
            self.tr("Play"),
            "playButton",
            slot=self.toggle_play,
            accessible=self.tr("Play or pause (Space)"),
        )
        self.stop_button = factory.button(
            self,
            self.tr("Stop"),
            "stopButton",
            slot=self.stop,
            accessible=self.tr("Stop and rewind"),
        )
        self.ab_toggle = factory.button(
            self,
            self.tr("A  original"),
            "abToggle",
            accessible=self.tr("Switch A and B (A, B, Tab)"),
            checkable=True,
        )
        self.ab_toggle.setMinimumSize(220, 48)
        font = QFont(self.ab_toggle.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.ab_toggle.setFont(font)
        self.ab_toggle.toggled.connect(lambda on: self.select("B" if on else "A"))
        self.diff_toggle = self._check(self.tr("Difference (A − B)"), "diffToggle",
                                       self.tr("Listen to the difference A minus B"), self._on_diff)  # fmt: skip
        self.loop_toggle = self._check(
            self.tr("Loop selection"), "loopToggle", self.tr("Loop the selection"), self.apply_loop
        )
        self.match_toggle = self._check(self.tr("Match loudness"), "matchToggle",
                                        self.tr("Play A and B at the same loudness (LUFS)"), self._on_match)  # fmt: skip
        self.match_toggle.setChecked(True)
        self.spectrogram_toggle = self._check(
            self.tr("Spectrograms"),
            "spectrogramToggle",
            self.tr("Show spectrograms"),
            self.spectrogram_toggled.emit,
        )
        self.output_device = factory.combo(
            self, "outputDevice", self.tr("Output device"), min_chars=18
        )
        self.output_device.currentIndexChanged.connect(self._on_output_device)
        self.time_label = QLabel(format_duration(0.0, decimals=3), self)
        self.time_label.setObjectName("timeLabel")
        self.time_label.setMinimumWidth(90)
        self.meter = LevelMeter(self)
        self.export_button = factory.button(
            self, self.tr("Export…"), "exportButton", slot=self._ask_export,
            accessible=self.tr("Export the processed audio"),
        )  # fmt: skip
        for w in (self.play_button, self.stop_button, self.ab_toggle):
            row.addWidget(w)
        for pair in (
            (self.diff_toggle, self.loop_toggle),
            (self.match_toggle, self.spectrogram_toggle),
        ):
            col = QVBoxLayout()
            for w in pair:
                col.addWidget(w)
            row.addLayout(col)
        row.addWidget(self.time_label)
        row.addWidget(self.meter, 1)
        row.addWidget(self.output_device)
        row.addWidget(self.export_button)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._set_loaded(False)

    def _check(self, text: str, name: str, accessible: str, slot) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.toggled.connect(slot)
        return box

    def install_shortcuts(self, widget: QWidget) -> None:
        """A, B, Tab and Space anywhere in `widget` (the tab), not in the other tabs."""
        for key, slot in (
            ("A", lambda: self._key_select("A")),
            ("B", lambda: self._key_select("B")),
            ("Tab", self._key_toggle),
            ("Space", self.toggle_play),
        ):
            sc = QShortcut(QKeySequence(key), widget)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    # -- what plays -----------------------------------------------------------------------
    def load(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.player.load(
            comparison.original,
            comparison.sample_rate,
            comparison.processed,
            comparison.match_gains,
        )
        self.player.set_loudness_match(self.match_toggle.isChecked())
        self.player.select("diff" if self.diff_toggle.isChecked() else self._ab())
        self._set_loaded(True)

    def unload(self) -> None:
        """Stop and forget the comparison (its original is no longer the chosen one)."""
        self.player.pause()
        self.comparison = None
        self._set_loaded(False)

    def _set_loaded(self, on: bool) -> None:
        for w in (
            self.play_button,
            self.stop_button,
            self.ab_toggle,
            self.diff_toggle,
            self.loop_toggle,
            self.export_button,
        ):
            w.setEnabled(on)
        self.loaded_changed.emit(on)

    def _ab(self) -> str:
        return "B" if self.ab_toggle.isChecked() else "A"

    def select(self, source: str) -> None:
        """Switch the player to A or B (instant, crossfaded) and show it on the toggle."""
        self.ab_toggle.blockSignals(True)
        self.ab_toggle.setChecked(source == "B")
        self.ab_toggle.setText(self.tr("B  processed") if source == "B" else self.tr("A  original"))
        self.ab_toggle.blockSignals(False)
        if self.comparison is not None and not self.diff_toggle.isChecked():
            self.player.select(source)

    def _key_select(self, source: str) -> None:
        if self.comparison is not None and not self._abx_running:
            self.select(source)

    def _key_toggle(self) -> None:
        self._key_select("A" if self._ab() == "B" else "B")

    def _on_diff(self, on: bool) -> None:
        if self.comparison is not None:
            self.player.select("diff" if on else self._ab())

    def _on_match(self, on: bool) -> None:
        self.player.set_loudness_match(on)

    def toggle_play(self) -> None:
        if self.comparison is None:
            return
        if self.player.is_playing:
            self.player.pause()
            return
        try:
            self.player.play()
        except PlaybackUnavailable as exc:
            self.message.emit(self.tr("Cannot play: {reason}").format(reason=error_text(exc)))

    def stop(self) -> None:
        self.player.stop()
        self._tick()

    def seek(self, frame: int) -> None:
        if self.comparison is not None and self.player.position != frame:
            self.player.seek(frame)

    def apply_loop(self, *_args) -> None:
        if self.comparison is None:
            return
        sel = self._selection()
        if self.loop_toggle.isChecked() and sel is not None and sel[1] - sel[0] >= 2:
            self.player.set_loop(*sel)
        else:
            self.player.set_loop(None)

    def _tick(self) -> None:
        if self.comparison is None:
            return
        pos = self.player.heard_position
        self.tick.emit(pos)
        self.time_label.setText(format_duration(pos / self.player.sample_rate, decimals=3))
        if self.player.is_playing:
            self.meter.set_levels(*self.player.levels())
        else:
            zeros = self.player.levels()[0] * 0
            self.meter.set_levels(zeros, zeros)
        self.play_button.setText(self.tr("Pause") if self.player.is_playing else self.tr("Play"))
        self.player.check()
        error = self.player.error or ""
        if error and error != self._said_error:
            self.message.emit(error_text(error))
        self._said_error = error

    # -- devices ----------------------------------------------------------------------------
    def refresh_devices(self) -> None:
        self.output_device.blockSignals(True)
        self.output_device.clear()
        self.output_device.addItem(self.tr("System default output"), None)
        try:
            for dev in list_output_devices():
                self.output_device.addItem(dev.name, dev.name)
        except PlaybackUnavailable as exc:
            self.message.emit(error_text(exc))
            self.output_device.setEnabled(False)
        self.output_device.blockSignals(False)

    def set_output_device(self, name: str | None) -> None:
        i = self.output_device.findData(name)
        if i < 0:
            self.output_device.addItem(str(name), name)
            i = self.output_device.count() - 1
        self.output_device.setCurrentIndex(i)

    def _on_output_device(self) -> None:
        self.player.set_device(self.output_device.currentData())

    # -- ABX --------------------------------------------------------------------------------
    def on_abx_running(self, on: bool) -> None:
        # A blind test must not be won by loudness or by reading the toggle.
        self._abx_running = on
        if on:
            self.match_toggle.setChecked(True)
            self.diff_toggle.setChecked(False)
        for w in (self.ab_toggle, self.diff_toggle, self.match_toggle):
            w.setEnabled(not on and self.comparison is not None)

    def abx_play(self, source: str) -> None:
        self.player.select(source)
        if not self.player.is_playing:
            self.toggle_play()

    # -- export -----------------------------------------------------------------------------
    def _ask_export(self) -> None:
        if self.comparison is None:
            return
        suggested = Path(self.comparison.result.output).name
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export processed audio"), suggested, "WAV (*.wav);;FLAC (*.flac)"
        )
        if path:
            self.export_processed(path)

    def export_processed(self, path: str | Path) -> Path:
        """Save the processed audio (same rate, channels and length as the original)."""
        from core.audio.io import write_audio

        path = Path(path)
        src = Path(self.comparison.result.output)
        if path.suffix.lower() == src.suffix.lower():
            path.parent.mkdir(parents=True, exist_ok=True)  # write_audio does the same
            shutil.copyfile(src, path)
        else:
            write_audio(path, self.comparison.processed, self.comparison.sample_rate, "PCM_24")
        self.message.emit(self.tr("Exported {path}").format(path=path))
        return path

    # -- settings ---------------------------------------------------------------------------
    def restore_settings(self, s: QSettings) -> None:
        self.match_toggle.setChecked(s.value("listen/match", True, bool))
        device = s.value("listen/outputDevice", None)
        if device:
            i = self.output_device.findData(device)
            if i >= 0:
                self.output_device.setCurrentIndex(i)

    def save_settings(self, s: QSettings) -> None:
        s.setValue("listen/match", self.match_toggle.isChecked())
        s.setValue("listen/outputDevice", self.output_device.currentData() or "")
