"""New project: a name and the folder to create it in (the project's folder is made there),
and the question asked before a project goes into a folder that already holds files."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from core.dataset.project import INDEX_NAME
from gui.widgets import factory

# Characters no file system takes in a folder name (Windows is the strictest).
_BAD_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def name_problem(name: str) -> str | None:
    """Why a project name cannot be a folder name (None when it can)."""
    name = name.strip()
    if not name:
        return QCoreApplication.translate("NewProjectDialog", "Give the project a name.")
    if name in (".", "..") or _BAD_NAME.search(name):
        return QCoreApplication.translate(
            "NewProjectDialog", 'A project name cannot hold / \\ : * ? " < > |.'
        )
    return None


class NewProjectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: str | Path = "") -> None:
        super().__init__(parent)
        self.setObjectName("newProjectDialog")
        self.setWindowTitle(self.tr("New project"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("newProjectName")
        self.name_edit.setAccessibleName(self.tr("Project name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. My voice denoiser"))
        self.folder_edit = QLineEdit(str(folder or Path.home()), self)
        self.folder_edit.setObjectName("newProjectFolder")
        self.folder_edit.setAccessibleName(self.tr("Folder the project is created in"))
        browse = factory.button(
            self, self.tr("Browse…"), "newProjectBrowse", slot=self._browse,
            accessible=self.tr("Choose the folder the project is created in"),
        )  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Create in"), row)
        self.path_label = QLabel(self)
        self.path_label.setObjectName("newProjectPath")
        self.path_label.setWordWrap(True)
        form.addRow(self.path_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self.folder_edit.textChanged.connect(self._update)
        self._update()

    def project_path(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser() / self.name_edit.text().strip()

    def problem(self) -> str | None:
        """Why Create is disabled (None when the project can be created)."""
        why = name_problem(self.name_edit.text())
        if why is not None:
            return why
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not folder.is_dir():
            return self.tr("{folder} is not a folder: choose where to create the project.").format(
                folder=folder
            )
        if (self.project_path() / INDEX_NAME).exists():
            return self.tr("{path} is a project already: open it instead.").format(
                path=self.project_path()
            )
        return None

    def _update(self) -> None:
        why = self.problem()
        self.path_label.setText(
            why or self.tr("The project will be the folder {path}").format(path=self.project_path())
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(why is None)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Create the project in"), self.folder_edit.text()
        )
        if path:
            self.folder_edit.setText(path)


def files_in(folder: Path, limit: int = 1000) -> int:
    """How many entries a folder holds (counted up to `limit`); 0 when it does not exist."""
    if not folder.is_dir():
        return 0
    count = 0
    for _ in folder.iterdir():
        count += 1
        if count >= limit:
            break
    return count


def confirm_folder_with_files(parent: QWidget | None, folder: Path) -> bool:
    """Ask before a project is made in a folder that already holds files (True: go on).
    The files stay untouched; the project adds its index and cache folders beside them."""
    count = files_in(folder)
    if count == 0:
        return True
    # Lupdate takes a count only as a plain name; each text is a plural (French agrees).
    if count >= 1000:  # the count stopped there
        items = QCoreApplication.translate(
            "NewProjectDialog", "%n or more files or folders", "", count
        )
    else:
        items = QCoreApplication.translate("NewProjectDialog", "%n file(s) or folder(s)", "", count)
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("NewProjectDialog", "Folder is not empty"),
        QCoreApplication.translate(
            "NewProjectDialog",
            "{folder} already holds {items} and is not a Wavesmith "
            "project.\n\nMake it a project anyway? Its files stay as they are; the project "
            "adds its index ({index}) and a cache folder beside them.",
        ).format(folder=folder, items=items, index=INDEX_NAME),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_new_project_in(parent: QWidget | None, folder: Path) -> bool:
    """Open was asked of a folder with no project: offer to make one there (True: do)."""
    if files_in(folder):
        return confirm_folder_with_files(parent, folder)
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("NewProjectDialog", "No project here"),
        QCoreApplication.translate(
            "NewProjectDialog",
            "{folder} is an empty folder, not a Wavesmith project.\n\nCreate a new project in it?",
        ).format(folder=folder),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
