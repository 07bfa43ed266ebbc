"""The one bridge between the GUI thread and background work: import, pairing, waveform
loading, export, statistics, hardware detection and probing, processing.

Modelled on superqt's `WorkerBase` (napari's thread_worker), without depending on it (its
import costs most of the start-up budget, and its `run()` swaps the process-wide
`warnings.showwarning`): a QRunnable on a thread pool, a signals QObject made on the GUI
thread so that every emit from the pool arrives queued on the GUI thread, cooperative
cancelling, errors as a signal instead of an exception lost in a thread. On top of it: at most
one live job per key, and stale results (of a job that was discarded or replaced) dropped
here, in `Jobs._deliver`, instead of in every tab.

Two ways to stop a job, both cooperative (the work function checks `should_cancel()`):
- `cancel()` is the user's Cancel button: the work stops early and what it returns (a
  partial report) or raises still arrives, with `job.cancelled` true, so the tab can say
  "cancelled" and show what was done.
- `discard()` is "this no longer matters" (another clip was chosen, the project closed, the
  window is closing, `start(..., replace=True)`): nothing of the job arrives any more.

The training controller keeps its own workers: it streams named events for hours.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.messages import message_of

log = logging.getLogger(__name__)

Progress = Callable[..., None]  # progress(done, total, what=""), as core functions call it
Work = Callable[..., object]  # fn(progress=..., should_cancel=...[, detail=...]) -> result


class Job(QObject):
    """A started job, as the GUI sees it. Nothing is emitted for a discarded job.

    Connect to its signals right after `Jobs.start` returns it: everything the work reports
    is queued to the GUI thread, so nothing can arrive before the caller's code yields.
    """

    # `what` and the error may be a core Message (a str): shown with gui.localized.translated.
    progress = Signal(int, int, object)  # done, total, what
    detail = Signal(object, int, int)  # what, done, total: progress inside one item (opt-in)
    result = Signal(object)
    errored = Signal(object)  # the message (a str), never empty
    finished = Signal()  # after result or errored

    def __init__(self, key: str, context: dict, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.context = context  # what the starter needs back in its slots
        self.cancel_flag = threading.Event()  # read by the work through should_cancel()
        self.done = threading.Event()  # the work function has returned or raised
        self._discarded = False  # GUI thread only

    def cancel(self) -> None:
        """Ask the work to stop; what it returns or raises still arrives."""
        self.cancel_flag.set()

    def discard(self) -> None:
        """Ask the work to stop and drop everything it still reports."""
        self.cancel_flag.set()
        self._discarded = True

    @property
    def cancelled(self) -> bool:
        return self.cancel_flag.is_set()

    @property
    def discarded(self) -> bool:
        return self._discarded

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Block until the work has ended; True if it has. Runs no events: its queued
        signals stay queued (a discarded job's are then dropped)."""
        return self.done.wait(timeout_s)


class _Signals(QObject):
    """A job's signals as the pool thread emits them. Made on the GUI thread and parented to
    Jobs, so every emit is delivered queued on the GUI thread, to its own slots, which hand it
    to Jobs; deleted there too (never in a pool thread: gui.gc_policy)."""

    progress = Signal(int, int, object)
    detail = Signal(object, int, int)
    # Once, at the end: (True, result) or (False, exception). One event, so `result` or
    # `errored` and then `finished` are handled in one go, with nothing in between.
    ended = Signal(bool, object)

    def __init__(self, owner: Jobs, job: Job) -> None:
        super().__init__(owner)
        self._owner, self.job = owner, job
        self.progress.connect(self._on_progress)
        self.detail.connect(self._on_detail)
        self.ended.connect(self._on_ended)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self._owner._deliver(self.job, self.job.progress, done, total, what)

    def _on_detail(self, what: str, done: int, total: int) -> None:
        self._owner._deliver(self.job, self.job.detail, what, done, total)

    def _on_ended(self, ok: bool, value: object) -> None:
        self._owner._ended(self, ok, value)


