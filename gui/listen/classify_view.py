"""The Listen tab's view for a classifier: files to classify (the project's clips, files
from disk, dropped files), classified in the background (job `classify`: the code of
`wavesmith classify`, core.listen.classify.classify_paths: a long file is read and scored in
blocks, its progress shown as it goes, and Cancel stops it between two blocks), each
file's best class, its detections over its waveform (detection_timeline), a detection
played on a click through core.listen.playback.Player, and the detections exported as
`wavesmith classify --window` writes its CSV.

The tab shows this view instead of the A/B comparison while its model picker holds a
classify run or an exported classifier.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.audio import peaks
from core.audio.formats import AUDIO_EXTENSIONS
from core.audio.io import AudioReadError
from core.dataset.clip_audio import SMALL_SAMPLES
from core.train.run_folder import model_config
from gui.heavy_imports import heavy_imports
from gui.jobs import Jobs
from gui.listen.detection_timeline import DetectionTimeline
from gui.localized import error_text
from gui.widgets import factory
from gui.widgets.buffer_playback import BufferPlayback
from gui.widgets.file_drops import FileDropTarget, take_file_drops
from gui.widgets.file_filters import audio_filter

log = logging.getLogger(__name__)

CLASSIFY_JOB, SHOW_JOB = "classify", "classify-show"
PATH_ROLE = Qt.ItemDataRole.UserRole


class FileList(FileDropTarget, QListWidget):
    """The files to classify; files and folders dropped on it are added (as a copy)."""

    dropped = Signal(list)  # local paths

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        # Drops land on the viewport, which hands them to the handlers below.
        self.setAcceptDrops(True)
        take_file_drops(self.viewport())

    def drop_files(self, paths: list[str]) -> None:
        self.dropped.emit(paths)


class ClassifyView(BufferPlayback, QWidget):
    classified = Signal(object)  # core.listen.classify.ClassifyReport, once shown
    message = Signal(str)

    def __init__(
        self, parent: QWidget, jobs: Jobs, original: Callable[[], str | None], project
    ) -> None:
        super().__init__(parent)
        self.setObjectName("classifyView")
        self.jobs = jobs
        self._original = original  # the tab's chosen original (a clip or a file from disk)
        self._project = project  # () -> the open Project or None
        self.model_path: str | None = None
        self.classes: tuple[str, ...] = ()
        self._file = (0, 0)  # (files done, files) of the running job
        self.results: list = []  # core.listen.classify.FileResult of the last run, in order
        self.player = None  # core.listen.playback.Player, made on first play (tests set theirs)
        self._shown: tuple | None = None  # (FileResult, sample reader, rate) on the timeline

        left = QWidget(self)
        grid = QGridLayout(left)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Files to classify (drop files here)"), left), 0, 0, 1, 3)
        self.files = FileList(left)
        self.files.setObjectName("classifyFiles")
        self.files.setAccessibleName(self.tr("Files to classify"))
        self.files.dropped.connect(self.add_paths)
        grid.addWidget(self.files, 1, 0, 1, 3)
        buttons = (
            (self.tr("Add the original"), "addOriginalButton", self.add_original),
            (self.tr("Add every clip"), "addClipsButton", self.add_project_clips),
            (self.tr("Add files…"), "addFilesButton", self._browse),
            (self.tr("Remove"), "removeFilesButton", self._remove_selected),
            (self.tr("Clear"), "clearFilesButton", self.files.clear),
        )
        for i, (text, name, slot) in enumerate(buttons):
            grid.addWidget(factory.button(left, text, name, slot=slot), 2 + i // 3, i % 3)
        self.window_spin = factory.spin(
            left, "detectionWindow", self.tr("Window length in seconds"), 0.1, 30, 1.0,
            suffix=self.tr(" s"), decimals=2, step=0.1,
        )  # fmt: skip
        self.hop_spin = factory.spin(
            left, "detectionHop", self.tr("Hop between windows in seconds"), 0.01, 30, 0.5,
            suffix=self.tr(" s"), decimals=2, step=0.05,
        )  # fmt: skip
        grid.addWidget(QLabel(self.tr("Window"), left), 4, 0)
        grid.addWidget(self.window_spin, 4, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Hop"), left), 5, 0)
        grid.addWidget(self.hop_spin, 5, 1, 1, 2)
        self.classify_button = factory.button(
            left, self.tr("Classify"), "classifyButton", slot=self.classify
        )
        self.cancel_button = factory.button(
            left, self.tr("Cancel"), "cancelClassify", slot=lambda: self.jobs.cancel(CLASSIFY_JOB)
        )
        self.cancel_button.setEnabled(False)
        self.export_button = factory.button(
            left, self.tr("Export CSV…"), "exportDetections", slot=self._browse_export
        )
        self.export_button.setEnabled(False)
        for i, b in enumerate((self.classify_button, self.cancel_button, self.export_button)):
            grid.addWidget(b, 6, i)
        self.progress = QProgressBar(left)
        self.progress.setObjectName("classifyProgress")
        self.progress.setAccessibleName(self.tr("Classifying progress"))
        self.progress.setRange(0, 1000)
        grid.addWidget(self.progress, 7, 0, 1, 3)

        self.results_table = factory.table(
            self, "classifyResults",
            (self.tr("File"), self.tr("Best class"), self.tr("Score"), self.tr("Detections")),
            self.tr("Classified files"),
        )  # fmt: skip
        header = self.results_table.horizontalHeader()
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.results_table.itemSelectionChanged.connect(self._on_result_chosen)
        self.timeline = DetectionTimeline(self)
        self.timeline.play_requested.connect(self.play_detection)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(left)
        top.addWidget(self.results_table)
        top.setStretchFactor(1, 1)
        outer = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(top)
        outer.addWidget(self.timeline)
        outer.setStretchFactor(1, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(outer)

    # -- the model and the files ---------------------------------------------------------
    def set_model(self, path: str | None) -> None:
        """The classifier chosen in the tab: its classes and its window as the defaults."""
        self.model_path = path
        config = model_config(path) if path else None
        config = config or {}
        self.classes = tuple(config.get("model", {}).get("classes", ()))
        features = config.get("classify", {}).get("features", {})
        self.window_spin.setValue(float(features.get("window_s", 1.0)))
        self.hop_spin.setValue(float(features.get("window_hop_s", 0.5)))

    def paths(self) -> list[str]:
        return [self.files.item(i).data(PATH_ROLE) for i in range(self.files.count())]

    def add_paths(self, paths: list[str]) -> int:
        """Add audio files, and the audio files under folders; returns how many were added."""
        present, added = set(self.paths()), 0
        for item in paths:
            p = Path(item)
            found = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
            for f in found:
                if f.suffix.lower() in AUDIO_EXTENSIONS and str(f) not in present:
                    entry = QListWidgetItem(f.name, self.files)
                    entry.setData(PATH_ROLE, str(f))
                    entry.setToolTip(str(f))
                    present.add(str(f))
                    added += 1
        return added

    def add_original(self) -> None:
        original = self._original()
        if original:
            self.add_paths([original])

    def add_project_clips(self) -> None:
        project = self._project()
        if project is not None:
            self.add_paths([c.path for c in project.clips()])

    def _browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Files to classify"), "", audio_filter()
        )
        self.add_paths(paths)

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    # -- classifying ---------------------------------------------------------------------
    def classify(self) -> bool:
        """Classify the listed files in the background; False when it cannot start."""
        paths, model = self.paths(), self.model_path
        if not paths or not model:
            self._say(self.tr("Choose a classifier and add files to classify first."))
            return False
        if not heavy_imports().is_ready():  # torch is still loading: start once it has
            self.classify_button.setEnabled(False)
            self._say(self.tr("Loading PyTorch… classifying starts as soon as it has loaded."))
            heavy_imports().when_ready(self._classify_after_loading)
            return True
        window, hop = self.window_spin.value(), min(self.hop_spin.value(), self.window_spin.value())

        def work(progress, should_cancel, detail):
            from core.device import pick_device
            from core.listen.classify import classify_paths, load_classifier

            clf = load_classifier(model, pick_device("auto"))
            return classify_paths(clf, paths, 1, window, hop, progress, should_cancel, detail)

        job = self.jobs.start(CLASSIFY_JOB, work, replace=True, detail=True)
        job.progress.connect(self._on_progress)
        job.detail.connect(self._on_detail)
        job.result.connect(self._on_classified)
        job.errored.connect(self._on_failed)
        self._set_busy(True)
        self._say(self.tr("Classifying %n file(s)…", "", len(paths)))
        return True

    def _classify_after_loading(self) -> None:
        self.classify_button.setEnabled(True)
        self.classify()

    def _set_busy(self, busy: bool) -> None:
        self.classify_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setValue(0)

    def _on_progress(self, done: int, total: int, _what: str = "") -> None:
        self._file = (done, total)
        self.progress.setValue(int(1000 * done / total) if total else 0)

    def _on_detail(self, _what: str, read: int, expected: int) -> None:
        """Inside a long file: its share read so far (it is read and scored in blocks)."""
        done, total = self._file
        if total and expected:
            self.progress.setValue(int(1000 * (done + min(1.0, read / expected)) / total))

    def _on_failed(self, reason: str) -> None:
        self._set_busy(False)
        self._say(self.tr("Classifying failed: {reason}").format(reason=error_text(reason)))

    def _on_classified(self, report) -> None:
        self._set_busy(False)
        self.progress.setValue(1000)
        self.results = list(report.results)
        table = self.results_table
        table.blockSignals(True)
        table.setRowCount(len(self.results))
        for i, r in enumerate(self.results):
            label, score = r.top[0]
            values = (r.path.name, label, f"{score:.3f}", str(len(r.detections)))
            for j, value in enumerate(values):
                table.setItem(i, j, QTableWidgetItem(value))
            table.item(i, 0).setToolTip(str(r.path))
        table.blockSignals(False)
        self.export_button.setEnabled(bool(self.results))
        done = self.tr("%n file(s) classified", "", len(self.results))
        if report.cancelled:
            done = self.tr("Cancelled: {done}").format(done=done)
        failed = "".join(
            "\n" + self.tr("Not read: {reason}").format(reason=f) for f in report.failed
        )
        self._say(done + failed)
        if self.results:
            table.selectRow(0)
        else:
            self.timeline.clear()
        self.classified.emit(report)

    # -- one file on the timeline --------------------------------------------------------
    def _on_result_chosen(self) -> None:
        rows = self.results_table.selectionModel().selectedRows()
        if rows:
            self.show_result(rows[0].row())

    def show_result(self, index: int) -> None:
        """Read the file in the background, then draw it with its detections."""
        result = self.results[index]

        def work(progress, should_cancel):  # an hour-long file is summarised, not held
            return peaks.file_waveform(result.path, SMALL_SAMPLES, progress, should_cancel)

        job = self.jobs.start(SHOW_JOB, work, replace=True)
        job.result.connect(lambda value: self._draw(result, *value))
        job.errored.connect(lambda reason: self._say(self.tr("Cannot show: {reason}").format(reason=error_text(reason))))  # fmt: skip

    def _draw(self, result, pyramid: peaks.PeakPyramid, reader: peaks.RawReader) -> None:
        self._shown = (result, reader, pyramid.sample_rate)
        self.timeline.show_file(pyramid, reader, result.detections, self.classes)

    def play_detection(self, index: int) -> bool:
        """Play the `index`-th detection of the file on the timeline; False when it cannot."""
        if self._shown is None:
            return False
        result, reader, sr = self._shown
        d = result.detections[index]
        try:
            clip = reader(int(round(d.start_s * sr)), int(round(d.end_s * sr)))
        except AudioReadError as exc:  # a long file is read from disk: it may have gone
            self._say(self.tr("Cannot show: {reason}").format(reason=exc))
            return False
        if not self.play_buffer(clip, sr, self._say):
            return False
        self._say(
            self.tr("Playing {label} from {start} s to {end} s").format(
                label=d.label, start=f"{d.start_s:.2f}", end=f"{d.end_s:.2f}"
            )
        )
        return True

    # -- export --------------------------------------------------------------------------
    def _browse_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the detections"), "detections.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str | Path) -> int:
        """The detections as `wavesmith classify --window` writes them; returns the rows."""
        from core.listen.classify import write_results_csv

        rows = write_results_csv(path, self.results)
        self._say(self.tr("Wrote %n row(s) to {path}", "", rows).format(path=path))
        return rows

    def _say(self, text: str) -> None:
        self.message.emit(text)

    def shutdown(self) -> None:
        for key in (CLASSIFY_JOB, SHOW_JOB):
            self.jobs.cancel(key, discard=True, wait=True)
        self.close_player()
