"""The Dataset tab end to end: drops, editing with undo/redo checked sample-exactly against
numpy, persistence across reopening, and the source bytes left untouched."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.audio.io import content_hash, read_audio
from core.dataset.edits import fade_curve
from core.units import format_duration
from gui.main_window import MainWindow
from tests.support.audiogen import noise, sine, speech, write
from tests.support.window import drop_files


def _listed_names(tab):
    return {tab.browser.item_for(cid).text(0) for cid in tab.browser.listed_clip_ids()}


def test_drop_files_and_folders_on_window_and_list(qtbot, window, tmp_path):
    tab = window.dataset_tab
    a = speech(tmp_path / "in" / "hello.wav", "Hello there, this is a test.")
    folder = tmp_path / "in" / "noise"
    write(folder / "hum.wav", noise(0.5, 16000), 16000)
    write(folder / "fan.wav", noise(0.7, 16000, seed=2), 16000)
    bad = tmp_path / "in" / "notes.wav"
    bad.write_text("this is not audio")

    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        event = drop_files(window, [a, folder, bad])
    assert event.isAccepted()
    report = blocker.args[0]
    assert len(report.added) == 3
    assert _listed_names(tab) == {"hello", "hum", "fan"}
    # The folder called "noise" gave its files the noise role; they are grouped under it.
    noise_group = tab.browser.item_for(report.added[1].id).parent()
    assert noise_group.text(0).startswith("Noise")
    # The unusable file is listed with its reason.
    rejected = tab.browser.tree.topLevelItem(tab.browser.tree.topLevelItemCount() - 1)
    assert rejected.text(0).startswith("Rejected") and rejected.childCount() == 1
    assert rejected.child(0).text(0) == "notes.wav" and rejected.child(0).text(5)
    assert "notes.wav" in tab.status.text()

    # A drop on the file list itself imports too.
    b = write(tmp_path / "more" / "tone.wav", sine(330, 0.5), 16000)
    with qtbot.waitSignal(tab.imported, timeout=30000):
        drop_files(tab.browser.tree.viewport(), [b])
    assert "tone" in _listed_names(tab)
    # Filtering narrows the list; the role menu moves a clip.
    tab.browser.filter_edit.setText("hum")
    assert _listed_names(tab) == {"hum"}
    tab.browser.filter_edit.setText("")
    hello_id = report.added[0].id
    tab.browser.set_role([hello_id], "noise")
    assert tab.browser.item_for(hello_id).parent().text(0).startswith("Noise")
    tab.browser.remove([hello_id])
    assert "hello" not in _listed_names(tab) and a.exists()


def _drag(qtbot, view, f0, f1):
    vp = view.plot.viewport()
    p0 = view.map_frame_to_widget(f0)
    p1 = view.map_frame_to_widget(f1)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p0)
    for k in range(1, 6):
        qtbot.mouseMove(vp, p0 + (p1 - p0) * k / 5)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p1)


def test_edit_undo_redo_sample_exact_and_persisted(qtbot, window, tmp_path):
    tab = window.dataset_tab
    sr = 16000
    src_audio = sine(440, 2.0, sr, amp=0.3, channels=2) + noise(2.0, sr, 0.05, channels=2)
    src = write(tmp_path / "src" / "take.wav", src_audio, sr, "PCM_24")
    before = content_hash(src)
    source, _ = read_audio(src)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    clip_id = blocker.args[0].added[0].id
    tab.browser.select_clip(clip_id)
    assert tab.editor.clip.id == clip_id and tab.editor.wave is not None

    # Select by dragging on the waveform, then type exact numbers in the selection bar.
    _drag(qtbot, tab.editor.view.wave_view, 4000, 20000)
    sel = tab.editor.view.wave_view.selection()
    assert sel is not None and abs(sel[0] - 4000) < 400 and abs(sel[1] - 20000) < 400
    tab.editor.view.selection_bar.start_spin.setValue(0.25)  # frame 4000
    tab.editor.view.selection_bar.end_spin.setValue(1.5)  # frame 24000
    assert tab.editor.view.wave_view.selection() == (4000, 24000)

    tab.editor.view.wave_view.setFocus()
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    trimmed = source[4000:24000]
    assert tab.editor.clip.edits == [{"op": "trim", "start": 4000, "end": 24000}]
    np.testing.assert_array_equal(tab.editor.rendered_audio(), trimmed)
    assert tab.editor.view.wave_view.frames == 20000
    # The file list shows the trimmed length (it kept the imported 2 s before).
    assert tab.browser.item_for(clip_id).text(1) == format_duration(1.25, decimals=1)

    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.clip.edits == []
    assert tab.browser.item_for(clip_id).text(1) == format_duration(2.0, decimals=1)
    np.testing.assert_array_equal(tab.editor.rendered_audio(), source)
    qtbot.keyClick(
        tab.editor.view.wave_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    np.testing.assert_array_equal(tab.editor.rendered_audio(), trimmed)
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.clip.edits == [{"op": "trim", "start": 4000, "end": 24000}]

    # Equal-power fade in over the first 3200 frames of the trimmed clip.
    tab.editor.view.wave_view.set_selection(0, 3200)
    tab.editor.toolbars.fade_curve.setCurrentIndex(
        tab.editor.toolbars.fade_curve.findData("equal_power")
    )
    tab.editor.toolbars.action_fade_in.trigger()
    expected = trimmed.copy()
    expected[0:3200] *= fade_curve(3200, "equal_power", rising=True)[:, None]
    np.testing.assert_array_equal(tab.editor.rendered_audio(), expected)

    # Peak-normalize the whole clip to -3 dBFS.
    tab.editor.view.wave_view.clear_selection()
    tab.editor.toolbars.normalize_target.setValue(-3.0)
    tab.editor.toolbars.action_normalize.trigger()
    peak_db = 20 * np.log10(float(np.max(np.abs(expected))))
    expected = expected * np.float32(10 ** ((-3.0 - peak_db) / 20))
    np.testing.assert_array_equal(tab.editor.rendered_audio(), expected)
    assert np.isclose(np.abs(tab.editor.rendered_audio()).max(), 10 ** (-3 / 20), rtol=1e-6)

    stored = [
        {"op": "trim", "start": 4000, "end": 24000},
        {"op": "fade_in", "start": 0, "end": 3200, "curve": "equal_power"},
        {"op": "normalize", "mode": "peak", "target": -3.0},
    ]
    assert window.project.clip(clip_id).edits == stored
    labels = tab.history_view.labels()
    assert labels == [
        "0. Original",
        "1. Trim",
        "2. Fade in (equal power)",
        "3. Normalize to -3 dBFS",
    ]

    # Reopen the project as after a restart: edits and history come back.
    root = window.project.root
    window.open_project(root)
    tab.browser.select_clip(clip_id)
    assert tab.editor.clip.edits == stored
    assert tab.editor.history.labels() == [
        "Original",
        "Trim",
        "Fade in (equal power)",
        "Normalize to -3 dBFS",
    ]
    np.testing.assert_array_equal(tab.editor.rendered_audio(), expected)
    tab.editor.undo()
    tab.editor.undo()
    np.testing.assert_array_equal(tab.editor.rendered_audio(), trimmed)
    assert tab.editor.history.can_redo

    assert content_hash(src) == before  # the source file's bytes never changed


def test_split_exclude_and_delete_silence_preview(qtbot, window, tmp_path):
    tab = window.dataset_tab
    sr = 16000
    audio = np.concatenate([sine(300, 1.0, sr), np.zeros((sr, 1), np.float32), sine(500, 1.0, sr)])
    src = write(tmp_path / "gap.wav", audio, sr, "FLOAT")
    before = content_hash(src)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    clip_id = blocker.args[0].added[0].id
    tab.load_clip(clip_id)

    tab.editor.silence_tools.silence_threshold.setValue(-50)
    tab.editor.silence_tools.silence_min.setValue(0.3)
    tab.editor.silence_tools.silence_preview.setChecked(True)
    regions = tab.editor.view.wave_view.overlay_regions("preview")
    assert len(regions) == 1
    r0, r1 = regions[0]
    assert 1.0 < r0 < 1.1 and 1.9 < r1 < 2.0  # the gap less a 50 ms margin each side
    assert tab.editor.clip.edits == []  # a preview changes nothing
    tab.editor.delete_silence()
    assert tab.editor.clip.edits[0]["op"] == "delete_silence"
    assert tab.editor.view.wave_view.overlay_regions("preview") == []
    assert 2.0 * sr < tab.editor.view.wave_view.frames < 2.2 * sr

    tab.editor.view.wave_view.set_selection(100, 2000)
    tab.editor.exclude()
    excluded = tab.editor.view.wave_view.overlay_regions("excluded")
    assert len(excluded) == 1 and np.isclose(excluded[0][0], 100 / sr)

    tab.editor.view.wave_view.set_cursor(sr)
    frames = tab.editor.view.wave_view.frames
    tab.editor.split_at_cursor()
    assert tab.editor.view.wave_view.frames == sr
    clips = window.project.clips()
    assert len(clips) == 2
    second = clips[1]
    assert second.edits[-1] == {"op": "trim", "start": sr, "end": frames}
    assert "part 2" in _listed_names(tab).pop() or any("part 2" in n for n in _listed_names(tab))
    assert content_hash(src) == before


def test_playback_unavailable_is_reported_not_raised(qtbot, window, tmp_path, monkeypatch):
    tab = window.dataset_tab
    src = write(tmp_path / "a.wav", sine(440, 0.5), 16000)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    tab.load_clip(blocker.args[0].added[0].id)
    from core.listen import playback

    tab.clip_player.player = playback.Player(device="no such device wavesmith")
    tab.clip_player.toggle_play()
    assert "unavailable" in tab.editor.toolbars.playback_status.text().lower()
    assert tab.editor.toolbars.playback_status.text().count(":") >= 1


def test_drop_without_project_says_what_to_do(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    src = write(tmp_path / "a.wav", sine(440, 0.2), 16000)
    drop_files(win, [src])
    assert "project first" in win.dataset_tab.status.text()
