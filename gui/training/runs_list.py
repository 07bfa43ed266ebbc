"""The Training tab's list of the project's runs (read from their small files only) and the
checkpoint to resume from."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.dataset.project import Project
from core.train.run_folder import run_info
from core.train.runs import RunRow, checkpoint_choices, run_row, run_rows
from gui.localized import format_duration, format_text, number, translated
from gui.training.controller import TrainingController
from gui.training.value_names import status_name
from gui.widgets import factory

# English names (the code finds a column by them); the header shows their translations.
# Five columns fit the 444 px the table has at 1280×800 (seven scrolled sideways): the
# best epoch's validation loss and the run's date are in the tooltips of its score and name.
RUN_COLUMNS = (
    QT_TRANSLATE_NOOP("RunsList", "Run"),
    QT_TRANSLATE_NOOP("RunsList", "Status"),
    QT_TRANSLATE_NOOP("RunsList", "Epochs"),
    QT_TRANSLATE_NOOP("RunsList", "Best"),
    QT_TRANSLATE_NOOP("RunsList", "Duration"),
)


class RunsList(QGroupBox):
    run_selected = Signal(object)  # Path | None: the selection changed
    checkpoints_changed = Signal()  # the checkpoint choices or the chosen one changed

    def __init__(self, parent: QWidget, controller: TrainingController) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Runs"))
        self.setObjectName("runsGroup")
        self.controller = controller
        self.project: Project | None = None
        # Durations: the shown run's epochs (their seconds arrive with its events), and
        # runs shown before in this session (status.json carries no training time).
        self.shown_run: Path | None = None
        self._epoch_seconds: dict[int, float] = {}
        self._known_seconds: dict[Path, float] = {}
        self._box = QVBoxLayout(self)
        self.runs_table = QTableWidget(0, len(RUN_COLUMNS), self)
        self.runs_table.setObjectName("runsTable")
        self.runs_table.setAccessibleName(self.tr("Runs of this project"))
        self.runs_table.setHorizontalHeaderLabels([self.tr(c) for c in RUN_COLUMNS])
        self.runs_table.horizontalHeaderItem(RUN_COLUMNS.index("Epochs")).setToolTip(
            self.tr("Epochs done / planned")
        )
        self.runs_table.horizontalHeaderItem(RUN_COLUMNS.index("Best")).setToolTip(
            self.tr(
                "The best epoch's (lowest validation loss) SI-SDR, or a classifier's top-1 accuracy"
            )
        )
        self.runs_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.runs_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.runs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.runs_table.verticalHeader().hide()
        header = self.runs_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The name takes what the other columns leave, elided in the middle (the date at
        # the start of a default name and the end of a long one both tell runs apart).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.runs_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.runs_table.itemSelectionChanged.connect(self._on_run_selected)
        self._box.addWidget(self.runs_table)
        resume_row = QHBoxLayout()
        resume_row.addWidget(QLabel(self.tr("Resume from")))
        self.checkpoint_combo = factory.combo(
            self, "checkpointCombo", self.tr("Checkpoint to resume from")
        )
        self.checkpoint_combo.currentIndexChanged.connect(lambda _: self.checkpoints_changed.emit())
        resume_row.addWidget(self.checkpoint_combo, 1)
        self._box.addLayout(resume_row)

    def insert_actions(self, actions: QWidget) -> None:
        """The run buttons go between the table and the checkpoint choice."""
        self._box.insertWidget(1, actions)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        c = self.controller
        selected = c.run_dir if c.is_training else self.selected_run()
        table = self.runs_table
        table.blockSignals(True)
        table.setRowCount(0)
        rows = run_rows(self.project) if self.project is not None else []
        for row in rows:
            i = table.rowCount()
            table.insertRow(i)
            for j, (text, tip) in enumerate(zip(self._cells(row), self._tips(row), strict=True)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(row.path))
                item.setToolTip(tip)
                table.setItem(i, j, item)
            if selected is not None and row.path == selected:
                table.selectRow(i)
        table.blockSignals(False)
        self._refresh_checkpoints()

    def refresh_run(self, run_dir: Path) -> None:
        """Rewrite one run's row (the training run at each checkpoint): the whole list would
        re-read every run folder and re-measure every column on the GUI thread."""
        i = self.row_of(run_dir)
        info = run_info(run_dir)
        if i is None or info is None:
            self.refresh()
            return
        row = run_row(info)
        for j, (text, tip) in enumerate(zip(self._cells(row), self._tips(row), strict=True)):
            item = self.runs_table.item(i, j)
            if item.text() != text:
                item.setText(text)
            item.setToolTip(tip)
        if self.selected_run() == Path(run_dir):
            self._refresh_checkpoints()

    def _cells(self, row: RunRow) -> tuple[str, ...]:
        return (
            row.path.name,
            self._status_text(row),
            f"{row.epochs_done}/{row.total_epochs}",
            _score_text(row),
            self._duration_text(row),
        )

    def _tips(self, row: RunRow) -> tuple[str, ...]:
        """What the narrow cells leave out: the whole name and when the run was made, the
        best epoch's validation loss, what a "running?" status can mean."""
        name = row.path.name
        if row.created:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row.created))
            name = self.tr("{name}\nCreated {date}").format(name=name, date=when)
        status = ""
        if self._elsewhere(row):
            status = self.tr(
                "The run's folder says it is running, but this window is not training it: "
                "it is running elsewhere (headless, on another machine) or was interrupted. "
                "Resume continues it from its last checkpoint."
            )
        best = []
        if row.best_top1 is not None:
            best.append(self.tr("Top-1 accuracy {acc}").format(acc=_score_text(row)))
        if row.best_val_loss is not None:
            best.append(self.tr("Validation loss {loss}").format(loss=number(row.best_val_loss, 4)))
        return (name, status, "", "\n".join(best), "")

    def row_of(self, run_dir: Path) -> int | None:
        for i in range(self.runs_table.rowCount()):
            if Path(self.runs_table.item(i, 0).data(Qt.ItemDataRole.UserRole)) == Path(run_dir):
                return i
        return None

    def _duration_text(self, row: RunRow) -> str:
        seconds = row.seconds
        if seconds is None and row.path == self.shown_run and self._epoch_seconds:
            seconds = sum(self._epoch_seconds.values())
        if seconds is None:
            seconds = self._known_seconds.get(row.path)
        return "—" if seconds is None else format_duration(seconds)

    def _elsewhere(self, row: RunRow) -> bool:
        # status.json says "running" from the first checkpoint until the run finishes; if
        # this window is not training it, it runs elsewhere (headless) or was killed.
        c = self.controller
        return row.status == "running" and not (c.is_training and c.run_dir == row.path)

    def _status_text(self, row: RunRow) -> str:
        if self._elsewhere(row):
            return self.tr("running?")
        return status_name(row.status)

    def set_shown(self, run_dir: Path | None) -> None:
        """The run shown on the right changed: keep the old one's time for its row."""
        if run_dir == self.shown_run:
            return
        if self.shown_run is not None and self._epoch_seconds:
            self._known_seconds[self.shown_run] = sum(self._epoch_seconds.values())
        self._epoch_seconds = {}
        self.shown_run = run_dir

    def epoch_timed(self, epoch: int, seconds: float) -> None:
        """An epoch of the shown run ended: its row's duration grows."""
        self._epoch_seconds[epoch] = seconds
        i = self.row_of(self.shown_run) if self.shown_run is not None else None
        if i is not None:
            cell = self.runs_table.item(i, RUN_COLUMNS.index("Duration"))
            cell.setText(format_duration(sum(self._epoch_seconds.values())))

    def selected_run(self) -> Path | None:
        items = self.runs_table.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def select_run(self, run_dir: Path) -> bool:
        i = self.row_of(run_dir)
        if i is not None:
            self.runs_table.selectRow(i)
        return i is not None

    def _refresh_checkpoints(self) -> None:
        self.checkpoint_combo.blockSignals(True)
        self.checkpoint_combo.clear()
        run = self.selected_run()
        if run is not None:
            for label, path in checkpoint_choices(run):
                self.checkpoint_combo.addItem(translated(label), path)
        self.checkpoint_combo.blockSignals(False)
        self.checkpoints_changed.emit()

    def _on_run_selected(self) -> None:
        self._refresh_checkpoints()
        self.run_selected.emit(self.selected_run())


def _score_text(row: RunRow) -> str:
    """The best epoch's quality: a classifier's top-1 accuracy, an audio task's SI-SDR."""
    if row.best_top1 is not None:
        # top-1: the column's and the cell's tooltip
        return format_text("{percent:.1f} %", percent=100 * row.best_top1)
    return "—" if row.best_si_sdr is None else format_text("{sdr:.2f} dB", sdr=row.best_si_sdr)
