"""What every screenshot script does around its tab: the repository on `sys.path`, a fresh
application with the app's style and default settings, waits on the Qt event loop, and the
saved picture under docs/screenshots/.

The scripts run as `python scripts/screenshot_<tab>.py`, so this folder is on `sys.path`
and they import this module before anything of the app's. `--lang fr` (or WAVESMITH_LANG=fr)
takes the interface in that language and saves under docs/screenshots/fr/:

    for s in scripts/screenshot_{dataset,hardware,training,listen}.py; do
        xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python "$s" --lang fr; done
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"


def _language() -> str:
    """`--lang CODE` (taken out of sys.argv), else WAVESMITH_LANG, else English."""
    if "--lang" in sys.argv:
        i = sys.argv.index("--lang")
        code = sys.argv[i + 1] if i + 1 < len(sys.argv) else "en"
        del sys.argv[i : i + 2]
        return code
    return os.environ.get("WAVESMITH_LANG", "en")


LANG = _language()


def start_app() -> tuple[QApplication, Path]:
    """The application, styled as gui.app styles it, with the default layout (not whatever
    the last run left), and a fresh temporary folder for the script's files."""
    tmp = Path(tempfile.mkdtemp(prefix="wavesmith-shot-"))
    QCoreApplication.setOrganizationName("WavesmithScreenshot")
    QCoreApplication.setApplicationName("WavesmithScreenshot")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gui.i18n import install_language
    from gui.style import apply_style

    QSettings().clear()
    install_language(LANG, app)  # before the window: widgets take their texts when built
    apply_style(app)
    return app, tmp


def wait(ms: int) -> None:
    """Let the event loop run for `ms` (timers, threads' results, a repaint)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal, timeout_ms: int) -> None:
    """Run the event loop until `signal` fires, or `timeout_ms` at the most."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def save_shot(win: QWidget, name: str, note: str = "") -> bool:
    """Grab the window into docs/screenshots/<name>.png and say where it went."""
    out = (SHOTS if LANG == "en" else SHOTS / LANG) / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = win.grab().save(str(out))
    print(f"{'saved' if ok else 'FAILED to save'} {out}{note}")
    return ok


def finish(app: QApplication, win: QWidget, ok: bool, *tabs) -> int:
    """Shut the tabs down (their jobs and players), close the window; the exit status."""
    for tab in tabs:
        tab.shutdown()
    win.close()
    app.processEvents()
    return 0 if ok else 1
