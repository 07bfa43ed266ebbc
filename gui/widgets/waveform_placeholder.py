"""What a waveform view shows without a waveform: a hint to pick a clip, or how far the
waveform being prepared has got (a long clip's peak pyramid, or its decoded copy made again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

EMPTY_TEXT = "Select a clip to see its waveform."


class WaveformPlaceholder(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)  # as in the view around it
        self.label = QLabel(EMPTY_TEXT, self)
        self.label.setObjectName("waveformEmpty")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.label)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("waveformProgress")
        self.progress.setAccessibleName("Waveform loading progress")
        self.progress.hide()
        layout.addWidget(self.progress)

    def show_progress(self, text: str, done: int, total: int) -> None:
        scaled = 1000 * done // max(1, total)
        self.progress.setRange(0, 1000)
        self.progress.setValue(min(1000, scaled))
        self.progress.setFormat(f"{text}: {scaled // 10} %")
        self.progress.show()
        self.label.setText(text)

    def hide_progress(self) -> None:
        self.progress.hide()
        self.label.setText(EMPTY_TEXT)
