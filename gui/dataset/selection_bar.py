"""Start, end and length of the selection as editable numbers (seconds, ms precision)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QWidget

from gui.localized import number


def _spin(name: str, accessible: str, parent: QWidget) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setDecimals(3)
    spin.setSuffix(QCoreApplication.translate("SelectionBar", " s"))
    spin.setRange(0.0, 0.0)
    spin.setSingleStep(0.01)
    spin.setKeyboardTracking(False)  # apply when Enter is pressed or focus leaves
    return spin


class SelectionBar(QWidget):
    """Shows the selection; typing a number moves it (emits frames)."""

    selection_edited = Signal(int, int)
    cursor_edited = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selectionBar")
        self.sample_rate = 1
        self.frames = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cursor_spin = _spin("cursorSpin", self.tr("Cursor position in seconds"), self)
        self.start_spin = _spin("selectionStart", self.tr("Selection start in seconds"), self)
        self.end_spin = _spin("selectionEnd", self.tr("Selection end in seconds"), self)
        self.length_spin = _spin("selectionLength", self.tr("Selection length in seconds"), self)
        for label, spin in (
            (self.tr("Cursor"), self.cursor_spin),
            (self.tr("Start"), self.start_spin),
            (self.tr("End"), self.end_spin),
            (self.tr("Length"), self.length_spin),
        ):
            layout.addWidget(QLabel(label, self))
            layout.addWidget(spin)
        self.info = QLabel("", self)
        self.info.setObjectName("selectionInfo")
        layout.addWidget(self.info, 1)
        self.start_spin.valueChanged.connect(self._start_changed)
        self.end_spin.valueChanged.connect(self._end_changed)
        self.length_spin.valueChanged.connect(self._length_changed)
        self.cursor_spin.valueChanged.connect(lambda v: self.cursor_edited.emit(self._frames_of(v)))

    def set_timeline(self, frames: int, sample_rate: int) -> None:
        self.frames, self.sample_rate = frames, max(1, sample_rate)
        top = frames / self.sample_rate
        for spin in (self.cursor_spin, self.start_spin, self.end_spin, self.length_spin):
            spin.blockSignals(True)
            spin.setRange(0.0, top)
            spin.blockSignals(False)
        self.info.setText(
            self.tr("{rate} Hz, {frames} frames").format(
                rate=number(sample_rate), frames=number(frames)
            )
            if frames
            else ""
        )

    def _frames_of(self, seconds: float) -> int:
        return int(round(seconds * self.sample_rate))

    def show_selection(self, start: int, end: int) -> None:
        """Model → widget: signals blocked so this never echoes back as an edit."""
        for spin, frames in (
            (self.start_spin, start),
            (self.end_spin, end),
            (self.length_spin, end - start),
        ):
            spin.blockSignals(True)
            spin.setValue(frames / self.sample_rate)
            spin.blockSignals(False)

    def show_cursor(self, frame: int) -> None:
        self.cursor_spin.blockSignals(True)
        self.cursor_spin.setValue(frame / self.sample_rate)
        self.cursor_spin.blockSignals(False)

    def _start_changed(self, value: float) -> None:
        start, end = self._frames_of(value), self._frames_of(self.end_spin.value())
        self.selection_edited.emit(min(start, end), max(start, end))

    def _end_changed(self, value: float) -> None:
        start, end = self._frames_of(self.start_spin.value()), self._frames_of(value)
        self.selection_edited.emit(min(start, end), max(start, end))

    def _length_changed(self, value: float) -> None:
        start = self._frames_of(self.start_spin.value())
        self.selection_edited.emit(start, min(self.frames, start + self._frames_of(value)))
