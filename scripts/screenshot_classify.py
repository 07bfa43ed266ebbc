"""Screenshot of the Listen tab classifying recordings with a trained classifier: the
detections along a recording of four generated sound classes back to back, over its
waveform and as a table.

A small classifier is trained on generated class folders (tests/support/class_folders, a
real run folder made by the real trainer, a few seconds), then the tab classifies a new
recording of its classes in the background and draws the detections.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_classify.py
"""

from __future__ import annotations

import sys

import numpy as np
from screenshot_app import finish, save_shot, start_app, wait, wait_for

from tests.support.audiogen import write
from tests.support.class_folders import class_sound
from tests.support.training import (
    build_classify_cache,
    make_classify_project,
    tiny_classify_config,
)

SR = 16000


def main() -> int:
    app, tmp = start_app()
    from core.train.run_folder import new_run_dir
    from core.train.trainer import Trainer
    from gui.main_window import MainWindow

    project = make_classify_project(tmp / "data", classes=4)
    config = tiny_classify_config(epochs=6)
    build_classify_cache(project, config)
    run_dir = new_run_dir(project.runs_dir, task="classify", name="four-sounds")
    Trainer(project, config, run_dir).run()
    # A new recording: each class in turn, 2 s each (seeds the training never heard).
    order = (2, 0, 3, 1)
    audio = np.concatenate([class_sound(i, 2.0, SR, seed=100 + i) for i in order])
    recording = write(tmp / "field" / "recording_0412.wav", audio, SR, "FLOAT")
    project.close()

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    win.open_project(project.root)
    win.tabs.setCurrentWidget(win.listen_tab)
    tab = win.listen_tab
    tab.set_model_path(run_dir)
    view = tab.classify_view
    view.add_paths([str(recording)])
    view.add_project_clips()
    view.classify()
    wait_for(view.classified, 120_000)
    wait(2000)  # the first file's waveform is read in the background, then drawn
    shown = view.timeline.detections
    ok = save_shot(win, "listen-classify", f": {len(shown)} detections on {recording.name}")
    return finish(app, win, ok, tab)


if __name__ == "__main__":
    sys.exit(main())
