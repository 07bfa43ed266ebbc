"""Bytecode for the environment's packages when this Python may not write its own.

`uv run` no longer compiles the environment on every start (pyproject.toml says why), so a
package installed since the last `uv sync --compile-bytecode` has no `.pyc` files until
Python writes them on first import; with PYTHONDONTWRITEBYTECODE set it never does, and
every test that starts a process (main.py, the journey, the start-up checks) would compile
torch, Qt's bindings and numpy from source again, seconds each time. The test session
compiles what lacks bytecode, once: a few hundred stats when everything is compiled.
"""

from __future__ import annotations

import compileall
import importlib.util
import sysconfig
from pathlib import Path


def _probe(entry: Path) -> Path | None:
    """The file whose cached bytecode stands for a top-level package or module."""
    if entry.is_dir():
        init = entry / "__init__.py"
        return init if init.is_file() else None
    return entry if entry.suffix == ".py" else None


def lacking_bytecode(site: Path) -> list[Path]:
    """Top-level packages and modules of `site` without this interpreter's bytecode; a
    namespace package (no __init__.py, such as nvidia/) is looked into one level down."""
    out: list[Path] = []
    for entry in sorted(site.iterdir()):
        candidates = [entry]
        if entry.is_dir() and not (entry / "__init__.py").exists():
            candidates = [sub for sub in sorted(entry.iterdir()) if sub.is_dir()]
        for candidate in candidates:
            probe = _probe(candidate)
            if probe is not None and not Path(importlib.util.cache_from_source(probe)).is_file():
                out.append(candidate)
    return out


def compile_site_packages(site: Path | None = None) -> list[Path]:
    """Compile the packages of `site` (this environment's by default) that lack bytecode;
    returns them. Files that do not compile (templates named .py) are skipped quietly."""
    site = site or Path(sysconfig.get_paths()["purelib"])
    missing = lacking_bytecode(site)
    for entry in missing:
        if entry.is_dir():
            compileall.compile_dir(entry, quiet=2, workers=0)
        else:
            compileall.compile_file(entry, quiet=2)
    return missing
