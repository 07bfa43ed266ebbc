"""The headless commands, run as a user would: `python main.py COMMAND ...` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from cli.main import run_cli
from tests.support.audiogen import sine, write

ROOT = Path(__file__).resolve().parents[2]
SR = 16000


def wavesmith(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_new_add_pair_stats(tmp_path):
    proj = tmp_path / "proj"
    data = tmp_path / "data"
    write(data / "speech" / "a.wav", sine(300, 9.0, SR), SR)
    write(data / "noise" / "fan.wav", sine(60, 5.0, SR, amp=0.1), SR)
    (data / "speech" / "broken.wav").write_text("not audio")
    rng = np.random.default_rng(0)
    take = (0.3 * rng.standard_normal((3 * SR, 1))).astype(np.float32)
    write(tmp_path / "raw" / "t1_raw.wav", take, SR, "FLOAT")
    write(
        tmp_path / "mixed" / "t1_mix.wav",
        np.concatenate([np.zeros((123, 1), np.float32), 0.5 * take]),
        SR,
        "FLOAT",
    )

    r = wavesmith("new", proj)
    assert r.returncode == 0, r.stderr
    assert (proj / "project.sqlite").is_file()

    r = wavesmith("add", proj, data)
    assert r.returncode == 0, r.stderr
    assert f"rejected {data / 'speech' / 'broken.wav'}: not an audio file" in r.stdout
    assert "added 2, skipped 0, rejected 1" in r.stdout
    assert "[noise," in r.stdout

    r = wavesmith("pair", proj, tmp_path / "raw", tmp_path / "mixed")
    assert r.returncode == 0, r.stderr
    assert "offset +123 samples" in r.stdout
    assert "length diff +123 samples" in r.stdout

    # Headers only: full mode is checked in-process (test_stats); its loudness meter
    # imports scipy.signal, seconds of start-up on a busy machine. The tones have no
    # silence, so the header-based segment counts are exact here.
    r = wavesmith("stats", proj, "--json", "--segment", "2", "--headers-only")
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["pair_count"] == 1 and stats["task"] == "paired"
    assert stats["roles"]["clean"]["segments"] == 4  # floor(9 / 2)
    assert stats["base_segments"] == 1  # the 3 s paired input: floor(3 / 2)


def test_errors_and_exit_codes(tmp_path, capsys):
    # The real process once, for the exit status a shell sees...
    r = wavesmith("stats", tmp_path)
    assert r.returncode == 2
    assert "not a Wavesmith project" in r.stderr and "Traceback" not in r.stderr

    # ...and the rest in-process through the same entry point (a subprocess costs
    # seconds on a loaded machine).
    proj = tmp_path / "proj"
    assert run_cli(["new", str(proj)]) == 0
    assert run_cli(["new", str(proj)]) == 2
    assert "already exists" in capsys.readouterr().err

    assert run_cli(["add", str(proj), str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err

    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"")
    assert run_cli(["add", str(proj), str(bad)]) == 1  # everything tried was rejected
    assert "zero-length" in capsys.readouterr().out

    write(tmp_path / "ok.wav", sine(300, 2.0, SR), SR)
    assert run_cli(["add", str(proj), str(tmp_path / "ok.wav"), str(bad)]) == 0
    assert run_cli(["add", str(proj), str(tmp_path / "ok.wav")]) == 0  # already there
    assert "already in the project" in capsys.readouterr().out

    assert run_cli(["pair", str(proj), str(tmp_path / "x"), str(tmp_path)]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert run_cli(["stats", str(proj), "--segment", "0"]) == 2

    assert run_cli(["stats", str(proj), "--headers-only"]) == 0
    out = capsys.readouterr().out
    assert "1 clip," in out and " 1 file " in out and "estimate" in out and "advice:" in out
