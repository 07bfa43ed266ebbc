"""Headless commands: `wavesmith COMMAND ...`. Each command module registers its subparsers."""

from __future__ import annotations

import argparse
import logging
import sys

from cli import cache, clips, hardware, labels, process, project, train
from cli.common import CliError
from core.dataset.db import DatabaseBusyError, ReadOnlyIndexError
from core.disk import DiskFullError

# One module per family of commands, in the order `--help` lists them; each defines
# register(subparsers) and sets `func(args) -> int` on the parsers it adds. Imported by
# name, not by importlib, so the import graph (and its contracts) sees every edge.
COMMAND_MODULES = (project, labels, process, train, cache, hardware, clips)


def app_version() -> str:
    """The installed version (pyproject.toml's; a frozen build carries its metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wavesmith")
    except PackageNotFoundError:  # run from a bare checkout, never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wavesmith",
        description="Wavesmith: train your own audio models. No command opens the window; "
        "`wavesmith --self-test` checks this installation and prints a one-line report.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--version", action="version", version=f"wavesmith {app_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def run_cli(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"wavesmith {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (DatabaseBusyError, ReadOnlyIndexError) as exc:  # locked by another; read-only
        print(f"wavesmith {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except DiskFullError as exc:  # says what needed how much space where
        print(f"wavesmith {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