class _Worker(QRunnable):
    def __init__(
        self,
        key: str,
        fn: Work,
        job: Job,
        signals: _Signals,
        detail: bool,
        posting: threading.Lock,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Jobs drops it on the GUI thread
        self.key, self.fn, self.signals, self.wants_detail = key, fn, signals, detail
        # The events, not the Job: the work thread touches no QObject but the signals.
        self.cancel_flag, self.done = job.cancel_flag, job.done
        self.posting = posting

    def _emit(self, signal, *args) -> None:
        with self.posting:
            self._post(signal, *args)

    @staticmethod
    def _post(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window is gone while we worked: nobody to tell
            pass

    def _end(self, ok: bool, value: object) -> None:
        # `done` (what busy() reads, so a successor may start) and the queued `ended` are one
        # step under the lock every emit takes: a successor started the moment `done` is seen
        # posts nothing before this job's end is queued, so results arrive in start order.
        with self.posting:
            self.done.set()
            self._post(self.signals.ended, ok, value)

    def _progress(self, done: int, total: int, what: str = "") -> None:
        # A Message stays one (str() would drop it to its English).
        what = what if isinstance(what, str) else str(what)
        self._emit(self.signals.progress, int(done), int(total), what)

    def _detail(self, what: str, done: int, total: int) -> None:
        what = what if isinstance(what, str) else str(what)
        self._emit(self.signals.detail, what, int(done), int(total))

    def run(self) -> None:
        extra = {"detail": self._detail} if self.wants_detail else {}
        try:
            out = self.fn(progress=self._progress, should_cancel=self.cancel_flag.is_set, **extra)
        except Exception as exc:  # shown to the user, never lost in the thread
            if not self.cancel_flag.is_set():
                log.exception("background job %r failed", self.key)
            self._end(False, exc)
        else:
            self._end(True, out)


class Jobs(QObject):
    """Runs background work by key. The main window owns one, passes it to the tabs and
    calls `shutdown()` when it closes; a tab built alone (tests) makes and shuts its own."""

    def __init__(self, parent: QObject | None = None, min_threads: int = 6) -> None:
        super().__init__(parent)
        self.setObjectName("jobs")
        self._pool = QThreadPool(self)
        # Detection, live readings, a probe, an import and a waveform load can all run at
        # once; the global pool of a 2-core machine has 2 threads and would queue an import
        # behind a minute of probing.
        ideal = QThreadPool.globalInstance().maxThreadCount()
        self._pool.setMaxThreadCount(max(min_threads, ideal))
        self._current: dict[str, Job] = {}
        # Each started job's signals and worker, until its `finished` is handled here.
        self._alive: dict[_Signals, _Worker] = {}
        self._posting = threading.Lock()  # see _Worker._end

    def start(
        self,
        key: str,
        fn: Work,
        *,
        replace: bool = False,
        context: dict | None = None,
        detail: bool = False,
    ) -> Job | None:
        """Run fn(progress=..., should_cancel=...) on the pool (and detail=... when asked).

        One live job per key: None while one runs, unless `replace` (the running one is
        discarded). A job whose work has ended starts a successor even while its own
        signals are still queued; both deliver.
        """
        old = self._current.get(key)
        if old is not None and not old.done.is_set():
            if not replace:
                return None
            old.discard()
        job = Job(key, context or {}, self)
        signals = _Signals(self, job)
        worker = _Worker(key, fn, job, signals, detail, self._posting)
        self._current[key] = job
        self._alive[signals] = worker
        self._pool.start(worker)
        return job

    def _deliver(self, job: Job, signal, *value) -> None:
        # The one place stale results are dropped: a discarded or replaced job says nothing.
        if not job.discarded:
            signal.emit(*value)

    def _ended(self, signals: _Signals, ok: bool, value: object) -> None:
        if self._alive.pop(signals, None) is None:
            return
        job = signals.job
        if ok:
            self._deliver(job, job.result, value)
        else:
            self._deliver(job, job.errored, message_of(value) or type(value).__name__)
        self._deliver(job, job.finished)
        # Only now: its slots could still ask for current(key). A slot that started a
        # successor has replaced it already.
        if self._current.get(job.key) is job:
            del self._current[job.key]
        signals.deleteLater()
        job.deleteLater()

    def busy(self, key: str) -> bool:
        """A job runs under `key` (its work has not ended)."""
        job = self._current.get(key)
        return job is not None and not job.done.is_set()

    def current(self, key: str) -> Job | None:
        """The latest job started under `key`, until its `finished` has been handled."""
        return self._current.get(key)

    def idle(self) -> bool:
        """No job left whose signals are still to be handled (tests wait on this)."""
        return not self._alive

    def cancel(
        self, key: str, *, discard: bool = False, wait: bool = False, timeout_s: float = 30.0
    ) -> bool:
        """Cancel (or discard) the job under `key`, waiting for its work to end if asked.
        False when `wait` ran out of time."""
        job = self._current.get(key)
        if job is None:
            return True
        job.discard() if discard else job.cancel()
        return job.wait(timeout_s) if wait else True

    def shutdown(self, timeout_s: float = 60.0) -> bool:
        """Discard every job and wait for the pool (the window is closing). False, and a
        logged warning, when some work did not stop within `timeout_s`."""
        for job in list(self._current.values()):
            job.discard()
        ok = self._pool.waitForDone(int(timeout_s * 1000))
        if not ok:
            running = sorted(k for k, j in self._current.items() if not j.done.is_set())
            log.warning("background jobs %s still running after %.0f s", running, timeout_s)
        return ok
