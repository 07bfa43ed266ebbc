"""The self-test's translations step: none shipped yet is said so, a compiled translation
loads, and a file Qt cannot load fails the step with its name."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gui import self_check

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context><name>MainWindow</name>
<message><source>Listen</source><translation>Écoute</translation></message>
</context>
</TS>
"""


def test_no_translation_yet_is_said_so(qapp, monkeypatch):
    monkeypatch.setattr(self_check, "translation_files", lambda: [])
    assert self_check.load_translations(None).startswith("none yet")


def test_a_compiled_translation_loads(qapp, tmp_path, monkeypatch):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists() and shutil.which("pyside6-lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    (tmp_path / "wavesmith_fr.ts").write_text(TS, encoding="utf-8")
    subprocess.run(
        [str(lrelease), str(tmp_path / "wavesmith_fr.ts")], check=True, capture_output=True
    )
    qm = tmp_path / "wavesmith_fr.qm"
    monkeypatch.setattr(self_check, "translation_files", lambda: [qm])
    assert self_check.load_translations(None) == "wavesmith_fr, qtbase_fr"


def test_a_translation_qt_cannot_load_fails_the_step(qapp, tmp_path, monkeypatch):
    broken = tmp_path / "wavesmith_fr.qm"
    broken.write_bytes(b"not a Qt translation")
    monkeypatch.setattr(self_check, "translation_files", lambda: [broken])
    with pytest.raises(RuntimeError, match="wavesmith_fr.qm: Qt cannot load"):
        self_check.load_translations(None)


def test_the_step_loads_what_the_app_loads(qapp):
    """French, as gui.i18n finds it (shipped or compiled from the .ts), and Qt's own."""
    from gui.i18n import compiled_catalog

    assert self_check.translation_files() == [compiled_catalog("fr")]
    assert self_check.load_translations(None) == "wavesmith_fr, qtbase_fr"
