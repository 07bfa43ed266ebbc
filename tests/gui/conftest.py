"""What every GUI test shares."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _files_without_a_role_are_clean(monkeypatch):
    """A scripted user: files whose folders name no role are imported as clean speech (the
    answer most tests' temporary folders need); tests of the question answer it themselves
    (tests/gui/dataset/test_import_roles.py)."""
    from gui.dataset.import_bar import ImportBar

    monkeypatch.setattr(ImportBar, "role_asker", staticmethod(lambda parent, files: "clean"))
