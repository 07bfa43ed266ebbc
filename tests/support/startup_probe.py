"""One app start, timed from inside, in a fresh process: run by tests/gui/test_startup.py and
bench/bench_startup.py (not collected by pytest: the name does not start with test_).

    python tests/support/startup_probe.py T0 [--root DIR] [--no-preload] [--timeout S]

T0 is the parent's `time.time()` just before it started this process, so every figure
counts the interpreter's own start and every import. The app starts as `run_gui` starts it
(`gui.app.start_gui`; in a checkout from before start-up was reordered, `create_window`),
then this probe watches, every 5 ms on the GUI thread:

- the first paint of the main window (an event filter of its own, not the app's);
- when each tab exists, when the Hardware tab shows a detected machine, when the
  background imports are ready (the Training and Listen tabs need them) and finished;
- a 10 ms heartbeat from the first paint on: the longest gaps between its ticks, wall time
  and the GUI thread's own CPU time (the rest of a gap is waiting for the GIL or a core);
- once everything is loaded, how long switching to each tab takes until it is painted.

Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

HEAVY = ("torch", "scipy", "scipy.stats", "scipy.signal", "librosa", "numba", "matplotlib")
TAB_TITLES = ("Dataset", "Hardware", "Training", "Listen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("t0", type=float)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("--no-preload", action="store_true", help="torch without core.torch_libs")
    parser.add_argument("--timeout", type=float, default=90.0)
    args = parser.parse_args()
    t0 = args.t0

    def now() -> float:
        return time.time() - t0

    sys.path.insert(0, args.root)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from gui import app as gui_app

    if args.no_preload:
        import core.torch_libs

        core.torch_libs.preload_torch_libraries = lambda: False

    marks: dict[str, float] = {}
    out: dict = {"marks": marks}

    class Painted(QObject):
        def __init__(self, widget, name: str, then=None) -> None:
            super().__init__(widget)
            self.name, self.then = name, then
            widget.installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            marks.setdefault(self.name, now())
            if self.then is not None:
                self.then()

    start_gui = getattr(gui_app, "start_gui", None)
    if start_gui is not None:
        app, window = start_gui(["wavesmith"])
        from gui.heavy_imports import heavy_imports

        loader = heavy_imports()
    else:  # the app before start-up was reordered: everything imported and built up front
        app = QApplication.instance() or QApplication(["wavesmith"])
        gui_app.configure_application_identity()
        window = gui_app.create_window(None)
        loader = None
    marks["window_created"] = now()

    gaps: list[tuple[float, float, float]] = []  # (at, wall gap, GUI-thread CPU in the gap)
    last = [0.0, 0.0]

    def beat() -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        gaps.append((now(), wall - last[0], cpu - last[1]))
        last[0], last[1] = wall, cpu

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)

    def on_paint() -> None:
        out["heavy_at_paint"] = sorted(m for m in HEAVY if m in sys.modules)
        # CPU time of the whole process (interpreter start included) to the first paint:
        # steadier than wall time on a loaded machine, where the wall waits for a core.
        out["cpu_at_paint"] = time.process_time()
        last[0], last[1] = time.perf_counter(), time.thread_time()
        heartbeat.start()

    Painted(window, "painted", on_paint)

    def built() -> dict[str, object]:
        if hasattr(window, "built_tabs"):
            tabs = {w: True for w in window.built_tabs()}
            return {
                t: window.tabs.widget(i)
                for i, t in enumerate(TAB_TITLES)
                if window.tabs.widget(i) in tabs
            }
        return {t: window.tabs.widget(i) for i, t in enumerate(TAB_TITLES)}

    def ready() -> bool:
        return loader is None or loader.is_ready()

    def finished() -> bool:
        return loader is None or loader.is_finished()

    def poll() -> None:
        tabs = built()
        for title in tabs:
            marks.setdefault(f"built_{title}", now())
        if len(tabs) == len(TAB_TITLES):
            marks.setdefault("tabs_built", now())
        # Ready first: seen in the same poll, the detection (which waits for it) came after.
        if ready():
            marks.setdefault("ready", now())
        hw = tabs.get("Hardware")
        if hw is not None and getattr(hw, "machine", None) is not None:
            marks.setdefault("hardware_detected", now())
        if finished():
            marks.setdefault("finished", now())
        done = all(k in marks for k in ("painted", "tabs_built", "hardware_detected", "finished"))
        if done or now() > args.timeout:
            poller.stop()
            # What follows the end of the imports (the garbage collector's freeze) counts too.
            QTimer.singleShot(300, heartbeat.stop)
            QTimer.singleShot(400, switch_tabs)

    for title in built():  # built with the window, before the event loop runs
        marks[f"built_{title}"] = marks["window_created"]
    poller = QTimer()
    poller.setInterval(5)
    poller.timeout.connect(poll)
    poller.start()

    switch_ms: dict[str, float] = {}
    order = list(range(1, len(TAB_TITLES))) + [0]

    def switch_tabs() -> None:
        if not order:
            finish()
            return
        index = order.pop(0)
        widget = window.tabs.widget(index)
        started = time.perf_counter()

        def painted() -> None:
            switch_ms[TAB_TITLES[index]] = 1000 * (time.perf_counter() - started)
            QTimer.singleShot(100, switch_tabs)

        Painted(widget, f"switch_{index}", painted)
        window.tabs.setCurrentIndex(index)

    def finish() -> None:
        paint = marks.get("painted", float("nan"))
        usable = {
            "Dataset": max(paint, marks.get("built_Dataset", paint)),
            "Hardware": max(paint, marks.get("hardware_detected", float("nan"))),
            "Training": max(paint, marks.get("built_Training", paint), marks.get("ready", paint)),
            "Listen": max(paint, marks.get("built_Listen", paint), marks.get("ready", paint)),
        }
        built_at = marks.get("tabs_built", paint)
        out["usable"] = usable
        out["switch_ms"] = switch_ms
        out["heartbeat"] = {
            "all": _gap_stats(gaps),
            # By when each gap began: the one a tab's building causes ends after it.
            "building_tabs": _gap_stats([g for g in gaps if g[0] - g[1] < built_at]),
            "after_tabs_built": _gap_stats([g for g in gaps if g[0] - g[1] >= built_at]),
        }
        out["long_gaps"] = [
            [round(a, 3), round(1000 * w), round(1000 * c)] for a, w, c in gaps if w > 0.1
        ]
        out["gc"] = {"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects())}
        out["seconds"] = dict(getattr(loader, "seconds", {}))
        out["timed_out"] = now() > args.timeout
        print(json.dumps(out), flush=True)
        window.close()
        app.quit()

    app.exec()
    return 0


def _gap_stats(gaps: list[tuple[float, float, float]]) -> dict[str, float]:
    if not gaps:
        return {"ticks": 0, "worst_ms": 0.0, "p99_ms": 0.0, "worst_cpu_ms": 0.0, "worst_at": 0.0}
    walls = sorted(g[1] for g in gaps)
    worst = max(gaps, key=lambda g: g[1])
    return {
        "ticks": len(gaps),
        "worst_ms": 1000 * worst[1],
        "worst_at": worst[0],
        "p99_ms": 1000 * walls[int(0.99 * (len(walls) - 1))],
        "worst_cpu_ms": 1000 * max(g[2] for g in gaps),
        "over_100ms": sum(g[1] > 0.1 for g in gaps),
    }


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
