"""What every command shares: the user-error type, opening a project, `--set` and the config.

A command raises `CliError` for a mistake the user can fix; `cli.main` prints it without a
traceback and exits with 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING

from core.dataset.project import Project, ProjectError

if TYPE_CHECKING:  # the config module imports torch: only the commands that train load it
    from core.train.config import TrainConfig


class CliError(Exception):
    """A user error: printed without a traceback, exit code 2."""


def count(n: int, thing: str, things: str | None = None) -> str:
    """`n` things in English: "1 file", "2 files" (`things` where adding an s is wrong)."""
    return f"{n} {thing if n == 1 else (things or thing + 's')}"


def finite_float(text: str) -> float:
    """argparse type for every float option: `nan` and `inf` are refused, and argparse's
    message names the option (`argument --atten-limit: 'nan' is not a finite number`)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def open_project(path: str) -> Project:
    try:
        return Project.open(path)
    except ProjectError as exc:
        raise CliError(str(exc)) from exc


def parse_overrides(pairs: list[str], example: str = "optim.lr=1e-4") -> dict[str, str]:
    """`--set KEY=VALUE` options as a dict, in order (a later KEY wins)."""
    out = {}
    for item in pairs:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise CliError(f"--set {item!r}: expected KEY=VALUE, e.g. {example}")
        out[key.strip()] = value.strip()
    return out


# Why a project's task was chosen for it (core.dataset.labels.project_task), said on stderr.
TASK_REASONS = {
    "classify": "the project's clips are labelled by class",
    "paired": "the project has input/target pairs",
    "denoise": "the project has no class labels and no pairs",
}


def config_from_args(
    args: argparse.Namespace, project: Project | None = None, example: str = "optim.lr=1e-4"
) -> TrainConfig:
    """The training config a command's --config / --preset / --task / --set ask for.

    Without --config, the preset follows the project's audio (a 16 kHz project trains at
    16 kHz, and says why on stderr) unless `data.sample_rate` is set. A task left unset
    (`hw`) is the project's (core.dataset.labels.project_task: classify for labelled class
    folders, paired for pairs), said on stderr. --epochs and --hours win over --set.
    """
    from core.train.config import ConfigError, TrainConfig
    from core.train.rate_choice import choose_rate

    overrides = parse_overrides(args.set, example)
    task = args.task or "denoise"
    if args.task is None and project is not None and not getattr(args, "config", None):
        from core.dataset.labels import project_task

        task = project_task(project)
        print(f"task: {task} ({TASK_REASONS[task]}; --task to choose)", file=sys.stderr)
    try:
        if args.config:
            cfg = TrainConfig.load(args.config)
        elif task == "classify":  # one setup; its rate is the features' (not the audio's)
            cfg = TrainConfig.preset(args.preset, task)
        elif project is not None and "data.sample_rate" not in overrides:
            rate, why = choose_rate(project, args.preset, task)
            print(why, file=sys.stderr)
            cfg = TrainConfig.preset(args.preset, task, sample_rate=rate)
        else:
            rate = overrides.get("data.sample_rate")
            cfg = TrainConfig.preset(args.preset, task, sample_rate=int(rate) if rate else None)
        if getattr(args, "epochs", None):
            overrides["run.epochs"] = args.epochs
        if getattr(args, "hours", None) is not None:
            overrides["run.hours"] = args.hours
        return cfg.with_overrides(overrides)
    except ConfigError as exc:
        raise CliError(str(exc)) from exc
