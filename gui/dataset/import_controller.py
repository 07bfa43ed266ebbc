"""Background work for the Dataset tab: import, waveform loading, export.

One bridge between threads: a TaskThread runs a core function that takes
`progress` and `should_cancel`, and turns its progress, result and error into Qt
signals (queued to the GUI thread). Cancelling is cooperative: the core function checks
the flag between files or blocks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal

log = logging.getLogger(__name__)


class TaskThread(QThread):
    """Runs fn(progress=..., should_cancel=...) once; emits result or error.

    With `detail=True` fn also gets detail(what, done, total): progress within the current
    item (the decode of one long file), emitted as `detail`.
    """

    progress = Signal(int, int, str)
    detail = Signal(str, int, int)
    result = Signal(object)
    error = Signal(str)

    def __init__(
        self, fn: Callable, name: str, parent: QObject | None = None, detail: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._fn = fn
        self._wants_detail = detail
        self._cancel = False
        # What the starter needs back in its slots (read through sender()): slots are bound
        # methods, never lambdas, so Qt drops queued results when the receiver is gone.
        self.context: dict = {}

    def cancel(self) -> None:
        self._cancel = True

    @property
    def cancelled(self) -> bool:
        return self._cancel

    def _progress(self, done: int, total: int, what: str = "") -> None:
        self.progress.emit(int(done), int(total), str(what))

    def _detail(self, what: str, done: int, total: int) -> None:
        self.detail.emit(str(what), int(done), int(total))

    def run(self) -> None:
        extra = {"detail": self._detail} if self._wants_detail else {}
        try:
            out = self._fn(progress=self._progress, should_cancel=lambda: self._cancel, **extra)
        except Exception as exc:  # shown to the user, never lost in the thread
            log.exception("%s failed", self.objectName())
            self.error.emit(str(exc) or type(exc).__name__)
            return
        self.result.emit(out)


def release_finished_thread(sender: QObject | None, current: QThread | None) -> QThread | None:
    """Delete the thread whose `finished` arrived; returns what the owner's current thread is now.

    A thread stops running before its queued `finished` reaches the GUI thread, so a next
    job may already have started: release only the sender, never a running successor,
    which Qt would abort on.
    """
    if isinstance(sender, QThread):
        sender.deleteLater()
    return None if sender is current else current


def local_paths(urls: list[QUrl]) -> list[str]:
    """The local files and folders among dropped URLs (remote ones cannot be imported)."""
    out = []
    for url in urls:
        if url.isLocalFile():
            out.append(url.toLocalFile())
        else:
            log.warning("ignored dropped URL %s: only local files can be imported", url.toString())
    return out


class ImportController(QObject):
    """Imports dropped or chosen paths with core.dataset.importer off the GUI thread."""

    started = Signal(int)  # number of paths given
    progress = Signal(int, int, str)  # files done, files total, current path
    # path, frames decoded, frames expected: a file FFmpeg reads is being decoded into the
    # project's cache (emitted from the import thread, delivered on the GUI thread)
    decode_progress = Signal(str, int, int)
    finished = Signal(object)  # core.dataset.importer.ImportReport
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importController")
        self._thread: TaskThread | None = None
        self.last_report = None

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(
        self,
        project,
        paths: list[str | Path],
        role: str | None = None,
        stream: int | None = None,
    ) -> bool:
        """Start importing; False when an import is already running. `stream` picks the
        audio stream of files holding several (and switches files already imported)."""
        if self.is_running():
            return False
        from core.dataset.importer import import_paths

        paths = [str(p) for p in paths]

        # The work holds no reference to this controller: a closure over it would tie the
        # QObject's lifetime to the thread's Python wrapper.
        def work(progress, should_cancel, detail):
            return import_paths(
                project,
                paths,
                role=role,
                progress=progress,
                should_cancel=should_cancel,
                stream=stream,
                decode_progress=detail,
            )

        thread = TaskThread(work, "importThread", self, detail=True)
        thread.progress.connect(self.progress)
        thread.detail.connect(self.decode_progress)
        thread.result.connect(self._on_result)
        thread.error.connect(self.failed)
        thread.finished.connect(self._on_thread_finished)
        self._thread = thread
        self.started.emit(len(paths))
        thread.start()
        return True

    def _on_thread_finished(self) -> None:
        self._thread = release_finished_thread(self.sender(), self._thread)

    def _on_result(self, report) -> None:
        self.last_report = report
        self.finished.emit(report)

    def cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel()

    def wait(self, ms: int = 10000) -> bool:
        thread = self._thread
        return True if thread is None else thread.wait(ms)

    def shutdown(self) -> None:
        self.cancel()
        self.wait()
