"""Choosing the two folders of a paired dataset (raw takes → mixed takes), and the words
that report what pairing them found.

The dialog only checks what the user can fix here (a missing folder, the same folder
twice, one inside the other); core.dataset.pairing does the work and checks again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from core.dataset.pairing import PairReport

# A summary names at most this many files per kind; the log has them all.
NAMES_SHOWN = 8


def folder_problem(input_dir: str, target_dir: str) -> str | None:
    """Why these two folders cannot be paired, or None when they can."""
    for side, text in (("input", input_dir), ("target", target_dir)):
        if not text.strip():
            return f"Choose the {side} folder."
        folder = Path(text).expanduser()
        if not folder.exists():
            return f"The {side} folder does not exist: {folder}"
        if not folder.is_dir():
            return f"The {side} folder is not a folder: {folder}"
    a = Path(input_dir).expanduser().resolve()
    b = Path(target_dir).expanduser().resolve()
    if a == b:
        return "Input and target are the same folder: inputs and targets need separate folders."
    if a in b.parents or b in a.parents:
        # pair_folders imports both trees, so a nested folder would be both sides at once.
        return "The folders overlap: inputs and targets need separate folders."
    return None


class PairFoldersDialog(QDialog):
    """Two folder fields with Browse buttons; OK only once they can be paired."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pairFoldersDialog")
        self.setWindowTitle("Pair input and target folders")
        self.setAccessibleName("Pair input and target folders")
        layout = QVBoxLayout(self)
        intro = QLabel(
            'Files are matched by name ("song1_raw" ↔ "song1_mix") and their offset is '
            "measured. Your audio files are read, never changed.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.input_edit = self._folder_row(grid, 0, "input", "Input folder (e.g. raw takes)")
        self.target_edit = self._folder_row(grid, 1, "target", "Target folder (e.g. mixed takes)")
        layout.addLayout(grid)
        self.problem = QLabel("", self)
        self.problem.setObjectName("pairFoldersProblem")
        self.problem.setAccessibleName("Why the folders cannot be paired")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Pair")
        self.ok_button.setObjectName("pairFoldersOk")
        self.ok_button.setAccessibleName("Pair the folders")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._check()

    def _folder_row(self, grid: QGridLayout, row: int, side: str, text: str) -> QLineEdit:
        label = QLabel(text, self)
        edit = QLineEdit(self)
        edit.setObjectName(f"{side}FolderEdit")
        edit.setAccessibleName(text)
        label.setBuddy(edit)
        edit.textChanged.connect(self._check)
        browse = QPushButton("Browse…", self)
        browse.setObjectName(f"{side}FolderBrowse")
        browse.setAccessibleName(f"Browse for the {side} folder")
        browse.clicked.connect(lambda: self._browse(edit, text))
        grid.addWidget(label, row, 0)
        grid.addWidget(edit, row, 1)
        grid.addWidget(browse, row, 2)
        return edit

    def _browse(self, edit: QLineEdit, title: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, title, edit.text())
        if folder:
            edit.setText(folder)

    def _check(self) -> None:
        problem = folder_problem(self.input_edit.text(), self.target_edit.text())
        self.problem.setText(problem or "")
        self.ok_button.setEnabled(problem is None)

    def folders(self) -> tuple[str, str]:
        """(input folder, target folder) as typed or chosen."""
        return self.input_edit.text().strip(), self.target_edit.text().strip()

    def accept(self) -> None:
        # Enter in a line edit accepts too: the folders may have changed since the check.
        if folder_problem(*self.folders()) is None:
            super().accept()


def _names(paths: list[str]) -> str:
    names = [Path(p).name for p in paths[:NAMES_SHOWN]]
    more = len(paths) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _reasons(items: list[tuple[str, str]]) -> str:
    shown = [f"{Path(p).name} ({why})" for p, why in items[:NAMES_SHOWN]]
    more = len(items) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def describe_pair_report(report: PairReport, cancelled: bool = False) -> str:
    """A core.dataset.pairing.PairReport in a few lines for the status area: counts first, then
    the files the user has to look at, by name."""
    head = "Pairing cancelled" if cancelled else "Pairing done"
    n = len(report.pairs)
    lines = [f"{head}: {n} pair{'' if n == 1 else 's'} recorded."]
    if report.unpaired_inputs:
        lines.append(
            f"{len(report.unpaired_inputs)} input(s) without a target: "
            + _names(report.unpaired_inputs)
        )
    if report.unpaired_targets:
        lines.append(
            f"{len(report.unpaired_targets)} target(s) without an input: "
            + _names(report.unpaired_targets)
        )
    if report.ambiguous:
        shown = [f"{key!r}: {_names(paths)}" for key, paths in report.ambiguous[:NAMES_SHOWN]]
        lines.append(
            f"{len(report.ambiguous)} ambiguous name(s), not paired (rename so each name is "
            "unique per folder): " + "; ".join(shown)
        )
    if report.rejected:
        lines.append(f"{len(report.rejected)} file(s) not usable: " + _reasons(report.rejected))
    if report.failed:
        lines.append(f"{len(report.failed)} pair(s) not aligned: " + _reasons(report.failed))
    lines.extend(f"Warning: {w}" for w in report.warnings[:NAMES_SHOWN])
    if len(report.warnings) > NAMES_SHOWN:
        lines.append(f"and {len(report.warnings) - NAMES_SHOWN} more warnings (see the log)")
    return "\n".join(lines)
