"""Screenshot of the Listen tab after processing a noisy spoken clip with a trained model.

A small speech denoiser is trained for a few epochs on espeak-ng clips (a real run folder,
made by the real trainer), then the tab processes a noisy take with it against its clean
reference, shows spectrograms, a loop selection and the meters mid-playback.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_listen.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop
from screenshot_app import finish, save_shot, start_app, wait

from tests.support.audiogen import noise, speech, speech_corpus, write

SR = 22050


def train_small_denoiser(project, epochs: int) -> Path:
    """A short real training run of the speech preset (a few minutes on two cores)."""
    from core.dataset.importer import import_paths
    from core.train.config import TrainConfig
    from core.train.run_folder import new_run_dir
    from core.train.trainer import Trainer

    corpus = Path(project.root).parent / "corpus" / "clean"
    speech_corpus(corpus, 16, sr=SR)
    import_paths(project, [corpus], role="clean")
    cfg = TrainConfig.preset("speech").with_overrides(
        {
            "run.epochs": epochs,
            "run.batch_size": 8,
            "run.workers": 0,
            "run.device": "cpu",
            "data.cache": "off",
            "data.noise.kinds": ["white", "pink"],
            "data.noise.snr_db": [0.0, 10.0],
            "optim.early_stop_patience": 0,
        }
    )
    run_dir = new_run_dir(project.runs_dir, task="denoise", name="speech-denoiser")
    Trainer(project, cfg, run_dir).run()
    return run_dir


def main() -> int:
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    app, tmp = start_app()
    from core.audio.io import read_audio
    from gui.localized import format_duration  # the reader's decimal point, as the tab writes it
    from gui.main_window import MainWindow

    clean_path = speech(
        tmp / "takes" / "take_07_clean.wav",
        "Listen closely and compare the two versions.",
        "en-gb+m3",
        sr=SR,
    )
    clean, _ = read_audio(clean_path)
    noisy = clean + noise(clean.shape[0] / SR, SR, amp=0.04, seed=9)[: clean.shape[0]]
    noisy_path = write(tmp / "takes" / "take_07_noisy.wav", noisy, SR)

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    project = win.new_project(tmp / "project")
    run_dir = train_small_denoiser(project, epochs)
    win.open_project(tmp / "project")  # refreshes the tabs with the new run
    win.tabs.setCurrentWidget(win.listen_tab)
    tab = win.listen_tab
    tab.set_original(noisy_path)
    tab.set_reference(clean_path)
    tab.set_model_path(run_dir)
    loop = QEventLoop()
    tab.processed.connect(loop.quit)
    tab.process_failed.connect(lambda reason: (print(reason), loop.quit()))
    tab.processing.process()
    loop.exec()
    tab.transport.spectrogram_toggle.setChecked(True)
    frames = tab.ab_view.view_a.frames
    tab.ab_view.view_a.set_selection(int(0.30 * frames), int(0.62 * frames))
    tab.transport.loop_toggle.setChecked(True)
    tab.transport.select("B")
    # Meters and playhead as they look mid-playback (no sound card under Xvfb is needed:
    # the player renders the same blocks its callback would).
    tab.player.seek(int(0.45 * frames))
    for _ in range(40):
        tab.player.next_block(512)
    tab.transport.meter.set_levels(*tab.player.levels())
    tab.transport.time_label.setText(
        format_duration(tab.player.position / tab.player.sample_rate, decimals=3)
    )
    for view in (tab.ab_view.view_a, tab.ab_view.view_b):
        view.set_playhead(tab.player.position)
    tab.transport.timer.stop()
    wait(600)
    ok = save_shot(win, "listen", f": {tab.sources.metrics_label.text()}")
    return finish(app, win, ok, tab)


if __name__ == "__main__":
    sys.exit(main())
