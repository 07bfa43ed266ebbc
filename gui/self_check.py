"""The window's steps of `wavesmith --self-test` (cli.self_test runs them, main.py hands
them over): the main window opens offscreen with every tab built, and the translations
shipped in resources/i18n load.

The window runs on its own settings in a temporary folder, so a self-test neither opens
the user's last project nor overwrites the window geometry and tab they left.
"""

from __future__ import annotations

import os
import tempfile
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
    """Each language's compiled catalog, as the app finds it (gui.i18n.compiled_catalog:
    shipped in resources/i18n, or compiled from its .ts into the cache)."""
    from gui.i18n import ENGLISH, LANGUAGES, compiled_catalog

    found = (compiled_catalog(lang) for lang in LANGUAGES if lang != ENGLISH)
    return [p for p in found if p is not None]


def load_translations(state) -> str:
    """Each catalog loads, and so does Qt's own for its language (the standard dialogs'
    buttons): a build that left out either would show them in English."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from gui.i18n import QT_CATALOG

    _application()
    found = translation_files()
    if not found:
        return "none yet (resources/i18n has no .qm files)"
    loaded = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in found:
        translator = QTranslator()
        if not translator.load(str(path)):
            raise RuntimeError(f"{path}: Qt cannot load this translation")
        lang = path.stem.split("_", 1)[1].split("-")[0]
        if not QTranslator().load(QLocale(lang), QT_CATALOG, "_", qt_folder):
            raise RuntimeError(f"{QT_CATALOG}_{lang}.qm: not found in {qt_folder}")
        loaded += [f"wavesmith_{lang}", f"{QT_CATALOG}_{lang}"]
    return ", ".join(loaded)


STEPS = (("window", open_window), ("translations", load_translations))
