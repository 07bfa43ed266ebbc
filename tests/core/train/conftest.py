"""Fixtures shared by the training tests that compare a disturbed run with an uninterrupted one."""

from __future__ import annotations

import pytest

from core.train.trainer import Trainer
from tests.support.training import make_project, tiny_config


@pytest.fixture(scope="module")
def project(request, tmp_path_factory):
    """A clean project per test module (the module's runs must not see another's)."""
    return make_project(tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]))


@pytest.fixture(scope="module")
def reference(request, project):
    """An uninterrupted run of the module's config (its OVERRIDES), to compare against."""
    overrides = request.module.OVERRIDES
    trainer = Trainer(project, tiny_config(**overrides), project.runs_dir / "reference")
    assert trainer.run().status == "completed"
    return trainer
