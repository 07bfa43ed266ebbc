"""Screenshot of the Hardware tab after a real batch probe on this machine.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_hardware.py

A project with a few espeak-ng clips and half an hour of longer takes is created in a
temporary folder; the tab detects the
machine it runs on (no GPU here, so it says so) and measures the speech preset's model on
the CPU up to batch 16, then shows the time estimate for an 8-hour budget.
"""

from __future__ import annotations

import sys

from screenshot_app import finish, save_shot, start_app, wait, wait_for

from tests.support.audiogen import SENTENCES, VOICES, sine, speech, write


def main() -> int:
    app, tmp = start_app()
    from core.dataset.importer import import_paths
    from gui.main_window import MainWindow

    clean = tmp / "recordings" / "clean"
    for i, text in enumerate(SENTENCES):
        speech(clean / f"take_{i:02d}.wav", text, VOICES[i % len(VOICES)], sr=22050)
    # Plus half an hour of longer takes, so the time estimate describes a real-sized dataset
    # (the Hardware tab only reads durations from the index).
    for i in range(20):
        write(clean / f"session_{i:02d}.wav", sine(110.0 + 7.0 * i, 90.0, sr=22050), 22050)

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    project = win.new_project(tmp / "project")
    import_paths(project, [clean], role="clean")
    tab = win.hardware_tab
    tab.set_project(project)  # dataset size after the import
    win.tabs.setCurrentWidget(tab)
    wait_for(tab.machine_ready, 60000)
    tab.probe_panel.device_combo.setCurrentText("cpu")
    tab.probe_panel.max_batch_spin.setValue(16)
    tab.advice_panel.hours_radio.setChecked(True)
    tab.advice_panel.hours_spin.setValue(8.0)
    tab.probe_panel.start_probe()
    wait_for(tab.probe_finished, 300000)
    wait(300)
    ok = save_shot(win, "hardware")
    return finish(app, win, ok)


if __name__ == "__main__":
    sys.exit(main())
