"""Shared fixtures. Qt runs offscreen unless a display is given (screenshots use Xvfb)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Two cores here: torch's default of one thread per core fights with the loader and Qt.
os.environ.setdefault("OMP_NUM_THREADS", "2")

from tests.support import pulse  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _site_packages_bytecode():
    """Where PYTHONDONTWRITEBYTECODE is set, test subprocesses would compile torch and Qt's
    bindings from source each time a package lacks bytecode (tests/support/bytecode.py)."""
    if sys.flags.dont_write_bytecode:
        from tests.support.bytecode import compile_site_packages

        compile_site_packages()


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory):
    """QSettings and XDG folders under a temporary HOME, so tests never touch the user's."""
    home = tmp_path_factory.mktemp("home")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName("WavesmithTests")
    QCoreApplication.setApplicationName("WavesmithTests")
    yield


@pytest.fixture(autouse=True)
def _fresh_settings(_isolated_settings):
    """Each test starts from no saved settings: a window closed on the Listen tab by one
    test reopened there in the next, whose drops then went to Listen and whose Dataset
    shortcuts were dead. (QSettings caches its folder per process, so the XDG folders
    above stay per session.)"""
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.clear()
    settings.sync()
    yield


@pytest.fixture(scope="session", autouse=True)
def _no_automatic_garbage_collection():
    """As in the app (gui.gc_policy): cyclic garbage is never collected in the middle of a
    Qt call, where destroying a QObject can deadlock on a lock that call holds (a test
    hung in ~QObject under QObject::disconnect). Each test's garbage goes after the test."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    yield
    gc.collect()


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory):
    """A real PulseAudio server with a null sink; its monitor records what was played."""
    why = pulse.pulse_available()
    if why is not None:
        if os.environ.get("CI"):
            pytest.fail(f"audio output tests need PulseAudio in CI: {why}")
        pytest.skip(why)
    server = pulse.start_pulse(tmp_path_factory.mktemp("pulse"))
    yield server
    pulse.stop_pulse(server)


@pytest.fixture
def window(qtbot, tmp_path):
    """The main window, shown and active (shortcuts only fire in the active window), with
    a new project, styled as the app is; its Dataset tab's background work is stopped
    afterwards."""
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.style import apply_style

    app = QApplication.instance()
    apply_style(app)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.new_project(tmp_path / "proj")
    yield win
    win.dataset_tab.shutdown()
    app.setStyleSheet("")  # the next test starts unstyled, as a tab built alone is


# The window's timing tests run first, in the state the app is in: one window. Late in the
# suite they also measured what hundreds of earlier tests left in the process (their windows'
# timers and threads, their heap), and failed there alone: 111 ms and 137 ms gaps at the end
# of a full run, 3 of 3 passes when run by themselves.
TIMING_FIRST = ("tests/gui/test_heartbeat.py",)


def pytest_collection_modifyitems(session, config, items):
    first = [i for i in items if i.nodeid.startswith(TIMING_FIRST)]
    if first:
        rest = [i for i in items if not i.nodeid.startswith(TIMING_FIRST)]
        items[:] = first + rest


@pytest.fixture(autouse=True)
def _english_as_the_app_speaks_it(request):
    """A Qt test sees the English the app shows (gui.app installs it at start): its plural
    forms from resources/i18n/wavesmith_en.ts, "1 file" and "2 files", not "1 file(s)"."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from gui.i18n import current_language, install_language

    if current_language() == "en":  # a module fixture may have installed French already
        from PySide6.QtCore import QLocale

        install_language("en")
        # Numbers as the tests have always read them (the system's format, not en_US's).
        QLocale.setDefault(QLocale.system())
    yield
