"""The one bridge between the trainer and the window.

`TrainingController` runs `core.train.trainer.Trainer` in a QThread (a worker object moved to
the thread) and turns each core event into a queued Qt signal. It can also *attach* to a run
folder written by someone else (a headless run on a GPU server, synced back) and follow its
`events.jsonl` as it grows; the same signals come out either way, so the tab does not care
where a run lives.

Step events can arrive hundreds of times a second; each one crossing the thread boundary as
its own queued call would flood the GUI event loop. They are gathered in a `_StepBuffer` and
announced with at most one queued call in flight: the GUI drains whatever has accumulated.
Every other event (a handful per epoch) is its own signal.

A followed folder is read in a thread but parsed on the GUI thread, a slice at a time
(`gui.training.follower`, which says why).

Errors never vanish in a thread: an exception that escapes the trainer arrives as `failed`
with its message, and the controller still reports the run as no longer running.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from core.messages import Message, message_of
from core.train import events as ev
from core.train import run_folder
from gui.training.follower import (
    FOLLOW_INTERVAL_MS,
    FollowedLines,
    FollowWorker,
    return_to_main_thread,
)

log = logging.getLogger(__name__)

TRAIN_THREAD_NICE = 5  # training yields the CPU to the window on a busy machine


class _StepBuffer:
    """StepDone events gathered on the worker thread, drained on the GUI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._steps: list[ev.StepDone] = []
        self._announced = False

    def add(self, step: ev.StepDone) -> bool:
        """Append; True when the caller must announce (no announcement is in flight)."""
        with self._lock:
            self._steps.append(step)
            if self._announced:
                return False
            self._announced = True
            return True

    def drain(self) -> list[ev.StepDone]:
        """Every step gathered so far, oldest first; the next add announces again."""
        with self._lock:
            steps, self._steps = self._steps, []
            self._announced = False
            return steps


class _TrainWorker(QObject):
    """Builds and runs the trainer inside the worker thread; its events become signals
    (emitted from that thread), steps gathered in the shared `_StepBuffer`."""

    steps_ready = Signal()
    event = Signal(object)  # any event but StepDone
    failed = Signal(object)  # a str, or core's Message (a str Qt would drop to plain English)
    done = Signal()

    def __init__(
        self,
        buffer: _StepBuffer,
        project,
        run_dir: Path,
        config=None,
        checkpoint: str | None = None,
        overrides: dict | None = None,
    ) -> None:
        super().__init__()
        self._buffer = buffer
        self._project = project
        self._run_dir = Path(run_dir)
        self._config = config  # None: resume the run folder
        self._checkpoint = checkpoint
        self._overrides = overrides
        self._lock = threading.Lock()
        self._trainer = None
        self._stop = False
        self._paused = False
        self._saw_finished = False

    # Requests can arrive before the trainer exists (it loads data while being built), so they
    # are remembered and replayed on it as soon as it does.
    def request_stop(self) -> None:
        with self._lock:
            self._stop = True
            trainer = self._trainer
        if trainer is not None:
            trainer.control.request_stop()

    def request_pause(self, paused: bool) -> None:
        with self._lock:
            self._paused = paused
            trainer = self._trainer
        if trainer is not None:
            trainer.control.request_pause() if paused else trainer.control.request_resume()

    def dispatch(self, event: object) -> None:
        if isinstance(event, ev.StepDone):
            if self._buffer.add(event):
                self.steps_ready.emit()
        else:
            self.event.emit(event)

    def _listener(self, event: object) -> None:
        if isinstance(event, ev.Finished):
            self._saw_finished = True
        self.dispatch(event)

    @Slot()
    def run(self) -> None:
        _lower_thread_priority()
        try:
            # Imported here, not at start-up: torch is ~2 s the window does not wait for.
            # gui.heavy_imports loads it in the background once the window is painted (with
            # its largest library loaded GIL-free, so the window keeps responding); a Start
            # before that finishes waits for it here, in the training thread.
            from core.train.trainer import Trainer

            if self._config is None:
                trainer = Trainer.resume(
                    self._project,
                    self._run_dir,
                    checkpoint=self._checkpoint,
                    listener=self._listener,
                    overrides=self._overrides,
                )
            else:
                trainer = Trainer(
                    self._project, self._config, self._run_dir, listener=self._listener
                )
            with self._lock:
                self._trainer = trainer
                stop, paused = self._stop, self._paused
            if stop:
                trainer.control.request_stop()
            elif paused:
                trainer.control.request_pause()
            result = trainer.run()
            if not self._saw_finished and isinstance(result, ev.Finished):
                self.dispatch(result)
        except BaseException as exc:  # noqa: BLE001 - everything must reach the window
            log.error("training failed: %s", traceback.format_exc())
            # Core's own refusals (a Message: a config that cannot work or resume) say what
            # they say, in the reader's language (RunView shows them with error_text);
            # anything else names its type.
            said = message_of(exc)
            self.failed.emit(said if isinstance(said, Message) else f"{type(exc).__name__}: {exc}")
        finally:
            with self._lock:
                self._trainer = None
            return_to_main_thread(self)
            self.done.emit()


