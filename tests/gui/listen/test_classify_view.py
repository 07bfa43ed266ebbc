"""Classifying from the Listen tab: a classify run chosen as the model swaps the A/B view
for the classify view; files dropped (as a copy) and the project's clip are classified in
the background by the code of `wavesmith classify`, each file's detections are drawn over
its waveform and listed, a click on one plays exactly its samples, Cancel stops between
files keeping what was done, and the CSV export is byte for byte the command's."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import QLocale, Qt

from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.train.config import TrainConfig
from gui.listen.tab import ListenTab
from tests.support.audiogen import write
from tests.support.class_folders import class_sound
from tests.support.training import untrained_classify_run
from tests.support.window import drop_files

SR = 16000
CLASSES = ("tone", "chirp", "noise")


class FakePlayer:
    """Stands in for core.listen.playback.Player: what was loaded and played."""

    def __init__(self) -> None:
        self.loaded: list[tuple[np.ndarray, int]] = []

    def load(self, audio, sr) -> None:
        self.loaded.append((np.asarray(audio).copy(), sr))

    def play(self, start=None) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def setup(qtbot, tmp_path):
    """A project with one clip and two runs (a classifier, a denoiser), two files on disk,
    and the tab showing the project."""
    sounds = tmp_path / "sounds"
    files = []
    for i, seconds in enumerate((3.0, 2.0, 2.5)):
        audio = np.concatenate(
            [class_sound(i, seconds / 2, SR), class_sound(i + 1, seconds / 2, SR)]
        )
        files.append(write(sounds / f"rec{i}.wav", audio, SR, "FLOAT"))
    project = Project.create(tmp_path / "project")
    assert import_paths(project, [files[0]]).added
    clip = project.clips()[0].path
    run = untrained_classify_run(project.runs_dir / "classifier", CLASSES)
    (project.runs_dir / "denoiser").mkdir()
    TrainConfig.preset("speech").save(project.runs_dir / "denoiser" / "config.json")
    tab = ListenTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.set_project(project)
    yield tab, run, clip, [str(f) for f in files[1:]]
    tab.shutdown()


def choose_model(tab, path) -> None:
    combo = tab.sources.model_combo
    combo.setCurrentIndex(combo.findData(str(path)))


def expected(run, paths, window, hop):
    from core.listen.classify import classify_file, load_classifier

    clf = load_classifier(run)
    return [classify_file(clf, p, 1, window, hop) for p in paths]


def test_a_classify_run_switches_the_tab_to_the_classify_view(setup):
    tab, run, _clip, _files = setup
    choose_model(tab, run.parent / "denoiser")
    assert not tab.classifying and tab.ab_view.isVisible() and tab.transport.isVisible()
    assert tab.sources.process_button.isVisible()
    choose_model(tab, run)
    assert tab.classifying and tab.classify_view.isVisible()
    assert not tab.ab_view.isVisible() and not tab.transport.isVisible()
    assert not tab.sources.process_button.isVisible()
    assert not tab.sources.reference_combo.isVisible()
    # The model's own window and hop are the defaults (CLASSIFY_PROFILE: 0.5 s, 0.25 s).
    view = tab.classify_view
    assert (view.window_spin.value(), view.hop_spin.value()) == (0.5, 0.25)
    assert view.classes == CLASSES
    choose_model(tab, run.parent / "denoiser")
    assert tab.ab_view.isVisible() and not tab.classify_view.isVisible()


def test_dropped_files_and_a_clip_are_classified_in_the_background_and_drawn(
    setup, qtbot, monkeypatch
):
    from core.listen import classify

    tab, run, clip, files = setup
    choose_model(tab, run)
    view = tab.classify_view
    event = drop_files(view.files.viewport(), files)
    assert event.dropAction() == Qt.DropAction.CopyAction  # a Move would delete the files
    tab.sources.set_original(clip)
    qtbot.mouseClick(view.findChild(type(view.classify_button), "addOriginalButton"), Qt.LeftButton)
    assert view.paths() == [*files, clip]
    view.window_spin.setValue(0.5)
    view.hop_spin.setValue(0.25)

    threads = []
    real = classify.classify_paths

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(classify, "classify_paths", recording)
    with qtbot.waitSignal(view.classified, timeout=60_000) as blocker:
        qtbot.mouseClick(view.classify_button, Qt.LeftButton)
    assert threads and threads[0] is not threading.main_thread()
    report = blocker.args[0]
    want = expected(run, view.paths(), 0.5, 0.25)
    assert [r.detections for r in report.results] == [w.detections for w in want]
    table = view.results_table
    assert table.rowCount() == 3
    assert [table.item(i, 1).text() for i in range(3)] == [w.top[0][0] for w in want]
    assert [int(table.item(i, 3).text()) for i in range(3)] == [len(w.detections) for w in want]
    for w in want:  # the detections tile each file
        assert w.detections[0].start_s == 0 and w.detections[-1].end_s == pytest.approx(
            w.duration_s, abs=1e-3
        )

    # The first file is drawn at once; choosing the third draws the clip with its own.
    timeline = view.timeline
    qtbot.waitUntil(lambda: timeline.detections == want[0].detections, timeout=10_000)
    table.selectRow(2)
    qtbot.waitUntil(lambda: timeline.detections == want[2].detections, timeout=10_000)
    spans = timeline.view.overlay_regions("detections")
    assert spans == [pytest.approx((d.start_s, d.end_s), abs=1 / SR) for d in want[2].detections]
    assert timeline.label_texts() == [d.label for d in want[2].detections]
    assert timeline.table.rowCount() == len(want[2].detections)
    assert timeline.view.frames == sf.info(clip).frames


def test_clicking_a_detection_plays_its_samples(setup, qtbot):
    tab, run, _clip, files = setup
    choose_model(tab, run)
    view = tab.classify_view
    view.add_paths(files[:1])
    with qtbot.waitSignal(view.classified, timeout=60_000):
        view.classify()
    timeline = view.timeline
    qtbot.waitUntil(lambda: bool(timeline.detections) and timeline.view.frames > 0, timeout=10_000)
    view.player = FakePlayer()
    source, sr = sf.read(files[0], dtype="float32", always_2d=True)
    for index in {0, len(timeline.detections) - 1}:
        d = timeline.detections[index]
        middle = int((d.start_s + d.end_s) / 2 * sr)
        point = timeline.view.map_frame_to_widget(middle)
        qtbot.mouseClick(timeline.view.plot.viewport(), Qt.LeftButton, pos=point)
        audio, got_sr = view.player.loaded[-1]
        assert got_sr == sr
        np.testing.assert_array_equal(audio, source[round(d.start_s * sr) : round(d.end_s * sr)])
        assert timeline.table.currentRow() == index
    # A row of the detections table activated plays it too.
    count = len(view.player.loaded)
    timeline.table.setCurrentCell(0, 0)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Return)
    assert len(view.player.loaded) == count + 1


def test_the_csv_export_is_the_commands_whatever_the_locale(setup, qtbot, tmp_path):
    from cli.main import run_cli

    tab, run, clip, files = setup
    choose_model(tab, run)
    view = tab.classify_view
    view.add_paths([*files, clip])
    with qtbot.waitSignal(view.classified, timeout=60_000):
        view.classify()
    cli_csv = tmp_path / "cli.csv"
    assert run_cli(["classify", str(run), *files, clip, "--out", str(cli_csv),
                    "--window", "0.5", "--hop", "0.25", "--device", "cpu"]) == 0  # fmt: skip
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        gui_csv = tmp_path / "gui.csv"
        assert view.export_csv(gui_csv) > 3
    finally:
        QLocale.setDefault(previous)
    assert gui_csv.read_bytes() == cli_csv.read_bytes()
    assert "0,250" not in gui_csv.read_text()  # decimals stay dots


def test_cancel_stops_between_files_and_keeps_what_was_done(setup, qtbot, monkeypatch):
    from core.listen import classify

    tab, run, clip, files = setup
    choose_model(tab, run)
    view = tab.classify_view
    view.add_paths([*files, clip])
    entered, release = threading.Event(), threading.Event()
    real = classify.classify_file

    calls = []

    def slow_second(clf, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:  # held until Cancel was clicked: then cancelled inside the file
            entered.set()
            assert release.wait(30)
        return real(clf, path, *args, **kwargs)

    monkeypatch.setattr(classify, "classify_file", slow_second)
    assert view.classify()
    assert view.cancel_button.isEnabled()
    qtbot.waitUntil(entered.is_set, timeout=30_000)
    with qtbot.waitSignal(view.classified, timeout=30_000) as blocker:
        qtbot.mouseClick(view.cancel_button, Qt.LeftButton)
        release.set()
    report = blocker.args[0]
    assert report.cancelled and [r.path for r in report.results] == [Path(files[0])]
    assert len(calls) == 2 and view.results_table.rowCount() == 1
    assert "Cancelled" in tab.status.text()
    assert view.classify_button.isEnabled() and not view.cancel_button.isEnabled()


def test_files_dropped_on_the_tab_while_classifying_are_all_listed(setup):
    tab, run, _clip, files = setup
    choose_model(tab, run)
    assert tab.open_dropped([*files, files[0]]) == files
    assert tab.classify_view.paths() == files


def test_cancel_stops_a_long_recording_while_it_is_read(setup, qtbot, tmp_path):
    """A real 30-minute file (58 MB of 16-bit samples, 110 MB as float32): it is read and
    scored in blocks, the bar moves inside it, and Cancel stops it within moments, long
    before its end, keeping the short file classified before it."""
    import time

    tab, run, _clip, files = setup
    choose_model(tab, run)
    view = tab.classify_view
    long = tmp_path / "night.wav"
    rng = np.random.default_rng(0)
    with sf.SoundFile(long, "w", SR, 1, "PCM_16") as fh:
        for _ in range(30 * 6):  # written 10 s at a time, never held whole
            fh.write(0.1 * rng.standard_normal(SR * 10).astype(np.float32))
    view.add_paths([files[0], str(long)])
    seen: list[int] = []
    view.progress.valueChanged.connect(seen.append)
    assert view.classify()
    # Half the bar is the short file; inside the long one it moves on as blocks are read.
    qtbot.waitUntil(lambda: seen and 500 < seen[-1] < 1000, timeout=60_000)
    with qtbot.waitSignal(view.classified, timeout=30_000) as blocker:
        clicked = time.monotonic()
        qtbot.mouseClick(view.cancel_button, Qt.LeftButton)
    stopped_after = time.monotonic() - clicked
    report = blocker.args[0]
    assert report.cancelled and [r.path for r in report.results] == [Path(files[0])]
    assert stopped_after < 10, stopped_after  # a block or a batch of windows, not the file
    inside = [v for v in seen if 500 < v < 1000]
    assert inside and max(inside) < 900, max(inside)  # stopped well before the file's end
    assert "Cancelled" in tab.status.text()
