"""The Classes side tab: the classify task's classes, renamed in place (double-click a
name), merged (select several, Merge…), excluded (the check box). Every change is stored
in the project's index at once (core.dataset.labels); splits never move."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
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
from gui.localized import error_text
from gui.widgets import factory

log = logging.getLogger(__name__)

NAME = Qt.ItemDataRole.UserRole  # the class name as stored, beside the edited text
COLUMNS = (
    QT_TRANSLATE_NOOP("ClassPanel", "Class"),
    QT_TRANSLATE_NOOP("ClassPanel", "Clips"),
    QT_TRANSLATE_NOOP("ClassPanel", "Recordings"),
    QT_TRANSLATE_NOOP("ClassPanel", "Excluded"),
)
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
        self.summary = QLabel(
            self.tr("No classes: import class folders (the Class folders button).")
        )
        self.summary.setObjectName("classSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = factory.table(
            self,
            "classTable",
            tuple(self.tr(c) for c in COLUMNS),
            self.tr("Classes: double-click a name to rename it"),
            QAbstractItemView.EditTrigger.DoubleClicked,
        )
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.merge_button = factory.button(
            self,
            self.tr("Merge…"),
            "mergeClasses",
            slot=self.ask_merge,
            accessible=self.tr("Merge the selected classes"),
            tooltip=self.tr("Move the clips of the selected classes into one class (new or not)"),
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
            name.setToolTip(self.tr("{name}: double-click to rename").format(name=info.name))
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
            excluded.setToolTip(self.tr("Excluded classes keep their clips but give training none"))
            for c, item in enumerate(cells):
                if c:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
            self.table.setItem(r, EXCLUDED_COLUMN, excluded)
        self.table.blockSignals(False)
        # Plain names for the counts: lupdate skips a tr() whose count is an expression.
        n, excluded, clips = len(infos), sum(i.excluded for i in infos), sum(i.clips for i in infos)
        self.summary.setText(
            ", ".join(
                (
                    self.tr("%n class(es)", "", n),
                    self.tr("%n excluded", "", excluded),
                    self.tr("%n clip(s)", "", clips),
                )
            )
            if infos
            else self.tr("No classes: import class folders (the Class folders button).")
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
        what = self.tr("Renamed {old} to {new}.").format(old=old, new=new.strip())
        return self._apply(what, rename_class, old, new)

    def merge(self, names: list[str], into: str) -> bool:
        what = self.tr("Merged {names} into {into}.").format(
            names=", ".join(names), into=into.strip()
        )
        return self._apply(what, merge_classes, names, into)

    def set_excluded(self, name: str, excluded: bool) -> bool:
        what = (self.tr("Excluded {name}.") if excluded else self.tr("Included {name}.")).format(
            name=name
        )
        return self._apply(what, set_excluded, name, excluded)

    def _apply(self, what: str, func, *args) -> bool:
        try:
            func(self.project, *args)
        except LabelError as exc:
            self.message.emit(
                self.tr("Classes not changed: {reason}").format(reason=error_text(exc))
            )
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
        dialog.setWindowTitle(self.tr("Merge classes"))
        dialog.setLabelText(
            self.tr("Merge {names} into the class:").format(names=", ".join(names[:5]))
        )
        dialog.setComboBoxEditable(True)
        dialog.setComboBoxItems(self.names())
        dialog.setTextValue(names[0])
        dialog.textValueSelected.connect(lambda into: self.merge(names, into))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
