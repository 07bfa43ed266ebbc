"""The Statistics side tab's part for a labelled project: files, duration and windows per
class and split, the imbalance as a bar chart of training windows per class, and the class
advice (core.dataset.stats_classes). Counted from the index in a background job (gui.jobs,
key `class_stats`); windows as training cuts them, with the Training tab's features."""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.jobs import Jobs
from gui.localized import error_text, format_duration, format_text, translated
from gui.plotting import pg
from gui.widgets import factory

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("ClassStatsView", "Class"),
    QT_TRANSLATE_NOOP("ClassStatsView", "Train"),
    QT_TRANSLATE_NOOP("ClassStatsView", "Val"),
    QT_TRANSLATE_NOOP("ClassStatsView", "Test"),
    QT_TRANSLATE_NOOP("ClassStatsView", "Duration"),
    QT_TRANSLATE_NOOP("ClassStatsView", "Train windows"),
    QT_TRANSLATE_NOOP("ClassStatsView", "Share"),
)
TICKED_CLASSES = 40  # more bars than this: no names under them (the table has them)


class ClassStatsView(QWidget):
    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classStatsView")
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.project = None
        self.table_data = None  # the last core.dataset.stats_classes.ClassTable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("", self)
        self.heading.setObjectName("classStatsHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = factory.table(
            self,
            "classStatsTable",
            tuple(self.tr(c) for c in COLUMNS),
            self.tr("Files, duration and windows per class and split"),
            QAbstractItemView.EditTrigger.NoEditTriggers,
        )
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 2)
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("classImbalancePlot")
        self.plot.setAccessibleName(self.tr("Training windows per class"))
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("left", self.tr("training windows"))
        self.plot.setMinimumHeight(120)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush="#4a90d9")
        self.plot.addItem(self.bars)
        layout.addWidget(self.plot, 1)
        self.advice = QLabel("", self)
        self.advice.setObjectName("classAdvice")
        self.advice.setAccessibleName(self.tr("Advice on the classes"))
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        self.hide()

    def set_project(self, project) -> None:
        self.jobs.cancel("class_stats", discard=True, wait=True)
        self.project = project
        self.table_data = None
        self.refresh()

    def refresh(self, features=None) -> None:
        """Count again in the background; `features` (a FeatureConfig) as training will cut
        windows (None: the default settings). Hidden in a project without classes."""
        from core.dataset.labels import has_labels

        if self.project is None or not has_labels(self.project):
            self.hide()
            return
        project = self.project

        def work(progress, should_cancel):
            from core.dataset.stats_classes import class_stats
            from core.train.classify.features import window_starts
            from core.train.config import TrainConfig

            cfg = TrainConfig().classify
            return class_stats(project, window_starts, features or cfg.features, cfg.min_per_class)

        job = self.jobs.start("class_stats", work, replace=True)
        job.result.connect(self.show_table)
        job.errored.connect(
            lambda msg: self.heading.setText(
                self.tr("Class statistics failed: {reason}").format(reason=error_text(msg))
            )
        )
        self.show()

    def show_table(self, table) -> None:
        self.table_data = table
        self.heading.setText(self._heading(table))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(table.classes))
        total = sum(c.splits["train"].windows for c in table.included) or 1
        for r, c in enumerate(table.classes):
            share = c.splits["train"].windows / total if not c.excluded else 0.0
            values = [
                (c.name + (self.tr(" (excluded)") if c.excluded else ""), None),
                (str(c.splits["train"].files), c.splits["train"].files),
                (str(c.splits["val"].files), c.splits["val"].files),
                (str(c.splits["test"].files), c.splits["test"].files),
                (format_duration(c.seconds, decimals=1), c.seconds),
                (str(c.splits["train"].windows), c.splits["train"].windows),
                (format_text("{p:.1f} %", p=100 * share), share),
            ]
            for col, (text, number) in enumerate(values):
                item = _Cell(text, number)
                self.table.setItem(r, col, item)
        self.table.setSortingEnabled(True)
        self._draw_bars(table)
        self.advice.setText("\n".join(f"• {translated(a)}" for a in table.advice))

    def _heading(self, table) -> str:
        """The first line of core's ClassTable.format_text, in the reader's language."""
        excluded = len(table.classes) - len(table.included)
        head = self.tr("classes: {n}").format(n=len(table.included))
        if excluded:
            head += self.tr(" (%n excluded)", "", excluded)
        if table.imbalance is not None:
            head += format_text(
                self.tr(", imbalance {x:.1f}× (largest / smallest, training windows)"),
                x=table.imbalance,
            )
        return head

    def _draw_bars(self, table) -> None:
        rows = sorted(table.included, key=lambda c: -c.splits["train"].windows)
        heights = np.array([c.splits["train"].windows for c in rows], dtype=float)
        x = np.arange(len(rows), dtype=float)
        self.bars.setOpts(x=x, height=heights, width=0.8)
        axis = self.plot.getAxis("bottom")
        names = [c.name for c in rows]
        axis.setTicks([list(enumerate(names))] if len(rows) <= TICKED_CLASSES else None)
        self.plot.setXRange(-0.5, max(0.5, len(rows) - 0.5), padding=0)
        self.plot.setYRange(0, max(1.0, float(heights.max()) if len(heights) else 1.0) * 1.05)

    def bar_heights(self) -> list[float]:
        """What the chart draws (tests read it)."""
        heights = self.bars.opts.get("height")
        return [] if heights is None else [float(h) for h in heights]

    def shutdown(self) -> None:
        self.jobs.cancel("class_stats", discard=True, wait=True)


class _Cell(QTableWidgetItem):
    """A cell that sorts by its number, not its text (10 after 9)."""

    def __init__(self, text: str, number: float | None) -> None:
        super().__init__(text)
        self.number = number

    def __lt__(self, other) -> bool:  # noqa: D105
        if isinstance(other, _Cell) and self.number is not None and other.number is not None:
            return self.number < other.number
        # Not super().__lt__: PySide calls this override back from it, without end.
        return self.text().lower() < other.text().lower()
