"""docs/ARCHITECTURE.md and the README's layout say what the tree holds: every package
under core/, gui/ and cli/ appears in the rooms (and in the README's layout), and every
module is named on the architecture page, so a newcomer finds a module by reading it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = ("cli", "gui", "core")


def _code_block(text: str, first_line: str) -> str:
    """The fenced block whose first line starts with `first_line`."""
    blocks, current = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current = ""
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current += line
    for block in blocks:
        if block.startswith(first_line):
            return block
    raise AssertionError(f"no layout block starting with {first_line!r}")


def _entries(block: str) -> dict[str, str]:
    """Each top-level entry of a layout block (`gui/  …` and its indented lines) by name."""
    out: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        if line and not line[0].isspace():
            name = line.split()[0].rstrip("/")
            out[name] = ""
        if name is not None:
            out[name] += line + "\n"
    return out


def _packages(top: str, root: Path = ROOT) -> list[str]:
    return sorted(
        p.parent.relative_to(root / top).as_posix()
        for p in (root / top).rglob("__init__.py")
        if p.parent != root / top and "__pycache__" not in p.parts
    )


def _modules(root: Path = ROOT) -> list[Path]:
    return sorted(
        p
        for top in TOP
        for p in (root / top).rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    )


def missing_from_architecture(root: Path = ROOT) -> list[str]:
    text = (root / "docs" / "ARCHITECTURE.md").read_text()
    rooms = _entries(_code_block(text, "main.py"))
    missing = [f"{top}/" for top in TOP if top not in rooms]
    for top in TOP:
        entry = rooms.get(top, "")
        for pkg in _packages(top, root):
            if not re.search(rf"(?<![\w/]){re.escape(pkg)}/", entry):
                missing.append(f"{top}/{pkg}/")
    words = set(re.findall(r"\w+", text))
    missing += [p.relative_to(root).as_posix() for p in _modules(root) if p.stem not in words]
    return missing


def test_the_architecture_page_names_every_package_and_module():
    missing = missing_from_architecture()
    assert not missing, (
        "docs/ARCHITECTURE.md does not name these (add them to the rooms block, "
        f"'## The rooms'): {missing}"
    )


def test_the_readme_layout_names_every_package():
    rooms = _entries(_code_block((ROOT / "README.md").read_text(), "main.py"))
    missing = [
        f"{top}/{pkg}/"
        for top in TOP
        for pkg in _packages(top)
        if f"{pkg}/" not in rooms.get(top, "")
    ]
    assert not missing, f"README.md's code layout does not name: {missing}"


def test_a_new_package_or_module_missing_from_the_page_is_caught(tmp_path):
    # A copy of the page and the tree with one package and one module nobody described.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ARCHITECTURE.md").write_text(
        (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    )
    for top in TOP:
        for p in _modules() + [ROOT / top / "__init__.py"]:
            if p.is_relative_to(ROOT / top):
                dst = tmp_path / p.relative_to(ROOT)
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.touch()
        for pkg in _packages(top):
            (tmp_path / top / pkg / "__init__.py").touch()
    assert missing_from_architecture(tmp_path) == []
    (tmp_path / "core" / "mixing").mkdir()
    (tmp_path / "core" / "mixing" / "__init__.py").touch()
    (tmp_path / "gui" / "widgets" / "knob_strip.py").touch()
    assert missing_from_architecture(tmp_path) == ["core/mixing/", "gui/widgets/knob_strip.py"]
