"""Screenshot of the Training tab mid-training: a real (small) run on espeak-ng speech.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_training.py
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

OUT = ROOT / "docs" / "screenshots" / "training.png"
SHOT_AT_EPOCH = 12  # enough epochs for curves, while the run is still going


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="wavesmith-shot-"))
    QCoreApplication.setOrganizationName("WavesmithScreenshot")
    QCoreApplication.setApplicationName("WavesmithScreenshot")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)  # the look of the app (gui.app applies the same sheet)
    from PySide6.QtCore import QSettings

    QSettings().clear()
    from gui.main_window import MainWindow
    from tests.support.training import make_project, tiny_config

    project = make_project(tmp, "speech_or_tones", clips=12)
    root = project.root
    project.close()

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    win.open_project(root)
    tab = win.training_tab
    win.tabs.setCurrentWidget(tab)
    # A little larger than the tests' run, so the curves have something to say.
    tab.form.set_config(
        tiny_config(
            "gui",
            epochs=60,
            **{"model.hidden": 32, "model.layers": 3, "data.sample_clips": 2, "run.batch_size": 8},
        )
    )
    loop = QEventLoop()
    tab.controller.epoch_done.connect(lambda e: e.epoch + 1 >= SHOT_AT_EPOCH and loop.quit())
    tab.controller.finished.connect(lambda _e: loop.quit())
    tab.actions.start_run()
    loop.exec()
    # Open the newest epoch's samples and let the plot timer draw the last steps.
    top = tab.run_view.samples.tree.topLevelItem(0)
    if top is not None and top.childCount():
        tab.run_view.samples.tree.setCurrentItem(top.child(0))
    wait = QEventLoop()
    QTimer.singleShot(400, wait.quit)
    wait.exec()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    ok = win.grab().save(str(OUT))
    print(f"{'saved' if ok else 'FAILED to save'} {OUT}")
    tab.actions.stop_run()
    tab.controller.wait(60_000)
    win.close()
    app.processEvents()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
