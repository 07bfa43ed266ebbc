"""The test session's bytecode step: what lacks bytecode is found and compiled, once."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.support.bytecode import compile_site_packages, lacking_bytecode


def _cached(path: Path) -> Path:
    return Path(importlib.util.cache_from_source(path))


def test_packages_without_bytecode_are_found_and_compiled(tmp_path):
    site = tmp_path / "site-packages"
    (site / "pkg" / "sub").mkdir(parents=True)
    (site / "pkg" / "__init__.py").write_text("X = 1\n")
    (site / "pkg" / "sub" / "__init__.py").write_text("Y = 2\n")
    (site / "mod.py").write_text("Z = 3\n")
    (site / "nvidia" / "cudnn").mkdir(parents=True)  # a namespace package, as nvidia/ is
    (site / "nvidia" / "cudnn" / "__init__.py").write_text("")
    (site / "broken").mkdir()
    (site / "broken" / "__init__.py").write_text("")
    (site / "broken" / "template.py").write_text("{% for x in y %}\n")  # not Python
    (site / "pkg-1.0.dist-info").mkdir()

    expected = [site / "broken", site / "mod.py", site / "nvidia" / "cudnn", site / "pkg"]
    assert lacking_bytecode(site) == expected
    assert compile_site_packages(site) == expected
    for source in ("pkg/__init__.py", "pkg/sub/__init__.py", "mod.py", "nvidia/cudnn/__init__.py"):
        assert _cached(site / source).is_file(), source
    assert not _cached(site / "broken" / "template.py").exists()
    # Everything compiled: the next session only looks.
    assert lacking_bytecode(site) == []
    assert compile_site_packages(site) == []
