"""Processing through the real model formats: an exported .safetensors and a run folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch
from scipy.signal import correlate, sosfilt

from cli.main import run_cli
from core.listen.inference import process_file
from core.listen.model_loading import ModelLoadError, load_for_inference


def passthrough_run(root: Path, sample_rate: int = 22050) -> Path:
    """A run folder holding a checkpoint of the speech preset's model whose mask is ~1.

    The network is the real BandGRUNet; only its output layers are set so that it passes
    audio through, which makes the expected output known exactly.
    """
    from core.train.checkpoint import atomic_save, checkpoint_dir
    from core.train.config import TrainConfig
    from core.train.models import build_model

    cfg = TrainConfig.preset("speech")
    cfg.data.sample_rate = sample_rate
    model = build_model(cfg.model, sample_rate)
    with torch.no_grad():
        model.band_head.weight.zero_()
        model.band_head.bias.fill_(12.0)  # sigmoid(12) = 0.999994: the mask lets all through
    run = root / "runs" / "passthrough"
    checkpoint_dir(run).mkdir(parents=True)
    atomic_save(
        {"config": cfg.to_dict(), "model": model.state_dict(), "history": []},
        checkpoint_dir(run) / "best.pt",
    )
    return run


def exported_passthrough(root: Path, sample_rate: int = 22050) -> Path:
    from core.train.export import export_model

    return export_model(passthrough_run(root, sample_rate), root / "passthrough.safetensors")


def _band_limited_stereo(n: int, sr: int) -> np.ndarray:
    """Noise low-passed at 8 kHz, so a trip through 22.05 kHz keeps all of it."""
    from scipy.signal import butter

    sos = butter(10, 8000, fs=sr, output="sos")
    rng = np.random.default_rng(5)
    x = sosfilt(sos, rng.standard_normal((n + 2000, 2)), axis=0)[2000:]
    return (0.2 * x / np.std(x)).astype(np.float32)


def test_44k_stereo_odd_length_through_exported_22k_mono_model(tmp_path):
    sr = 44100
    n = 2 * sr + 101  # odd length
    dry = _band_limited_stereo(n, sr)
    src = tmp_path / "take.wav"
    sf.write(str(src), dry, sr, subtype="FLOAT")
    model_path = exported_passthrough(tmp_path)
    loaded = load_for_inference(model_path)
    assert loaded.sample_rate == 22050
    out = tmp_path / "out.wav"
    process_file(loaded.model, loaded.sample_rate, src, out)
    info = sf.info(str(out))
    assert (info.samplerate, info.channels, info.frames) == (sr, 2, n)
    wet, _ = sf.read(str(out), dtype="float32", always_2d=True)
    for c in range(2):
        xc = correlate(wet[:, c], dry[:, c], mode="full", method="fft")
        lag = int(np.argmax(xc)) - (n - 1)
        assert lag == 0
    # A pass-through model gives the input back, sample for sample.
    inner = slice(1000, n - 1000)
    err = wet[inner] - dry[inner]
    assert 20 * np.log10(np.std(err) / np.std(dry[inner])) < -30


def test_cli_process_with_a_run_folder(tmp_path, capsys):
    run = passthrough_run(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    sf.write(str(folder / "a.wav"), _band_limited_stereo(30001, 48000), 48000, subtype="PCM_24")
    (folder / "notes.wav").write_bytes(b"not audio")
    code = run_cli(
        ["process", str(run), str(folder), "--out", str(tmp_path / "o"), "--strength", "0.5"]
    )
    assert code == 1  # one file failed and was named
    captured = capsys.readouterr()
    assert "notes.wav" in captured.err and "RTF" in captured.out
    info = sf.info(str(tmp_path / "o" / "a.wav"))
    assert (info.samplerate, info.channels, info.frames) == (48000, 2, 30001)


def test_unloadable_models_give_clear_errors(tmp_path, capsys):
    with pytest.raises(ModelLoadError, match="no such model"):
        load_for_inference(tmp_path / "missing.safetensors")
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"garbage")
    with pytest.raises(ModelLoadError, match="bad.pt"):
        load_for_inference(bad)
    code = run_cli(["process", str(bad), str(tmp_path), "--out", str(tmp_path / "o")])
    assert code == 2 and "bad.pt" in capsys.readouterr().err


def test_cli_refuses_a_device_that_is_not_there(tmp_path, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    code = run_cli(
        ["process", str(tmp_path), str(tmp_path), "--out", str(tmp_path / "o"), "--device", "cuda"]
    )
    assert code == 2 and "CUDA is not available" in capsys.readouterr().err
