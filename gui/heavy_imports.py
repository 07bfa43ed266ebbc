"""The modules the window does not need to appear, imported in the background once it has.

Importing torch took 2.1 s on the 2-core VM, scipy.stats 1.3 s, torch._dynamo (which the
first optimiser imports) 3.9 s; the window is built from modules that import none of them
(tests/gui/test_startup.py checks it in a fresh process), and `run_gui` starts this loader once
the first frame is painted. A tab that needs one of them asks with `when_ready(callback)`:
the callback runs on the GUI thread as soon as they are imported, at once if they already
are (tests, a second window).

Why a background thread, from measurements (bench/bench_startup.py, docs/bench/startup.md):
importing on the GUI thread from a deferred timer would freeze the just-shown window for
the whole 2-3 s; importing on first use would make the first click on Start, Process or the
Hardware tab wait as long. In a thread, most of the import is Python bytecode, which hands
the GIL back to the GUI thread every 5 ms (the interpreter's switch interval); the exception
was dlopen() of libtorch_cpu.so, which holds the GIL for 300-490 ms, so the thread first
loads that library with the GIL released (core.torch_libs). With that, the longest gap of
the window's 10 ms heartbeat while torch loads was 90-140 ms (quiet machine).

The thread is a plain non-daemon `threading.Thread` rather than the project's TaskThread: an
import cannot be interrupted, so a quit while it runs must wait for it. Python joins
non-daemon threads before finalising by itself; a QThread object destroyed while running
aborts the process.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# What the tabs need so that their buttons never import on the GUI thread: processing in
# the Listen tab, the trainer, device lists and hardware detection.
TAB_MODULES = ("torch", "core.listen.inference", "core.train.trainer")
# Imported after the tabs are ready: scipy.signal for the spectrogram and the training loss
# smoothing (2 s on the busy VM, which the tabs above need not wait for; a spectrogram asked
# for earlier waits for it), then what the first training run would import in its own
# thread (torch._dynamo, by the first optimiser), so Start does not wait for it either and
# its objects are frozen out of the garbage collector's walks with the rest.
LATER_MODULES = ("scipy.signal", "torch._dynamo")


def _imported(name: str) -> bool:
    module = sys.modules.get(name)
    spec = getattr(module, "__spec__", None)
    # A module another thread is still executing is in sys.modules already, half built.
    return module is not None and not getattr(spec, "_initializing", False)


class HeavyImports(QObject):
    """Imports TAB_MODULES, then LATER_MODULES, in one background thread, once."""

    ready = Signal()  # TAB_MODULES imported (or failed to: the error is logged)
    finished = Signal()  # LATER_MODULES too; the thread has ended
    _tabs_done = Signal()  # from the thread, queued to the GUI thread
    _all_done = Signal()

    def __init__(
        self,
        modules: tuple[str, ...] = TAB_MODULES,
        later: tuple[str, ...] = LATER_MODULES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.modules, self.later = modules, later
        self.seconds: dict[str, float] = {}  # module -> import time in the thread
        self.errors: dict[str, str] = {}
        self._ready = False
        self._finished = False
        self._held = False
        self._thread: threading.Thread | None = None
        self._tabs_done.connect(self._on_tabs_done)
        self._all_done.connect(self._on_all_done)

    # -- state ----------------------------------------------------------------------------
    def is_ready(self) -> bool:
        if not self._ready and all(_imported(m) for m in self.modules):
            self._ready = True  # imported elsewhere already (tests): nothing to wait for
        return self._ready

    def is_finished(self) -> bool:
        return self._finished or (self.is_ready() and all(_imported(m) for m in self.later))

    def when_ready(self, callback: Callable[[], object]) -> None:
        """Call `callback` on the GUI thread once TAB_MODULES are imported (now if they are),
        starting the import unless start-up holds it. Connected to `ready`, so a callback
        bound to a widget deleted in the meantime is dropped by Qt."""
        if self.is_ready():
            callback()
            return
        self.ready.connect(callback)
        self.start()

    # -- start-up order ---------------------------------------------------------------------
    def hold(self) -> None:
        """Requests made from now on wait for release(): while the window is built and
        painted, the import would compete with it for the GIL and the CPU."""
        self._held = True

    def release(self) -> None:
        """Start importing (start-up calls this once the window is painted and its tabs
        are built)."""
        self._held = False
        self.start()

    def start(self) -> None:
        if self._held or self._thread is not None or self.is_finished():
            return
        self._thread = threading.Thread(target=self._run, name="heavyImports", daemon=False)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread has ended (tests, benchmarks); True if it has."""
        if self._thread is None:
            return self.is_finished()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- the thread -------------------------------------------------------------------------
    def _import_all(self, names: tuple[str, ...]) -> None:
        for name in names:
            if not threading.main_thread().is_alive():
                return  # the app is quitting: the rest would only delay its exit
            t0 = time.perf_counter()
            try:
                if name == "torch":
                    from core.torch_libs import preload_torch_libraries

                    preload_torch_libraries()
                importlib.import_module(name)
            except Exception as exc:  # a broken install: the tab that needs it says so
                self.errors[name] = f"{type(exc).__name__}: {exc}"
                log.warning("background import of %s failed: %s", name, self.errors[name])
            self.seconds[name] = time.perf_counter() - t0

    def _run(self) -> None:
        self._import_all(self.modules)
        self._emit(self._tabs_done)
        self._import_all(self.later)
        self._emit(self._all_done)

    @staticmethod
    def _emit(signal) -> None:
        try:
            signal.emit()
        except RuntimeError:  # the loader was deleted (end of a test): nobody to tell
            pass

    def _on_tabs_done(self) -> None:
        self._ready = True
        total = sum(self.seconds.get(m, 0.0) for m in self.modules)
        log.info("heavy modules loaded in the background in %.1f s", total)
        self.ready.emit()

    def _on_all_done(self) -> None:
        self._finished = True
        self.finished.emit()


_INSTANCE: HeavyImports | None = None


def heavy_imports() -> HeavyImports:
    """The process's loader (imports are process-wide, so there is one). Create it on the
    GUI thread: its signals are delivered there."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = HeavyImports()
    return _INSTANCE
