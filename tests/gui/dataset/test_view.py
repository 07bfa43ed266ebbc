"""Waveform view details and the Dataset tab's background paths (long clips, export)."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.audio import peaks
from core.audio.io import content_hash, read_audio
from core.dataset import clip_audio
from core.dataset.edits import fade_curve
from gui.main_window import MainWindow
from gui.widgets.waveform_axes import to_db_display
from gui.widgets.waveform_view import WaveformView
from tests.support.audiogen import noise, sine, write


def shown_view(qtbot, width: int, height: int) -> WaveformView:
    """A waveform view on screen at `width` x `height`, closed with the test."""
    view = WaveformView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_time_format_and_db_scale():
    y = np.array([1.0, -1.0, 10 ** (-6 / 20), 10 ** (-60 / 20), 1e-5, 0.0])
    np.testing.assert_allclose(to_db_display(y), [1, -1, 0.9, 0, 0, 0], atol=1e-9)


def test_view_zoom_overview_db_and_points(qtbot):
    view = shown_view(qtbot, 900, 400)
    sr = 8000
    a = np.concatenate([sine(100, 10.0, sr, 0.5, 2), noise(10.0, sr, 0.01, channels=2)])
    view.set_source(peaks.PeakPyramid.from_array(a, sr), peaks.array_reader(a))
    assert view.visible_frames() == (0, len(a))
    pixels = view._pixels()
    assert 0 < view.redraw() <= 2 * 2 * pixels  # two points per pixel per channel
    view.set_selection(sr * 2, sr * 4)
    view.zoom_to_selection()
    s, e = view.visible_frames()
    assert s <= 2 * sr < 4 * sr <= e and e - s < 2.2 * sr
    left, right = view._overview_region.getRegion()  # the overview box follows the view
    assert np.isclose(left, s / sr, atol=0.01) and np.isclose(right, e / sr, atol=0.01)
    view.zoom(0.5)
    s2, e2 = view.visible_frames()
    assert abs((e2 - s2) - (e - s) / 2) < 0.02 * sr
    y_lin = view._curves[0].getData()[1].copy()
    view.set_db(True)
    y_db = view._curves[0].getData()[1]
    assert np.abs(y_db).max() <= 1.0 and not np.allclose(y_lin, y_db)
    # The quiet half is near the centre line in linear and clearly visible in dB.
    view.set_view(15, 16)
    assert np.abs(view._curves[0].getData()[1]).max() > 0.3
    view.set_db(False)
    assert np.abs(view._curves[0].getData()[1]).max() < 0.1
    assert view._spectrogram is None  # built when first asked for (start-up time)
    view.set_spectrogram(True)
    assert view.spectrogram.isVisibleTo(view)
    assert view._spec_image.image is not None and view._spec_image.image.shape[1] > 10


def test_a_stereo_waveform_labels_each_channel_from_1_to_minus_1(qtbot):
    """The y axis said 1 … −3 for stereo: the y the second lane is drawn at, not its values."""
    view = shown_view(qtbot, 900, 400)
    sr = 8000
    a = sine(100, 1.0, sr, 0.5, 2)
    view.set_source(peaks.PeakPyramid.from_array(a, sr), peaks.array_reader(a))
    qtbot.wait(50)  # a layout pass: the axis has its height
    axis = view.plot.getPlotItem().getAxis("left")
    lo, hi = view.vb.viewRange()[1]
    ticks = [v for _spacing, values in axis.tickValues(lo, hi, axis.height()) for v in values]
    labels = dict(zip(ticks, axis.tickStrings(ticks, 1.0, 1.0), strict=True))
    assert set(labels.values()) == {"1", "0.5", "0", "−0.5", "−1"}
    # Each lane's centre reads 0 and the second lane's top half reads 0.5, where its
    # curve is drawn (y of the lower lane is its value less one lane height).
    assert [labels[v] for v in sorted(labels) if abs(v - round(v / 2.2) * 2.2) < 1e-9] == [
        "0",
        "0",
    ]
    second = view._curves[1].getData()[1]
    assert np.isclose(second.max() + 2.2, 0.5, atol=0.02) and labels[0.5 - 2.2] == "0.5"
    view.set_db(True)
    assert axis.tickStrings([1.0, 0.5 - 2.2, -1 - 2.2], 1.0, 1.0) == ["0", "−30", "0"]


def test_snap_to_zero_crossings_with_z(qtbot, window, tmp_path):
    win = window  # shown, active, with a new project (conftest)
    tab = win.dataset_tab
    sr = 8000
    src = write(tmp_path / "tone.wav", sine(50, 1.0, sr, 0.8), sr, "FLOAT")  # crossings every 80
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    tab.load_clip(blocker.args[0].added[0].id)
    tab.editor.view.wave_view.setFocus()
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Z)
    assert tab.editor.toolbars.action_snap.isChecked() and tab.editor.view.wave_view.snap
    tab.editor.view.wave_view._click(1000 / sr, shift=False)
    assert tab.editor.view.wave_view.cursor in (
        960,
        1040,
    )  # nearest crossings of a 50 Hz sine at 8 kHz
    tab.editor.view.wave_view._click(1700 / sr, shift=True)  # shift-click extends to a crossing too
    assert tab.editor.view.wave_view.selection() == (tab.editor.view.wave_view.cursor, 1680)
    qtbot.keyClick(tab.editor.view.wave_view, Qt.Key.Key_Z)
    tab.editor.view.wave_view._click(1000 / sr, shift=False)
    assert tab.editor.view.wave_view.cursor == 1000
    tab.shutdown()


def test_long_clip_loads_in_background_from_disk_pyramid(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(clip_audio, "SMALL_SAMPLES", 1000)  # treat a 2 s clip as "long"
    win = MainWindow()
    qtbot.addWidget(win)
    win.new_project(tmp_path / "p")
    tab = win.dataset_tab
    sr = 16000
    src = write(tmp_path / "long.wav", noise(2.0, sr, 0.2, channels=2), sr, "PCM_16")
    before = content_hash(src)
    source, _ = read_audio(src)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    clip = blocker.args[0].added[0]
    with qtbot.waitSignal(tab.clip_loaded, timeout=30000):
        tab.load_clip(clip.id)
    assert not tab.editor.wave.in_memory
    assert isinstance(tab.editor.wave.pyramid.levels[256][0], np.memmap)  # drawn from the cache
    assert peaks.load_cached(win.project.cache_dir, clip.hash) is not None
    tab.editor.view.wave_view.set_selection(1000, 9000)
    with qtbot.waitSignal(tab.clip_loaded, timeout=30000):
        tab.editor.trim()
    # Edits of a long clip are streamed from the file, never rendered whole in memory.
    assert not tab.editor.wave.in_memory and tab.editor.wave.pyramid.frames == 8000
    np.testing.assert_array_equal(tab.editor.wave.reader(0, 8000), source[1000:9000])
    tab.editor.view.wave_view.set_selection(0, 2000)
    tab.editor.toolbars.fade_curve.setCurrentIndex(
        tab.editor.toolbars.fade_curve.findData("linear")
    )  # not the saved choice
    with qtbot.waitSignal(tab.clip_loaded, timeout=30000):
        tab.editor.fade_in()
    expected = source[1000:9000].copy()
    expected[:2000] *= fade_curve(2000, "linear", rising=True)[:, None]
    np.testing.assert_array_equal(tab.editor.wave.reader(0, 8000), expected)
    tab.editor.view.wave_view.set_selection(100, 300)
    with qtbot.waitSignal(tab.clip_loaded, timeout=30000):
        tab.editor.exclude()
    assert tab.editor.wave.excluded_runs() == [(100, 300)]
    assert len(tab.editor.view.wave_view.overlay_regions("excluded")) == 1
    for _ in range(3):
        with qtbot.waitSignal(tab.clip_loaded, timeout=30000):
            tab.editor.undo()
    np.testing.assert_array_equal(tab.editor.wave.reader(0, len(source)), source)
    assert content_hash(src) == before
    tab.shutdown()


@pytest.mark.parametrize("sliced", [False, True])
def test_export_from_the_tab(qtbot, tmp_path, sliced):
    win = MainWindow()
    qtbot.addWidget(win)
    win.new_project(tmp_path / "p")
    tab = win.dataset_tab
    sr = 16000
    audio = np.concatenate([sine(200, 4.0, sr, 0.3), np.zeros((sr, 1), np.float32)])
    src = write(tmp_path / "talk.wav", audio, sr)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(src)])
    tab.load_clip(blocker.args[0].added[0].id)
    tab.editor.view.wave_view.set_selection(0, 8000)
    tab.editor.delete()
    tab.export_panel.export_channels.setCurrentIndex(
        tab.export_panel.export_channels.findData("stereo")
    )
    with qtbot.waitSignal(tab.export_done, timeout=30000) as done:
        tab.export_panel.export_to(tmp_path / "out", sliced=sliced)
    report = done.args[0]
    assert len(report.written) == 1 and not report.failed
    info = sf.info(str(report.written[0]))
    if sliced:
        assert (info.samplerate, info.channels) == (40000, 1)
        assert 3.0 <= info.duration <= 3.6  # the 3.5 s left after the delete, trimmed of silence
    else:
        assert (info.samplerate, info.channels, info.frames) == (sr, 2, len(audio) - 8000)
    tab.shutdown()


def test_every_interactive_widget_has_object_and_accessible_name(qtbot):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QGraphicsView,
        QLineEdit,
        QWidget,
    )

    from gui.dataset.tab import DatasetTab

    tab = DatasetTab()
    qtbot.addWidget(tab)
    kinds = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QGraphicsView,
        QLineEdit,
    )
    missing = []
    widgets = [w for w in tab.findChildren(QWidget) if isinstance(w, kinds)]
    for w in widgets:
        if w.objectName().startswith("qt_") or (
            w.parent() and w.parent().objectName().startswith("qt_")
        ):
            continue  # Qt's own sub-widgets (spin box editors, toolbar extension...)
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
            continue
        if w.window() is not tab:
            continue  # combo box pop-ups are Qt's, in windows of their own
        if not w.objectName() or not w.accessibleName():
            missing.append(
                f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
            )
    assert not missing, missing
    names = [w.objectName() for w in widgets if w.objectName()]
    for expected in (
        "buttonTrim",
        "buttonUndo",
        "fileTree",
        "fileFilter",
        "selectionStart",
        "waveformPlot",
    ):
        assert expected in names


def test_missing_source_is_flagged_and_stats_cover_dataset_and_selection(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.new_project(tmp_path / "p")
    tab = win.dataset_tab
    sr = 16000
    a = write(tmp_path / "in" / "a.wav", sine(300, 2.0, sr, 0.5), sr)
    b = write(tmp_path / "in" / "b.wav", sine(500, 2.0, sr, 0.5), sr)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(a), str(b)])
    # The import triggers a fresh measurement in the background.
    qtbot.waitUntil(
        lambda: tab.stats_panel.stats is not None and tab.stats_panel.stats.clip_count == 2,
        timeout=60000,
    )
    assert "2 clips" in tab.stats_panel.text.toPlainText()
    assert "advice" in tab.stats_panel.text.toPlainText()
    tab.load_clip(blocker.args[0].added[0].id)
    tab.editor.view.wave_view.set_selection(0, sr)
    text = tab.stats_panel.selection_label.text()
    assert "1.000 s" in text and "-6.0 dBFS" in text  # a 0.5-amplitude sine peaks at -6 dBFS
    b.unlink()
    tab.browser.refresh()
    item = tab.browser.item_for(blocker.args[0].added[1].id)
    assert item.text(5) == "missing" and "missing" in item.toolTip(5)
    tab.shutdown()


def test_import_cancel_keeps_what_was_added(qtbot, tmp_path, monkeypatch, caplog):
    import logging

    from core.dataset import importer

    caplog.set_level(logging.INFO)

    win = MainWindow()
    qtbot.addWidget(win)
    win.new_project(tmp_path / "p")
    tab = win.dataset_tab
    for i in range(12):
        write(tmp_path / "many" / f"f{i:02d}.wav", sine(200 + 10 * i, 0.1, 8000), 8000)
    # Press Cancel right after the third file, from the worker's side so the moment is exact
    # (the worker checks the flag between files; the GUI may lag behind by many files).
    real_import_one = importer._import_one
    done = []

    def import_one(*args, **kwargs):
        real_import_one(*args, **kwargs)
        done.append(1)
        if len(done) == 3:
            tab.jobs.cancel("import")

    monkeypatch.setattr(importer, "_import_one", import_one)
    with qtbot.waitSignal(tab.imported, timeout=30000) as blocker:
        tab.import_bar.import_paths([str(tmp_path / "many")])
        assert not tab.import_bar.import_cancel.isHidden()  # Cancel is offered while it runs
    report = blocker.args[0]
    assert report.cancelled and len(report.added) == 3
    assert len(tab.browser.listed_clip_ids()) == len(report.added)
    assert tab.import_bar.import_progress.isHidden() and "cancelled" in tab.status.text()
    # A cancel is the user's wish, not a failure: nothing above INFO, no traceback (#15, 10).
    loud = [r for r in caplog.records if r.levelno > logging.INFO or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]
    tab.shutdown()


def test_pairs_side_by_side_and_history_click(qtbot, tmp_path):
    from core.audio.io import probe

    win = MainWindow()
    qtbot.addWidget(win)
    project = win.new_project(tmp_path / "p")
    tab = win.dataset_tab
    sr = 16000
    raw = write(tmp_path / "raw" / "song.wav", sine(300, 1.0, sr), sr)
    mixed = write(tmp_path / "mixed" / "song.wav", sine(300, 1.0, sr, 0.3), sr)
    a = project.add_source(probe(raw), content_hash(raw), "input")
    b = project.add_source(probe(mixed), content_hash(mixed), "target")
    project.add_pair(a.id, b.id, offset=160, length_diff=0, confidence=0.97)
    tab.browser.refresh()
    row = tab.browser.item_for(a.id).parent()
    assert row.text(0) == "song ⇄ song" and row.text(5) == "+10.0 ms"
    assert [row.child(i).text(0) for i in range(2)] == ["input: song", "target: song"]
    assert row.parent().text(0).startswith("Pairs")
    tab.browser.tree.setCurrentItem(row)  # choosing the pair edits its input...
    assert tab.editor.clip.id == a.id
    # ...and draws the target under it, moved 10 ms earlier so the two line up.
    assert (
        tab.editor.view.target_view.isVisibleTo(tab)
        and "+10.0 ms" in tab.editor.view.target_label.text()
    )
    x_target = tab.editor.view.target_view._curves[0].getData()[0]
    x_input = tab.editor.view.wave_view._curves[0].getData()[0]
    assert np.isclose(x_target[-1] - x_input[-1], -0.010, atol=2e-3)  # it ends 10 ms earlier
    tab.editor.view.wave_view.set_selection(0, 4000)
    tab.editor.silence()
    tab.editor.view.wave_view.set_selection(4000, 8000)
    tab.editor.delete()
    assert tab.history_view.count() == 3
    tab.history_view.itemClicked.emit(tab.history_view.item(1))  # back to "Silence"
    assert tab.editor.clip.edits == [{"op": "silence", "start": 0, "end": 4000}]
    assert tab.editor.history.can_redo and tab.editor.view.wave_view.frames == sr
    assert tab.history_view.item(2).font().italic()  # undone, still there to redo
    tab.load_clip(b.id)  # a plain clip hides the target lane
    assert not tab.editor.view.target_view.isVisibleTo(tab)
    tab.shutdown()


def test_wheel_zooms_and_shift_wheel_pans(qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    view = shown_view(qtbot, 800, 300)
    a = sine(100, 20.0, 8000, 0.5)
    view.set_source(peaks.PeakPyramid.from_array(a, 8000), peaks.array_reader(a))

    def wheel(delta, mods=Qt.KeyboardModifier.NoModifier):
        vp = view.plot.viewport()
        pos = QPointF(vp.width() / 2, vp.height() / 2)
        event = QWheelEvent(
            pos,
            vp.mapToGlobal(pos),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            mods,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(vp, event)

    s0, e0 = view.visible_frames()
    wheel(240)
    s1, e1 = view.visible_frames()
    assert e1 - s1 < 0.8 * (e0 - s0)  # zoomed in around the pointer
    wheel(-120, Qt.KeyboardModifier.ShiftModifier)
    s2, e2 = view.visible_frames()
    assert s2 > s1 and abs((e2 - s2) - (e1 - s1)) <= 2  # panned right, same zoom


def test_long_selection_is_measured_in_the_background(qtbot):
    from gui.dataset.stats_panel import DatasetStatsPanel

    panel = DatasetStatsPanel()
    qtbot.addWidget(panel)
    sr = 8000
    a = sine(440, 12.0, sr, 0.5)
    read = peaks.array_reader(a)
    panel.measure_selection(read, 0, 10 * sr, sr)
    assert panel.selection_label.text().startswith("Measuring")
    panel.measure_selection(read, 0, 6 * sr, sr)  # a newer selection wins
    qtbot.waitUntil(lambda: "Selection: 6.000 s" in panel.selection_label.text(), timeout=20000)
    panel.shutdown()
    assert "6.000 s" in panel.selection_label.text()
