"""The import-linter contracts (core never imports Qt, the rooms are layered, the GUI tabs are
independent) pass, and they really catch a breach."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    # lint-imports reads pyproject.toml from the working folder and imports the root
    # packages from there; no cache, so a planted file is always seen.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_contract_holds_for_the_repository():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "core never imports Qt or the GUI KEPT" in result.stdout
    # The contract names wrap at 80 columns in lint-imports' report.
    report = " ".join(result.stdout.split())
    assert "Rooms are layered: cli and gui, then listen and hardware" in report
    assert "GUI tabs are independent" in report
    assert "BROKEN" not in report


def _copy_tree(dst: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "core", dst / "core", ignore=ignore)
    shutil.copytree(ROOT / "gui", dst / "gui", ignore=ignore)
    shutil.copytree(ROOT / "cli", dst / "cli", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", dst / "pyproject.toml")


def test_contract_catches_pyside6_in_core(tmp_path):
    _copy_tree(tmp_path)
    # The same copy passes before the breach, so the failure below is the planted import.
    clean = _lint(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    planted = tmp_path / "core" / "sneaky_widget.py"
    planted.write_text("from PySide6.QtWidgets import QWidget\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "core.sneaky_widget -> PySide6" in result.stdout


def _lint_with_planted(tmp_path: Path, module: str, line: str) -> str:
    """lint-imports' report on a copy of the tree with `line` planted as `module`; the
    contract must break and name the planted import."""
    _copy_tree(tmp_path)
    (tmp_path / Path(*module.split("."))).with_suffix(".py").write_text(line + "  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    return result.stdout


def test_contract_catches_core_importing_gui_indirectly(tmp_path):
    # core → gui (which imports Qt): forbidden even though core never names PySide6.
    report = _lint_with_planted(tmp_path, "core.shortcut", "import gui.main_window")
    assert "core.shortcut -> gui.main_window" in report


def test_layers_catch_a_lower_room_importing_a_higher_one(tmp_path):
    # audio sits below train: an audio module that imports the trainer breaks the layers.
    report = _lint_with_planted(tmp_path, "core.audio.planted", "import core.train.trainer")
    assert "core.audio.planted -> core.train.trainer" in report


def test_layers_catch_one_tab_importing_another(tmp_path):
    report = _lint_with_planted(tmp_path, "gui.hardware.planted", "import gui.training.tab")
    assert "gui.hardware.planted -> gui.training.tab" in report
