"""Choosing the two folders of a paired dataset (raw takes → mixed takes), and the words
that report what pairing them found.

The dialog only checks what the user can fix here (a missing folder, the same folder
twice, one inside the other); core.dataset.pairing does the work and checks again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
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

from gui.localized import translated

if TYPE_CHECKING:
    from core.dataset.pairing import PairReport

# A summary names at most this many files per kind; the log has them all.
NAMES_SHOWN = 8


def folder_problem(input_dir: str, target_dir: str) -> str | None:
    """Why these two folders cannot be paired, or None when they can."""
    said = {
        "input": (
            QCoreApplication.translate("PairFoldersDialog", "Choose the input folder."),
            QCoreApplication.translate(
                "PairFoldersDialog", "The input folder does not exist: {folder}"
            ),
            QCoreApplication.translate(
                "PairFoldersDialog", "The input folder is not a folder: {folder}"
            ),
        ),
        "target": (
            QCoreApplication.translate("PairFoldersDialog", "Choose the target folder."),
            QCoreApplication.translate(
                "PairFoldersDialog", "The target folder does not exist: {folder}"
            ),
            QCoreApplication.translate(
                "PairFoldersDialog", "The target folder is not a folder: {folder}"
            ),
        ),
    }
    for side, text in (("input", input_dir), ("target", target_dir)):
        empty, missing, not_dir = said[side]
        if not text.strip():
            return empty
        folder = Path(text).expanduser()
        if not folder.exists():
            return missing.format(folder=folder)
        if not folder.is_dir():
            return not_dir.format(folder=folder)
    a = Path(input_dir).expanduser().resolve()
    b = Path(target_dir).expanduser().resolve()
    if a == b:
        return QCoreApplication.translate(
            "PairFoldersDialog",
            "Input and target are the same folder: inputs and targets need separate folders.",
        )
    if a in b.parents or b in a.parents:
        # pair_folders imports both trees, so a nested folder would be both sides at once.
        return QCoreApplication.translate(
            "PairFoldersDialog", "The folders overlap: inputs and targets need separate folders."
        )
    return None


class PairFoldersDialog(QDialog):
    """Two folder fields with Browse buttons; OK only once they can be paired."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pairFoldersDialog")
        self.setWindowTitle(self.tr("Pair input and target folders"))
        self.setAccessibleName(self.tr("Pair input and target folders"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                'Files are matched by name ("song1_raw" ↔ "song1_mix") and their offset is '
                "measured. Your audio files are read, never changed."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.input_edit = self._folder_row(
            grid, 0, "input", self.tr("Input folder (e.g. raw takes)"),
            self.tr("Browse for the input folder"),
        )  # fmt: skip
        self.target_edit = self._folder_row(
            grid, 1, "target", self.tr("Target folder (e.g. mixed takes)"),
            self.tr("Browse for the target folder"),
        )  # fmt: skip
        layout.addLayout(grid)
        self.problem = QLabel("", self)
        self.problem.setObjectName("pairFoldersProblem")
        self.problem.setAccessibleName(self.tr("Why the folders cannot be paired"))
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Pair"))
        self.ok_button.setObjectName("pairFoldersOk")
        self.ok_button.setAccessibleName(self.tr("Pair the folders"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._check()

    def _folder_row(
        self, grid: QGridLayout, row: int, side: str, text: str, browse_text: str
    ) -> QLineEdit:
        label = QLabel(text, self)
        edit = QLineEdit(self)
        edit.setObjectName(f"{side}FolderEdit")
        edit.setAccessibleName(text)
        label.setBuddy(edit)
        edit.textChanged.connect(self._check)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName(f"{side}FolderBrowse")
        browse.setAccessibleName(browse_text)
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
    return ", ".join(names) + (
        QCoreApplication.translate("PairFoldersDialog", " and %n more", "", more)
        if more > 0
        else ""
    )


def _reasons(items: list[tuple[str, str]]) -> str:
    shown = [f"{Path(p).name} ({translated(why)})" for p, why in items[:NAMES_SHOWN]]
    more = len(items) - len(shown)
    return "; ".join(shown) + (
        QCoreApplication.translate("PairFoldersDialog", "; and %n more", "", more)
        if more > 0
        else ""
    )


def describe_pair_report(report: PairReport, cancelled: bool = False) -> str:
    """A core.dataset.pairing.PairReport in a few lines for the status area: counts first, then
    the files the user has to look at, by name."""
    n = len(report.pairs)
    # Plain names for the counts: lupdate skips a translate() whose count is an expression.
    n_inputs, n_targets = len(report.unpaired_inputs), len(report.unpaired_targets)
    n_ambiguous, n_rejected = len(report.ambiguous), len(report.rejected)
    n_failed = len(report.failed)
    if cancelled:
        said = QCoreApplication.translate(
            "PairFoldersDialog", "Pairing cancelled: %n pair(s) recorded.", "", n
        )
    else:
        said = QCoreApplication.translate(
            "PairFoldersDialog", "Pairing done: %n pair(s) recorded.", "", n
        )
    lines = [said]
    if report.unpaired_inputs:
        lines.append(
            QCoreApplication.translate(
                "PairFoldersDialog",
                "%n input(s) without a target: ",
                "",
                n_inputs,
            )
            + _names(report.unpaired_inputs)
        )
    if report.unpaired_targets:
        lines.append(
            QCoreApplication.translate(
                "PairFoldersDialog",
                "%n target(s) without an input: ",
                "",
                n_targets,
            )
            + _names(report.unpaired_targets)
        )
    if report.ambiguous:
        shown = [f"{key!r}: {_names(paths)}" for key, paths in report.ambiguous[:NAMES_SHOWN]]
        lines.append(
            QCoreApplication.translate(
                "PairFoldersDialog",
                "%n ambiguous name(s), not paired (rename so each name is unique per folder): ",
                "",
                n_ambiguous,
            )
            + "; ".join(shown)
        )
    if report.rejected:
        lines.append(
            QCoreApplication.translate(
                "PairFoldersDialog", "%n file(s) not usable: ", "", n_rejected
            )
            + _reasons(report.rejected)
        )
    if report.failed:
        lines.append(
            QCoreApplication.translate(
                "PairFoldersDialog", "%n pair(s) not aligned: ", "", n_failed
            )
            + _reasons(report.failed)
        )
    lines.extend(
        QCoreApplication.translate("PairFoldersDialog", "Warning: {w}").format(w=translated(w))
        for w in report.warnings[:NAMES_SHOWN]
    )
    if len(report.warnings) > NAMES_SHOWN:
        more = len(report.warnings) - NAMES_SHOWN
        lines.append(
            QCoreApplication.translate(
                "PairFoldersDialog", "and %n more warning(s) (see the log)", "", more
            )
        )
    return "\n".join(lines)
