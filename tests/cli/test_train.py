"""The headless training commands, run in-process through cli.main.run_cli."""

from __future__ import annotations

import re

import pytest

from cli.main import run_cli
from core.train.checkpoint import load_checkpoint
from tests.support.training import make_project, tiny_config


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("cli"), clips=6)


@pytest.fixture(scope="module")
def config_file(project, tmp_path_factory):
    return tiny_config(**{"run.epochs": 2}).save(tmp_path_factory.mktemp("cfg") / "tiny.json")


def test_train_analyze_resume_export(project, config_file, capsys, tmp_path):
    root = str(project.root)
    rc = run_cli(
        [
            "train",
            root,
            "--config",
            str(config_file),
            "--name",
            "c1",
            "--no-progress",
            "--set",
            "optim.lr=2e-3",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "epoch 2:" in out and "completed" in out
    run = project.runs_dir / "c1"
    assert load_checkpoint(run / "checkpoints" / "latest.pt")["config"]["optim"]["lr"] == 2e-3

    assert run_cli(["analyze", str(run)]) == 0
    out = capsys.readouterr().out
    assert "best epoch" in out and "early-stopping counter: 0" in out
    assert (run / "history.png").is_file()

    # PESQ measurement switched on when resuming (the tiny config has it off).
    args = ["resume", str(run), "--epochs", "3", "--no-progress"]
    assert run_cli([*args, "--set", "data.quality_segments=3"]) == 0
    out = capsys.readouterr().out
    assert "resumed from" in out and "epoch 3:" in out
    assert "PESQ" in out.split("epoch 3:")[1] and "PESQ" not in out.split("epoch 3:")[0]
    assert len(load_checkpoint(run / "checkpoints" / "latest.pt")["history"]) == 3
    assert run_cli(["analyze", str(run)]) == 0
    table = capsys.readouterr().out.split("PESQ")[-1].splitlines()[1:4]
    assert [row.split()[5] == "—" for row in table] == [True, True, False], table  # PESQ

    assert run_cli(["resume", str(run), "--set", "model.hidden=8"]) == 2
    err = capsys.readouterr().err
    assert "model.hidden" in err and "Start a new run" in err

    out_path = tmp_path / "model.safetensors"
    assert run_cli(["export", str(run), str(out_path)]) == 0
    assert out_path.is_file() and out_path.with_suffix(".json").is_file()


def test_cache_command_reports_size(project, config_file, capsys):
    rc = run_cli(["cache", str(project.root), "--config", str(config_file), "--workers", "1"])
    out = capsys.readouterr().out
    assert rc == 0, out
    # The size in the app's one format (core.units.format_bytes, binary units).
    assert re.search(r"\d+ segments x 2 variants of 4000 samples, \d+(\.\d)? [KMG]B,", out), out


def test_user_errors_exit_2_with_a_message(project, tmp_path, capsys):
    assert run_cli(["train", str(tmp_path / "nowhere")]) == 2
    assert "not a Wavesmith project" in capsys.readouterr().err
    assert run_cli(["train", str(project.root), "--set", "optim.lr"]) == 2
    assert "expected KEY=VALUE" in capsys.readouterr().err
    assert run_cli(["train", str(project.root), "--set", "optim.lr=-1"]) == 2
    assert "optim.lr" in capsys.readouterr().err
    assert run_cli(["resume", str(tmp_path)]) == 2
    assert "not a run folder" in capsys.readouterr().err


def test_a_device_this_machine_lacks_exits_2_naming_it(project, config_file, capsys, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    runs_before = set(project.runs_dir.iterdir())
    args = ["--config", str(config_file), "--no-progress", "--set", "run.device=cuda"]
    assert run_cli(["train", str(project.root), *args]) == 2
    err = capsys.readouterr().err
    assert "'cuda' requested but CUDA is not available here" in err and "Traceback" not in err
    assert set(project.runs_dir.iterdir()) == runs_before  # no empty run folder left behind
    # Resuming a run on such a device fails the same way (here a run killed before its
    # first checkpoint, which restarts from its config.json).
    run = project.runs_dir / "no_checkpoint"
    run.mkdir()
    tiny_config().save(run / "config.json")
    assert run_cli(["resume", str(run), "--set", "run.device=cuda", "--no-progress"]) == 2
    assert "'cuda' requested but CUDA is not available here" in capsys.readouterr().err
