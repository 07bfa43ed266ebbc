"""Stopping and pausing a run, asked from any thread (the window, a signal handler).

The run looks at these between steps, never inside one: a stop saves a checkpoint and ends
the run cleanly, a pause holds the loop until resumed (or stopped).
"""

from __future__ import annotations

import threading


class RunControl:
    """The stop and pause requests of one run."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def request_stop(self) -> None:
        self._stop.set()
        self._running.set()  # a paused run must wake up to stop

    def request_pause(self) -> None:
        self._running.clear()

    def request_resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def wait_while_paused(self) -> None:
        while not self._running.wait(timeout=0.5):
            pass
