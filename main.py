"""Wavesmith entry point: no arguments opens the window, a subcommand runs headless.

`wavesmith gui [PROJECT]` opens the window on a project; every other subcommand is a
headless command of cli.main, which never loads Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] == "gui":
        from gui.app import run_gui

        project = args[1] if len(args) > 1 else None
        return run_gui(project=project)
    from cli.main import run_cli

    return run_cli(args)


if __name__ == "__main__":
    # Worker processes started by "spawn" (the classify feature cache) re-enter this file in
    # a frozen app; freeze_support() runs their task there instead of a second app.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
