"""Screenshot of the Dataset tab with a real (espeak-ng) clip, an edit and a selection.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_dataset.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.style import apply_style  # noqa: E402
from tests.support.audiogen import noise, speech, write  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "dataset.png"


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="wavesmith-shot-"))
    QCoreApplication.setOrganizationName("WavesmithScreenshot")
    QCoreApplication.setApplicationName("WavesmithScreenshot")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)  # the look of the app (gui.app applies the same sheet)
    from PySide6.QtCore import QSettings

    QSettings().clear()  # the default layout, not whatever the last run left
    from gui.main_window import MainWindow

    clean = tmp / "recordings" / "clean"
    speech(clean / "take_01.wav", "Please record every take in a quiet room.", "en-us", sr=44100)
    speech(clean / "take_02.wav", "The quick brown fox jumps over the lazy dog.", "en-gb", sr=44100)
    speech(
        clean / "take_03.wav", "Listen closely and compare the two versions.", "en-us+f3", sr=44100
    )
    write(tmp / "recordings" / "noise" / "fan_hum.wav", noise(3.0, 44100, 0.05), 44100)

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    win.new_project(tmp / "project")
    tab = win.dataset_tab
    loop = QEventLoop()
    tab.imported.connect(loop.quit)
    tab.import_paths([str(tmp / "recordings")])
    loop.exec()
    clip = next(c for c in win.project.clips() if c.name == "take_01")
    tab.browser.select_clip(clip.id)
    wait(200)
    sr = clip.sample_rate
    # One edit in the history and a selection over a word, as a user would leave it.
    tab.wave_view.set_selection(0, int(0.12 * sr))
    tab.fade_in()
    tab.wave_view.set_selection(int(0.85 * sr), int(1.75 * sr))
    tab.wave_view.set_cursor(int(0.85 * sr))
    wait(1500)  # let the statistics thread finish
    tab.wave_view.set_selection(int(0.85 * sr), int(1.75 * sr))
    wait(300)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(OUT))
    print(f"saved {OUT}")
    tab.shutdown()
    win.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
