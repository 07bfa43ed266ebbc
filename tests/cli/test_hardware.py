"""`wavesmith hw` in process: text, JSON with a real probe, and user errors."""

from __future__ import annotations

import json

from cli.main import run_cli
from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.dataset.segments import segments_per_clip
from core.train.config import TrainConfig
from tests.support.audiogen import sine, write


def test_hw_text_without_probe(capsys):
    assert run_cli(["hw"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Machine")
    assert "RAM" in out and "Advice" in out and "run.batch_size=" in out


def _tone_project(tmp_path, takes: int, sr: int) -> int:
    """A project at tmp_path/proj of 2 s tone takes; returns the training segments of 4096
    samples its clips give at their own rate, with the speech preset's hop."""
    src = tmp_path / "clean"
    for i in range(takes):
        write(src / f"take{i}.wav", sine(200 + 50 * i, 2.0, sr=sr), sr)
    project = Project.create(tmp_path / "proj")
    import_paths(project, [src], role="clean")
    data = TrainConfig.preset("speech", "denoise").data
    data.segment_samples = 4096
    clips = project.clips(role="clean", split="train")
    project.close()
    return sum(segments_per_clip(c.frames, 4096, data.hop_samples) for c in clips)


def test_hw_json_with_probe_on_a_project(tmp_path, capsys):
    segments = _tone_project(tmp_path, takes=6, sr=22050)

    argv = ["hw", "--json", "--probe", str(tmp_path / "proj"), "--max-batch", "2"]
    argv += ["--set", "data.segment_samples=4096", "--hours", "2", "--device", "cpu"]
    argv += ["--no-timing"]  # the probe's steps only (an epoch timed: the test below)
    assert run_cli(argv) == 0
    out = json.loads(capsys.readouterr().out)
    probe, advice = out["probe"], out["advice"]
    assert [p["batch_size"] for p in probe["points"]] == [1, 2]
    assert probe["segment_samples"] == 4096 and probe["method"] == "measured"
    # The fastest size per example within the budget; 2 (the largest) unless 1 was >10 %
    # faster on this machine at this moment.
    speed = {p["batch_size"]: p["samples_per_s"] for p in probe["points"]}
    batch = 1 if speed[1] > 1.1 * speed[2] and probe["fastest_batch"] == 1 else 2
    assert advice["batch_source"] == "measured" and advice["settings"]["run.batch_size"] == batch
    assert advice["settings"]["data.cache"] == "ram"  # 12 s of audio
    est = advice["estimate"]
    assert est["steps_per_epoch"] == -(-segments // batch)
    assert est["epochs_in_budget"] == int(2 * 3600 // est["seconds_per_epoch"])
    assert out["machine"]["cpu"]["logical_cores"] >= 1


def test_hw_errors_name_the_problem(tmp_path, capsys):
    assert run_cli(["hw", "--probe", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err
    assert run_cli(["hw", "--safety", "2"]) == 2
    assert "safety_fraction" in capsys.readouterr().err


def test_hw_measures_at_the_rate_train_would_use(tmp_path, capsys):
    # `hw` and `train` build their config in one place (cli.common.config_from_args): on a
    # 16 kHz project the speech preset trains at 16 kHz, so the advice counts its segments
    # at 16 kHz too (it measured the preset's 22.05 kHz before).
    segments = _tone_project(tmp_path, takes=4, sr=16000)

    argv = ["hw", "--json", "--probe", str(tmp_path / "proj"), "--max-batch", "1"]
    argv += ["--set", "data.segment_samples=4096", "--device", "cpu", "--no-timing"]
    assert run_cli(argv) == 0
    captured = capsys.readouterr()
    assert "sample rate 16000 Hz from the project" in captured.err
    est = json.loads(captured.out)["advice"]["estimate"]
    assert est["steps_per_epoch"] == segments  # batch 1: one step per segment


def test_hw_project_times_an_epoch_as_the_hardware_tab_does(tmp_path, capsys):
    """`wavesmith hw PROJECT` times an epoch on the project's data at the advised batch (the
    Hardware tab's core.hardware.epoch_timing.time_advised_epoch) and builds the estimate
    for the configured epochs from it, not from the probe's random-batch steps alone."""
    import pytest

    segments = _tone_project(tmp_path, takes=6, sr=16000)
    argv = ["hw", str(tmp_path / "proj"), "--max-batch", "2", "--epochs", "3", "--device", "cpu"]
    argv += ["--set", "data.segment_samples=4096", "--set", "data.quality_every=0"]
    argv += ["--set", "run.workers=0"]  # examples made in the process: no workers to start
    assert run_cli([*argv, "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    timing, advice = out["timing"], out["advice"]
    assert timing["batch_size"] == advice["batch_size"] and timing["device"] == "cpu"
    assert timing["steps_timed"] == 4 and 0 < timing["load_seconds"] < timing["step_seconds"]
    assert timing["validation_examples"] >= 1 and timing["validation_seconds"] > 0
    assert timing["quality_every"] == 0 and timing["quality_seconds"] == 0
    est = advice["estimate"]
    assert est["seconds_per_step"] == timing["step_seconds"]  # the loader-fed step
    assert est["overhead_seconds"] == pytest.approx(timing["validation_seconds"])
    assert est["steps_per_epoch"] == -(-segments // advice["batch_size"])
    per_epoch = est["steps_per_epoch"] * timing["step_seconds"] + timing["validation_seconds"]
    assert est["seconds_per_epoch"] == pytest.approx(per_epoch)
    assert est["epochs"] == 3 and est["total_seconds"] == pytest.approx(3 * per_epoch)
    time_line = next(line["text"] for line in advice["lines"] if line["topic"] == "time")
    assert "measured on this project's examples" in time_line and "3 epochs take" in time_line

    # The text says what was timed; --no-timing leaves the estimate to the probe's steps.
    assert run_cli(argv) == 0
    text = capsys.readouterr().out
    assert "Epoch timed on the project's data at batch" in text and "validation" in text
    assert "measured on this project's examples" in text
    assert run_cli([*argv, "--json", "--no-timing"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["timing"] is None
    assert "training steps only" in next(
        line["text"] for line in out["advice"]["lines"] if line["topic"] == "time"
    )


def test_hw_says_why_no_epoch_was_timed_and_still_advises(tmp_path, capsys):
    src = tmp_path / "noise"
    for i in range(2):
        write(src / f"fan{i}.wav", sine(300 + 10 * i, 2.0, sr=16000), 16000)
    project = Project.create(tmp_path / "proj")
    import_paths(project, [src], role="noise")  # nothing to denoise yet
    project.close()
    argv = ["hw", str(tmp_path / "proj"), "--json", "--max-batch", "1", "--device", "cpu"]
    assert run_cli([*argv, "--set", "data.segment_samples=4096"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["timing"] is None
    assert "No epoch timed" in captured.err and "clean clips" in captured.err


def test_hw_task_classify_probes_the_cnn_and_times_an_epoch_on_the_feature_cache(tmp_path, capsys):
    """#17, 4 from the command line: `wavesmith hw PROJECT --task classify` measures the
    CNN with the project's classes on log-mel windows and counts the epoch's windows from
    the epoch timed on the feature cache."""
    from tests.support.training import (
        CLASSIFY_PROFILE,
        build_classify_cache,
        make_classify_project,
        tiny_classify_config,
    )

    project = make_classify_project(tmp_path, classes=3)
    build_classify_cache(project, tiny_classify_config())  # what the command's config reads
    root = project.root
    project.close()
    sets = [f"--set={k}={v}" for k, v in CLASSIFY_PROFILE.items()]
    argv = ["hw", str(root), "--task", "classify", "--max-batch", "4", "--epochs", "2"]
    assert run_cli([*argv, "--device", "cpu", "--json", *sets]) == 0
    out = json.loads(capsys.readouterr().out)
    probe, timing, advice = out["probe"], out["timing"], out["advice"]
    assert probe["segment_samples"] == tiny_classify_config().classify.features.window_samples
    assert not any("classes" in w for w in probe["warnings"])  # the project's, not placeholders
    assert timing["cached"] and timing["examples_per_epoch"] > 0
    est = advice["estimate"]
    assert est["steps_per_epoch"] == -(-timing["examples_per_epoch"] // advice["batch_size"])


def test_hw_without_task_takes_the_projects_and_says_so(tmp_path, capsys):
    """#17: `wavesmith hw PROJECT` on a project of labelled class folders measures the
    classifier (its windows, its feature cache in the cache line) and says why; on a project
    of plain clean takes it stays the denoiser."""
    from tests.support.training import CLASSIFY_PROFILE, make_classify_project

    project = make_classify_project(tmp_path / "labelled", classes=2, recordings=3)
    root = project.root
    project.close()
    sets = [f"--set={k}={v}" for k, v in CLASSIFY_PROFILE.items()]
    argv = ["hw", str(root), "--max-batch", "2", "--no-timing", "--device", "cpu", "--json"]
    assert run_cli([*argv, *sets]) == 0
    captured = capsys.readouterr()
    assert "task: classify (the project's clips are labelled by class" in captured.err
    out = json.loads(captured.out)
    window = TrainConfig.preset("speech", "classify").with_overrides(CLASSIFY_PROFILE)
    assert out["probe"]["segment_samples"] == window.classify.features.window_samples
    (cache,) = [line["text"] for line in out["advice"]["lines"] if line["topic"] == "cache"]
    assert "log-mel feature cache" in cache

    _tone_project(tmp_path, takes=2, sr=16000)
    argv = ["hw", str(tmp_path / "proj"), "--max-batch", "1", "--no-timing", "--device", "cpu"]
    assert run_cli([*argv, "--json", "--set", "data.segment_samples=4096"]) == 0
    captured = capsys.readouterr()
    assert "task: denoise (the project has no class labels and no pairs" in captured.err
    assert json.loads(captured.out)["probe"]["segment_samples"] == 4096
