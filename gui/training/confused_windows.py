"""The misclassified windows of one confused pair (a classify run's results): each window's
file and time span, its score, and beside the one selected its nearest correct window of
either class of the pair, played on request.

"Nearest" is the report's (core.train.classify.metrics: the correct window whose model
embedding is closest to the misclassified one). Reports written before it was kept have no
nearest windows: the buttons then say so and stay disabled (the pair's surest correct
windows are still played by the results view's own buttons).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.widgets import factory

DATA_ROLE = Qt.ItemDataRole.UserRole  # (clip_id, start_s) on a row's first cell
KEYS = ("nearest_true", "nearest_predicted")


class ConfusedWindows(QWidget):
    play_requested = Signal(int, float)  # clip_id, start_s

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusedWindows")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = factory.table(
            self, "confusedWindowsTable",
            (self.tr("File"), self.tr("Time (s)"), self.tr("Score")),
            self.tr("Misclassified windows of the pair"),
        )  # fmt: skip
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        box.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.nearest_buttons = {
            key: factory.button(
                self, "", name, slot=lambda k=key: self.play_nearest(k),
                tooltip=self.tr(
                    "Play the correctly classified window of this class that the model "
                    "hears as most like the selected one (the closest embedding)"
                ),
            )
            for key, name in zip(KEYS, ("playNearestTrueButton", "playNearestPredictedButton"),
                                 strict=True)
        }  # fmt: skip
        for button in self.nearest_buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.windows: list[dict] = []
        self._pair: dict = {}
        self._update_buttons()

    def show_pair(self, pair: dict, project, window_s: float) -> None:
        """List the pair's windows: the file of each (its clip in `project`, when one is
        open) and its span [start, start + window_s)."""
        self._pair, self.windows = pair, list(pair.get("windows", []))
        names: dict[int, str] = {}
        table = self.table
        table.setRowCount(len(self.windows))
        for i, w in enumerate(self.windows):
            clip_id, start = int(w["clip_id"]), float(w["start_s"])
            if clip_id not in names:
                names[clip_id] = self._clip_name(project, clip_id)
            span = self.tr("{start} – {end}").format(
                start=f"{start:.2f}", end=f"{start + window_s:.2f}"
            )
            cells = (names[clip_id], span, f"{float(w['score']):.3f}")
            for j, text in enumerate(cells):
                table.setItem(i, j, QTableWidgetItem(text))
            table.item(i, 0).setData(DATA_ROLE, (clip_id, start))
            table.item(i, 0).setToolTip(self.tr("clip {id}").format(id=clip_id))
        self._update_buttons()

    def clear(self) -> None:
        self._pair, self.windows = {}, []
        self.table.setRowCount(0)
        self._update_buttons()

    def _clip_name(self, project, clip_id: int) -> str:
        try:
            return project.clip(clip_id).name
        except Exception:  # no project open, or the clip left it since the report
            return self.tr("clip {id}").format(id=clip_id)

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.windows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        w = self.selected()
        names = {"nearest_true": self._pair.get("true"), "nearest_predicted": self._pair.get("predicted")}  # fmt: skip
        for key, button in self.nearest_buttons.items():
            button.setEnabled(bool(w and w.get(key)))
            if w is not None and key not in w:
                button.setText(self.tr("Nearest: not in this report"))
            else:
                button.setText(self.tr("▶ Nearest correct {name}").format(name=names[key] or "…"))

    def play_nearest(self, key: str) -> bool:
        """Ask for the selected window's nearest correct window of the pair's true
        ("nearest_true") or predicted ("nearest_predicted") class."""
        w = self.selected()
        near = (w or {}).get(key)
        if not near:
            return False
        self.play_requested.emit(int(near["clip_id"]), float(near["start_s"]))
        return True
