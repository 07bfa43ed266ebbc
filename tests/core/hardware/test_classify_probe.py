"""The Hardware tab's batch probe and epoch timing for the classify task (#17, 4): the CNN
probed on log-mel windows with the project's classes, an epoch timed on the feature cache
through the task's own loader and validation, and the time estimate from its epoch."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.hardware.advice import advise
from core.hardware.advice_rules import choose_batch
from core.hardware.batch_probe import ProbeConfig, probe_for_config
from core.hardware.epoch_timing import TimingCancelled, time_epoch
from core.hardware.estimates import dataset_size_for
from core.train.sampling import steps_per_epoch
from tests.core.hardware.test_advice import machine
from tests.support.training import (
    build_classify_cache,
    make_classify_project,
    tiny_classify_config,
)

SMALL = ProbeConfig(batch_sizes=(1, 2, 4), max_batch=4, warmup_steps=0, timed_steps=1,
                    verify=False)  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = make_classify_project(tmp_path_factory.mktemp("hw_classify"), classes=3)
    yield project
    project.close()


def parameters(config, classes) -> int:
    from core.train.models import build_model

    model = build_model(dataclasses.replace(config.model, classes=classes), 16000)
    return sum(p.numel() for p in model.parameters())


def test_the_probe_runs_the_cnn_on_log_mel_windows_with_the_projects_classes(project):
    config = tiny_classify_config()
    assert not config.model.classes  # as the Training tab's form gives it
    result = probe_for_config(config, "cpu", SMALL, project=project)
    assert [p.status for p in result.points] == ["ok"] * 3
    assert result.recommended_batch >= 1 and result.seconds_per_step > 0
    # The model measured is the one training builds: three classes, from the project.
    from core.train.classify.task import project_classes

    classes = project_classes(project)
    assert len(classes) == 3
    assert result.parameters == parameters(config, classes)
    assert result.segment_samples == config.classify.features.window_samples
    assert not any("classes" in w for w in result.warnings)
    # Memory grows with the batch (the fit has something to fit).
    peaks = [p.peak_bytes for p in result.points]
    assert peaks == sorted(peaks) and peaks[-1] > peaks[0]

    alone = probe_for_config(config, "cpu", SMALL)  # no project: placeholder classes, said
    assert alone.parameters == parameters(config, tuple(f"c{i}" for i in range(10)))
    assert any("10 classes" in w for w in alone.warnings)


def test_an_epoch_is_timed_on_the_feature_cache_and_gives_the_estimate(project):
    from core.dataset.labels import labelled_clips
    from core.train.classify.features import window_starts

    config = tiny_classify_config(**{"classify.balance": "off"})
    build_classify_cache(project, config)  # in-process; training would build the same
    probe = probe_for_config(config, "cpu", SMALL, project=project)
    batch = choose_batch(probe).batch
    seen = []
    timing = time_epoch(project, config, batch, steps=2, progress=lambda *a: seen.append(a))
    assert timing.batch_size == batch and timing.steps_timed == 2 and timing.cached
    assert 0 < timing.load_seconds < timing.step_seconds
    assert timing.validation_seconds > 0 and timing.quality_every == 0
    # The epoch's examples are the training windows (balance off: each once), counted
    # here from the clips' lengths as the cache cuts them.
    f = config.classify.features

    def windows(split):
        clips = [project.clip(c.clip_id) for c in labelled_clips(project) if c.split == split]
        rate = f.sample_rate
        return sum(
            len(window_starts(int(np.ceil(c.frames * rate / c.sample_rate)), f)) for c in clips
        )

    assert timing.examples_per_epoch == windows("train")
    assert timing.validation_examples == windows("val")
    assert seen[-1][0] == "done"

    # The estimate: the index gives no segments for a classifier; the timed epoch does.
    dataset = dataset_size_for(project, config)
    assert dataset.train_segments == 0
    assert advise(machine(), probe, dataset).estimate is None  # nothing to count with
    est = advise(machine(), probe, dataset, epochs=10, timing=timing).estimate
    steps = steps_per_epoch(windows("train"), batch)
    assert est.steps_per_epoch == steps
    assert est.seconds_per_epoch == pytest.approx(
        steps * timing.step_seconds + timing.validation_seconds
    )
    assert est.total_seconds == pytest.approx(10 * est.seconds_per_epoch)

    with pytest.raises(TimingCancelled):
        time_epoch(project, config, batch, steps=1, should_cancel=lambda: True)
