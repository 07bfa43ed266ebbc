"""Wavesmith entry point: no arguments opens the window, a subcommand runs headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        from core.cli import run_cli

        return run_cli(args)
    from gui.app import run_gui

    return run_gui()


if __name__ == "__main__":
    sys.exit(main())
