"""The Classes side tab: the classify task's classes, renamed in place (double-click a
name), merged (select several, Merge…), excluded (the check box). Every change is stored
in the project's index at once (core.dataset.labels); splits never move."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.dataset.labels import LabelError, classes, merge_classes, rename_class, set_excluded
from gui.widgets import factory

log = logging.getLogger(__name__)

NAME = Qt.ItemDataRole.UserRole  # the class name as stored, beside the edited text
COLUMNS = ("Class", "Clips", "Recordings", "Excluded")
EXCLUDED_COLUMN = 3


class ClassPanel(QWidget):
    changed = Signal()  # classes were renamed, merged, excluded or included
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classPanel")
        self.project = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("No classes: import class folders (the Class folders button).")
        self.summary.setObjectName("classSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = factory.table(
            self,
            "classTable",
            COLUMNS,
            "Classes: double-click a name to rename it",
            QAbstractItemView.EditTrigger.DoubleClicked,
        )
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.merge_button = factory.button(
            self,
            "Merge…",
            "mergeClasses",
            slot=self.ask_merge,
            accessible="Merge the selected classes",
            tooltip="Move the clips of the selected classes into one class (new or not)",
        )
        row.addWidget(self.merge_button)
        row.addStretch()
        layout.addLayout(row)
        self._update_buttons()

    def set_project(self, project) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        self.table.blockSignals(True)
        infos = classes(self.project) if self.project is not None else []
        self.table.setRowCount(len(infos))
        for r, info in enumerate(infos):
            name = QTableWidgetItem(info.name)
            name.setData(NAME, info.name)
            name.setToolTip(f"{info.name}: double-click to rename")
            cells = [
                name,
                QTableWidgetItem(str(info.clips)),
                QTableWidgetItem(str(info.recordings)),
            ]
            excluded = QTableWidgetItem("")
            excluded.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            excluded.setCheckState(
                Qt.CheckState.Checked if info.excluded else Qt.CheckState.Unchecked
            )
            excluded.setData(NAME, info.name)
            excluded.setToolTip("Excluded classes keep their clips but give training none")
            for c, item in enumerate(cells):
                if c:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
            self.table.setItem(r, EXCLUDED_COLUMN, excluded)
        self.table.blockSignals(False)
        n_ex = sum(i.excluded for i in infos)
        self.summary.setText(
            f"{len(infos)} classes, {n_ex} excluded, {sum(i.clips for i in infos)} clips"
            if infos
            else "No classes: import class folders (the Class folders button)."
        )
        self._update_buttons()

    def names(self) -> list[str]:
        return [self.table.item(r, 0).data(NAME) for r in range(self.table.rowCount())]

    def selected_names(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).data(NAME) for r in rows]

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(bool(self.selected_names()))

    # -- edits ------------------------------------------------------------------------
    def _item_changed(self, item: QTableWidgetItem) -> None:
        name = item.data(NAME)
        if item.column() == 0 and item.text().strip() != name:
            new = item.text()
            QTimer.singleShot(0, lambda: self.rename(name, new))
        elif item.column() == EXCLUDED_COLUMN:
            excluded = item.checkState() == Qt.CheckState.Checked
            QTimer.singleShot(0, lambda: self.set_excluded(name, excluded))

    def rename(self, old: str, new: str) -> bool:
        return self._apply(f"Renamed {old} to {new.strip()}.", rename_class, old, new)

    def merge(self, names: list[str], into: str) -> bool:
        what = f"Merged {', '.join(names)} into {into.strip()}."
        return self._apply(what, merge_classes, names, into)

    def set_excluded(self, name: str, excluded: bool) -> bool:
        what = f"{'Excluded' if excluded else 'Included'} {name}."
        return self._apply(what, set_excluded, name, excluded)

    def _apply(self, what: str, func, *args) -> bool:
        try:
            func(self.project, *args)
        except LabelError as exc:
            self.message.emit(f"Classes not changed: {exc}")
            self.refresh()  # the edited cell shows the stored name again
            return False
        log.info("%s", what)
        self.message.emit(what)
        self.refresh()
        self.changed.emit()
        return True

    def ask_merge(self) -> QInputDialog | None:
        """Ask which class the selected ones become; open(), not exec(), so the window keeps
        running and tests answer it."""
        names = self.selected_names()
        if not names:
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("mergeClassesDialog")
        dialog.setWindowTitle("Merge classes")
        dialog.setLabelText(f"Merge {', '.join(names[:5])} into the class:")
        dialog.setComboBoxEditable(True)
        dialog.setComboBoxItems(self.names())
        dialog.setTextValue(names[0])
        dialog.textValueSelected.connect(lambda into: self.merge(names, into))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
