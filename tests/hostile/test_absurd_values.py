"""Issue #16 item 6: NaN must not reach an output file, nor any option or config.

`process --atten-limit nan` wrote all -32768 with exit 0; so did a model whose weights are
NaN, and an input of ±3.4e38 floats. Every float option refuses nan/inf naming itself, a
model with non-finite weights is refused at load, and a non-finite sample is never written.
"""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
import torch

from core.train.trainer import Trainer
from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.training import SR, make_project, synthetic_voice, tiny_config


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("absurd"))
    run = project.runs_dir / "done"
    assert Trainer(project, tiny_config(**{"run.epochs": 1}), run).run().status == "completed"
    voice = project.root.parent / "voice.wav"
    sf.write(voice, synthetic_voice(1.0, 3), SR, subtype="FLOAT")
    return project, run, voice


@pytest.mark.parametrize(
    "option, value",
    [("--atten-limit", "nan"), ("--chunk-seconds", "inf"), ("--strength", "nan")],
)
def test_process_refuses_a_non_finite_option_by_name(trained, tmp_path, capsys, option, value):
    project, run, voice = trained
    with pytest.raises(SystemExit) as info:
        wavesmith(capsys, "process", run, voice, "--out", tmp_path / "out", option, value)
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert f"argument {option}: '{value}' is not a finite number" in err
    assert not (tmp_path / "out").exists()


def test_pair_window_and_config_values_refuse_nan_and_inf(trained, tmp_path, capsys):
    project, run, voice = trained
    with pytest.raises(SystemExit):
        wavesmith(capsys, "pair", project.root, tmp_path, tmp_path, "--window", "nan")
    assert "argument --window: 'nan' is not a finite number" in capsys.readouterr().err
    for key, value in (("optim.min_delta", "nan"), ("optim.lr", "inf")):
        code, out, err = wavesmith(capsys, "train", project.root, "--set", f"{key}={value}")
        assert code == 2 and f"{key}: {value} is not a finite number" in err, err
    assert sorted(p.name for p in project.runs_dir.iterdir()) == ["done"]  # no run folder made


def test_a_model_with_nan_weights_is_refused_at_load(trained, tmp_path, capsys):
    project, run, voice = trained
    ckpt = torch.load(run / "checkpoints" / "latest.pt", weights_only=True)
    name = next(k for k, v in ckpt["model"].items() if v.is_floating_point())
    ckpt["model"][name] = torch.full_like(ckpt["model"][name], float("nan"))
    broken = tmp_path / "broken.pt"
    torch.save(ckpt, broken)
    code, out, err = wavesmith(capsys, "process", broken, voice, "--out", tmp_path / "out")
    assert code == 2 and "weights hold NaN or inf" in err and name in err
    assert not list((tmp_path / "out").rglob("*.wav")) if (tmp_path / "out").exists() else True


def test_an_input_of_huge_floats_gives_no_output_file_and_names_it(trained, tmp_path, capsys):
    project, run, voice = trained
    huge = tmp_path / "huge.wav"
    x = np.where(np.arange(SR) % 2, 3.4e38, -3.4e38).astype(np.float32)[:, None]
    sf.write(huge, x, SR, subtype="FLOAT")
    code, out, err = wavesmith(capsys, "process", run, huge, voice, "--out", tmp_path / "out")
    assert code == 1
    assert f"failed: {huge}: processing gave NaN/inf samples" in err and "far outside" in err
    written = sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["voice.wav"]  # the other file was still processed
    y, _ = sf.read(tmp_path / "out" / "voice.wav")
    assert np.isfinite(y).all()
