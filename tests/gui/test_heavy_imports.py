"""gui.heavy_imports: modules imported once, in a background thread, with callbacks after."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QLabel

from gui.heavy_imports import HeavyImports

SLOW_MODULE = """
import threading, time
time.sleep(0.3)  # a heavy import
THREAD = threading.current_thread().name
"""


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """Two importable modules never imported before: a slow one and a quick one."""
    stem = tmp_path.name.replace("-", "_")
    slow, quick = f"slow_{stem}", f"quick_{stem}"
    (tmp_path / f"{slow}.py").write_text(SLOW_MODULE)
    (tmp_path / f"{quick}.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield slow, quick
    for name in (slow, quick):
        sys.modules.pop(name, None)


def test_imports_in_a_thread_then_calls_back_on_the_gui_thread(qtbot, modules):
    slow, quick = modules
    loader = HeavyImports((slow,), (quick,))
    assert not loader.is_ready()
    called = []
    gui_thread = threading.current_thread()
    with qtbot.waitSignal(loader.finished, timeout=10_000):
        loader.when_ready(lambda: called.append(threading.current_thread()))
        assert called == []  # not imported on the spot: the window would wait
    assert called == [gui_thread]
    assert sys.modules[slow].THREAD == "heavyImports"  # imported in the loader's thread
    assert sys.modules[quick].VALUE == 42
    assert loader.is_ready() and loader.is_finished() and loader.seconds[slow] >= 0.3
    # Once ready, a callback runs at once.
    loader.when_ready(lambda: called.append("now"))
    assert called[-1] == "now"


def test_held_until_released_as_start_up_does(qtbot, modules):
    slow, quick = modules
    loader = HeavyImports((quick,), ())
    loader.hold()
    called = []
    loader.when_ready(lambda: called.append(True))
    qtbot.wait(200)
    assert quick not in sys.modules and not called  # nothing starts while held
    with qtbot.waitSignal(loader.ready, timeout=10_000):
        loader.release()
    assert called == [True]


def test_already_imported_modules_are_ready_without_a_thread():
    loader = HeavyImports(("json", "os"), ("sys",))
    called = []
    loader.when_ready(lambda: called.append(True))
    assert called == [True] and loader.is_finished()
    assert loader.wait(0)  # no thread was started


def test_a_failing_import_is_recorded_and_the_tabs_still_get_their_callback(qtbot, modules):
    slow, quick = modules
    loader = HeavyImports(("wavesmith_no_such_module", quick), ())
    with qtbot.waitSignal(loader.ready, timeout=10_000):
        loader.start()
    assert "ModuleNotFoundError" in loader.errors["wavesmith_no_such_module"]
    assert quick in sys.modules  # the others were still imported


def test_a_callback_of_a_deleted_widget_is_dropped(qtbot, modules):
    slow, _quick = modules
    loader = HeavyImports((slow,), ())
    label = QLabel()
    loader.when_ready(label.clear)  # would raise on a deleted C++ object
    label.deleteLater()
    qtbot.wait(50)  # deleted before the import finishes
    with qtbot.waitSignal(loader.ready, timeout=10_000):
        pass
