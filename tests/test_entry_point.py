"""main.py as a packaged build starts it: freeze_support before anything else, and no
console (sys.stdout and sys.stderr None, as under PyInstaller --windowed on Windows)."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import main
from tests.support.training import make_project, tiny_config

ROOT = Path(__file__).resolve().parent.parent


def test_freeze_support_runs_before_the_arguments_are_read(monkeypatch):
    # In a frozen build a worker process is the app started again with multiprocessing's
    # arguments: freeze_support runs the worker and exits, before argparse would reject them.
    def worker_exits():
        raise SystemExit(7)

    monkeypatch.setattr(multiprocessing, "freeze_support", worker_exits)
    with pytest.raises(SystemExit) as exited:
        main.main(["--multiprocessing-fork", "parent_pid=1", "pipe_handle=3"])
    assert exited.value.code == 7


def test_a_command_runs_without_stdout_and_stderr(tmp_path):
    # `train` with its progress bar (which asks stderr whether it is a terminal) and
    # `stats --json` (which writes to stdout): both used to raise AttributeError on None.
    project = make_project(tmp_path, clips=4)
    config = tiny_config(epochs=1).save(tmp_path / "tiny.json")
    code = f"""
        import sys
        sys.stdout = sys.stderr = None
        import main
        rc = main.main(["train", {str(project.root)!r}, "--config", {str(config)!r},
                        "--name", "windowed"])
        rc = rc or main.main(["stats", {str(project.root)!r}, "--json"])
        sys.exit(rc)
    """
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (project.runs_dir / "windowed" / "checkpoints" / "latest.pt").is_file()


def test_a_frozen_build_runs_code_given_with_dash_c(monkeypatch):
    # The frozen app is its own sys.executable: `wavesmith -c CODE ARG` must do what
    # `python -c CODE ARG` does (the run's history plot is drawn that way).
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    code = "import sys; assert sys.argv[0] == '-c'; sys.exit(int(sys.argv[1]) + 1)"
    with pytest.raises(SystemExit) as exited:
        main.main(["-c", code, "4"])
    assert exited.value.code == 5


def test_from_source_dash_c_is_not_a_command(monkeypatch, capsys):
    monkeypatch.delattr(sys, "frozen", raising=False)
    with pytest.raises(SystemExit) as exited:
        main.main(["-c", "print('ran')", "4"])
    assert exited.value.code == 2  # argparse's usage error
    assert "ran" not in capsys.readouterr().out
