"""The Training tab as its tests use it: built alone, 1300×800, shut down after the test."""

from __future__ import annotations

import pytest

from gui.training.tab import TrainingTab


@pytest.fixture
def tab(qtbot):
    tab = TrainingTab()
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    yield tab
    tab.shutdown()
