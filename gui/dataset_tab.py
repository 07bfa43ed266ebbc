"""The Dataset tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.project import Project


class DatasetTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetTab")
        self.project: Project | None = None
        layout = QVBoxLayout(self)
        self._label = QLabel("Dataset: coming soon.")
        layout.addWidget(self._label)

    def set_project(self, project: Project | None) -> None:
        self.project = project
