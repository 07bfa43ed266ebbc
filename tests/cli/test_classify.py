"""The classify task from the command line: `train --task classify` on generated class
folders, `classify` per file and along a recording made of two classes back to back (the
detections change class where the recording does), and the ONNX export run by onnxruntime
against torch."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
import torch

from cli.main import run_cli
from core.train import events as ev
from core.train.export import load_model
from core.train.run_folder import read_events
from tests.support.audiogen import write
from tests.support.class_folders import class_name, class_sound
from tests.support.training import (
    CLASSIFY_PROFILE,
    build_classify_cache,
    make_classify_project,
    tiny_classify_config,
)

SR = 16000


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = make_classify_project(tmp_path_factory.mktemp("cli_classify"), classes=4)
    build_classify_cache(project, tiny_classify_config())  # what the command's config reads
    return project


@pytest.fixture(scope="module")
def run(project):
    sets = [f"--set={k}={v}" for k, v in CLASSIFY_PROFILE.items()]
    args = ["train", str(project.root), "--task", "classify", "--epochs", "6"]
    rc = run_cli([*args, "--name", "clf", "--no-progress", *sets])
    assert rc == 0
    run = project.runs_dir / "clf"
    progress = [e for e in read_events(run)[0] if isinstance(e, ev.CacheProgress)]
    assert progress == []  # the cache was current: nothing to build, nothing said
    return run


def rows(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def test_train_task_classify_reports_accuracy(run, capsys):
    assert (run / "checkpoints" / "best.pt").is_file()
    assert run_cli(["analyze", str(run)]) == 0
    out = capsys.readouterr().out
    assert "top-1" in out and "macro-F1" in out


def test_classify_files_gives_each_its_top_classes(run, tmp_path):
    folder = tmp_path / "in"
    truth = {}
    for i in range(4):
        path = write(folder / f"file{i}.wav", class_sound(i, 1.2, SR, seed=900 + i)[:, None], SR)
        truth[path.name] = class_name(i)
    out = tmp_path / "results.csv"
    assert run_cli(["classify", str(run), str(folder), "--top", "2", "--out", str(out)]) == 0
    got = rows(out)
    assert len(got) == 8  # 4 files x top 2
    best = {r["file"].rsplit("/", 1)[-1]: r["label"] for r in got if r["rank"] == "1"}
    assert best == truth
    assert all(r["start_s"] == "0.000" and r["end_s"] == "1.200" for r in got)


def test_detections_follow_two_classes_back_to_back(run, tmp_path):
    first, second = class_sound(0, 3.0, SR, seed=901), class_sound(2, 3.0, SR, seed=902)
    path = write(tmp_path / "two.wav", np.concatenate([first, second])[:, None], SR)
    out = tmp_path / "detections.csv"
    args = ["classify", str(run), str(path), "--window", "0.5", "--hop", "0.25"]
    assert run_cli([*args, "--out", str(out)]) == 0
    found = [(float(r["start_s"]), float(r["end_s"]), r["label"]) for r in rows(out)]
    assert found[0][0] == 0.0 and found[-1][1] == 6.0
    assert all(a[1] == b[0] for a, b in zip(found, found[1:], strict=False))  # they tile
    # Within one hop of the change, either class; elsewhere only the class playing.
    for start, end, label in found:
        if end <= 2.75:
            assert label == class_name(0), found
        elif start >= 3.25:
            assert label == class_name(2), found
    said = {label for _, _, label in found}
    assert said == {class_name(0), class_name(2)}, found


def test_onnx_export_runs_like_torch(run, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    out = tmp_path / "model.onnx"
    assert run_cli(["export", str(run), str(out)]) == 0
    loaded = load_model(run)
    classes = loaded.config.model.classes
    assert out.with_suffix(".labels.txt").read_text().split() == list(classes)
    meta = json.loads(out.with_suffix(".json").read_text())
    features = loaded.config.classify.features
    assert meta["features"]["n_mels"] == features.n_mels == 32
    assert meta["features"]["window_s"] == 0.5 and meta["frames_per_window"] == features.frames
    session = ort.InferenceSession(str(out))
    for frames in (features.frames, 3 * features.frames):  # frames are free
        x = np.random.default_rng(frames).normal(-6, 3, (3, features.n_mels, frames))
        x = x.astype(np.float32)
        (onnx_logits,) = session.run(None, {"log_mel": x})
        with torch.no_grad():
            torch_logits = loaded.model(torch.from_numpy(x)).numpy()
        assert onnx_logits.shape == (3, len(classes))
        np.testing.assert_allclose(onnx_logits, torch_logits, rtol=1e-4, atol=1e-4)


def test_classify_option_errors(run, tmp_path, capsys):
    out = str(tmp_path / "r.csv")
    assert run_cli(["classify", str(run), str(tmp_path), "--hop", "0.5", "--out", out]) == 2
    assert "--hop needs --window" in capsys.readouterr().err
    assert run_cli(["classify", str(run), str(tmp_path / "none.wav"), "--out", out]) == 2
    assert "file not found" in capsys.readouterr().err


def test_train_classify_on_a_project_without_labels_says_so(tmp_path, capsys):
    from tests.support.training import make_project

    voices = make_project(tmp_path, clips=2)
    assert run_cli(["train", str(voices.root), "--task", "classify", "--no-progress"]) == 2
    assert "no labelled clips" in capsys.readouterr().err
    assert not voices.runs_dir.exists() or not any(voices.runs_dir.iterdir())  # no run folder


def test_process_refuses_a_classifier_and_says_what_runs_it(run, tmp_path, capsys):
    wav = write(tmp_path / "in.wav", class_sound(1, 1.0, SR, seed=903)[:, None], SR)
    assert run_cli(["process", str(run), str(wav), "--out", str(tmp_path / "out")]) == 2
    assert "wavesmith classify" in capsys.readouterr().err
