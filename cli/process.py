"""`wavesmith process MODEL INPUTS... --out DIR`: run a trained model over files and folders.

Exit codes: 0 every file processed; 1 some files could not be processed (each is named
with its reason); 2 a user error (model unreadable, bad option, missing input).
"""

from __future__ import annotations

import argparse
import sys

from cli.common import CliError, count, finite_float
from core.audio.io import AudioReadError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "process",
        help="process audio files or folders with a trained model",
        description="Output keeps each file's sample rate, channels and length; folders are "
        "processed recursively with their structure kept under --out. Inputs may be any "
        "format `wavesmith add` takes. A video in gives its processed soundtrack out as "
        "audio (.wav): it is not remuxed into a copy of the video, because that would "
        "re-encode the audio lossily again; the picture is never decoded.",
    )
    p.add_argument("model", help="run folder, checkpoint .pt, or exported .safetensors")
    p.add_argument("inputs", nargs="+", help="audio files or folders")
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.add_argument(
        "--strength",
        type=finite_float,
        default=1.0,
        help="0 = original, 1 = fully processed (default)",
    )
    p.add_argument(
        "--atten-limit",
        type=finite_float,
        default=None,
        metavar="DB",
        help="turn nothing down by more than this many dB; 0 for no limit (default: the "
        "limit the model's validation chose, if any)",
    )
    p.add_argument(
        "--cut-top-band",
        action="store_true",
        help="above the model's rate, drop the band over its Nyquist frequency instead of "
        "keeping it at the model's gain",
    )
    p.add_argument("--device", default="auto", help="auto (default), cpu, cuda, cuda:1, mps")
    p.add_argument(
        "--chunk-seconds", type=finite_float, default=8.0, help="model chunk length (default 8)"
    )
    p.add_argument("--suffix", default="", help="added to each output file's name")
    p.add_argument(
        "--stream",
        type=int,
        default=0,
        metavar="N",
        help="audio stream of inputs holding several (default 0, the first)",
    )
    p.set_defaults(func=cmd_process)


def cmd_process(args: argparse.Namespace) -> int:
    from core.device import pick_device
    from core.listen.inference import ProcessConfig, process_paths
    from core.listen.model_loading import ModelLoadError, load_for_inference

    try:
        config = ProcessConfig(
            strength=args.strength,
            atten_limit_db=args.atten_limit or None,
            chunk_seconds=args.chunk_seconds,
            device=args.device,
            keep_top_band=not args.cut_top_band,
        )
        pick_device(config.device)  # fail once, up front, rather than once per file
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    try:
        loaded = load_for_inference(args.model)
    except ModelLoadError as exc:
        raise CliError(str(exc)) from exc
    if args.atten_limit is None and loaded.atten_limit_db is not None:
        config = loaded.config_for(config)
        print(
            f"attenuation limit {loaded.atten_limit_db:g} dB, chosen on the model's validation "
            "set (--atten-limit 0 for none)",
            file=sys.stderr,
        )

    def progress(done: int, total: int, path: str) -> None:
        if path:
            print(f"[{done + 1}/{total}] {path}", file=sys.stderr)

    try:
        report = process_paths(
            loaded.model,
            loaded.sample_rate,
            args.inputs,
            args.out,
            config,
            progress=progress,
            suffix=args.suffix,
            delay=loaded.delay,
            stream=args.stream,
            trained_band_hz=loaded.trained_band_hz,
        )
    except AudioReadError as exc:
        raise CliError(str(exc)) from exc
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    for r in report.results:
        print(f"{r.output}  {r.seconds_audio:.1f} s  RTF {r.rtf:.3f}  ({r.device})")
        if r.note:
            print(f"  note: {r.input}: {r.note}")
        for warning in r.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    for path, reason in report.failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    if report.results:
        audio = sum(r.seconds_audio for r in report.results)
        wall = sum(r.seconds_wall for r in report.results)
        print(
            f"{count(len(report.results), 'file')}, {audio:.1f} s of audio, RTF {wall / audio:.3f}"
        )
    if not report.results and not report.failed:
        raise CliError("no audio files found in the inputs")
    return 1 if report.failed else 0
