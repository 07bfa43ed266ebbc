"""Following a run folder: a worker thread reads its events.jsonl as it grows (a run trained
here, or headless on a server and synced back) and hands the GUI thread raw lines, one slice
at a time; sample paths written on another machine are mapped into the local folder.

A followed folder is *read* in a thread (a synced folder can sit on a slow disk or network
share) but *parsed* on the GUI thread (`FollowedLines`), a few milliseconds per pass of the
event loop, and the next slice is read only when the last one is parsed. Parsing in the
reading thread made both threads want the GIL at once: every hand-over costs the window up to
Python's 5 ms switch interval, and catching up on a long run stalled the window for 100-300 ms.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from core.train import events as ev
from core.train.run_folder import parse_event, read_event_bytes

FOLLOW_INTERVAL_MS = 250  # how often an attached run folder is polled for new lines
FOLLOW_CHUNK_BYTES = 256 * 1024  # ~1,300 step lines read per request of the GUI thread
PARSE_BUDGET_S = 0.005  # GUI-thread time per pass spent parsing a followed folder's lines


def return_to_main_thread(obj: QObject) -> None:
    """Hand a finished worker back to the GUI thread so it can be deleted there."""
    app = QCoreApplication.instance()
    if app is not None:
        obj.moveToThread(app.thread())


def _relocate(path: str | None, run_dir: Path) -> str | None:
    """A sample path written on another machine, mapped into the local copy of its run folder."""
    if not path or Path(path).exists():
        return path
    parts = Path(path).parts
    if "samples" in parts:
        local = run_dir.joinpath(*parts[parts.index("samples") :])
        if local.exists():
            return str(local)
    return path


def relocated(event: object, run_dir: Path) -> object:
    if not isinstance(event, ev.SampleRendered):
        return event
    return replace(
        event,
        path=_relocate(event.path, run_dir),
        input_path=_relocate(event.input_path, run_dir),
        clean_path=_relocate(event.clean_path, run_dir),
    )


class FollowWorker(QObject):
    """Reads a run folder's events.jsonl from its own thread and hands over raw lines."""

    lines = Signal(bytes, bool)  # complete lines; whether more are waiting on disk
    failed = Signal(object)  # str (as the train worker's: gui.training.controller)
    done = Signal()

    def __init__(self, run_dir: Path, interval_ms: int) -> None:
        super().__init__()
        self._run_dir = Path(run_dir)
        self._offset = 0
        self._interval_ms = interval_ms
        self._timer: QTimer | None = None
        self._warned = False
        self._stopped = False
        self._awaiting_request = False  # a slice is out; the GUI asks for the next

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.poll()

    @Slot()
    def stop(self) -> None:
        self._stopped = True
        if self._timer is not None:
            self._timer.stop()
        return_to_main_thread(self)
        self.done.emit()

    @Slot()
    def next_slice(self) -> None:
        self._awaiting_request = False
        self.poll()

    @Slot()
    def poll(self) -> None:
        if self._stopped or self._awaiting_request:
            return
        try:
            data, self._offset, more = read_event_bytes(
                self._run_dir, self._offset, FOLLOW_CHUNK_BYTES
            )
        except Exception as exc:  # noqa: BLE001 - shown once, then we keep polling
            if not self._warned:
                self._warned = True
                self.failed.emit(
                    self.tr("cannot read {path}: {reason}").format(
                        path=self._run_dir / "events.jsonl", reason=exc
                    )
                )
            return
        if data:
            self._awaiting_request = more
            self.lines.emit(data, more)


class FollowedLines:
    """A followed folder's lines, not parsed yet; parsed on the GUI thread a budget at a time."""

    def __init__(self) -> None:
        self._lines: deque[bytes] = deque()
        self.more_on_disk = False  # the follower has more lines waiting to be read

    def clear(self) -> None:
        self._lines.clear()
        self.more_on_disk = False

    def add(self, data: bytes, more: bool) -> None:
        self._lines.extend(data.splitlines())
        self.more_on_disk = more

    def parse_some(
        self,
        run_dir: Path,
        emit_steps: Callable[[list[ev.StepDone]], None],
        emit_event: Callable[[object], None],
    ) -> bool:
        """Parse lines for PARSE_BUDGET_S, handing on steps in batches and every other event
        in order; returns whether lines are left for the next pass."""
        path = run_dir / "events.jsonl"
        deadline = time.perf_counter() + PARSE_BUDGET_S
        steps: list[ev.StepDone] = []
        lines = self._lines
        while lines:
            for _ in range(min(64, len(lines))):
                event = parse_event(lines.popleft(), path)
                if isinstance(event, ev.StepDone):
                    steps.append(event)
                elif event is not None:
                    if steps:  # steps before an event are shown before it
                        emit_steps(steps)
                        steps = []
                    emit_event(relocated(event, run_dir))
            if time.perf_counter() > deadline:
                break
        if steps:
            emit_steps(steps)
        return bool(lines)
