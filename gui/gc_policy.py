"""When Python collects cyclic garbage in the app: between events, on the GUI thread.

CPython's automatic collection has two problems in a Qt app:

- It runs at whatever allocation crosses a threshold, in whatever thread, and destroys
  the QObjects left in reference cycles right there. Inside a Qt call that holds a
  connection lock (pyqtgraph re-parenting an item calls QObject::disconnect, which looks
  up a Python override, which allocates), destroying a QObject that needs the same lock
  deadlocks the process; the test suite hung that way once.
- A full collection walks every tracked object holding the GIL: with torch, Qt and
  pyqtgraph loaded ~430k objects and ~300 ms, over a second while training keeps both
  cores busy, and the window freezes for that long.

So the objects that exist once start-up is over (modules, classes, functions: they live
as long as the app) are frozen out of collection, automatic collection is switched off,
and a timer on the GUI thread runs whichever generations are due, between events.

Start-up ends after the window is painted, when torch and the rest have been imported in
the background (gui.heavy_imports). The collector is paused until then: the objects those
imports create live as long as the app, and a collection walking them would pause the
window (a generation-1 pass over ~300k new objects). Then everything is frozen without a
collection first: that full collection took 0.25-0.4 s on the GUI thread to free ~9,000
objects of import-time garbage (~7 MB), which are kept instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_INTERVAL_MS = 500


def freeze_startup_objects(collect: bool = True) -> None:
    """Move everything alive now to the permanent generation (`gc.freeze`), after one last
    full collection so no garbage is frozen with it (unless `collect` is False)."""
    if collect:
        gc.collect()
    gc.freeze()


class GarbageCollector(QObject):
    """Switches automatic collection off and collects from a timer instead.

    Uses the interpreter's own thresholds: generation 0 is collected when its allocation
    count is over the threshold, older generations when enough younger collections have
    happened, exactly as automatic collection would, only at a safe moment.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = COLLECT_INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        self.collections = 0
        self.paused = False  # start-up sets it while its imports run (module docstring)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        if self.paused:
            return
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = gc.get_threshold()
        if c0 <= t0:
            return
        generation = 2 if c2 >= t2 else 1 if c1 >= t1 else 0
        gc.collect(generation)
        self.collections += 1
