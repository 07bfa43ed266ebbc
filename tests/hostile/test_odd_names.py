"""Issue #16 item 10: file names the filesystem allows and the app did not.

A name whose bytes are not UTF-8 aborted the whole import (UnicodeEncodeError from the
index); names of 251-255 bytes could not be written because the temporary `.NAME.part` was
too long, which aborted a whole `process` batch.
"""

from __future__ import annotations

import os

import pytest
import soundfile as sf

from core.train.trainer import Trainer
from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.training import SR, make_project, synthetic_voice, tiny_config


def write_named(folder, name: bytes, seed: int):
    """A WAV under a raw byte name (soundfile itself takes only encodable names)."""
    tmp = folder / f"tmp_{seed}.wav"
    sf.write(tmp, synthetic_voice(1.0, seed), SR)
    target = os.fsencode(folder) + b"/" + name
    os.rename(os.fsencode(tmp), target)
    return os.fsdecode(target)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("odd"), clips=4)
    run = project.runs_dir / "r"
    assert Trainer(project, tiny_config(**{"run.epochs": 1}), run).run().status == "completed"
    return project, run


def test_a_name_that_is_not_utf8_is_refused_alone(trained, tmp_path, capsys):
    project, _ = trained
    write_named(tmp_path, b"caf\xe9 latin-1.wav", 11)
    write_named(tmp_path, "café utf-8.wav".encode(), 12)
    code, out, err = wavesmith(capsys, "add", project.root, tmp_path)
    assert code == 0 and "Traceback" not in err, err
    assert "rejected " + str(tmp_path) + "/caf\\xe9 latin-1.wav: its name is not valid UTF-8" in out
    assert f"added    {tmp_path}/café utf-8.wav" in out


@pytest.mark.parametrize("length", [251, 255])
def test_process_writes_names_at_the_filesystem_limit(trained, tmp_path, capsys, length):
    project, run = trained
    inputs = tmp_path / "in"
    inputs.mkdir()
    name = "n" * (length - 4) + ".wav"
    write_named(inputs, name.encode(), 13)
    write_named(inputs, b"short.wav", 14)
    code, out, err = wavesmith(capsys, "process", run, inputs, "--out", tmp_path / "out")
    assert code == 0 and "Traceback" not in err, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [name, "short.wav"]


def test_an_output_name_too_long_fails_that_file_only(trained, tmp_path, capsys):
    project, run = trained
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_named(inputs, b"m" * 250 + b".wav", 15)
    write_named(inputs, b"short.wav", 16)
    code, out, err = wavesmith(
        capsys, "process", run, inputs, "--out", tmp_path / "out", "--suffix", "_denoised"
    )
    assert code == 1 and "Traceback" not in err, err
    assert "failed: " in err and "File name too long" in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["short_denoised.wav"]
