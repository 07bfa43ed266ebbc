"""The Dataset tab on what FFmpeg decodes: a video dropped on the window is trimmed, played
through a real PulseAudio sink and exported sample-exactly against its decoded copy; a file
with two audio streams offers the other one."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from core.audio.decoded_cache import samples_path
from core.audio.io import content_hash, read_audio
from core.listen.playback import Player
from tests.support.mediagen import AudioTrack, best_lag, signal, write_media
from tests.support.window import drop_files

SR = 48000


def test_mp4_dropped_trimmed_played_and_exported(qtbot, window, pulse_server, tmp_path):
    tab = window.dataset_tab
    stereo = np.concatenate([signal(3.0, SR, 300, 1), 0.5 * signal(3.0, SR, 300, 1)], axis=1)
    video = write_media(tmp_path / "src" / "camera.mp4", [AudioTrack(stereo, SR)], 3.0)
    before = content_hash(video)
    with qtbot.waitSignal(tab.imported, timeout=60000) as blocker:
        drop_files(window, [video])
    report = blocker.args[0]
    assert len(report.added) == 1, report.rejected
    assert report.notes[0][1].startswith("video file: imported its audio stream 0 (aac")
    assert "camera.mp4: video file" in tab.status.text()
    clip_id = report.added[0].id
    tab.browser.select_clip(clip_id)
    qtbot.waitUntil(
        lambda: tab.editor.wave is not None and not tab.editor.is_loading(), timeout=30000
    )
    clip = window.project.clip(clip_id)
    assert clip.decoded and tab.editor.view.wave_view.frames == clip.frames
    cached, rate = read_audio(samples_path(clip))
    assert rate == SR and cached.shape == (clip.frames, 2)
    assert best_lag(stereo, cached, 64)[1] > 0.99

    start, end = int(0.5 * SR), int(2.1 * SR)
    tab.editor.view.wave_view.set_selection(start, end)
    tab.editor.trim()
    assert window.project.clip(clip_id).edits == [{"op": "trim", "start": start, "end": end}]
    trimmed = cached[start:end]
    np.testing.assert_array_equal(tab.editor.rendered_audio(), trimmed)

    # Play the first second of the trimmed clip and find it on the sink's monitor.
    tab.clip_player.player = Player(device="pulse", latency=0.1)
    tab.editor.view.wave_view.set_selection(0, SR)
    rec_path = tmp_path / "monitor.wav"
    rec = pulse_server.record(rec_path, rate=SR, channels=2)
    try:
        qtbot.waitUntil(lambda: rec_path.exists() and rec_path.stat().st_size > SR, timeout=10000)
        tab.clip_player.play_selection()
        assert tab.editor.toolbars.playback_status.text() == "Playing", (
            tab.editor.toolbars.playback_status.text()
        )
        qtbot.waitUntil(lambda: not tab.clip_player.player.is_playing, timeout=10000)
        size = rec_path.stat().st_size
        qtbot.waitUntil(lambda: rec_path.stat().st_size > size + SR * 4, timeout=10000)
    finally:
        pulse_server.stop_recording(rec)
    captured, _ = sf.read(rec_path, dtype="float32", always_2d=True)
    from scipy.signal import correlate

    probe = trimmed[SR // 4 : SR // 4 + 4800, 0]
    at = int(np.argmax(correlate(captured[:, 0], probe, mode="valid", method="fft"))) - SR // 4
    played = captured[at : at + SR]
    np.testing.assert_allclose(played[2400:], trimmed[2400:SR], atol=2e-3)

    # Export at the clip's own rate in 32-bit float: exactly the cached samples.
    tab.export_panel.export_depth.setCurrentIndex(tab.export_panel.export_depth.findData("FLOAT"))
    with qtbot.waitSignal(tab.export_done, timeout=30000) as done:
        tab.export_panel.export_to(tmp_path / "out", sliced=False)
    (written,) = done.args[0].written
    exported, out_rate = sf.read(str(written), dtype="float32", always_2d=True)
    assert out_rate == SR
    np.testing.assert_array_equal(exported, trimmed)
    assert content_hash(video) == before


def test_two_audio_streams_offer_the_other_one(qtbot, window, tmp_path):
    tab = window.dataset_tab
    first, second = signal(1.0, SR, 220, 1), signal(1.5, SR, 660, 2)
    path = write_media(
        tmp_path / "two.mkv",
        [AudioTrack(first, SR, metadata={"language": "eng"}), AudioTrack(second, SR, "libopus")],
    )
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(path)])
    clip_id = blocker.args[0].added[0].id
    assert "2 audio streams" in blocker.args[0].notes[0][1]
    menu = tab.browser.build_context_menu([clip_id])
    streams = menu.findChild(type(menu), "audioStreamMenu")
    assert [a.text().split(",")[0] for a in streams.actions()] == ["0: aac", "1: opus"]
    assert streams.actions()[0].isChecked()
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        streams.actions()[1].trigger()
    assert blocker.args[0].notes == [(str(path.resolve()), "now uses audio stream 1")]
    clip = window.project.clip(clip_id)
    assert clip.stream == 1 and abs(clip.frames - len(second)) <= 960
    tab.browser.select_clip(clip_id)
    qtbot.waitUntil(
        lambda: tab.editor.wave is not None and not tab.editor.is_loading(), timeout=30000
    )
    assert tab.editor.view.wave_view.frames == clip.frames
    assert best_lag(second, tab.editor.rendered_audio()[:, :1], 64)[1] > 0.99
