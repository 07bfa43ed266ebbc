"""`wavesmith --self-test`: the whole check passes on a working installation with one line
that names and times every step, and a step that fails is named with its reason."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli import self_test

ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = ("imports", "audio devices", "window", "translations", "worker process", "train")


def test_the_self_test_passes_and_reports_every_step(pulse_server, tmp_path):
    # As a user runs it: a fresh interpreter through main.py, offscreen, with a sound
    # server whose null sink PortAudio lists.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", self_test.DIR_ENV: str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "main.py", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-4000:]
    line = proc.stdout.strip().splitlines()[-1]
    timed = ", ".join(rf"{re.escape(name)} \d+\.\d s" for name in (*STEP_NAMES, "process"))
    assert re.fullmatch(rf"wavesmith self-test: OK in \d+\.\d s \({timed}\)", line), line
    # What each step saw, on stderr: the sink's outputs, every tab, the trained epoch.
    assert re.search(r"audio devices: ok .*PortAudio .*, [1-9]\d* outputs?\b", proc.stderr)
    assert re.search(r"window: ok .* 4 tabs on the offscreen platform", proc.stderr)
    assert "train: ok" in proc.stderr and "1 loader worker" in proc.stderr
    assert list(tmp_path.iterdir()) == []  # the temporary project is gone


def test_a_failing_step_is_named_and_stops_the_run(tmp_path, monkeypatch, capsys):
    # The temporary project pointed at a file, not a folder: it cannot be made there even
    # as root (CI runs as root, which a read-only folder would not stop).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv(self_test.DIR_ENV, str(blocker))
    assert self_test.run_self_test() == 1
    out, err = capsys.readouterr()
    line = out.strip().splitlines()[-1]
    assert line.startswith("wavesmith self-test: FAILED at train: RuntimeError: cannot make")
    assert str(blocker) in line
    assert re.search(r"\(imports \d+\.\d s, audio devices \d+\.\d s, worker", line)  # timed
    assert "\n  process:" not in err and "train: FAILED" in err  # nothing ran after it


def test_an_import_that_fails_is_named(monkeypatch, capsys):
    monkeypatch.setattr(self_test, "HEAVY_MODULES", ("numpy", "wavesmith_no_such_module"))
    results = self_test.run_steps(self_test.default_steps())
    assert [r.name for r in results] == ["imports"]
    assert "import wavesmith_no_such_module: ModuleNotFoundError" in results[0].error
    line = self_test.report_line(results, len(self_test.default_steps()))
    assert line.startswith("wavesmith self-test: FAILED at imports: RuntimeError: import wav")


@pytest.mark.parametrize("detail", ["", "seen"])
def test_the_report_says_ok_only_when_every_step_ran(detail):
    results = [self_test.StepResult("imports", 1.25, detail)]
    assert self_test.report_line(results, 1) == "wavesmith self-test: OK in 1.2 s (imports 1.2 s)"
    assert "FAILED: only 1 of 2" in self_test.report_line(results, 2)


def test_a_run_without_its_history_plot_fails_the_train_step(tmp_path, monkeypatch):
    # What the first frozen build did: the plot's helper interpreter (sys.executable -c)
    # was the app itself, the run logged the error and went on; the self-test must see it.
    from core.train import run_summary

    def no_interpreter(run_dir, history, timeout=120.0):
        raise RuntimeError("history.png not drawn: usage: wavesmith [-h] ...")

    monkeypatch.setattr(run_summary, "plot_history_in_child", no_interpreter)
    monkeypatch.setenv(self_test.DIR_ENV, str(tmp_path))
    results = self_test.run_steps([("train", self_test.train_tiny_epoch)])
    assert [r.name for r in results] == ["train"]
    assert "history.png" in results[0].error and "was not drawn" in results[0].error
