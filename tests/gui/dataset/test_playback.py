"""Playback from the Dataset tab through a real PulseAudio null sink: the selection is
what reaches the speakers, and the playhead moves while it plays."""

from __future__ import annotations

import numpy as np
import soundfile as sf
from PySide6.QtCore import Qt

from core.listen.playback import Player
from tests.support.audiogen import write

SR = 48000


def _chirp(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    rng = np.random.default_rng(3)
    x = 0.3 * np.sin(2 * np.pi * (200 + 300 * t) * t) + 0.05 * rng.standard_normal(len(t))
    return np.stack([x, 0.5 * x], axis=1).astype(np.float32)


def test_play_selection_reaches_the_sink_with_a_moving_playhead(
    qtbot, window, pulse_server, tmp_path
):
    win = window  # shown, active, with a new project (conftest)
    tab = win.dataset_tab
    audio = _chirp(3.0)
    src = write(tmp_path / "chirp.wav", audio, SR, "FLOAT")
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    tab.load_clip(blocker.args[0].added[0].id)
    tab.clip_player.player = Player(device="pulse", latency=0.1)
    start, end = int(0.5 * SR), int(1.7 * SR)
    tab.editor.view.wave_view.set_selection(start, end)

    rec_path = tmp_path / "monitor.wav"
    rec = pulse_server.record(rec_path, rate=SR, channels=2)
    seen = []
    try:
        qtbot.waitUntil(lambda: rec_path.exists() and rec_path.stat().st_size > SR, timeout=10000)
        tab.clip_player.play_selection()
        assert tab.editor.toolbars.playback_status.text() == "Playing", (
            tab.editor.toolbars.playback_status.text()
        )

        def playhead_moved():
            if tab.editor.view.wave_view._playhead.isVisible():
                seen.append(tab.editor.view.wave_view._playhead.value())
            return len(set(seen)) >= 3

        qtbot.waitUntil(playhead_moved, timeout=10000)
        qtbot.waitUntil(lambda: not tab.editor.view.wave_view._playhead.isVisible(), timeout=10000)
        size = rec_path.stat().st_size
        qtbot.waitUntil(lambda: rec_path.stat().st_size > size + SR * 4, timeout=10000)
    finally:
        pulse_server.stop_recording(rec)
    assert all(start / SR <= s <= end / SR for s in seen)
    assert seen == sorted(seen)  # the playhead only moves forward

    captured, rate = sf.read(rec_path, dtype="float32", always_2d=True)
    from scipy.signal import correlate

    probe = audio[start + SR // 4 : start + SR // 4 + 4800, 0]
    corr = correlate(captured[:, 0], probe, mode="valid", method="fft")
    at = int(np.argmax(corr)) - SR // 4  # where the selection's first frame landed
    n = end - start
    played = captured[at : at + n]
    np.testing.assert_allclose(
        played[int(0.05 * SR) :], audio[start:end][int(0.05 * SR) :], atol=2e-3
    )
    # Nothing of the clip beyond the selection was played.
    after = captured[at + n + int(0.02 * SR) : at + n + int(0.3 * SR)]
    assert np.abs(after).max() < 1e-3

    # Space starts playback from the cursor and stops it again.
    tab.editor.view.wave_view.clear_selection()
    tab.editor.view.wave_view.setFocus()
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.clip_player.player.is_playing, timeout=5000)
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not tab.clip_player.player.is_playing, timeout=5000)
    assert not tab.editor.view.wave_view._playhead.isVisible()
    tab.shutdown()
