"""Issue #16 item 4: what a failed write or a kill at the wrong moment leaves behind.

- a write that fails (a really full disk) leaves no `.NAME.part` file, whichever command
  wrote it (`write_audio`, `export-clips`, `process`);
- a kill between latest.pt's rename and its numbered hard link: the resume links it again;
- a run folder is never empty: it appears with its config.json, and an empty one left by
  an older version is removed by `resume` with a sentence, not refused forever.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.audio.io import write_audio
from core.train.checkpoint import list_checkpoints, load_checkpoint
from core.train.run_folder import list_runs, new_run_dir
from core.train.runs import numbered_name
from core.train.trainer import Trainer
from tests.hostile.conftest import fill
from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.training import make_project, tiny_config

MB = 1 << 20


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("leftovers"))
    run = project.runs_dir / "done"
    config = tiny_config(**{"run.epochs": 1, "run.keep_last": 3})
    assert Trainer(project, config, run).run().status == "completed"
    return project, run


def parts(folder) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith(".part")]


def test_write_audio_on_a_full_disk_leaves_no_part_file(small_disk):
    disk = small_disk(1 * MB)
    fill(disk, leave=64 * 1024)
    with pytest.raises(Exception) as info:
        write_audio(disk / "out" / "long.wav", np.zeros((200_000, 2), np.float32), 48000)
    assert "the disk is full: long.wav needs about 781 KB" in str(info.value)
    assert parts(disk) == [] and not (disk / "out" / "long.wav").exists()


def test_export_and_process_on_a_full_disk_leave_no_part_files(trained, small_disk, capsys):
    project, run = trained
    disk = small_disk(1 * MB)
    fill(disk, leave=40 * 1024)  # each clip is 32 KB at 16 bit: a few fit, then none
    code, out, err = wavesmith(capsys, "export-clips", project.root, disk / "sliced", "--sliced")
    assert parts(disk) == [], (out, err)
    code, out, err = wavesmith(capsys, "export-clips", project.root, disk / "plain")
    assert "the disk is full: voice_0" in out and "needs about" in out and parts(disk) == []
    sources = project.root.parent / "audio" / "clean"
    code, out, err = wavesmith(capsys, "process", run, sources, "--out", disk / "processed")
    # A full disk stops the batch with one sentence (the other files would fail alike).
    assert code == 1 and "error: the disk is full" in err and "Traceback" not in err
    assert parts(disk) == []


def test_a_kill_before_the_numbered_link_is_repaired_on_resume(trained, tmp_path):
    project, run = trained
    latest = load_checkpoint(run / "checkpoints" / "latest.pt")
    numbered = run / "checkpoints" / numbered_name(latest["epoch"], latest["step"])
    numbered.unlink()  # what a SIGKILL right after os.replace(latest) leaves
    Trainer.resume(project, run, overrides={"run.epochs": 2})
    assert numbered in list_checkpoints(run)
    assert load_checkpoint(numbered)["step"] == latest["step"]


def test_a_new_run_folder_appears_with_its_config(tmp_path):
    config = tiny_config()
    run = new_run_dir(tmp_path / "runs", "denoise", "first", config)
    assert [p.name for p in run.iterdir()] == ["config.json"]
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["first"]


def test_resume_of_an_empty_run_folder_removes_it_with_a_sentence(trained, capsys):
    project, _ = trained
    empty = project.runs_dir / "killed_at_birth"
    empty.mkdir()
    code, out, err = wavesmith(capsys, "resume", empty)
    assert code == 2 and "an empty run folder" in err and "removed it" in err
    assert not empty.exists()


def test_a_run_folder_being_made_is_not_listed(trained):
    project, _ = trained
    staging = project.runs_dir / ".4242.creating"
    staging.mkdir()
    tiny_config().save(staging / "config.json")
    assert ".4242.creating" not in [r.name for r in list_runs(project)]
