"""The visible undo history of the current clip; clicking a step goes back to it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from core.dataset.edit_history import EditHistory


class EditHistoryView(QListWidget):
    step_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editHistory")
        self.setAccessibleName(self.tr("Edit history: click a step to return to it"))
        # A step longer than the side panel ("1. Fondu en ouverture (linéaire)") wraps onto
        # a second line instead of running under its edge.
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(lambda item: self.step_chosen.emit(self.row(item)))

    def show_history(self, history: EditHistory | None) -> None:
        self.blockSignals(True)
        self.clear()
        if history is not None:
            for i, label in enumerate(history.labels()):
                # Labels are stored in English; the known ones are shown translated.
                shown = QCoreApplication.translate("EditHistory", label)
                item = QListWidgetItem(f"{i}. {shown}")
                font = QFont(item.font())
                if i == history.index:
                    font.setBold(True)
                elif i > history.index:
                    font.setItalic(True)  # undone steps, still redoable
                item.setFont(font)
                self.addItem(item)
            self.setCurrentRow(history.index)
        self.blockSignals(False)

    def labels(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]
