"""`wavesmith classify RUN FILES/FOLDERS --top K --out results.csv`: a trained classifier's
classes for each file; with `--window S [--hop S]`, detections along long recordings.

results.csv has one row per file and rank (start 0, end the file's length), or with
--window one row per detection (rank 1: the window's best class). Exit codes: 0 every file
classified; 1 some could not be read (each named with its reason); 2 a user error.
"""

from __future__ import annotations

import argparse
import sys

from cli.common import CliError, count, finite_float
from core.audio.io import AudioReadError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "classify",
        help="classify audio files or folders with a trained classifier",
        description="Each file's best classes (probabilities averaged over its windows); "
        "with --window, detections along it: neighbouring windows of one class merged, with "
        "their start, end, label and score.",
    )
    p.add_argument("model", help="classify run folder, checkpoint .pt, or exported .safetensors")
    p.add_argument("inputs", nargs="+", help="audio files or folders (searched recursively)")
    p.add_argument("--out", required=True, help="the CSV to write")
    p.add_argument("--top", type=int, default=3, metavar="K", help="classes per file (default 3)")
    p.add_argument(
        "--window",
        type=finite_float,
        metavar="SECONDS",
        help="detections along each file, windows of this length (the model's is "
        "classify.features.window_s)",
    )
    p.add_argument(
        "--hop", type=finite_float, metavar="SECONDS", help="between windows (default: half)"
    )
    p.add_argument("--device", default="auto", help="auto (default), cpu, cuda, cuda:1, mps")
    p.set_defaults(func=cmd_classify)


def cmd_classify(args: argparse.Namespace) -> int:
    from core.device import pick_device
    from core.listen.classify import classify_paths, load_classifier, write_results_csv
    from core.listen.inference import collect_inputs
    from core.train.checkpoint import CheckpointError

    if args.top < 1:
        raise CliError("--top must be at least 1")
    if args.hop is not None and args.window is None:
        raise CliError("--hop needs --window: the windows it spaces")
    if args.window is not None and not (0.1 <= args.window <= 30):
        raise CliError("--window must be between 0.1 and 30 seconds")
    if args.hop is not None and not (0 < args.hop <= args.window):
        raise CliError("--hop must be above 0 and at most --window")
    try:
        device = pick_device(args.device)
        clf = load_classifier(args.model, device)
        inputs = collect_inputs(args.inputs)
    except (CheckpointError, ValueError, AudioReadError) as exc:
        raise CliError(str(exc)) from exc
    if not inputs:
        raise CliError("no audio files found in the inputs")

    def progress(done: int, total: int, path: str = "") -> None:
        if path:
            print(f"[{done + 1}/{total}] {path}", file=sys.stderr)

    paths = [path for path, _ in inputs]
    report = classify_paths(clf, paths, args.top, args.window, args.hop, progress)
    for result in report.results:
        if args.window is None:
            print(f"{result.path}: " + ", ".join(f"{lab} {s:.2f}" for lab, s in result.top))
        else:
            print(f"{result.path}: {len(result.detections)} detections")
    rows = write_results_csv(args.out, report.results)
    for reason in report.failed:  # each names its file
        print(f"failed: {reason}", file=sys.stderr)
    print(f"wrote {args.out}: {rows} rows, {count(len(report.results), 'file')}")
    return 1 if report.failed else 0
