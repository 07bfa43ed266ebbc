"""Wavesmith entry point: no arguments opens the window, a subcommand runs headless.

`wavesmith gui [PROJECT]` opens the window on a project; `wavesmith --self-test` checks the
installation (cli.self_test, with the window's steps from gui.self_check); every other
subcommand is a headless command of cli.main, which never loads Qt.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _give_missing_streams_a_sink() -> None:
    # A windowed build (PyInstaller --windowed on Windows, an app bundle started from the
    # Finder) has no console: sys.stdout and sys.stderr are None, and whatever writes to
    # them (a progress bar asking isatty(), json.dump to stdout, faulthandler) would raise.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _run_code(code: str, args: list[str]) -> int:
    # What `python -c CODE ARG...` does, for the frozen build, whose sys.executable is this
    # app: code that starts a helper interpreter that way (the run's history plot,
    # core.train.run_folder) gets one. Only when frozen: from source, sys.executable is Python.
    sys.argv = ["-c", *args]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
    return 0


def main(argv: list[str] | None = None) -> int:
    # First of all: in a frozen build every worker process (loader, cache, PESQ) is this
    # executable started again, and freeze_support turns it into the worker before any
    # argument is read. A no-op when not frozen.
    multiprocessing.freeze_support()
    _give_missing_streams_a_sink()
    args = sys.argv[1:] if argv is None else argv
    if getattr(sys, "frozen", False) and len(args) >= 2 and args[0] == "-c":
        return _run_code(args[1], args[2:])
    if not args or args[0] == "gui":
        from gui.app import run_gui

        project = args[1] if len(args) > 1 else None
        return run_gui(project=project)
    if args[0] == "--self-test":
        from cli.self_test import run_self_test
        from gui.self_check import STEPS

        return run_self_test(window_steps=STEPS)
    from cli.main import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