def _lower_thread_priority() -> None:
    """Nice only this thread (Linux applies nice per thread): the GUI thread keeps priority."""
    if not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), TRAIN_THREAD_NICE)
    except OSError:
        pass  # not permitted here; training simply runs at normal priority


class TrainingController(QObject):
    """Start, resume, pause, stop or follow one run at a time; everything arrives as signals."""

    train_started = Signal(object)  # ev.TrainStarted
    steps = Signal(list)  # list[ev.StepDone], in order, drained in batches
    epoch_done = Signal(object)  # ev.EpochDone
    checkpoint_saved = Signal(object)  # ev.CheckpointSaved
    sample_rendered = Signal(object)  # ev.SampleRendered
    cache_progress = Signal(object)  # ev.CacheProgress, before the first step
    warning = Signal(object)  # ev.Warning
    finished = Signal(object)  # ev.Finished
    failed = Signal(object)  # str or Message: an exception escaped the trainer, or a followed
    # folder is unreadable
    running_changed = Signal(bool)  # a trainer thread or a follower is active
    paused_changed = Signal(bool)
    _want_next_slice = Signal()  # to the follower: the last slice is parsed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = _StepBuffer()
        self._thread: QThread | None = None
        self._worker: _TrainWorker | FollowWorker | None = None
        self.run_dir: Path | None = None
        self.mode: str | None = None  # "train" or "follow" while active
        self._paused = False
        self._lines = FollowedLines()
        self._signals = {
            "train_started": self.train_started,
            "epoch_done": self.epoch_done,
            "checkpoint_saved": self.checkpoint_saved,
            "sample_rendered": self.sample_rendered,
            "cache_progress": self.cache_progress,
            "warning": self.warning,
            "finished": self.finished,
        }

    # -- state -------------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self._thread is not None

    @property
    def is_training(self) -> bool:
        return self.mode == "train"

    # -- commands ----------------------------------------------------------------------
    def start(self, project, config, run_dir: str | os.PathLike | None = None) -> Path:
        """Train a new run with `config`; returns its folder."""
        run_dir = (
            Path(run_dir)
            if run_dir is not None
            else run_folder.new_run_dir(Path(project.runs_dir), config.data.task, config=config)
        )
        worker = _TrainWorker(self._buffer, project, run_dir, config=config)
        self._launch(worker, "train", run_dir, worker.run)
        return run_dir

    def resume(
        self,
        project,
        run_dir: str | os.PathLike,
        checkpoint: str | None = None,
        overrides: dict | None = None,
    ) -> Path:
        """Continue a run from its latest checkpoint, or from `checkpoint` when given."""
        run_dir = Path(run_dir)
        worker = _TrainWorker(
            self._buffer, project, run_dir, checkpoint=checkpoint, overrides=overrides
        )
        self._launch(worker, "train", run_dir, worker.run)
        return run_dir

    def attach(self, run_dir: str | os.PathLike, interval_ms: int = FOLLOW_INTERVAL_MS) -> Path:
        """Follow a run folder: its past events arrive at once, then new ones as written."""
        run_dir = Path(run_dir)
        worker = FollowWorker(run_dir, interval_ms)
        self._launch(worker, "follow", run_dir, worker.start)
        return run_dir

    def stop(self) -> None:
        """Training: checkpoint, then stop (cooperative). Following: stop following."""
        worker = self._worker
        if isinstance(worker, _TrainWorker):
            worker.request_stop()
        elif isinstance(worker, FollowWorker):
            # Queued into the follower's thread: its timer must be stopped there.
            QTimer.singleShot(0, worker, worker.stop)

    def set_paused(self, paused: bool) -> None:
        worker = self._worker
        if not isinstance(worker, _TrainWorker) or paused == self._paused:
            return
        worker.request_pause(paused)
        self._paused = paused
        self.paused_changed.emit(paused)

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop whatever runs and wait for its thread (the window is closing)."""
        thread = self._thread
        if thread is None:
            return True
        self.stop()
        if self._paused:
            self.set_paused(False)
        ok = thread.wait(timeout_ms)
        self._on_thread_finished()
        return ok

    def wait(self, timeout_ms: int) -> bool:
        thread = self._thread
        return True if thread is None else thread.wait(timeout_ms)

    # -- plumbing ----------------------------------------------------------------------
    def _launch(self, worker: QObject, mode: str, run_dir: Path, entry) -> None:
        if self._thread is not None:
            raise RuntimeError("a run is already active; stop it first")
        self._buffer.drain()  # leftovers of a previous run
        self._lines.clear()
        thread = QThread()
        thread.setObjectName(f"wavesmith-{mode}")
        worker.moveToThread(thread)
        if isinstance(worker, FollowWorker):
            worker.lines.connect(self._on_lines)
            self._want_next_slice.connect(worker.next_slice)
        else:
            worker.steps_ready.connect(self._drain_steps)
            worker.event.connect(self._forward)
        worker.failed.connect(self.failed)
        # Direct: shutdown() waits on the thread from the GUI thread, so a queued quit would
        # never be delivered (QThread.quit is thread-safe).
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.started.connect(entry)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self.run_dir, self.mode = run_dir, mode
        self._paused = False
        log.info("%s %s", "training" if mode == "train" else "following", run_dir)
        thread.start()
        self.running_changed.emit(True)

    @Slot(bytes, bool)
    def _on_lines(self, data: bytes, more: bool) -> None:
        if self.sender() is not self._worker:
            return  # from a follower already released
        self._lines.add(data, more)
        self._parse_some()

    @Slot()
    def _parse_some(self) -> None:
        """Parse followed lines for a budget (follower.PARSE_BUDGET_S), then let the loop run."""
        if self.mode != "follow":
            self._lines.clear()
            return
        if self._lines.parse_some(self.run_dir, self.steps.emit, self._emit_event):
            QTimer.singleShot(0, self, self._parse_some)
        elif self._lines.more_on_disk:
            self._lines.more_on_disk = False
            self._want_next_slice.emit()

    @Slot()
    def _drain_steps(self) -> None:
        steps = self._buffer.drain()
        if steps:
            self.steps.emit(steps)

    @Slot(object)
    def _forward(self, event: object) -> None:
        # Steps gathered before this event belong before it (plots and progress are ordered).
        steps = self._buffer.drain()
        if steps:
            self.steps.emit(steps)
        self._emit_event(event)

    def _emit_event(self, event: object) -> None:
        signal = self._signals.get(getattr(event, "name", ""))
        if signal is not None:
            signal.emit(event)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread, worker = self._thread, self._worker
        sender = self.sender()
        if thread is None or (isinstance(sender, QThread) and sender is not thread):
            # shutdown() already released that thread; its queued `finished` arrives late,
            # possibly after the next run started, and must not tear that one down.
            return
        self._drain_steps()
        self._thread = self._worker = None
        self.mode = None
        if self._paused:
            self._paused = False
            self.paused_changed.emit(False)
        thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        self.running_changed.emit(False)
