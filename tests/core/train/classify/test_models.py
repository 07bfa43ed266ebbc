"""The classify task's models, loss and batches: logits over the config's classes for any
window size, gain-blind; cross-entropy with smoothing the same for class indices and their
one-hot weights; mixup drawn from the batch's keys (so a resumed run mixes alike); a run's
classes against a project that changed since; configs that do not fit their task, and
what a resumed run may change."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.train.classify.data import ClassifyDataset, MixupCollate, classify_loss, remap
from core.train.classify.features import FeatureSplit
from core.train.config import ConfigError, TrainConfig
from core.train.models import build_model, count_parameters


def classify_config(**overrides) -> TrainConfig:
    return TrainConfig.preset("speech", "classify").with_overrides(
        {"model.classes": ("a", "b", "c", "d", "e"), **overrides}
    )


@pytest.mark.parametrize("kind", ["cnn_small", "cnn_large"])
def test_logits_over_the_classes_for_any_window(kind):
    model = build_model(classify_config(**{"model.kind": kind}).model).eval()
    for mels, frames in ((64, 101), (32, 51), (40, 7)):
        assert model(torch.randn(3, mels, frames)).shape == (3, 5)
    x = torch.randn(2, 64, 101)
    with torch.no_grad():  # standardised inside: a louder take (log + const) scores alike
        torch.testing.assert_close(model(x), model(x + 4.0), rtol=1e-4, atol=1e-4)


def test_the_small_model_is_small_and_the_large_one_larger():
    small = count_parameters(build_model(classify_config().model))
    large = count_parameters(build_model(classify_config(**{"model.kind": "cnn_large"}).model))
    assert 50_000 < small < 200_000 < 1_000_000 < large < 2_000_000


def test_kinds_must_fit_the_task():
    with pytest.raises(ConfigError, match="does not fit the task 'classify'"):
        classify_config(**{"model.kind": "unet"})
    with pytest.raises(ConfigError, match="does not fit the task 'denoise'"):
        TrainConfig.preset("speech").with_overrides({"model.kind": "cnn_small"})
    with pytest.raises(ValueError, match="model.classes is empty"):
        build_model(TrainConfig.preset("speech", "classify").model)


def test_soft_targets_give_the_loss_of_their_classes():
    logits = torch.randn(6, 5)
    labels = torch.tensor([0, 1, 2, 3, 4, 0])
    loss = classify_loss(0.1)
    onehot = torch.nn.functional.one_hot(labels, 5).float()
    torch.testing.assert_close(loss(logits, onehot), loss(logits, labels))
    smoothed = float(classify_loss(0.3)(logits, labels))
    assert smoothed != pytest.approx(float(classify_loss(0.0)(logits, labels)))


def split(n: int = 12, classes=("a", "b", "c")) -> FeatureSplit:
    rng = np.random.default_rng(0)
    return FeatureSplit(
        rng.normal(size=(n, 4, 3)).astype(np.float32),
        np.arange(n) % len(classes),
        np.arange(n) // 2,  # two windows a clip
        (np.arange(n) % 2 * 0.5).astype(np.float32),
        np.zeros(n, np.int16),
        classes,
    )


def test_mixup_is_drawn_from_the_batch_keys():
    ds = ClassifyDataset(split(), seed=1)
    collate = MixupCollate(3, mixup=1.0, seed=1)
    batch = [ds[(2, i)] for i in (5, 0, 7, 3)]
    x1, y1 = collate(batch)
    x2, y2 = collate([ds[(2, i)] for i in (5, 0, 7, 3)])
    assert torch.equal(x1, x2) and torch.equal(y1, y2)  # the same keys mix the same way
    assert y1.shape == (4, 3) and torch.allclose(y1.sum(dim=1), torch.ones(4))
    assert not torch.equal(x1, torch.stack([f for f, _, _ in batch]))  # it did mix
    x3, _ = collate([ds[(3, i)] for i in (5, 0, 7, 3)])
    assert not torch.equal(x1, x3)  # another epoch, another draw
    plain_x, plain_y = MixupCollate(3, mixup=0.0, seed=1)(batch)
    assert plain_y.tolist() == [2, 0, 1, 0]


def test_variants_of_a_window_are_one_unit_drawn_per_epoch():
    base = split(4)
    rows = np.repeat(np.arange(4), 3)  # each window, then two variants of it
    with_variants = FeatureSplit(
        base.features[rows],
        base.labels[rows],
        base.clip_ids[rows],
        base.starts_s[rows],
        np.tile(np.array([0, 1, 2], np.int16), 4),
        base.classes,
    )
    ds = ClassifyDataset(with_variants, seed=0)
    assert len(ds) == 4  # units, not rows
    picked = {ds.row(epoch, 1) for epoch in range(20)}
    assert picked == {3, 4, 5}  # the unit's original and both variants, over the epochs
    assert ds.row(7, 1) == ds.row(7, 1)


def test_a_run_keeps_its_classes_when_the_project_gains_one():
    newer = split(6, classes=("a", "b", "new"))  # "new" came after the run started
    mapped, dropped = remap(newer, ("a", "b"))
    assert dropped == ["new"]
    assert mapped.labels.tolist() == [0, 1, -1, 0, 1, -1]
    assert len(ClassifyDataset(mapped, 0)) == 4  # the 6 windows less the 2 of "new"


def test_resume_refuses_other_classes_or_features_and_warns_of_other_balancing():
    from core.train.resume import check_resume_compatible

    old = classify_config()
    with pytest.raises(ConfigError, match="model.classes"):
        check_resume_compatible(old, old.with_overrides({"model.classes": ("a", "b")}))
    with pytest.raises(ConfigError, match="classify.features.n_mels"):
        check_resume_compatible(old, old.with_overrides({"classify.features.n_mels": 40}))
    warnings = check_resume_compatible(old, old.with_overrides({"classify.balance": "off"}))
    assert warnings == ["classify.balance changed 'weighted' -> 'off' on resume"]
