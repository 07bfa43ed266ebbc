"""What the benchmarks share when they write their section of docs/BENCHMARKS.md."""

from __future__ import annotations

import textwrap
from pathlib import Path


def reflow(text: str, width: int = 92) -> str:
    """Wrap prose paragraphs (not tables, headings or lists) so the Markdown source reads well."""
    blocks = []
    for block in text.strip("\n").split("\n\n"):
        if block.lstrip().startswith(("|", "#", "-")):
            blocks.append(block)
        else:
            blocks.append(textwrap.fill(" ".join(block.split()), width, break_on_hyphens=False))
    return "\n\n".join(blocks) + "\n"


def save_section(path: Path, text: str) -> None:
    """Write a benchmark's section (docs/bench/<name>.md; run_all assembles them) and say so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {path}")
