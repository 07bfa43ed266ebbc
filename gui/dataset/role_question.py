"""The question an import asks when folder names do not say what files are for.

Guessing silently put a music folder called `formats` into Clean speech; instead the user
picks a role once for all such files of the drop (or skips them, or cancels the import).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from core.dataset.import_scan import SKIP_ROLE

# Button text → role, in the order shown.
CHOICES = (
    (QT_TRANSLATE_NOOP("RoleQuestion", "Clean speech"), "clean"),
    (QT_TRANSLATE_NOOP("RoleQuestion", "Noise"), "noise"),
    (QT_TRANSLATE_NOOP("RoleQuestion", "Input (to be processed)"), "input"),
    (QT_TRANSLATE_NOOP("RoleQuestion", "Target (processed)"), "target"),
    (QT_TRANSLATE_NOOP("RoleQuestion", "Skip them"), SKIP_ROLE),
)


def role_question(parent: QWidget | None, files: list[Path]) -> QMessageBox:
    """The question box for `files` (each button's `role` property holds its answer)."""
    box = QMessageBox(parent)
    box.setObjectName("roleQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("RoleQuestion", "What are these files?"))
    names = ", ".join(p.name for p in files[:3]) + (", …" if len(files) > 3 else "")
    folders = sorted({p.parent.name for p in files})[:3]
    n = len(files)  # a plain name: lupdate skips a count that is an expression
    box.setText(
        QCoreApplication.translate(
            "RoleQuestion",
            "%n file(s) ({names}) are in folders whose names do not say what they are "
            "for ({folders}).\n\nImport them as:",
            "",
            n,
        ).format(names=names, folders=", ".join(folders))
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "RoleQuestion",
            "Folders named clean, speech, noise, background, raw, input, mixed or target are "
            "recognised without asking. The answer holds for every such file of this import.",
        )
    )
    for text, role in CHOICES:
        button = box.addButton(
            QCoreApplication.translate("RoleQuestion", text), QMessageBox.ButtonRole.AcceptRole
        )
        button.setProperty("role", role)
    box.addButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_role(parent: QWidget | None, files: list[Path]) -> str | None:
    """The role for `files` (SKIP_ROLE to leave them out); None: cancel the import."""
    box = role_question(parent, files)
    box.exec()
    clicked = box.clickedButton()
    return clicked.property("role") if clicked is not None else None
