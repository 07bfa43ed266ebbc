"""File > Open Recent: the projects used last, newest first, kept in QSettings; folders that
no longer hold a project (deleted, moved, an unplugged disk) are left out each time the menu
opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QWidget

from core.dataset.project import INDEX_NAME

MAX_RECENT = 8
SETTINGS_KEY = "recentProjects"


class RecentProjectsMenu(QMenu):
    def __init__(self, parent: QWidget, open_project: Callable[[str], object]) -> None:
        super().__init__(self.tr("Open &Recent"), parent)
        self.setObjectName("recentMenu")
        self._open_project = open_project
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def paths(self) -> list[str]:
        value = QSettings().value(SETTINGS_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if (Path(str(v)) / INDEX_NAME).is_file()]

    def remember(self, path: str) -> None:
        recent = [p for p in self.paths() if p != path]
        recent.insert(0, path)
        QSettings().setValue(SETTINGS_KEY, recent[:MAX_RECENT])
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        recent = self.paths()
        for path in recent:
            action = self.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self._open_project(p))
        self.setEnabled(bool(recent))
