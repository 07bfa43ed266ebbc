"""Pre-generating training data: `wavesmith cache`.

    wavesmith cache PROJECT [--workers N] [--task classify|denoise|paired] [--config FILE]
                    [--preset ...] [--set key=value ...] [--rebuild] [--json]

For a labelled project (the classify task, the default when the project has classes) it
writes the log-mel feature cache (core.train.classify.feature_cache): originals of every
window for train/val/test and `classify.variants` augmented variants of each training
window, by N worker processes, and prints per-split statistics and the cache's total size.
For denoise and paired it writes the augmented training segments (core.train.cache).
"""

from __future__ import annotations

import argparse
import json
import sys

from cli.common import CliError, config_from_args, count, open_project, parse_overrides
from core.train.config import PRESETS
from core.units import format_bytes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cache",
        help="pre-generate training data (classify: log-mel features) with N worker processes",
    )
    p.add_argument("project")
    p.add_argument(
        "--workers",
        type=int,
        help="worker processes (classify default: classify.cache_workers, 0 = one per core)",
    )
    p.add_argument(
        "--task",
        choices=("classify", "denoise", "paired"),
        help="default: classify for a project with classes, else paired or denoise",
    )
    p.add_argument("--preset", choices=PRESETS, default="speech", help="denoise/paired only")
    p.add_argument("--config", help="a config.json instead of the defaults")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--rebuild", action="store_true", help="build everything again")
    p.add_argument("--json", action="store_true", help="print the statistics as JSON")
    p.set_defaults(func=cmd_cache)


def _bar(unit: str):
    from tqdm import tqdm

    return tqdm(unit=unit, dynamic_ncols=True, disable=not sys.stderr.isatty())


def cmd_cache(args) -> int:
    from core.dataset.labels import project_task

    project = open_project(args.project)
    task = args.task or project_task(project)
    if task == "classify":
        return _cache_classify(args, project)
    args.task = task
    return _cache_segments(args, project)


def _classify_config(args):
    from core.train.config import ConfigError, TrainConfig

    overrides = parse_overrides(args.set, "classify.variants=4")
    try:
        cfg = TrainConfig.load(args.config) if args.config else TrainConfig()
        return cfg.with_overrides(overrides)
    except ConfigError as exc:
        raise CliError(str(exc)) from exc


def _cache_classify(args, project) -> int:
    import shutil

    from core.dataset.labels import labelled_clips
    from core.train.classify.feature_cache import build_feature_cache
    from core.train.classify.feature_cache_plan import cache_root

    cfg = _classify_config(args)
    clips = labelled_clips(project)
    if not clips:
        raise CliError(
            f"{project.root}: no labelled clips (import class folders with "
            "`wavesmith add PROJECT ROOT --labels`)"
        )
    if args.workers is not None and args.workers < 0:
        raise CliError(f"--workers {args.workers}: must be >= 0 (0: in this process)")
    if args.rebuild:
        shutil.rmtree(cache_root(project), ignore_errors=True)
    bar = _bar("clip")

    def progress(done: int, total: int, what: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(what[-30:], refresh=False)
        bar.refresh()

    try:
        summary = build_feature_cache(project, clips, cfg, workers=args.workers, progress=progress)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    finally:
        bar.close()
    for path, why in summary.problems:
        print(f"warning: {path}: {why} (left out of the cache)", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
        return 0
    print(f"feature cache: {summary.path}")
    print(f"{'split':<6} {'windows':>9} {'originals':>9} {'clips':>7} {'classes':>7} {'size':>10}")
    for name, s in summary.splits.items():
        print(
            f"{name:<6} {s.windows:>9} {s.originals:>9} {s.clips:>7} {s.classes:>7} "
            f"{format_bytes(s.bytes):>10}"
        )
    print(
        f"total {format_bytes(summary.total_bytes)}; {summary.built_groups} class groups built, "
        f"{summary.kept_groups} already current, {summary.seconds:.1f} s with "
        f"{count(summary.workers, 'worker')}"
    )
    return 0


def _cache_segments(args, project) -> int:
    from core.train.cache import build_cache

    cfg = config_from_args(args, project)
    bar = _bar("seg")

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        info = build_cache(
            project,
            cfg,
            workers=2 if args.workers is None else args.workers,
            progress=progress,
            rebuild=args.rebuild,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    finally:
        bar.close()
    if args.json:
        print(
            json.dumps(
                {
                    "path": str(info.path),
                    "segments": info.segments,
                    "variants": info.variants,
                    "samples": info.samples,
                    "bytes": info.bytes,
                    "seconds": info.seconds,
                    "where": info.where,
                }
            )
        )
        return 0
    print(
        f"cache: {info.path}\n{info.segments} segments x {info.variants} variants of "
        f"{info.samples} samples, {format_bytes(info.bytes)}, built in {info.seconds:.1f} s; "
        f"a run will read it from {info.where}"
    )
    return 0
