"""The Listen tab's two synchronized waveforms: A (the original) over B (the processed),
with one time axis, one cursor and one selection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from core.audio import peaks
from core.listen.comparison import Comparison
from gui.widgets.waveform_view import WaveformView

A_EMPTY = QT_TRANSLATE_NOOP("AbView", "A  original")
B_EMPTY = QT_TRANSLATE_NOOP("AbView", "B  processed")


class AbView(QSplitter):
    seek = Signal(int)  # the cursor moved to this frame
    selection_changed = Signal()  # the shared selection changed (read it with selection())

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("abView")
        self.view_a = WaveformView(self)
        self.view_a.setObjectName("viewOriginal")
        self.view_a.setAccessibleName(self.tr("Original (A) waveform"))
        self.view_b = WaveformView(self)
        self.view_b.setObjectName("viewProcessed")
        self.view_b.setAccessibleName(self.tr("Processed (B) waveform"))
        self.view_b.plot.setXLink(self.view_a.plot)
        for view, other in ((self.view_a, self.view_b), (self.view_b, self.view_a)):
            view.cursor_moved.connect(lambda f, o=other: self._on_cursor(f, o))
            view.selection_changed.connect(lambda s, e, o=other: self._on_selection(s, e, o))
        self.label_a = QLabel(self.tr(A_EMPTY), self)
        self.label_b = QLabel(self.tr(B_EMPTY), self)
        for label, view, name in (
            (self.label_a, self.view_a, "labelOriginal"),
            (self.label_b, self.view_b, "labelProcessed"),
        ):
            label.setObjectName(name)  # bold, from resources/wavesmith.qss
            pane = QWidget(self)
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(label)
            box.addWidget(view, 1)
            self.addWidget(pane)

    def show_comparison(self, comparison: Comparison) -> None:
        sr = comparison.sample_rate
        for view, audio in (
            (self.view_a, comparison.original),
            (self.view_b, comparison.processed),
        ):
            view.set_source(peaks.PeakPyramid.from_array(audio, sr), peaks.array_reader(audio))
        self.label_a.setText(
            self.tr("A  original: {name}").format(name=Path(comparison.result.input).name)
        )
        self.label_b.setText(
            self.tr("B  processed with {model}").format(model=comparison.model_name)
        )

    def clear(self) -> None:
        """Show nothing (a new original was chosen: the old waveforms no longer apply)."""
        for view in (self.view_a, self.view_b):
            view.set_source(None)
        self.label_a.setText(self.tr(A_EMPTY))
        self.label_b.setText(self.tr(B_EMPTY))

    def selection(self) -> tuple[int, int] | None:
        return self.view_a.selection()

    def set_playhead(self, frame: int) -> None:
        for view in (self.view_a, self.view_b):
            view.set_playhead(frame)

    def set_spectrogram(self, on: bool) -> None:
        self.view_a.set_spectrogram(on)
        self.view_b.set_spectrogram(on)

    def _on_cursor(self, frame: int, other: WaveformView) -> None:
        if other.cursor != frame:
            other.blockSignals(True)
            other.set_cursor(frame)
            other.blockSignals(False)
        self.seek.emit(frame)

    def _on_selection(self, start: int, end: int, other: WaveformView) -> None:
        other.blockSignals(True)
        if end > start:
            other.set_selection(start, end)
        else:
            other.clear_selection()
        other.blockSignals(False)
        self.selection_changed.emit()
