"""A classified file's detections over its waveform: one shaded, labelled region per
detection (a colour per class), and the same detections as a table (label, start, end,
score). Clicking a region or activating a row asks for that detection to be played."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableWidgetItem, QWidget

from core.audio import peaks
from gui.plotting import pg
from gui.widgets import factory
from gui.widgets.waveform_view import WaveformView

KIND = "detections"  # the overlay kind (gui.widgets.region_overlays)
# One colour per class (the model's order), repeated past ten classes: a timeline rarely
# shows more than a few classes at once, and each region carries its label too.
PALETTE = (
    (95, 180, 255), (255, 184, 107), (127, 224, 168), (255, 127, 191), (200, 160, 255),
    (255, 230, 110), (110, 220, 230), (255, 140, 110), (170, 210, 120), (220, 220, 220),
)  # fmt: skip
ALPHA = 70


class DetectionTimeline(QSplitter):
    play_requested = Signal(int)  # the index of the detection to play

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("detectionTimeline")
        self.view = WaveformView(self)
        self.view.setObjectName("detectionWaveform")
        self.view.setAccessibleName(self.tr("Waveform with the detections"))
        self.view.cursor_moved.connect(self._on_click)
        self.table = factory.table(
            self,
            "detectionsTable",
            (self.tr("Class"), self.tr("Start (s)"), self.tr("End (s)"), self.tr("Score")),
            self.tr("Detections along the file"),
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumWidth(280)  # its four columns without scrolling sideways
        self.table.itemActivated.connect(lambda item: self.play_requested.emit(item.row()))
        self.addWidget(self.view)
        self.addWidget(self.table)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.detections: list = []  # core.listen.classify.Detection, in time order
        self._labels: list[pg.TextItem] = []

    def clear(self) -> None:
        self.view.set_source(None)
        self._set_detections([], (), 1)

    def show_file(
        self,
        pyramid: peaks.PeakPyramid,
        reader: peaks.RawReader,
        detections: list,
        classes: tuple[str, ...],
    ) -> None:
        """Draw a file and its detections (core.listen.classify.Detection, seconds)."""
        self.view.set_source(pyramid, reader)
        self._set_detections(detections, classes, pyramid.sample_rate)

    def _set_detections(self, detections: list, classes: tuple[str, ...], sr: int) -> None:
        self.detections = list(detections)
        colours = [self.colour(d.label, classes) for d in self.detections]
        spans = [(round(d.start_s * sr), round(d.end_s * sr)) for d in self.detections]
        self.view.overlays.set(KIND, spans, sr, [(*c, ALPHA) for c in colours])
        for label in self._labels:
            self.view.plot.removeItem(label)
        self._labels = []
        for d, colour in zip(self.detections, colours, strict=True):
            text = pg.TextItem(d.label, color=colour, anchor=(0, 0))
            text.setPos(d.start_s, 1.05)
            text.setZValue(6)
            self.view.plot.addItem(text, ignoreBounds=True)
            self._labels.append(text)
        table = self.table
        table.setRowCount(len(self.detections))
        for i, d in enumerate(self.detections):
            values = (d.label, f"{d.start_s:.2f}", f"{d.end_s:.2f}", f"{d.score:.3f}")
            for j, value in enumerate(values):
                table.setItem(i, j, QTableWidgetItem(value))

    @staticmethod
    def colour(label: str, classes: tuple[str, ...]) -> tuple[int, int, int]:
        index = classes.index(label) if label in classes else hash(label)
        return PALETTE[index % len(PALETTE)]

    def label_texts(self) -> list[str]:
        """The labels drawn over the waveform, in time order (tests read them)."""
        return [item.textItem.toPlainText() for item in self._labels]

    def detection_at(self, seconds: float) -> int | None:
        for i, d in enumerate(self.detections):
            if d.start_s <= seconds < d.end_s:
                return i
        return None

    def _on_click(self, frame: int) -> None:
        index = self.detection_at(frame / self.view.sample_rate)
        if index is not None:
            self.table.selectRow(index)
            self.play_requested.emit(index)
