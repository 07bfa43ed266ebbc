"""Issue #16 item 13: one clear line where a traceback (or a silent wrong answer) was.

Each case is a command a user may run; each must exit with a sentence naming what is wrong,
no traceback, and no empty run folder left behind.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.training import SR, make_project, tiny_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("sentences"))


@pytest.fixture(scope="module")
def config_file(project):
    path = project.root.parent / "tiny.json"
    tiny_config(**{"run.epochs": 1}).save(path)
    return path


def runs(project) -> list[str]:
    return sorted(p.name for p in project.runs_dir.iterdir()) if project.runs_dir.exists() else []


@pytest.mark.parametrize(
    "setting, words",
    [
        ("data.segment_samples=1000000000000", "data.segment_samples: over 60 s"),
        ("run.batch_size=2.5", "--set run.batch_size=2.5: cannot parse as int"),
        ("run.seed=-1", "run.seed: -1 not in 0..4294967295"),
        ("data.val_segments_max=0", "data.val_segments_max: must be >= 1"),
        ("data.sample_seconds=-5", "data.sample_seconds: must be > 0"),
        ("model.hidden=10000000", "model.hidden/layers: over 4096/32"),
        ("run.device=bogus", "unknown device 'bogus'"),
    ],
)
def test_absurd_settings_are_one_line_and_leave_no_run(
    project, config_file, capsys, setting, words
):
    before = runs(project)
    code, out, err = wavesmith(
        capsys, "train", project.root, "--config", config_file, "--set", setting
    )
    assert code == 2 and words in err and "Traceback" not in err, err
    assert runs(project) == before


@pytest.mark.parametrize(
    "section, key, value, words",
    [
        ("run", "epochs", "3", "run.epochs: expected a whole number, got '3'"),
        ("optim", "lr", "fast", "optim.lr: expected a number, got 'fast'"),
        ("run", "batch_size", 2.5, "run.batch_size: expected a whole number, got 2.5"),
    ],
)
def test_a_hand_edited_config_json_names_the_field(
    project, tmp_path, capsys, section, key, value, words
):
    d = tiny_config().to_dict()
    d[section][key] = value
    (tmp_path / "c.json").write_text(json.dumps(d))
    code, out, err = wavesmith(capsys, "train", project.root, "--config", tmp_path / "c.json")
    assert code == 2 and words in err, err


def test_noise_kinds_as_a_string_is_not_split_into_letters(project, tmp_path, capsys):
    d = tiny_config().to_dict()
    d["data"]["noise"]["kinds"] = "white"
    (tmp_path / "c.json").write_text(json.dumps(d))
    code, out, err = wavesmith(capsys, "train", project.root, "--config", tmp_path / "c.json")
    assert code == 2 and "data.noise.kinds: expected a list, got 'white'" in err
    assert "['w', 'h'" not in err


def test_indexes_that_cannot_be_a_project_say_why(project, tmp_path, capsys):
    import shutil

    newer = tmp_path / "newer"
    shutil.copytree(project.root, newer, ignore=shutil.ignore_patterns("runs", "cache"))
    conn = sqlite3.connect(newer / "project.sqlite")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    code, out, err = wavesmith(capsys, "stats", newer)
    assert (
        code == 2
        and "schema version 99, newer than this Wavesmith" in err
        and "Traceback" not in err
    )

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    conn = sqlite3.connect(foreign / "project.sqlite")
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    code, out, err = wavesmith(capsys, "stats", foreign)
    assert code == 2 and "none of a project index's tables" in err
    conn = sqlite3.connect(foreign / "project.sqlite")  # and it was not turned into one
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["photos"]
    conn.close()

    emptied = tmp_path / "emptied"
    emptied.mkdir()
    (emptied / "project.sqlite").write_bytes(b"")
    code, out, err = wavesmith(capsys, "stats", emptied)
    assert code == 2 and "is empty (0 bytes)" in err
    assert (emptied / "project.sqlite").stat().st_size == 0  # not silently recreated


def test_stats_measures_files_of_many_channels(tmp_path, capsys):
    project = make_project(tmp_path, clips=2)
    rng = np.random.default_rng(0)
    for channels in (6, 1024):
        path = tmp_path / f"array_{channels}.wav"
        sf.write(path, 0.1 * rng.standard_normal((SR // 2, channels)), SR, subtype="FLOAT")
        code, out, err = wavesmith(capsys, "add", project.root, path)
        assert code == 0, out + err
    code, out, err = wavesmith(capsys, "stats", project.root)
    assert code == 0 and "could not be measured" not in out, out
    assert "Traceback" not in err and "five channels" not in out + err


def test_a_folder_without_audio_says_so(project, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("no audio here\n")
    code, out, err = wavesmith(capsys, "add", project.root, tmp_path)
    assert code == 2 and f"no audio or video files in {tmp_path}" in err


def test_train_piped_into_head_trains_on_without_a_traceback_per_event(
    project, config_file, tmp_path
):
    errors = tmp_path / "stderr.txt"
    with open(errors, "w") as err:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "train", str(project.root), "--config",
             str(config_file), "--name", "piped", "--no-progress"],
            stdout=subprocess.PIPE, stderr=err,
        )  # fmt: skip
        first = proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does after its line
        code = proc.wait(timeout=300)
    text = errors.read_text()
    assert first.strip() and code == 0, text  # head printed its one line; training went on
    assert "BrokenPipeError" not in text and "Traceback" not in text, text
    status = json.loads((project.runs_dir / "piped" / "status.json").read_text())
    assert status["status"] == "completed"
