"""Screenshot of the Dataset tab with a real (espeak-ng) clip, an edit and a selection.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_dataset.py
"""

from __future__ import annotations

import sys

from screenshot_app import finish, save_shot, start_app, wait, wait_for

from tests.support.audiogen import noise, speech, write


def main() -> int:
    app, tmp = start_app()
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
    tab.import_bar.import_paths([str(tmp / "recordings")])
    wait_for(tab.imported, 600_000)
    clip = next(c for c in win.project.clips() if c.name == "take_01")
    tab.browser.select_clip(clip.id)
    wait(200)
    sr = clip.sample_rate
    # One edit in the history and a selection over a word, as a user would leave it.
    tab.editor.view.wave_view.set_selection(0, int(0.12 * sr))
    tab.editor.fade_in()
    tab.editor.view.wave_view.set_selection(int(0.85 * sr), int(1.75 * sr))
    tab.editor.view.wave_view.set_cursor(int(0.85 * sr))
    wait(1500)  # let the statistics thread finish
    tab.editor.view.wave_view.set_selection(int(0.85 * sr), int(1.75 * sr))
    wait(300)
    ok = save_shot(win, "dataset")
    return finish(app, win, ok, tab)


if __name__ == "__main__":
    sys.exit(main())
