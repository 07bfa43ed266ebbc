"""`wavesmith export-clips`: render a project's clips with their edits, or slice them for
voice cloning. Source files are only read."""

from __future__ import annotations

import argparse

from cli.common import CliError, count, open_project
from core.dataset.export import ExportOptions, SliceOptions, export_clips, export_sliced
from core.dataset.project import ROLES

SUBTYPE_CHOICES = {"16": "PCM_16", "24": "PCM_24", "32f": "FLOAT"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-clips",
        help="render clips with their edits to files (or slice them for voice cloning)",
        description="Writes each clip of the project with its edit list applied. With "
        "--sliced: mono pieces of 3-10 s cut at silences and peak-normalized, as RVC and "
        "Applio expect. Source files are only read. Exit code 1 if nothing was written.",
    )
    p.add_argument("dir", help="project folder")
    p.add_argument("out", help="folder to write into (created if missing)")
    p.add_argument("--role", default=None, help="only clips of this role (e.g. clean)")
    p.add_argument("--sliced", action="store_true", help="voice-cloning slices")
    p.add_argument("--rate", type=int, default=None, help="sample rate (sliced: 32000/40000/48000)")
    p.add_argument("--bits", choices=sorted(SUBTYPE_CHOICES), default="16", help="bit depth")
    p.add_argument("--channels", choices=("keep", "mono", "stereo"), default="keep")
    p.add_argument("--format", choices=("wav", "flac"), default="wav")
    p.add_argument("--for-training", action="store_true", help="leave out regions marked excluded")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    if args.role is not None and args.role not in ROLES:
        raise CliError(f"unknown role {args.role!r}; choose from {', '.join(ROLES)}")
    with open_project(args.dir) as project:
        clips = project.clips(role=args.role)
        try:
            if args.sliced:
                options = SliceOptions(
                    sample_rate=args.rate or 40000, subtype=SUBTYPE_CHOICES[args.bits]
                )
                report = export_sliced(clips, args.out, options)
            else:
                options = ExportOptions(
                    sample_rate=args.rate,
                    subtype=SUBTYPE_CHOICES[args.bits],
                    channels=args.channels,
                    format=args.format,
                    for_training=args.for_training,
                )
                report = export_clips(clips, args.out, options)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    print(f"wrote {count(len(report.written), 'file')} to {args.out}")
    for name, why in report.skipped:
        print(f"skipped {name}: {why}")
    for name, why in report.failed:
        print(f"failed {name}: {why}")
    return 0 if report.written else 1
