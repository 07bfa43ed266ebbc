"""What the benchmarks share when they write their section of docs/BENCHMARKS.md."""

from __future__ import annotations

import textwrap


def reflow(text: str, width: int = 92) -> str:
    """Wrap prose paragraphs (not tables, headings or lists) so the Markdown source reads well."""
    blocks = []
    for block in text.strip("\n").split("\n\n"):
        if block.lstrip().startswith(("|", "#", "-")):
            blocks.append(block)
        else:
            blocks.append(textwrap.fill(" ".join(block.split()), width, break_on_hyphens=False))
    return "\n\n".join(blocks) + "\n"
