"""Answers a scripted user gives to the window's questions, shared by the GUI and journey tests.

A question the test does not answer is a modal dialog that waits for ever: pytest-timeout's
signal cannot interrupt Qt's nested event loop, so the run would hang instead of failing.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def files_without_a_role_are_clean(monkeypatch):
    """Files whose folders name no role are imported as clean speech (the answer most tests'
    temporary folders need); tests of the question answer it themselves
    (tests/gui/dataset/test_import_roles.py)."""
    from gui.dataset.import_bar import ImportBar

    monkeypatch.setattr(ImportBar, "role_asker", staticmethod(lambda parent, files: "clean"))
