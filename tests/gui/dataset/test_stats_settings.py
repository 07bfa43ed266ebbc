"""The Dataset statistics count segments with the settings that will train (issue #15, 8)."""

from __future__ import annotations

from gui.main_window import MainWindow
from tests.support.audiogen import sine, write


def test_statistics_use_the_training_tabs_segment_length_and_rate(qtbot, tmp_path):
    write(tmp_path / "speech" / "take.wav", sine(300, 5.0, sr=16000), 16000)
    window = MainWindow()
    qtbot.addWidget(window)
    window.new_project(tmp_path / "proj")
    form = window.training_tab.form
    config = form.config()
    config.data.sample_rate, config.data.segment_samples = 16000, 32000  # 2 s segments
    form.set_config(config)
    panel = window.dataset_tab.stats_panel
    with qtbot.waitSignal(window.dataset_tab.imported, timeout=60_000):
        window.dataset_tab.import_paths([str(tmp_path / "speech")])
    with qtbot.waitSignal(panel.stats_ready, timeout=60_000) as ready:
        panel.refresh()
    stats = ready.args[0]
    assert stats.segment_seconds == 2.0  # not the 4 s default
    assert "segments of 2 s" in panel.text.toPlainText()
    assert stats.files[0].segments == 2  # 5 s of tone in 2 s segments
