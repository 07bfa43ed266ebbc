"""Creates the QApplication and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from gui.gc_policy import GarbageCollector, freeze_startup_objects

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
    collector = GarbageCollector(app)  # noqa: F841 - lives as long as the app
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
