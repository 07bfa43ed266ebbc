"""core.listen.classify's loop over files (what `wavesmith classify` and the Listen tab
run): an unreadable file is named and the rest classified, and a cancel stops inside a long
file, between batches of windows, keeping the files done before it."""

from __future__ import annotations

import numpy as np

from core.listen.classify import BATCH_WINDOWS, classify_file, classify_paths, load_classifier
from tests.support.audiogen import write
from tests.support.class_folders import class_sound
from tests.support.training import untrained_classify_run

SR = 16000


def test_cancel_stops_inside_a_long_file_and_keeps_the_files_done(tmp_path):
    clf = load_classifier(untrained_classify_run(tmp_path / "run", ("a", "b")))
    short = write(tmp_path / "short.wav", class_sound(0, 1.0, SR), SR, "FLOAT")
    # 0.25 s hops: 120 windows along 30 s, two batches or more at 64 a batch.
    long = write(tmp_path / "long.wav", np.tile(class_sound(1, 1.0, SR), 30), SR, "FLOAT")
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"not audio")
    current, batches = [], []

    def progress(done, total, path=""):
        current.append(path)

    def should_cancel() -> bool:
        if current and current[-1] == str(long):
            batches.append(1)  # each check inside the long file comes before a batch
        return len(batches) > 1  # after its first batch of windows

    report = classify_paths(clf, [short, bad, long], 1, 0.5, 0.25, progress, should_cancel)
    assert report.cancelled
    assert [r.path for r in report.results] == [short]  # long was stopped, short kept
    assert len(report.failed) == 1 and "broken.wav" in report.failed[0]
    assert report.results[0].detections == classify_file(clf, short, 1, 0.5, 0.25).detections
    assert len(batches) == 2 and 30 / 0.25 > BATCH_WINDOWS  # stopped before its 2nd batch

    whole = classify_paths(clf, [short, long], 1, 0.5, 0.25)  # not cancelled: both
    assert not whole.cancelled and [r.path for r in whole.results] == [short, long]
