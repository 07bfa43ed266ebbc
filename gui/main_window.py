"""The main window: four tabs, the File menu with recent projects, and the log panel.

Each tab is built the first time it is shown or used (`window.training_tab` builds it): the
current one before the window's first paint, the others right after it (`build_all_tabs`),
one per turn of the event loop. Building all four took 0.5-1 s with their modules' imports
(pyqtgraph plots above all), twice the start-up budget; a tab clicked before its turn is
built on the spot.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from core.dataset.project import INDEX_NAME, Project, ProjectError
from gui.jobs import Jobs
from gui.localized import error_text
from gui.widgets.file_drops import FileDropTarget, install_drop_guard, take_file_drops
from gui.widgets.language_menu import LanguageMenu
from gui.widgets.new_project_dialog import (
    NewProjectDialog,
    confirm_folder_with_files,
    confirm_new_project_in,
)
from gui.widgets.recent_projects import RecentProjectsMenu

if TYPE_CHECKING:
    from gui.dataset.tab import DatasetTab
    from gui.hardware.tab import HardwareTab
    from gui.listen.tab import ListenTab
    from gui.training.tab import TrainingTab

log = logging.getLogger(__name__)

# In tab order: title, module, class, whether it runs background jobs (gui.jobs; training
# streams its runs through its own controller and reads a classify run's windows by jobs).
TABS = (
    (QT_TRANSLATE_NOOP("MainWindow", "Dataset"), "gui.dataset.tab", "DatasetTab", True),
    (QT_TRANSLATE_NOOP("MainWindow", "Hardware"), "gui.hardware.tab", "HardwareTab", True),
    (QT_TRANSLATE_NOOP("MainWindow", "Training"), "gui.training.tab", "TrainingTab", True),
    (QT_TRANSLATE_NOOP("MainWindow", "Listen"), "gui.listen.tab", "ListenTab", True),
)
DATASET, HARDWARE, TRAINING, LISTEN = range(len(TABS))
TAB_BUILD_GAP_MS = 10


def about_box(parent: QWidget) -> QMessageBox:
    """Help → About, opened without waiting on it."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "About Wavesmith"))
    box.setText(
        QCoreApplication.translate(
            "MainWindow",
            "<b>Wavesmith</b> 0.1<br>Prepare audio datasets, train denoisers and mix-style "
            "models, and compare results by ear, on your own machine or a GPU server.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def _title(title: str) -> str:
    return QCoreApplication.translate("MainWindow", title)


class _LogSignalHandler(logging.Handler):
    def __init__(self, emit_line) -> None:
        super().__init__(level=logging.INFO)
        self._emit_line = emit_line
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._emit_line(self.format(record))
        except RuntimeError:
            pass  # the window is gone; nothing to show the line in


class MainWindow(FileDropTarget, QMainWindow):
    _log_line = Signal(str)  # queued so log records from worker threads reach the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Wavesmith")
        self.resize(1280, 820)
        self.project: Project | None = None
        # The one runner of background work, shared by the tabs, shut down last on close.
        self.jobs = Jobs(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(self.tr("Main tabs"))
        self._built: dict[int, QWidget] = {}
        self._closed = False
        for title, *_ in TABS:
            title = _title(title)
            placeholder = QLabel(self.tr("Opening the {tab} tab…").format(tab=title), self.tabs)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(placeholder, title)
        self.tabs.currentChanged.connect(self._tab)
        self.setCentralWidget(self.tabs)
        # Files and folders dropped anywhere go to the Dataset tab (to the Listen tab when
        # it is shown), always as a copy; other widgets refuse them (gui.widgets.file_drops).
        take_file_drops(self)
        install_drop_guard()

        self.log_view = QPlainTextEdit(self)
        self.log_view.setObjectName("logView")
        self.log_view.setAccessibleName(self.tr("Log"))
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(5000)
        dock = QDockWidget(self.tr("Log"), self)
        dock.setObjectName("logDock")
        dock.setWidget(self.log_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        self.log_dock = dock
        self._log_line.connect(self.log_view.appendPlainText, Qt.ConnectionType.QueuedConnection)
        self._log_handler = _LogSignalHandler(self._log_line.emit)
        logging.getLogger().addHandler(self._log_handler)

        self._build_menus()
        self._restore_settings()
        self._tab(self.tabs.currentIndex())
        self.statusBar().showMessage(self.tr("Open or create a project to begin (File menu)."))

    # -- tabs --------------------------------------------------------------------------
    @property
    def dataset_tab(self) -> DatasetTab:
        return self._tab(DATASET)

    @property
    def hardware_tab(self) -> HardwareTab:
        return self._tab(HARDWARE)

    @property
    def training_tab(self) -> TrainingTab:
        return self._tab(TRAINING)

    @property
    def listen_tab(self) -> ListenTab:
        return self._tab(LISTEN)

    def built_tabs(self) -> list[QWidget]:
        return [self._built[i] for i in sorted(self._built)]

    def build_all_tabs(self, then: Callable[[], object] | None = None) -> None:
        """Build the tabs not built yet, one per turn of the event loop so the window keeps
        painting and answering in between, then call `then`."""
        missing = [i for i in range(len(TABS)) if i not in self._built]
        if self._closed:
            return
        if missing:
            self._tab(missing[0])
            # A timer, not a zero-delay call: overdue timers and paints run in between.
            QTimer.singleShot(TAB_BUILD_GAP_MS, lambda: self.build_all_tabs(then))
        elif then is not None:
            then()

    def _tab(self, index: int) -> QWidget:
        tab = self._built.get(index)
        if tab is not None or not 0 <= index < len(TABS):
            return tab
        title, module, cls, uses_jobs = TABS[index]
        kwargs = {"jobs": self.jobs} if uses_jobs else {}
        tab = getattr(importlib.import_module(module), cls)(self, **kwargs)
        self._built[index] = tab
        self._connect(index, tab)
        if self.project is not None:
            tab.set_project(self.project)
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)  # the swap is not the user changing tabs
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, _title(title))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return tab

    def _connect(self, index: int, tab: QWidget) -> None:
        if index == DATASET:
            # What the project holds changed: the tabs that list it follow.
            tab.imported.connect(self._contents_changed)
            tab.paired.connect(self._contents_changed)
            tab.browser.changed.connect(self._contents_changed)
            tab.set_config_provider(self._training_config)
        if index == HARDWARE:
            # Hardware advice goes into the Training tab's settings; the batch probe measures
            # the model those settings describe.
            tab.advice_applied.connect(self._apply_advice)
            tab.set_config_provider(self._training_config)
        elif index == TRAINING:
            # A listening sample opens in the Listen tab, A/B against the clip it was made from.
            tab.open_in_listen.connect(self.open_in_listen)
            tab.runs_changed.connect(self._runs_changed)

    def _contents_changed(self, *_args) -> None:
        if HARDWARE in self._built:
            self._built[HARDWARE].contents_changed()
        self._runs_changed()

    def _runs_changed(self) -> None:
        if LISTEN in self._built:
            self._built[LISTEN].refresh_sources()

    def _apply_advice(self, advice: dict) -> None:
        self.training_tab.apply_advice(advice)

    def _training_config(self):
        return self.training_tab.form.config()

    # -- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.action_new = QAction(self.tr("&New Project…"), self)
        self.action_new.setObjectName("actionNewProject")
        self.action_new.setShortcut(QKeySequence.StandardKey.New)
        self.action_new.triggered.connect(self._ask_new_project)
        self.action_open = QAction(self.tr("&Open Project…"), self)
        self.action_open.setObjectName("actionOpenProject")
        self.action_open.setShortcut(QKeySequence.StandardKey.Open)
        self.action_open.triggered.connect(self._ask_open_project)
        file_menu.addAction(self.action_new)
        file_menu.addAction(self.action_open)
        self.recent_menu = RecentProjectsMenu(self, self.open_project)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("actionQuit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.log_dock.toggleViewAction())
        self.language_menu = LanguageMenu(self)
        view_menu.addMenu(self.language_menu)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Wavesmith"), self)
        about.setObjectName("actionAbout")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> QMessageBox:
        return about_box(self)

    # -- projects ----------------------------------------------------------------------
    def _ask_new_project(self) -> None:
        folder = self.project.root.parent if self.project is not None else ""
        dialog = NewProjectDialog(self, folder)
        if dialog.exec():
            self.new_project(dialog.project_path())

    def _ask_open_project(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a project folder"))
        if path:
            self.open_project(path)

    def new_project(self, path: str | Path, confirmed: bool = False) -> Project | None:
        """Create a project at `path` (its folder made if need be); a folder that already
        holds files is used only once the user says so (unless `confirmed`)."""
        exists = (Path(path) / INDEX_NAME).exists()
        if not (confirmed or exists or confirm_folder_with_files(self, Path(path))):
            self.statusBar().showMessage(self.tr("No project created in {path}.").format(path=path))
            return None
        try:
            project = Project.create(path)
        except (ProjectError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Cannot create project"), error_text(exc))
            return None
        self._set_project(project)
        return project

    def open_project(self, path: str | Path) -> Project | None:
        if Path(path).is_dir() and not (Path(path) / INDEX_NAME).exists():
            return self._offer_new_project(Path(path))
        try:
            project = Project.open(path)
        except (ProjectError, OSError) as exc:
            self.statusBar().showMessage(error_text(exc))
            QMessageBox.warning(self, self.tr("Cannot open project"), error_text(exc))
            return None
        self._set_project(project)
        return project

    def _offer_new_project(self, folder: Path) -> Project | None:
        """Open on a folder with no project: offer to make one there."""
        if not confirm_new_project_in(self, folder):
            self.statusBar().showMessage(
                self.tr("{folder}: not a Wavesmith project; nothing opened.").format(folder=folder)
            )
            return None
        return self.new_project(folder, confirmed=True)

    def _set_project(self, project: Project | None) -> None:
        old, self.project = self.project, project
        # The tabs first: each stops and waits for its background work (an import, a
        # pairing, a training run) on the old project, which is closed only then.
        for tab in self.built_tabs():  # a tab built later is given the project then
            tab.set_project(project)
        if old is not None and old is not project:
            old.close()
        if project is not None:
            self.setWindowTitle(f"Wavesmith — {project.root.name}")
            self.recent_menu.remember(str(project.root))
            self.statusBar().showMessage(self.tr("Project {path}").format(path=project.root))
            log.info("opened project %s", project.root)

    def open_in_listen(self, processed: str, original: str) -> bool:
        self.tabs.setCurrentWidget(self.listen_tab)
        return self.listen_tab.open_processed(processed, original)

    def recent_projects(self) -> list[str]:
        """Recent project folders that still hold a project, newest first."""
        return self.recent_menu.paths()

    def reopen_last_project(self) -> Project | None:
        """At launch: the project used last, when it is still there."""
        recent = self.recent_projects()
        return self.open_project(recent[0]) if recent else None

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        tab = settings.value("mainWindow/tab", 0, int)
        self.tabs.setCurrentIndex(int(tab))

    def drop_files(self, paths: list[str]) -> None:
        if self.tabs.currentIndex() == LISTEN:
            # A file dropped on Listen is opened there to be processed, not imported.
            self.listen_tab.open_dropped(paths)
            return
        self.tabs.setCurrentWidget(self.dataset_tab)
        self.dataset_tab.drop_files(paths)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._closed = True
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/tab", self.tabs.currentIndex())
        for tab in self.built_tabs():
            shutdown = getattr(tab, "shutdown", None)
            if shutdown is None:
                continue
            # One tab failing to shut down must not keep the others (the trainer's thread
            # above all) from stopping: Qt aborts if a running QThread is destroyed.
            try:
                shutdown()
            except Exception:
                log.exception("error while closing the %s tab", type(tab).__name__)
        self.jobs.shutdown()  # what the tabs started: each stops at its next check
        logging.getLogger().removeHandler(self._log_handler)
        if self.project is not None:
            self.project.close()
        super().closeEvent(event)
