"""A classify run's results: its classes (precision, recall, F1, support; sortable), the
most-confused pairs, and, for the pair clicked, its misclassified windows, each playable.

Read from the run folder's classify_report.json (core.train.classify.metrics writes it at
each improved validation, so it is the best epoch's). A window is read with its clip's edits
(core.dataset.clip_audio.read_clip, the training timeline the window's start is counted on)
through gui.jobs, never on the GUI thread, and played through core.listen.playback.Player.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.train.classify.metrics import REPORT_JSON
from gui.jobs import Jobs
from gui.localized import format_text
from gui.training.confused_windows import ConfusedWindows
from gui.widgets import factory
from gui.widgets.buffer_playback import BufferPlayback

# English names (the code finds a column by them); the headers show their translations.
CLASS_COLUMNS = (
    QT_TRANSLATE_NOOP("ClassResults", "Class"),
    QT_TRANSLATE_NOOP("ClassResults", "Precision"),
    QT_TRANSLATE_NOOP("ClassResults", "Recall"),
    QT_TRANSLATE_NOOP("ClassResults", "F1"),
    QT_TRANSLATE_NOOP("ClassResults", "Support"),
)
PAIR_COLUMNS = (
    QT_TRANSLATE_NOOP("ClassResults", "True class"),
    QT_TRANSLATE_NOOP("ClassResults", "Predicted"),
    QT_TRANSLATE_NOOP("ClassResults", "Windows"),
)
WINDOW_JOB = "classify-window"  # one window read at a time; a newer click replaces it
DATA_ROLE = Qt.ItemDataRole.UserRole


def _table(
    parent: QWidget, name: str, columns: tuple[str, ...], accessible: str, sortable: bool
) -> QTableWidget:
    """factory.table, one row selected at a time, columns sized to their contents."""
    table = factory.table(parent, name, columns, accessible)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setSortingEnabled(sortable)
    return table


def _cell(value: object, digits: int | None = None) -> QTableWidgetItem:
    """A cell that sorts by its value (numbers as numbers, not as text)."""
    item = QTableWidgetItem()
    if digits is not None:
        item.setData(Qt.ItemDataRole.DisplayRole, round(float(value), digits))
    else:
        item.setData(Qt.ItemDataRole.DisplayRole, value)
    return item


def read_window(project, clip_id: int, start_s: float, seconds: float) -> tuple[np.ndarray, int]:
    """The `seconds` of clip `clip_id` from `start_s` on its training timeline (the edits
    applied, excluded regions left out), as the feature cache cut it."""
    from core.dataset.clip_audio import read_clip

    audio, sr = read_clip(project.clip(clip_id), for_training=True)
    start = max(0, int(round(start_s * sr)))
    return audio[start : start + int(round(seconds * sr))], sr


class ClassResults(BufferPlayback, QWidget):
    played = Signal(int, float)  # clip_id, start_s of the window that started playing

    def __init__(
        self, parent: QWidget | None, jobs: Jobs, project: Callable[[], object | None]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("classResults")
        self.jobs = jobs
        self._project = project
        self.player = None  # core.listen.playback.Player, made on first play (tests set theirs)
        self.window_s = 1.0  # the run's classify.features.window_s
        self.report: dict | None = None
        self._loaded: tuple | None = None  # (run folder, mtime, size) of the report shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self.tr("No results yet: written when validation improves"))
        self.summary.setObjectName("classResultsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.classes_table = _table(
            split,
            "classesTable",
            self._tr_all(CLASS_COLUMNS),
            self.tr("Per-class results"),
            sortable=True,
        )
        # The pairs over their windows, beside the classes: three tables side by side left
        # each a third of the run view's width at 1280×800, too narrow to read.
        right = QWidget(split)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.pairs_table = _table(
            right,
            "confusedPairsTable",
            self._tr_all(PAIR_COLUMNS),
            self.tr("Most-confused pairs"),
            sortable=False,
        )
        self.pairs_table.itemSelectionChanged.connect(self._on_pair)
        self.windows = ConfusedWindows(right)
        self.windows.play_requested.connect(self.play_window)
        self.windows_table = self.windows.table
        self.windows_table.itemActivated.connect(lambda item: self.play_row(item.row()))
        column.addWidget(self.pairs_table, 1)
        column.addWidget(self.windows, 1)
        split.addWidget(self.classes_table)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.play_button = factory.button(
            self, self.tr("▶ Play window"), "playWindowButton", slot=self._play_selected,
            tooltip=self.tr("Play the selected misclassified window (or double-click it)"),
        )  # fmt: skip
        # The surest correct window of the pair's true and predicted class (the report's).
        self.correct_buttons = {
            key: factory.button(
                self, text, name, slot=lambda k=key: self.play_correct(k),
                tooltip=self.tr(
                    "Play the window of this class the model is surest of and right about"
                ),
            )
            for key, text, name in (
                ("correct_true", self.tr("▶ Correct true class"), "playCorrectTrueButton"),
                ("correct_predicted", self.tr("▶ Correct predicted class"), "playCorrectPredictedButton"),
            )
        }  # fmt: skip
        self.stop_button = factory.button(
            self, self.tr("■ Stop"), "stopWindowButton", slot=self.stop
        )
        for button in (self.play_button, *self.correct_buttons.values(), self.stop_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("classResultsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._pair: dict | None = None
        self._update_buttons()

    def _tr_all(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.tr(c) for c in columns)

    # -- data --------------------------------------------------------------------------
    def clear(self) -> None:
        self.report, self._pair, self._loaded = None, None, None
        self._update_buttons()
        self.jobs.cancel(WINDOW_JOB, discard=True)
        for table in (self.classes_table, self.pairs_table, self.windows_table):
            table.setRowCount(0)
        self.summary.setText(self.tr("No results yet: written when validation improves"))

    def load(self, run_dir: Path) -> bool:
        """Show `run_dir`'s classify_report.json; False (the tables empty) when it has none.
        A small file (a row per class, ten windows per pair): read here, as run_info is."""
        run_dir = Path(run_dir)
        try:
            stat = (run_dir / REPORT_JSON).stat()
            key = (run_dir, stat.st_mtime_ns, stat.st_size)
            if key == self._loaded:
                return True  # unchanged: the user's chosen pair stays chosen
            report = json.loads((run_dir / REPORT_JSON).read_text())
            config = json.loads((run_dir / "config.json").read_text())
        except (OSError, json.JSONDecodeError):
            self.clear()
            return False
        features = config.get("classify", {}).get("features", {})
        self.window_s = float(features.get("window_s", self.window_s))
        self.report, self._loaded = report, key
        self._fill_classes(report.get("classes", []))
        self._fill_pairs(report.get("confused_pairs", []))
        self.summary.setText(
            format_text(
                self.tr("Epoch {epoch}: {windows:,} validation windows, {classes} classes"),
                epoch=int(report.get("epoch", 0)) + 1,
                windows=int(report.get("windows", 0)),
                classes=len(report.get("classes", [])),
            )
        )
        return True

    def _fill_classes(self, rows: list[dict]) -> None:
        table = self.classes_table
        table.setSortingEnabled(False)  # rows filled in place; sorted again below
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            table.setItem(i, 0, _cell(str(row["class"])))
            for j, key in enumerate(("precision", "recall", "f1"), start=1):
                table.setItem(i, j, _cell(row[key], 4))
            table.setItem(i, 4, _cell(int(row["support"])))
        table.setSortingEnabled(True)
        table.sortItems(CLASS_COLUMNS.index("F1"), Qt.SortOrder.AscendingOrder)  # worst first

    def _fill_pairs(self, pairs: list[dict]) -> None:
        table = self.pairs_table
        table.blockSignals(True)
        table.clearSelection()  # a new report: its windows are listed once a pair is chosen
        table.setRowCount(len(pairs))
        for i, pair in enumerate(pairs):
            table.setItem(i, 0, _cell(str(pair["true"])))
            table.setItem(i, 1, _cell(str(pair["predicted"])))
            table.setItem(i, 2, _cell(int(pair["count"])))
            table.item(i, 0).setData(DATA_ROLE, i)
        table.blockSignals(False)
        self.windows_table.setRowCount(0)
        self._pair = None
        self._update_buttons()

    def _on_pair(self) -> None:
        rows = self.pairs_table.selectionModel().selectedRows()
        if rows:
            self.show_pair(rows[0].row())

    def show_pair(self, index: int) -> None:
        """List the misclassified windows of the `index`-th pair."""
        pair = (self.report or {}).get("confused_pairs", [])[index]
        self._pair = pair
        self._update_buttons()
        self.windows.show_pair(pair, self._project(), self.window_s)
        self.status.setText(
            self.tr(
                "{count} windows of {true} classified as {predicted} ({listed} listed): "
                "double-click one to play it"
            ).format(
                count=pair["count"],
                true=pair["true"],
                predicted=pair["predicted"],
                listed=len(pair["windows"]),
            )
        )

    # -- playing -----------------------------------------------------------------------
    def _play_selected(self) -> None:
        rows = self.windows_table.selectionModel().selectedRows()
        if rows:
            self.play_row(rows[0].row())
        else:
            self.status.setText(self.tr("Choose a pair, then one of its windows"))

    def _update_buttons(self) -> None:
        pair = self._pair or {}
        for key, button in self.correct_buttons.items():
            button.setEnabled(pair.get(key) is not None)
            name = pair.get("true" if key == "correct_true" else "predicted")
            button.setText(
                self.tr("▶ Surest correct {name}").format(name=name) if name else button.text()
            )

    def play_correct(self, key: str) -> bool:
        """Play the pair's surest correct window of its true ("correct_true") or predicted
        ("correct_predicted") class."""
        w = (self._pair or {}).get(key)
        return w is not None and self.play_window(int(w["clip_id"]), float(w["start_s"]))

    def stop(self) -> None:
        self.stop_player()

    def play_row(self, row: int) -> bool:
        """Read the row's window in the background, then play it. False when it cannot start."""
        item = self.windows_table.item(row, 0)
        return item is not None and self.play_window(*item.data(DATA_ROLE))

    def play_window(self, clip_id: int, start_s: float) -> bool:
        project = self._project()
        if project is None:
            self.status.setText(self.tr("Open the run's project to listen to its windows"))
            return False
        seconds = self.window_s

        def work(progress, should_cancel):
            return read_window(project, clip_id, start_s, seconds)

        job = self.jobs.start(WINDOW_JOB, work, replace=True)
        job.result.connect(lambda value: self._play(value, clip_id, start_s))
        job.errored.connect(
            lambda message: self.status.setText(
                self.tr("cannot read: {reason}").format(reason=message)
            )
        )
        self.status.setText(
            format_text(
                self.tr("reading clip {clip} at {start:.2f} s…"), clip=clip_id, start=start_s
            )
        )
        return True

    def _play(self, value: tuple[np.ndarray, int], clip_id: int, start_s: float) -> None:
        audio, sr = value
        if not self.play_buffer(audio, sr, self.status.setText):
            return
        self.status.setText(
            format_text(
                self.tr("playing clip {clip} at {start:.2f} s ({seconds:.1f} s)"),
                clip=clip_id,
                start=start_s,
                seconds=len(audio) / sr,
            )
        )
        self.played.emit(clip_id, start_s)

    def shutdown(self) -> None:
        self.jobs.cancel(WINDOW_JOB, discard=True)
        self.close_player()
