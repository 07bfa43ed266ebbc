"""Following a run folder: a worker thread reads its events.jsonl as it grows (a run trained
here, or headless on a server and synced back) and hands the GUI thread raw lines, one slice
at a time; sample paths written on another machine are mapped into the local folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from core.train import events as ev
from core.train.run_folder import read_event_bytes

FOLLOW_INTERVAL_MS = 250  # how often an attached run folder is polled for new lines
FOLLOW_CHUNK_BYTES = 256 * 1024  # ~1,300 step lines read per request of the GUI thread


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
    failed = Signal(str)
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
                self.failed.emit(f"cannot read {self._run_dir / 'events.jsonl'}: {exc}")
            return
        if data:
            self._awaiting_request = more
            self.lines.emit(data, more)
