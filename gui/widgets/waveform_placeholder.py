"""What a waveform view shows without a waveform: a hint to pick a clip, or how far the
waveform being prepared has got (a long clip's peak pyramid, or its decoded copy made again)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QProgressBar, QWidget

from gui.localized import number

EMPTY_TEXT = QT_TRANSLATE_NOOP("WaveformPlaceholder", "Select a clip to see its waveform.")


def _empty_text() -> str:
    return QCoreApplication.translate("WaveformPlaceholder", EMPTY_TEXT)


class WaveformPlaceholder:
    """A hint and a progress bar added to the view's own layout (a box around them would
    take the layout's spacing even when both are hidden)."""

    def __init__(self, parent: QWidget, layout: QBoxLayout) -> None:
        self.label = QLabel(_empty_text(), parent)
        self.label.setObjectName("waveformEmpty")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.label)
        self.progress = QProgressBar(parent)
        self.progress.setObjectName("waveformProgress")
        self.progress.setAccessibleName(
            QCoreApplication.translate("WaveformPlaceholder", "Waveform loading progress")
        )
        self.progress.hide()
        layout.addWidget(self.progress)

    def show_progress(self, text: str, done: int, total: int) -> None:
        scaled = 1000 * done // max(1, total)
        self.progress.setRange(0, 1000)
        self.progress.setValue(min(1000, scaled))
        self.progress.setFormat(f"{text}: {number(scaled // 10)} %")
        self.progress.show()
        self.label.setText(text)

    def hide_progress(self) -> None:
        self.progress.hide()
        self.label.setText(_empty_text())
