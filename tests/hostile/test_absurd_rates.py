"""Issue #16 item 5: sample rates no recording has are refused at import, with the reason.

A 32 KB WAV whose header says 2,147,483,647 Hz was imported and then `stats` ran 166 s at
19.8 GB; AIFF files with a NaN or inf rate came in as 67,108,864 Hz; a 1 Hz clip was
resampled to 33 minutes for training. The files are the bad corpus's (tests/support).
"""

from __future__ import annotations

import pytest

from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.badcorpus import make_corpus
from tests.support.training import make_project

ABSURD = ("rate_2147483647.wav", "rate_1hz.wav", "rate_nan.aiff", "rate_inf.aiff")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    items = make_corpus(tmp_path_factory.mktemp("corpus") / "c", long_hours=0)
    return {i.path.name: i.path for i in items if i.path.name in ABSURD}


def test_absurd_rates_are_refused_at_import_with_the_rate_said(files, tmp_path, capsys):
    assert sorted(files) == sorted(ABSURD)
    project = make_project(tmp_path, clips=2)
    code, out, err = wavesmith(capsys, "add", project.root, *files.values())
    assert code == 1, out + err
    for path in files.values():
        line = next(x for x in out.splitlines() if x.startswith(f"rejected {path}:"))
        assert "outside 1 kHz–768 kHz" in line, line
    assert "2,147,483,647 Hz" in out and "67,108,864 Hz" in out and "rate of 1 Hz" in out
    code, out, err = wavesmith(capsys, "stats", project.root)
    assert code == 0 and "2 clips" in out  # none of them got in
