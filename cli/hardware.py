"""`wavesmith hw`: what this machine has and how to train on it.

    wavesmith hw                      # detection and table-based advice, in seconds
    wavesmith hw PROJECT              # measure the batch size, time an epoch on its data
    wavesmith hw --json PROJECT --hours 8

With a project (positional, or `--probe PROJECT`), the batch size is measured with the
project's model and an epoch is timed at the advised batch on the project's own data (loader,
training steps, validation: core.hardware.epoch_timing), as the Hardware tab's Measure does;
the time estimate is built from that epoch. The same advice as the Hardware tab
(core.hardware.advice), printed as text or one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from cli.common import CliError, config_from_args, finite_float, open_project
from core.hardware.advice import Advice, advise
from core.hardware.batch_probe import ProbeCancelled, ProbeConfig, ProbeResult, probe_for_config
from core.hardware.detect import MachineInfo, detect_machine
from core.hardware.epoch_timing import EpochTiming, time_advised_epoch
from core.hardware.estimates import dataset_size_for
from core.units import format_bytes, format_duration


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "hw",
        help="detect GPUs, CPU, RAM and disk; advise batch size, workers, cache and precision",
        description="Without a project the batch size comes from a table by free GPU memory; "
        "with PROJECT, real training steps of the project's model measure it, and an epoch "
        "timed on the project's data (as the Hardware tab does) gives the training time.",
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT",
        help="measure the batch size and time an epoch for this project",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--probe", metavar="PROJECT", help="the same as the PROJECT argument")
    p.add_argument(
        "--no-timing",
        action="store_true",
        help="measure the batch size only: no epoch timed on the project's data (faster; the "
        "estimate then leaves out data loading and validation)",
    )
    p.add_argument(
        "--task",
        choices=("denoise", "paired", "classify"),
        help="default: the project's (classify when its clips are labelled by class, paired "
        "when it has pairs, else denoise; classify: its CNN on log-mel windows, an epoch "
        "timed on the feature cache)",
    )
    p.add_argument("--preset", choices=("speech", "music"), default="speech")
    p.add_argument("--config", help="a config.json instead of a preset")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config field, e.g. data.segment_samples=88192",
    )
    p.add_argument("--device", help="device to probe (default: the best GPU, else cpu)")
    p.add_argument(
        "--safety",
        type=finite_float,
        default=0.7,
        help="share of free memory the batch may use (default 0.7)",
    )
    p.add_argument(
        "--max-batch", type=int, default=64, help="largest batch considered (default 64)"
    )
    p.add_argument("--epochs", type=int, help="planned epochs, for the time estimate")
    p.add_argument("--hours", type=finite_float, help="time budget in hours: how many epochs fit")
    p.set_defaults(func=cmd_hw)


def cmd_hw(args) -> int:
    try:
        probe_cfg = ProbeConfig(safety_fraction=args.safety, max_batch=args.max_batch)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if args.project and args.probe and Path(args.project) != Path(args.probe):
        raise CliError("give the project once: PROJECT or --probe PROJECT")
    project = None
    if args.project or args.probe:
        project = open_project(args.project or args.probe)
    machine = detect_machine(project.root if project else Path.cwd())
    probe = dataset = timing = None
    train_cfg = None
    if project is not None:
        train_cfg = config_from_args(args, project, example="data.segment_samples=88192")
        device = args.device or machine.default_device
        if not args.json:
            print(f"Measuring the batch size on {device} (real training steps)…", file=sys.stderr)

        said: list[str] = []

        def progress(msg: str, done: int, total: int) -> None:
            if not args.json and said[-1:] != [msg]:  # a message per step said once
                print(f"  {msg}", file=sys.stderr)
                said.append(msg)

        try:
            probe = probe_for_config(
                train_cfg, device, probe_cfg, progress=progress, project=project
            )
        except ProbeCancelled:
            return 130
        except (RuntimeError, ValueError) as exc:
            raise CliError(f"the probe could not run on {device}: {exc}") from exc
        if not args.no_timing:
            if not args.json:
                print("Timing an epoch on the project's data…", file=sys.stderr)
            timing = _time_epoch(project, train_cfg, probe, device, progress)
        dataset = dataset_size_for(project, train_cfg)
        project.close()
    epochs = args.epochs or (train_cfg.run.epochs if train_cfg is not None else None)
    adv = advise(machine, probe, dataset, epochs, args.hours, timing)
    if args.json:
        out = {
            "machine": machine.to_dict(),
            "probe": probe.to_dict() if probe else None,
            "timing": dataclasses.asdict(timing) if timing else None,
            "advice": adv.to_dict(),
        }
        print(json.dumps(out, indent=2))
    else:
        print(format_report(machine, probe, adv, timing))
    return 0


def _time_epoch(project, train_cfg, probe: ProbeResult, device: str, progress):
    """The Hardware tab's epoch timing (core.hardware.epoch_timing.time_advised_epoch); None,
    said on stderr, when the project cannot train yet (the estimate is then the probe's)."""
    from core.train.data import DataError

    try:
        return time_advised_epoch(project, train_cfg, probe, device, progress)
    except DataError as exc:
        print(f"No epoch timed: {exc}", file=sys.stderr)
        return None


def format_report(
    machine: MachineInfo,
    probe: ProbeResult | None,
    adv: Advice,
    timing: EpochTiming | None = None,
) -> str:
    """The text `wavesmith hw` prints: machine, probe table, timed epoch, advice, settings."""
    out = ["Machine"]
    cpu, mem = machine.cpu, machine.memory
    out.append(
        f"  CPU    {cpu.model}: {cpu.physical_cores} cores, {cpu.logical_cores} threads"
        + (f" ({cpu.usable_cores} usable)" if cpu.usable_cores != cpu.logical_cores else "")
    )
    out.append(
        f"  RAM    {format_bytes(mem.available_bytes)} available of {format_bytes(mem.total_bytes)}"
    )
    if machine.disk:
        out.append(f"  Disk   {format_bytes(machine.disk.free_bytes)} free at {machine.disk.path}")
    for g in machine.gpus:
        cap = f", compute {g.capability[0]}.{g.capability[1]}" if g.capability else ""
        drv = f", driver {g.driver_version}" if g.driver_version else ""
        cuda = f", CUDA {g.cuda_version}" if g.cuda_version else ""
        out.append(
            f"  GPU {g.index}  {g.name}: {format_bytes(g.free_bytes)} free of "
            f"{format_bytes(g.total_bytes)}{cap}{drv}{cuda}"
        )
    if not machine.gpus:
        out.append("  GPU    none")
    out.append(f"  PyTorch {machine.torch_version}, {machine.os}")
    if probe is not None and probe.points:
        out.append("")
        out.append(
            f"Batch probe on {probe.device_name} ({probe.memory_kind}; budget "
            f"{format_bytes(probe.budget_bytes)} = {probe.safety_fraction:.0%} of "
            f"{format_bytes(probe.free_bytes)} free)"
        )
        out.append(f"  {'batch':>5}  {'peak memory':>12}  {'examples/s':>10}  {'s/step':>7}")
        for p in probe.points:
            if p.status != "ok":
                out.append(f"  {p.batch_size:>5}  {p.status.upper():>12}  {'':>10}  {'':>7}")
                continue
            mark = " <- recommended" if p.batch_size == probe.recommended_batch else ""
            if p.batch_size == probe.fastest_batch:
                mark += " (fastest)"
            out.append(
                f"  {p.batch_size:>5}  {format_bytes(p.peak_bytes):>12}  "
                f"{p.samples_per_s:>10.1f}  {p.seconds_per_step:>7.3f}{mark}"
            )
        out.append(f"  fit: {format_bytes(probe.fit_a)} + {format_bytes(probe.fit_b)} per example")
    if timing is not None:
        out.append("")
        out += timing_lines(timing)
    out.append("")
    out.append("Advice")
    for line in adv.lines:
        prefix = {"warning": "! ", "tip": "+ "}.get(line.level, "- ")
        out.append(f"  {prefix}{line.text}")
    out.append("")
    out.append("Training settings: " + ", ".join(f"{k}={v}" for k, v in adv.settings().items()))
    return "\n".join(out)


def timing_lines(t: EpochTiming) -> list[str]:
    """What the timed epoch measured, each part of an epoch on its own line."""
    fed = "read from the training cache" if t.cached else "mixed on the fly"
    out = [f"Epoch timed on the project's data at batch {t.batch_size} on {t.device}"]
    out.append(
        f"  training step  {t.step_seconds:.3g} s (median of {t.steps_timed}; "
        f"{t.load_seconds:.2g} s of it waiting for examples, {fed})"
    )
    out.append(
        f"  validation     {format_duration(t.validation_seconds, 'rough')} "
        f"({t.validation_examples} segments, every epoch)"
    )
    if t.quality_every:
        out.append(
            f"  PESQ and STOI  {format_duration(t.quality_seconds, 'rough')} "
            f"(every {t.quality_every} epoch{'s' if t.quality_every != 1 else ''})"
        )
    return out
