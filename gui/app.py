"""Creates the QApplication and the main window, and orders what happens at start-up.

The window is built from modules that do not import torch or scipy and is painted first;
then the other tabs are built, and only then does gui.heavy_imports import torch and the
rest in the background. When those imports have finished, start-up is over: everything it
created is frozen out of garbage collection (gui.gc_policy), torch's objects included.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from gui.gc_policy import GarbageCollector, freeze_startup_objects
from gui.heavy_imports import heavy_imports
from gui.i18n import install_language
from gui.style import apply_style

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
    install_language(app=app)  # before any widget: they take their texts when built
    apply_style(app)
    loader = heavy_imports()
    loader.hold()  # tabs ask for torch while they are built; it loads once the window is up
    window = create_window(project)
    collector = GarbageCollector(app)  # automatic collection off for good
    collector.paused = True  # until start-up's imports are done (gui.gc_policy)
    window.garbage_collector = collector

    def startup_done() -> None:
        freeze_startup_objects(collect=False)
        collector.paused = False

    def painted() -> None:
        log.info("Wavesmith window shown")
        if loader.is_finished():
            startup_done()
        else:
            loader.finished.connect(startup_done)
        # The other tabs next, then the imports: building tabs while torch imports made
        # both wait for the GIL (a 1.9 s gap instead of two of ~0.2 s on a busy machine).
        window.build_all_tabs(then=loader.release)

    when_painted(window, painted)
    return app, window


def run_gui(argv: list[str] | None = None, project: str | None = None) -> int:
    app, window = start_gui(argv, project)  # noqa: F841 - the reference keeps it alive
    return app.exec()


def create_window(project: str | None = None):
    """The main window, shown, with `project` opened when given (else the last one used)."""
    from gui.main_window import MainWindow

    window = MainWindow()
    if project:
        window.open_project(project)
    else:
        window.reopen_last_project()
    window.show()
    return window
