"""Pairing an input folder with a target folder from the Dataset tab: the dialog's checks,
the background run with its progress and Cancel, the pairs in the browser with offsets
exact to the sample, the summary naming what was left out, and the sources untouched."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.audio.io import content_hash
from core.dataset import pairing
from gui.dataset.pair_dialog import PairFoldersDialog, describe_pair_report, folder_problem
from gui.main_window import MainWindow
from tests.support.audiogen import noise, write

SR = 16000
# Known offsets, in samples, by which each mixed take lags its raw take (negative: leads).
PLANTED = {"verse": 237, "chorus": -61}


def _delayed(x: np.ndarray, lag: int) -> np.ndarray:
    """x delayed by `lag` samples (negative: advanced), same length as a longer export."""
    if lag >= 0:
        return np.concatenate([np.zeros((lag, 1), np.float32), x])
    return x[-lag:]


@pytest.fixture
def takes(tmp_path):
    """raw/<name>_raw.wav and mixed/<name>_mix.wav per planted offset, the mix quieter and
    shifted; one raw take without a mix, and one mixed "take" that is not audio."""
    raw, mixed = tmp_path / "raw", tmp_path / "mixed"
    for i, (name, lag) in enumerate(PLANTED.items()):
        take = noise(1.0, SR, amp=0.2, seed=10 + i)
        write(raw / f"{name}_raw.wav", take, SR)
        write(mixed / f"{name}_mix.wav", 0.5 * _delayed(take, lag), SR)  # -6 dB, shifted
    write(raw / "outro_raw.wav", noise(0.5, SR, seed=99), SR)
    (mixed / "notes_mix.wav").write_text("not audio")
    return raw, mixed


def _hashes(*folders):
    return {p: content_hash(p) for f in folders for p in sorted(f.iterdir())}


def _pair_rows(tab):
    tree = tab.browser.tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        if group.text(0).startswith("Pairs"):
            return {group.child(j).text(0): group.child(j) for j in range(group.childCount())}
    raise AssertionError("no pairs group in the file browser")


def test_dialog_accepts_only_two_separate_existing_folders(qtbot, tmp_path):
    raw, mixed = tmp_path / "raw", tmp_path / "mixed"
    (raw / "sub").mkdir(parents=True)
    mixed.mkdir()
    dialog = PairFoldersDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "input" in dialog.problem.text()

    cases = {
        (str(raw), str(tmp_path / "nope")): "does not exist",
        (str(raw), str(raw / "sub")): "overlap",
        (str(raw / "sub"), str(raw)): "overlap",
        (str(raw), str(raw) + "/"): "same folder",
        (str(raw), str(raw / "sub" / "..")): "same folder",
        ("", str(mixed)): "Choose the input folder",
    }
    for (a, b), why in cases.items():
        dialog.input_edit.setText(a)
        dialog.target_edit.setText(b)
        assert not dialog.ok_button.isEnabled(), (a, b)
        assert why in dialog.problem.text(), (a, b, dialog.problem.text())
        dialog.accept()  # Enter in a field must not slip past the check
        assert dialog.result() != PairFoldersDialog.DialogCode.Accepted

    file = write(tmp_path / "a.wav", noise(0.1, SR), SR)
    assert "not a folder" in folder_problem(str(raw), str(file))

    dialog.input_edit.setText(str(raw))
    dialog.target_edit.setText(str(mixed))
    assert dialog.ok_button.isEnabled() and dialog.problem.text() == ""
    assert dialog.folders() == (str(raw), str(mixed))
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_pair_button_needs_a_project(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    tab = win.dataset_tab
    button = tab.findChild(type(tab.import_bar.import_files_button), "pairFoldersButton")
    assert (
        button is tab.import_bar.pair_folders_button and button.accessibleName() == "Pair folders"
    )
    assert tab.project is None and not button.isEnabled()
    assert (
        not tab.import_bar.pair_folders(tmp_path, tmp_path) and "project first" in tab.status.text()
    )
    win.new_project(tmp_path / "proj")
    assert button.isEnabled()
    tab.shutdown()


def test_pair_folders_from_the_tab(qtbot, window, takes):
    raw, mixed = takes
    tab = window.dataset_tab
    before = _hashes(raw, mixed)
    assert tab.import_bar.pair_folders_button.isEnabled()

    # The real path: button → dialog → fill in → Pair.
    qtbot.mouseClick(tab.import_bar.pair_folders_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(PairFoldersDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.input_edit.setText(str(raw))
    dialog.input_edit.setText(str(raw))
    dialog.target_edit.setText(str(mixed))
    assert dialog.ok_button.isEnabled()

    # The GUI thread keeps turning while the pairing runs: a 10 ms timer keeps firing.
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    with qtbot.waitSignal(tab.paired, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert tab.import_bar.is_pairing() and not tab.import_bar.pair_folders_button.isEnabled()
        assert (
            not tab.import_bar.import_progress.isHidden()
            and not tab.import_bar.import_cancel.isHidden()
        )
        assert tab.import_bar.import_cancel.text() == "Cancel pairing"
    timer.stop()
    assert ticks  # the event loop turned while the pairing ran
    report = blocker.args[0]
    qtbot.waitUntil(lambda: not tab.import_bar.is_pairing())
    assert tab.import_bar.pair_folders_button.isEnabled()
    assert tab.import_bar.import_progress.isHidden() and tab.import_bar.import_cancel.isHidden()

    # The pairs are in the browser's pairs group...
    rows = _pair_rows(tab)
    assert set(rows) == {f"{name}_raw ⇄ {name}_mix" for name in PLANTED}
    assert rows["verse_raw ⇄ verse_mix"].text(5) == f"{1000 * 237 / SR:+.1f} ms"
    # ...and the offsets stored in the project are the planted ones, to the sample.
    stored = {p.input.name.removesuffix("_raw"): p for p in window.dataset_tab.project.pairs()}
    assert {k: p.offset for k, p in stored.items()} == PLANTED
    assert all(p.confidence > 0.9 for p in stored.values())
    assert {k: p.target.name for k, p in stored.items()} == {k: f"{k}_mix" for k in PLANTED}
    assert all(p.input.role == "input" and p.target.role == "target" for p in stored.values())

    # The summary counts the pairs and names what was left out, with the reason.
    text = tab.status.text()
    assert text.startswith("Pairing done: 2 pairs recorded.")
    assert "1 input without a target: outro_raw.wav" in text
    assert "notes_mix.wav (" in text and len(report.rejected) == 1
    assert "without an input" not in text and "Warning" not in text

    # The user's files are read, never written.
    assert _hashes(raw, mixed) == before


def test_cancel_pairing_keeps_what_was_paired(qtbot, window, takes, monkeypatch, caplog):
    import logging

    caplog.set_level(logging.INFO)
    raw, mixed = takes
    tab = window.dataset_tab
    real_measure = pairing.measure_pair

    def measure_then_cancel(*args, **kwargs):
        # Cancel from the worker after the first pair so the moment is exact.
        out = real_measure(*args, **kwargs)
        tab.import_bar.cancel()
        return out

    monkeypatch.setattr(pairing, "measure_pair", measure_then_cancel)
    with qtbot.waitSignal(tab.paired, timeout=60000) as blocker:
        assert tab.import_bar.pair_folders(raw, mixed)
    report = blocker.args[0]
    assert len(report.pairs) == 1 and len(tab.project.pairs()) == 1
    assert tab.status.text().startswith("Pairing cancelled: 1 pair recorded.")
    assert len(_pair_rows(tab)) == 1
    qtbot.waitUntil(lambda: not tab.import_bar.is_pairing())
    assert tab.import_bar.import_progress.isHidden()
    # A cancel is the user's wish, not a failure: nothing above INFO, no traceback (#15, 10);
    # the warning about the folder's text file (not audio) is a real one.
    loud = [
        r
        for r in caplog.records
        if (r.levelno > logging.INFO or r.exc_info) and "not an audio file" not in r.getMessage()
    ]
    assert loud == [], [r.getMessage() for r in loud]


def test_bad_folders_give_a_clear_message(qtbot, window, takes):
    raw, mixed = takes
    tab = window.dataset_tab
    missing = raw.parent / "no such folder"
    before = _hashes(raw, mixed)

    with qtbot.waitSignal(tab.pairing_failed, timeout=30000) as blocker:
        assert tab.import_bar.pair_folders(raw, missing)
    text = blocker.args[0]
    assert str(missing) in text and "not a folder" in text and text == tab.status.text()
    qtbot.waitUntil(lambda: not tab.import_bar.is_pairing())
    assert (
        tab.import_bar.import_progress.isHidden() and tab.import_bar.pair_folders_button.isEnabled()
    )

    with qtbot.waitSignal(tab.pairing_failed, timeout=30000) as blocker:
        assert tab.import_bar.pair_folders(raw.parent, mixed)  # the targets inside the inputs
    assert "overlap" in blocker.args[0]
    qtbot.waitUntil(lambda: not tab.import_bar.is_pairing())

    assert tab.project.pairs() == [] and tab.project.clips() == []
    assert _hashes(raw, mixed) == before
    assert QApplication.activeModalWidget() is None


def test_one_background_job_at_a_time(qtbot, window, takes):
    raw, mixed = takes
    tab = window.dataset_tab
    with qtbot.waitSignal(tab.paired, timeout=60000):
        assert tab.import_bar.pair_folders(raw, mixed)
        assert not tab.import_bar.pair_folders(raw, mixed)  # a second pairing is refused...
        assert not tab.import_bar.import_paths([str(raw)])  # ...and so is an import meanwhile
        assert "wait for it" in tab.status.text()
    qtbot.waitUntil(lambda: not tab.import_bar.is_pairing())
    assert len(tab.project.pairs()) == 2


def test_summary_names_every_kind_of_problem(tmp_path):
    report = pairing.PairReport(
        unpaired_targets=[f"/m/t{i}_mix.wav" for i in range(10)],
        ambiguous=[("song", ["/r/song_raw.wav", "/r/Song-raw.wav"])],
        failed=[("/r/bad_raw.wav", "could not align with /m/bad_mix.wav: broken")],
        warnings=["a_raw.wav ↔ a_mix.wav: weak alignment (confidence 0.12)"],
    )
    text = describe_pair_report(report)
    assert text.startswith("Pairing done: 0 pairs recorded.")
    assert "10 targets without an input: t0_mix.wav" in text and "and 2 more" in text
    assert "'song': song_raw.wav, Song-raw.wav" in text
    assert "bad_raw.wav (could not align with /m/bad_mix.wav: broken)" in text
    assert "Warning: a_raw.wav ↔ a_mix.wav: weak alignment" in text
