"""Screenshot of the Training tab mid-training: a real (small) run on espeak-ng speech.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_training.py
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop
from screenshot_app import finish, save_shot, start_app, wait

SHOT_AT_EPOCH = 12  # enough epochs for curves, while the run is still going


def main() -> int:
    app, tmp = start_app()
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
    wait(400)
    ok = save_shot(win, "training")
    tab.actions.stop_run()
    tab.controller.wait(60_000)
    return finish(app, win, ok)


if __name__ == "__main__":
    sys.exit(main())
