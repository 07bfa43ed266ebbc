"""The Hardware tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.project import Project


class HardwareTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hardwareTab")
        self.project: Project | None = None
        layout = QVBoxLayout(self)
        self._label = QLabel("Hardware: coming soon.")
        layout.addWidget(self._label)

    def set_project(self, project: Project | None) -> None:
        self.project = project
