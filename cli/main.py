"""Headless commands. Each command module registers its subparsers here."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from core.dataset.db import DatabaseBusyError

# One module per family of commands; each defines register(subparsers) and sets
# `func(args) -> int` on the parsers it adds.
COMMAND_MODULES = [
    "cli.project",
    "cli.process",
    "cli.train",
    "cli.hardware",
    "core.dataset.export",
]


class CliError(Exception):
    """A user error: printed without a traceback, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wavesmith",
        description="Wavesmith: train your own audio models. No command opens the window.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
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
    except DatabaseBusyError as exc:  # another program holds the project index locked
        print(f"wavesmith {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
