"""The Training tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.project import Project


class TrainingTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTab")
        self.project: Project | None = None
        layout = QVBoxLayout(self)
        self._label = QLabel("Training: coming soon.")
        layout.addWidget(self._label)

    def set_project(self, project: Project | None) -> None:
        self.project = project
