"""The window's steps of `wavesmith --self-test` (cli.self_test runs them, main.py hands
them over): the main window opens offscreen with every tab built, and the translations
shipped in resources/i18n load.

The window runs on its own settings in a temporary folder, so a self-test neither opens
the user's last project nor overwrites the window geometry and tab they left.
"""

from __future__ import annotations

import os
import tempfile
from importlib.resources import files
from pathlib import Path

TAB_TIMEOUT_MS = 120_000  # every tab built, on a slow machine with torch importing


def _application():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a display is not the test
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("Wavesmith")
        QCoreApplication.setApplicationName("Wavesmith self-test")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        settings_dir = tempfile.mkdtemp(prefix="wavesmith-self-test-settings-")
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        app = QApplication(["wavesmith"])
    return app


def open_window(state) -> str:
    from PySide6.QtCore import QEventLoop, QTimer

    from gui.main_window import MainWindow
    from gui.style import apply_style

    app = _application()
    apply_style(app)
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    built: list[bool] = []
    window.build_all_tabs(then=lambda: (built.append(True), loop.quit()))
    if not built:
        QTimer.singleShot(TAB_TIMEOUT_MS, loop.quit)
        loop.exec()
    tabs = window.tabs.count()
    platform = app.platformName()
    window.close()
    window.deleteLater()
    app.processEvents()
    if not built:
        raise RuntimeError(f"the tabs were not built within {TAB_TIMEOUT_MS // 1000} s")
    return f"{tabs} tabs on the {platform} platform"


def translation_files() -> list[Path]:
    folder = files("resources") / "i18n"
    if not folder.is_dir():
        return []
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".qm"))


def load_translations(state) -> str:
    from PySide6.QtCore import QTranslator

    _application()
    found = translation_files()
    if not found:
        return "none yet (resources/i18n has no .qm files)"
    for path in found:
        translator = QTranslator()
        if not translator.load(str(path)):
            raise RuntimeError(f"{path}: Qt cannot load this translation")
    return ", ".join(p.stem for p in found)


STEPS = (("window", open_window), ("translations", load_translations))
