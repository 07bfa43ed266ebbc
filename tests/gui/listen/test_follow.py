"""The Listen tab follows the project while the window is open (issue #15, 4): a run trained
in the Training tab, its checkpoints and newly imported clips appear in its pickers without
reopening the project; a new original clears the old comparison."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.listen.comparison import Comparison
from core.listen.inference import ProcessResult
from gui.main_window import MainWindow
from tests.support.audiogen import sine, write
from tests.support.training import make_project, tiny_config


def _items(combo) -> list:
    return [combo.itemData(i) for i in range(combo.count())]


def test_a_run_trained_in_the_window_and_new_imports_appear_in_listen(qtbot, tmp_path):
    project = make_project(tmp_path, kind="speech_or_tones")
    root = project.root
    project.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(root)
    listen, training = window.listen_tab, window.training_tab  # both built, project open
    assert listen.sources.model_combo.count() == 0
    clips_before = listen.sources.original_combo.count()

    training.form.set_config(tiny_config("gui", epochs=2))
    c = training.controller
    with qtbot.waitSignal(c.train_started, timeout=120_000):
        qtbot.mouseClick(training.actions.start_button, Qt.MouseButton.LeftButton)
    run = str(c.run_dir)
    qtbot.waitUntil(lambda: run in _items(listen.sources.model_combo), timeout=60_000)
    qtbot.waitUntil(lambda: not c.is_active, timeout=120_000)
    # Its label follows the run to its end, with the run still chosen.
    qtbot.waitUntil(lambda: "completed" in listen.sources.model_combo.itemText(0), timeout=30_000)
    assert listen.sources.model_combo.currentData() == run

    take = write(tmp_path / "new take.wav", sine(300, 0.5, sr=8000), 8000)
    chosen = listen.sources.original_combo.currentData()
    assert window.dataset_tab.import_paths([str(take)])
    qtbot.waitUntil(
        lambda: listen.sources.original_combo.count() == clips_before + 1, timeout=30_000
    )
    assert str(take) in _items(listen.sources.original_combo)
    assert listen.sources.original_combo.currentData() == chosen  # the choice stays
    window.close()


def test_choosing_another_original_clears_the_comparison(qtbot, tmp_path):
    from gui.listen.tab import ListenTab

    tab = ListenTab()
    qtbot.addWidget(tab)
    a = write(tmp_path / "a.wav", sine(300, 0.5, sr=8000), 8000)
    b = write(tmp_path / "b.wav", sine(500, 0.5, sr=8000), 8000)
    tab.set_original(a)
    audio = sine(300, 0.5, sr=8000).reshape(-1, 1).astype(np.float32)
    result = ProcessResult(str(a), str(tmp_path / "a.out.wav"), 8000, 1, 4000, 0.1, "cpu", 8000)
    tab._show(Comparison(audio, audio, 8000, result, "model"))
    assert tab.outcome is not None and tab.ab_view.view_a.frames > 0
    assert tab.sources.metrics_label.text() == "Metrics need a clean reference."

    tab.set_reference(b)  # a reference now: the old "need a reference" no longer holds
    assert "need a clean reference" not in tab.sources.metrics_label.text()
    tab.set_original(b)
    assert tab.outcome is None
    assert tab.ab_view.view_a.frames == 0 and tab.ab_view.view_b.frames == 0
    assert not tab.transport.play_button.isEnabled()
    tab.shutdown()
