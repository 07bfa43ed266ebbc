"""Creates the QApplication and the main window."""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

APP_NAME = "Wavesmith"
ORG_NAME = "Wavesmith"


def configure_application_identity() -> None:
    # QSettings keys off these; tests set their own before creating windows.
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)


def run_gui(argv: list[str] | None = None, project: str | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    configure_application_identity()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    window = create_window(project)  # noqa: F841 - the reference keeps it alive in exec()
    freeze_startup_objects()
    logging.getLogger(__name__).info("Wavesmith window shown")
    return app.exec()


def create_window(project: str | None = None):
    """The main window, shown, with `project` opened when given."""
    from gui.main_window import MainWindow

    window = MainWindow()
    if project:
        window.open_project(project)
    window.show()
    return window


def freeze_startup_objects() -> None:
    """Keep Python's full garbage collections short, so they never freeze the window.

    A full collection walks every tracked object while holding the GIL. With torch, Qt and
    pyqtgraph loaded that is ~430k objects and ~300 ms here, over a second while training
    keeps both cores busy, and it strikes whenever enough new objects were allocated.
    Almost all of those objects are modules, classes and functions that live as long as the
    app, so once the window exists they move to the permanent generation (`gc.freeze`);
    what is created later is still collected as usual.
    """
    gc.collect()
    gc.freeze()
