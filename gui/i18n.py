"""The interface's language: which one (the saved choice, else the system's, else English),
and the translators that speak it (Wavesmith's own, resources/i18n/wavesmith_<lang>.qm, and
Qt's qtbase_<lang>.qm for the standard dialogs' buttons). English, the source language, has
a catalog too: the plural forms of the `%n` strings only ("1 file", "2 files").

A language is chosen once, before the first widget is built: widgets take their texts when
they are created, so View → Language applies at the next start (the menu says so).

The .qm files are build outputs, not in git: the frozen build compiles them before
PyInstaller packs resources/ (packaging/build.sh), and a checkout run from source compiles
the .ts here, with the lrelease that ships in the PySide6 wheel, into the user's cache the
first time it starts after the .ts changed (about 50 ms). scripts/translations.py compiles
them into resources/i18n by hand.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QStandardPaths,
    QTranslator,
)

log = logging.getLogger(__name__)

ENGLISH = "en"
# Each language in its own name: a person who cannot read the current one finds theirs.
LANGUAGES = {ENGLISH: "English", "fr": "Français"}
SETTINGS_KEY = "interface/language"
APP_CATALOG = "wavesmith"  # resources/i18n/wavesmith_<lang>.ts and .qm
QT_CATALOG = "qtbase"


def i18n_folder() -> Path:
    return Path(str(files("resources") / "i18n"))


def saved_language() -> str | None:
    value = QSettings().value(SETTINGS_KEY, None)
    return str(value) if value in LANGUAGES else None


def save_language(code: str) -> None:
    """Remember `code` for the next start (the current window keeps its language)."""
    if code not in LANGUAGES:
        raise ValueError(f"no interface in language {code!r}")
    QSettings().setValue(SETTINGS_KEY, code)


def system_language() -> str:
    return QLocale.system().name().split("_")[0]


def chosen_language() -> str:
    """The saved choice, else the system's language when Wavesmith speaks it, else English."""
    saved = saved_language()
    if saved is not None:
        return saved
    system = system_language()
    return system if system in LANGUAGES else ENGLISH


def _tool(name: str) -> Path | None:
    """A Qt Linguist tool from the PySide6 wheel (absent in the frozen build)."""
    try:
        import PySide6
    except ImportError:  # pragma: no cover - PySide6 is imported above
        return None
    exe = name + (".exe" if sys.platform == "win32" else "")
    path = Path(PySide6.__file__).parent / exe
    return path if path.is_file() else None


def lrelease(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm` (written beside, then renamed into place)."""
    tool = _tool("lrelease")
    if tool is None:
        raise FileNotFoundError("lrelease (from the PySide6 wheel) is not installed")
    qm.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".qm", dir=qm.parent)
    os.close(fd)
    try:
        subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", tmp],
            check=True,
            capture_output=True,
            timeout=60,
        )
        os.replace(tmp, qm)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _cache_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or tempfile.gettempdir()) / "i18n"


def compiled_catalog(lang: str) -> Path | None:
    """The .qm of `lang`: the one shipped in resources/i18n when it is not older than its
    .ts, else the .ts compiled into the cache (named by its content, so an edited .ts is
    compiled again); None when there is neither."""
    folder = i18n_folder()
    ts = folder / f"{APP_CATALOG}_{lang}.ts"
    shipped = folder / f"{APP_CATALOG}_{lang}.qm"
    # A frozen build has no lrelease and copies files without their times: its .qm is the
    # one build.sh compiled.
    frozen = getattr(sys, "frozen", False)
    if shipped.is_file() and (
        frozen or not ts.is_file() or shipped.stat().st_mtime >= ts.stat().st_mtime
    ):
        return shipped
    if not ts.is_file():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cached = _cache_folder() / f"{APP_CATALOG}_{lang}-{digest}.qm"
    if not cached.is_file():
        try:
            lrelease(ts, cached)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("cannot compile %s: %s; the interface stays in English", ts, exc)
            return None
    return cached


def locale_for(lang: str) -> QLocale:
    """The number format of `lang`: the system's own when it speaks that language (a
    Canadian keeps fr_CA), else the language's main country."""
    system = QLocale.system()
    if system.name().split("_")[0] == lang:
        return system
    return QLocale(lang)


def install_language(lang: str | None = None, app: QCoreApplication | None = None) -> str:
    """Translate the interface into `lang` (default: `chosen_language()`) and format numbers
    its way; returns the language in force. Call before any widget is built."""
    app = app or QCoreApplication.instance()
    remove_language(app)
    lang = lang or chosen_language()
    if lang not in LANGUAGES:
        lang = ENGLISH
    QLocale.setDefault(locale_for(lang))
    installed: list[QTranslator] = []
    catalog = compiled_catalog(lang)
    ours = QTranslator(app)
    if catalog is not None and ours.load(str(catalog)):
        app.installTranslator(ours)
        installed.append(ours)
    elif lang == ENGLISH:
        log.warning("no English plural forms found; counts read '%s'", "1 file(s)")
    else:
        log.warning("no %s translation of Wavesmith found; the interface stays in English", lang)
    _installed[id(app)] = installed
    if lang == ENGLISH:
        # The source strings are English; its catalog only holds the plural forms of the
        # `%n` strings ("1 file", "2 files"), and Qt's own dialogs speak English already.
        return ENGLISH
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(lang), QT_CATALOG, "_", qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    app.setProperty("wavesmithLanguage", lang)
    _installed[id(app)] = installed
    return lang


def remove_language(app: QCoreApplication | None = None) -> None:
    """Back to English and the system's number format (tests switch languages)."""
    app = app or QCoreApplication.instance()
    for translator in _installed.pop(id(app), []):
        app.removeTranslator(translator)
    app.setProperty("wavesmithLanguage", ENGLISH)
    QLocale.setDefault(QLocale.system())


def current_language(app: QCoreApplication | None = None) -> str:
    app = app or QCoreApplication.instance()
    value = app.property("wavesmithLanguage") if app is not None else None
    return str(value) if value in LANGUAGES else ENGLISH


# The translators in force per application: Qt does not own them, so they must stay alive.
_installed: dict[int, list[QTranslator]] = {}
