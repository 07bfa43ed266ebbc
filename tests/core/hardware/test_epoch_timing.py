"""The time estimate from an epoch timed on the project's own data (issue #15, 7): real
loader-fed training steps and a validation pass, not the probe's random-batch steps alone."""

from __future__ import annotations

import pytest

from core.hardware.advice import advise
from core.hardware.epoch_timing import (
    EpochTiming,
    TimingCancelled,
    measured,
    progress_reporter,
    time_epoch,
)
from core.hardware.estimates import DatasetSize
from core.hardware.probe_step import ProbePoint
from core.units import GIB
from tests.core.hardware.test_advice import H100, _probe, machine
from tests.support.training import make_project, tiny_config


def test_an_epoch_is_timed_with_its_data_loading_and_validation(tmp_path):
    project = make_project(tmp_path, "speech_or_tones", clips=4)
    config = tiny_config("gui", **{"data.quality_every": 1, "run.workers": 0})
    seen = []
    timing = time_epoch(project, config, 4, steps=3, progress=lambda *a: seen.append(a))
    assert timing.batch_size == 4 and timing.steps_timed == 3
    # Without workers the step includes making its examples: the wait is part of the step.
    assert 0 < timing.load_seconds < timing.step_seconds
    assert timing.validation_examples >= 1 and timing.validation_seconds > 0
    assert timing.quality_seconds > 0 and timing.quality_every == 1  # PESQ/STOI each epoch
    assert timing.per_epoch_overhead == pytest.approx(
        timing.validation_seconds + timing.quality_seconds
    )
    assert not timing.cached  # no cache was built for this, and none existed
    assert seen[-1][0] == "done" and seen[-1][1] == seen[-1][2]
    with pytest.raises(TimingCancelled):
        time_epoch(project, config, 4, steps=1, should_cancel=lambda: True)
    project.close()


def test_every_tasks_timing_ends_in_the_medians_of_its_steps_and_one_validation():
    import torch

    steps = ([0.5, 0.1, 0.3], [0.05, 0.2, 0.01])  # (step seconds, of which loader waits)
    timing = measured(8, torch.device("cpu"), steps, 1.5, 12, cached=True, examples_per_epoch=96)
    assert (timing.step_seconds, timing.load_seconds, timing.steps_timed) == (0.3, 0.05, 3)
    assert (timing.batch_size, timing.device, timing.cached) == (8, "cpu", True)
    assert (timing.validation_seconds, timing.validation_examples) == (1.5, 12)
    assert (timing.quality_seconds, timing.quality_every, timing.examples_per_epoch) == (0, 0, 96)
    assert timing.per_epoch_overhead == 1.5
    scored = measured(8, "cpu", steps, 1.5, 12, False, quality_seconds=4.0, quality_every=2)
    assert scored.per_epoch_overhead == 3.5 and scored.examples_per_epoch == 0


def test_the_reporter_passes_progress_on_until_cancelled():
    seen, stop = [], []
    report = progress_reporter(lambda *a: seen.append(a), lambda: bool(stop), 5)
    report("one validation pass", 4)
    assert seen == [("one validation pass", 4, 5)]
    stop.append(True)
    with pytest.raises(TimingCancelled):
        report("done", 5)
    assert len(seen) == 1
    progress_reporter(None, None, 5)("no one listens", 1)  # neither is required


class _PoolLikeScorer:
    """Scores as the real scorer's pool behaves: a worker starts (here 0.3 s) the first
    time more pairs are in flight than workers have started."""

    def __init__(self, workers: int = 1) -> None:
        self.workers, self.started = workers, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def score(self, pairs, sr):
        import time

        new = max(0, min(len(pairs), self.workers) - self.started)
        self.started += new
        time.sleep(0.3 * new + 0.001 * len(pairs))
        return [{"pesq": 3.0, "stoi": 0.9} for _ in pairs]


def test_worker_start_up_is_not_timed_as_scoring(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr("core.audio.quality.PerceptualScorer", _PoolLikeScorer)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # two workers, as on the users' 2 cores
    project = make_project(tmp_path, "speech_or_tones", clips=4)
    config = tiny_config("gui", **{"data.quality_every": 1, "run.workers": 0})
    timing = time_epoch(project, config, 4, steps=1)
    # Scored pairs cost 1 ms each here; a second worker's 0.3 s start-up, timed over 3 pairs
    # and scaled to the subset, read as seconds per epoch.
    assert 0 < timing.quality_seconds < 0.1
    project.close()


def _timing(batch: int, step: float, validation: float) -> EpochTiming:
    return EpochTiming(batch, "cuda:0", step, 0.3 * step, 4, validation, 48, 4.0, 2, False)


def test_the_estimate_is_built_from_the_timed_epoch():
    pts = [ProbePoint(8, "ok", GIB, None, 0.05, 160.0)]
    ds = DatasetSize(3600.0, 4000.0, 16000, train_segments=800)  # 100 steps at 8
    probe = _probe(pts, 8, sps=0.05, fastest=8)
    alone = advise(machine(H100), probe, ds).estimate
    assert alone.seconds_per_epoch == pytest.approx(100 * 0.05)
    adv = advise(machine(H100), probe, ds, timing=_timing(8, 0.12, 1.5))
    est = adv.estimate
    # 100 real steps of 0.12 s, validation 1.5 s, PESQ/STOI 4 s every 2 epochs.
    assert est.seconds_per_epoch == pytest.approx(100 * 0.12 + 1.5 + 2.0)
    (line,) = [ln.text for ln in adv.lines if ln.topic == "time"]
    assert "this project's examples" in line and "validation" in line
    assert "training steps only" not in line
    # A timing at another batch size than the advised one is not used.
    other = advise(machine(H100), probe, ds, timing=_timing(4, 0.12, 1.5)).estimate
    assert other.seconds_per_epoch == pytest.approx(alone.seconds_per_epoch)
