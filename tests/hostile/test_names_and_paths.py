"""Issue #16 items 9 and 11: names and paths a user (or an attacker) may type.

A run name is one folder under PROJECT/runs, never a path: `../../escape`, an absolute
path, `a/b` or `base/config.json` wrote runs outside the project, crashed, or nested a run
inside another. `--out` pointing at a file (or below one) crashed with a traceback.
"""

from __future__ import annotations

import pytest

from core.train.run_folder import check_run_name, new_run_dir
from core.train.trainer import Trainer
from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.training import make_project, tiny_config

BAD_NAMES = [
    "../../escape",
    "/tmp/absolute_run",
    "a/b",
    "base/config.json",
    "..",
    ".hidden",
    "",
    "tab\there",
    "new\nline",
    "x" * 101,
    "trailing.",
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("names"))
    run = project.runs_dir / "base"
    assert Trainer(project, tiny_config(**{"run.epochs": 1}), run).run().status == "completed"
    return project, run


@pytest.mark.parametrize("name", BAD_NAMES)
def test_train_refuses_a_run_name_that_is_not_one_safe_folder(trained, capsys, name):
    project, _ = trained
    outside = sorted(p.name for p in project.root.parent.rglob("*") if p.is_dir())
    code, out, err = wavesmith(capsys, "train", project.root, "--name", name, "--epochs", 1)
    assert code == 2 and "run name" in err and "Traceback" not in err, err
    assert sorted(p.name for p in project.root.parent.rglob("*") if p.is_dir()) == outside
    assert sorted(p.name for p in project.runs_dir.iterdir()) == ["base"]


def test_names_people_use_are_accepted(tmp_path):
    for name in ("débruiteur été 2026", "run-1_b.v2", "Voix (salon)", "日本語"):
        assert new_run_dir(tmp_path / "runs", "denoise", check_run_name(name)).name == name


def test_branch_name_is_checked_too(trained, capsys):
    project, run = trained
    code, out, err = wavesmith(
        capsys, "resume", run, "--checkpoint", run / "checkpoints" / "latest.pt",
        "--branch", "--name", "../up",
    )  # fmt: skip
    assert code == 2 and "run name '../up'" in err
    assert sorted(p.name for p in project.runs_dir.iterdir()) == ["base"]


@pytest.mark.parametrize("below", ["", "sub"])
@pytest.mark.parametrize("command", ["process", "export-clips", "export-clips --sliced"])
def test_out_pointing_at_a_file_is_a_sentence(trained, tmp_path, capsys, command, below):
    project, run = trained
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me\n")
    out = a_file / below if below else a_file
    words = command.split()
    voice = project.root.parent / "audio" / "clean" / "voice_00.wav"
    if words[0] == "process":
        code, _, err = wavesmith(capsys, "process", run, voice, "--out", out)
    else:
        code, _, err = wavesmith(capsys, *words[:1], project.root, out, *words[1:])
    assert code == 2 and "Traceback" not in err, err
    said = "is a file" if not below else f"is inside {a_file}, which is a file"
    assert f"{out}: {said}, not a folder to write into" in err
    assert a_file.read_text() == "keep me\n"
