"""Headless project commands: new, add, pair, stats.

Exit codes: 0 success; 1 the command ran but achieved nothing (`add` rejected every file
it tried and added none, `pair` found no pair); 2 a user error (not a project, a path
that does not exist, a bad option), printed without a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.common import CliError, finite_float, open_project
from core.audio.dsp import SilenceRule
from core.dataset.project import ROLES, Project, ProjectError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a project folder")
    p.add_argument("dir", help="folder for the new project (created if missing)")
    p.set_defaults(func=cmd_new)

    from core.audio.formats import formats_help

    p = sub.add_parser(
        "add",
        help="import audio and video files and folders (recursively) into a project",
        description="Folders are searched recursively for these formats. "
        f"{formats_help()}. A video gives its audio stream (the picture is never decoded); "
        "files that only FFmpeg reads are decoded once into a lossless copy inside the "
        "project, which edits, playback, statistics, export and training then read. "
        "Exit code 0 if anything was added or every file was already there, "
        "1 if files were tried and all were rejected, 2 on a usage error.",
    )
    p.add_argument("dir", help="project folder")
    p.add_argument("paths", nargs="+", help="files or folders to import")
    p.add_argument(
        "--stream",
        type=int,
        default=None,
        metavar="N",
        help="audio stream to take from files holding several (0 = the first, the default; "
        "naming a file already imported switches it to stream N)",
    )
    p.add_argument(
        "--role",
        choices=ROLES,
        default=None,
        help="role for every file (default: guessed from folder names, e.g. noise/ → noise)",
    )
    labels = p.add_mutually_exclusive_group()
    labels.add_argument(
        "--labels",
        action="store_true",
        help="the paths are roots of class folders (classify task): each file's class is "
        "the folder under the root it lies in, at any depth; files lying directly in a "
        "root are skipped. Folder names then give no roles",
    )
    labels.add_argument(
        "--label", metavar="CLASS", default=None, help="put every file in class CLASS"
    )
    p.add_argument(
        "--label-level",
        type=int,
        default=1,
        metavar="N",
        help="with --labels: which folder under the root names the class (1, the default: "
        "the top one; 2: the one below it; -1: the folder holding the file)",
    )
    p.set_defaults(func=cmd_add)

    p = sub.add_parser(
        "pair",
        help="pair input and target files by name across two folders and measure offsets",
    )
    p.add_argument("dir", help="project folder")
    p.add_argument("input_dir", help="folder of inputs (e.g. raw vocals)")
    p.add_argument("target_dir", help="folder of targets (e.g. the mixed versions)")
    p.add_argument(
        "--window", type=finite_float, default=30.0, help="seconds correlated per file (default 30)"
    )
    p.add_argument(
        "--max-lag",
        type=finite_float,
        default=5.0,
        help="largest offset searched, seconds (default 5)",
    )
    p.set_defaults(func=cmd_pair)

    p = sub.add_parser(
        "stats",
        help="dataset statistics, health and advice",
        description="Durations per role, voiced time after silence skipping, segment "
        "counts, per-file health and advice; in a labelled project (add --labels) also "
        "files, duration and classify windows per class and split, the imbalance between "
        "classes and advice for small ones. Segments per epoch = sum over the training "
        "clips of floor(voiced seconds / segment length), times the augmentation "
        "multiplier; the total multiplies that by the epochs. Full mode decodes every "
        "clip with its edits (cached for the next run); --headers-only reads headers.",
    )
    p.add_argument("dir", help="project folder")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument(
        "--segment", type=finite_float, default=4.0, help="segment length in seconds (default 4)"
    )
    p.add_argument(
        "--threshold",
        type=finite_float,
        default=SilenceRule().threshold_db,
        help=f"silence threshold in dBFS (default {SilenceRule().threshold_db:g})",
    )
    p.add_argument(
        "--augment", type=finite_float, default=1.0, help="augmentation multiplier (default 1)"
    )
    p.add_argument("--epochs", type=int, default=1, help="epochs for the total (default 1)")
    p.add_argument(
        "--headers-only",
        action="store_true",
        help="read headers only (fast; voiced time from the cache or estimated)",
    )
    p.add_argument("--no-cache", action="store_true", help="measure again, ignore the cache")
    p.set_defaults(func=cmd_stats)


def cmd_new(args: argparse.Namespace) -> int:
    try:
        project = Project.create(args.dir)
    except ProjectError as exc:
        raise CliError(str(exc)) from exc
    print(f"created project {project.root}")
    project.close()
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from core.dataset.import_words import NO_CLASS_FOLDER
    from core.dataset.importer import import_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise CliError("no such file or folder: " + ", ".join(missing))
    if args.stream is not None and args.stream < 0:
        raise CliError("--stream counts from 0")
    if args.label is not None and not args.label.strip():
        raise CliError("--label needs a class name")
    if args.label_level == 0 or args.label_level < -1:
        raise CliError("--label-level counts folders under the root from 1 (or -1: the file's)")
    with open_project(args.dir) as project:
        report = import_paths(
            project,
            args.paths,
            role=args.role,
            stream=args.stream,
            decode_progress=_DecodeProgress(),
            labels_from_folders=args.labels,
            label=args.label,
            label_level=args.label_level,
        )
    for clip in report.added:
        label = f", class {clip.label}" if clip.label is not None else ""
        print(f"added    {clip.path} [{clip.role}, {clip.split}{label}]")
    for path, why in report.skipped:
        print(f"skipped  {path}: {why}")
    for path, reason in report.rejected:
        print(f"rejected {path}: {reason}")
    for path, old in report.relinked:
        print(f"relinked {path} (moved from {old})")
    for path, text in report.warnings:
        print(f"warning  {path}: {text}")
    for path, text in report.notes:
        print(f"note     {path}: {text}")
    said = (report.added, report.skipped, report.rejected, report.relinked, report.notes)
    if not any(said) and not report.warnings:
        from core.audio.formats import formats_help

        raise CliError(
            f"no audio or video files in {', '.join(args.paths)}; Wavesmith reads {formats_help()}"
        )
    print(report.summary())
    no_class = NO_CLASS_FOLDER.split("{")[0]
    if args.labels and not (report.added or report.notes or report.rejected) and report.skipped:
        if all(why.startswith(no_class) for _, why in report.skipped):
            raise CliError(
                f"no class folders in {', '.join(args.paths)}: with --labels, name the folder "
                "that holds one folder per class (or give the class with --label CLASS)"
            )
    return 1 if report.rejected and not (report.added or report.relinked) else 0


class _DecodeProgress:
    """Decoding a long file takes a while: a line on stderr every 10 %, for files past a
    minute (a folder of short prompts stays quiet)."""

    def __init__(self) -> None:
        self._path, self._shown = "", -1

    def __call__(self, path: str, done: int, total: int) -> None:
        if total < 60 * 8000:
            return
        if path != self._path:
            self._path, self._shown = path, -1
        tenth = min(10, 10 * done // max(1, total))
        if tenth > self._shown:
            self._shown = tenth
            print(f"decoding {path}: {10 * tenth} %", file=sys.stderr, flush=True)


def cmd_pair(args: argparse.Namespace) -> int:
    from core.dataset.pairing import pair_folders

    for folder in (args.input_dir, args.target_dir):
        if not Path(folder).is_dir():
            raise CliError(f"{folder}: not a folder")
    if args.window <= 0 or args.max_lag < 0:
        raise CliError("--window must be positive and --max-lag not negative")
    with open_project(args.dir) as project:
        try:
            report = pair_folders(
                project,
                args.input_dir,
                args.target_dir,
                window_seconds=args.window,
                max_lag_seconds=args.max_lag,
            )
        except ValueError as exc:  # overlapping folders
            raise CliError(str(exc)) from exc
    for r in report.pairs:
        print(
            f"pair     {Path(r.input.path).name} ↔ {Path(r.target.path).name}: "
            f"offset {r.offset:+d} samples ({r.offset_ms:+.1f} ms), "
            f"length diff {r.length_diff:+d} samples, confidence {r.confidence:.2f}"
        )
    for path in report.unpaired_inputs:
        print(f"unpaired input  {path}")
    for path in report.unpaired_targets:
        print(f"unpaired target {path}")
    for key, paths in report.ambiguous:
        print(f"ambiguous name {key!r}: " + ", ".join(paths))
    for path, reason in report.rejected + report.failed:
        print(f"rejected {path}: {reason}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    print(report.summary())
    return 0 if report.pairs else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from cli.labels import class_table
    from core.dataset.labels import has_labels
    from core.dataset.stats import dataset_stats

    if args.segment <= 0:
        raise CliError("--segment must be positive")
    if args.augment < 1 or args.epochs < 1:
        raise CliError("--augment and --epochs must be at least 1")
    with open_project(args.dir) as project:
        stats = dataset_stats(
            project,
            segment_seconds=args.segment,
            silence=SilenceRule(threshold_db=args.threshold),
            augmentation=args.augment,
            epochs=args.epochs,
            headers_only=args.headers_only,
            use_cache=not args.no_cache,
        )
        table = class_table(project) if has_labels(project) else None
    if args.json:
        out = stats.to_dict()
        if table is not None:
            out["classes"] = table.to_dict()
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(stats.format_text())
        if table is not None:
            print(table.format_text())
    return 0
