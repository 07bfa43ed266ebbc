"""`wavesmith classify RUN FILES/FOLDERS --top K --out results.csv`: a trained classifier's
classes for each file; with `--window S [--hop S]`, detections along long recordings.

results.csv has one row per file and rank (start 0, end the file's length), or with
--window one row per detection (rank 1: the window's best class). Exit codes: 0 every file
classified; 1 some could not be read (each named with its reason); 2 a user error.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from cli.common import CliError, finite_float
from core.audio.io import AudioReadError

COLUMNS = ("file", "start_s", "end_s", "rank", "label", "score")


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
    from core.listen.classify import classify_file, load_classifier
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
    rows, failed = [], []
    for i, (path, _) in enumerate(inputs):
        print(f"[{i + 1}/{len(inputs)}] {path}", file=sys.stderr)
        try:
            result = classify_file(clf, path, args.top, args.window, args.hop)
        except AudioReadError as exc:
            failed.append(str(exc))  # it names the file
            continue
        if args.window is None:
            for rank, (label, score) in enumerate(result.top, 1):
                rows.append((path, 0.0, round(result.duration_s, 3), rank, label, score))
            print(f"{path}: " + ", ".join(f"{lab} {s:.2f}" for lab, s in result.top))
        else:
            for d in result.detections:
                rows.append((path, d.start_s, d.end_s, 1, d.label, d.score))
            print(f"{path}: {len(result.detections)} detections")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for path, start, end, rank, label, score in rows:
            w.writerow([str(path), f"{start:.3f}", f"{end:.3f}", rank, label, f"{score:.4f}"])
    for reason in failed:
        print(f"failed: {reason}", file=sys.stderr)
    print(f"wrote {out}: {len(rows)} rows, {len(inputs) - len(failed)} file(s)")
    return 1 if failed else 0
