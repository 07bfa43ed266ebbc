"""Creates the QApplication and the main window, and orders what happens at start-up.

The window is built from modules that do not import torch or scipy and is painted first;
only then does gui.heavy_imports import them in the background, and the garbage collector
freezes what start-up created (gui.gc_policy): once when the window is up, again when the
background imports have finished, so full collections never walk torch's objects either.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from gui.gc_policy import GarbageCollector, freeze_startup_objects
from gui.heavy_imports import heavy_imports

APP_NAME = "Wavesmith"
ORG_NAME = "Wavesmith"

log = logging.getLogger(__name__)


def configure_application_identity() -> None:
    # QSettings keys off these; tests set their own before creating windows.
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)


class _FirstPaint(QObject):
    """Calls back once, after the widget's first paint event has been handled (and with it
    its children's, which Qt paints in the same pass)."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # A zero timer runs once the current paint pass (and its flush) is over.
            QTimer.singleShot(0, self._callback)
        return False


def when_painted(widget: QWidget, callback: Callable[[], object]) -> None:
    _FirstPaint(widget, callback)


def start_gui(argv: list[str] | None = None, project: str | None = None):
    """The application and its shown main window, with start-up's background work
    scheduled; `run_gui` then enters the event loop (the start-up benchmark adds its
    probes in between)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    configure_application_identity()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    loader = heavy_imports()
    loader.hold()  # tabs ask for torch while they are built; it loads once the window is up
    window = create_window(project)
    window.garbage_collector = GarbageCollector(app)  # automatic collection off for good

    def painted() -> None:
        log.info("Wavesmith window shown")
        freeze_startup_objects()
        if not loader.is_finished():
            loader.ready.connect(freeze_startup_objects)
            loader.finished.connect(freeze_startup_objects)
        loader.release()
        window.build_all_tabs()

    when_painted(window, painted)
    return app, window


def run_gui(argv: list[str] | None = None, project: str | None = None) -> int:
    app, window = start_gui(argv, project)  # noqa: F841 - the reference keeps it alive
    return app.exec()


def create_window(project: str | None = None):
    """The main window, shown, with `project` opened when given."""
    from gui.main_window import MainWindow

    window = MainWindow()
    if project:
        window.open_project(project)
    window.show()
    return window
