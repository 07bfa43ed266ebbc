"""Headless training commands: train, resume, analyze, export (cache: cli/cache.py).

    wavesmith train PROJECT [--task denoise|paired] [--preset speech|music] [--epochs N]
                    [--hours H] [--set key=value ...] [--name NAME]
    wavesmith resume RUN [--checkpoint FILE [--branch [--name NAME]]] [--epochs N]
                    [--set key=value ...]
    wavesmith analyze RUN
    wavesmith export RUN OUT.safetensors

The same `train` runs under torchrun for several GPUs (see docs/TRAINING.md). Ctrl-C (or
SIGTERM from a scheduler) asks the trainer to stop after the current step with a checkpoint;
a second Ctrl-C aborts.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from cli.common import CliError, config_from_args, finite_float, open_project, parse_overrides
from core.dataset.project import Project
from core.train import events as ev
from core.train.config import PRESETS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a model on a project")
    p.add_argument("project", help="project folder")
    p.add_argument("--task", choices=("denoise", "paired"), default="denoise")
    p.add_argument("--preset", choices=PRESETS, default="speech")
    p.add_argument("--config", help="a config.json to start from instead of a preset")
    p.add_argument("--epochs", type=int)
    p.add_argument(
        "--hours", type=finite_float, help="time budget; stops cleanly with a checkpoint"
    )
    p.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="e.g. optim.lr=1e-4"
    )
    p.add_argument("--name", help="run folder name under PROJECT/runs")
    p.add_argument("--no-progress", action="store_true", help="log lines instead of a progress bar")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("resume", help="continue a run from its latest or a chosen checkpoint")
    p.add_argument("run", help="run folder (PROJECT/runs/NAME)")
    p.add_argument("--checkpoint", help="checkpoint file to resume from (default: latest.pt)")
    p.add_argument(
        "--branch",
        action="store_true",
        help="start a new run folder from --checkpoint (which may be another run's), "
        "leaving both runs as they are",
    )
    p.add_argument("--name", help="with --branch: the new run folder's name")
    p.add_argument("--epochs", type=int)
    p.add_argument("--hours", type=finite_float)
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=cmd_resume)

    p = sub.add_parser("analyze", help="summarise a run: metrics, best epoch, history.png")
    p.add_argument("run", help="run folder")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("export", help="export a run's best model as safetensors + JSON")
    p.add_argument("run", help="run folder or checkpoint")
    p.add_argument("out", help="output .safetensors path")
    p.set_defaults(func=cmd_export)


class ProgressPrinter:
    """A tqdm bar over all remaining steps with loss and ETA; epochs and warnings as lines."""

    def __init__(self, bar: bool = True) -> None:
        self.use_bar = bar and sys.stderr.isatty()
        self.bar = None
        self.reader_gone = False  # stdout's reader closed the pipe (`train | head -1`)

    def _write(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text)
        else:
            print(text, flush=True)

    def __call__(self, event: ev.Event) -> None:
        if self.reader_gone:
            return
        try:
            self._show(event)
        except BrokenPipeError:
            # Training goes on (the run folder has every event); stdout goes nowhere from
            # now on, so neither this nor the interpreter's exit flush fails again.
            self.reader_gone = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)

    def _show(self, event: ev.Event) -> None:
        from tqdm import tqdm

        if isinstance(event, ev.TrainStarted):
            where = f" (resumed from {event.resumed_from})" if event.resumed_from else ""
            self._write(
                f"training in {event.run_dir} on {event.device}, batch {event.batch_size}, "
                f"epoch {event.epoch + 1}/{event.total_epochs}{where}"
            )
            total = event.steps_per_epoch * (event.total_epochs - event.epoch)
            self.bar = tqdm(total=total, unit="step", dynamic_ncols=True, disable=not self.use_bar)
        elif isinstance(event, ev.StepDone):
            if self.bar is not None:
                self.bar.update(1)
                self.bar.set_postfix(
                    epoch=event.epoch + 1,
                    loss=f"{event.loss:.4f}",
                    lr=f"{event.lr:.2g}",
                    refresh=False,
                )
        elif isinstance(event, ev.EpochDone):
            quality = (f"PESQ {event.val_pesq:.2f}  " if event.val_pesq is not None else "") + (
                f"STOI {event.val_stoi:.3f}  " if event.val_stoi is not None else ""
            )
            self._write(
                f"epoch {event.epoch + 1}: train {event.train_loss:.4f}  val {event.val_loss:.4f}  "
                f"SI-SDR {event.val_si_sdr:.2f} dB ({event.val_si_sdr_improvement:+.2f})  "
                f"{quality}lr {event.lr:.2g}  best epoch {event.best_epoch + 1}  "
                f"{event.seconds:.0f}s"
            )
        elif isinstance(event, ev.CacheProgress):
            if event.done == 0:
                self._write(f"building the training cache ({event.total} segments): {event.path}")
            elif event.done == event.total:
                self._write("training cache built")
        elif isinstance(event, ev.Warning):
            self._write(f"warning ({event.kind}): {event.message}")
        elif isinstance(event, ev.Finished):
            if self.bar is not None:
                self.bar.close()
                self.bar = None
            print(f"{event.status}: {event.message}", flush=True)


def _run_trainer(trainer, progress: bool) -> int:
    if trainer.ctx.is_main:
        trainer.add_listener(ProgressPrinter(bar=progress))
    handlers = {}

    def ask_stop(signum, frame):
        if trainer.control.stop_requested():
            raise KeyboardInterrupt
        print("\nstopping after this step (Ctrl-C again to abort)...", file=sys.stderr, flush=True)
        trainer.control.request_stop()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            handlers[sig] = signal.signal(sig, ask_stop)
        except ValueError:  # not the main thread
            pass
    try:
        finished = trainer.run()
    finally:
        for sig, old in handlers.items():
            signal.signal(sig, old)
    from core.train import ddp

    ddp.shutdown(trainer.ctx)
    return 1 if finished.status == "failed" else 0


def cmd_train(args) -> int:
    from core.device import pick_device
    from core.train.run_folder import check_run_name, new_run_dir, shared_run_dir
    from core.train.trainer import Trainer

    project = open_project(args.project)
    cfg = config_from_args(args, project)
    try:
        if args.name is not None:
            check_run_name(args.name)
        pick_device(cfg.run.device)  # a device this machine lacks: say so before any run folder
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        is_main = int(os.environ.get("RANK", "0")) == 0
        run_dir = shared_run_dir(project.runs_dir, args.name, is_main)
    else:
        run_dir = new_run_dir(project.runs_dir, cfg.data.task, args.name, cfg)
    trainer = Trainer(project, cfg, run_dir)
    return _run_trainer(trainer, not args.no_progress)


def _project_of_run(run: Path) -> Project:
    # PROJECT/runs/NAME
    for candidate in (run.parent.parent, run.parent.parent.parent):
        if (candidate / "project.sqlite").is_file():
            return open_project(str(candidate))
    raise CliError(f"{run}: not inside a Wavesmith project's runs/ folder")


def cmd_resume(args) -> int:
    from core.train.checkpoint import CheckpointError
    from core.train.resume import branch_run
    from core.train.trainer import Trainer

    run = Path(args.run)
    parent = run.resolve().parent
    in_runs = parent.name == "runs" and (parent.parent / "project.sqlite").is_file()
    if in_runs and run.is_dir() and not any(run.iterdir()):
        # Left by a run killed before it wrote anything (older versions made the folder
        # first): there is nothing to resume and nothing to lose.
        run.rmdir()
        raise CliError(
            f"{run}: an empty run folder (its run was stopped before it wrote its config); "
            "removed it. Start a new run with `wavesmith train`"
        )
    if not (run / "config.json").is_file():
        raise CliError(f"{run}: not a run folder (no config.json)")
    project = _project_of_run(run.resolve())
    overrides = parse_overrides(args.set)
    if args.epochs:
        overrides["run.epochs"] = args.epochs
    if args.hours is not None:
        overrides["run.hours"] = args.hours
    if args.branch and not args.checkpoint:
        raise CliError("--branch needs --checkpoint: the checkpoint the new run starts from")
    try:
        if args.branch:
            run = branch_run(run.resolve().parent, args.checkpoint, args.name)
            print(f"branched {run} from {args.checkpoint}", file=sys.stderr)
        trainer = Trainer.resume(
            project, run, None if args.branch else args.checkpoint, overrides=overrides
        )
    except (CheckpointError, ValueError) as exc:  # ValueError: a ConfigError, or a lacking device
        raise CliError(str(exc)) from exc
    return _run_trainer(trainer, not args.no_progress)


def cmd_analyze(args) -> int:
    from core.train.checkpoint import CheckpointError, checkpoint_dir, load_checkpoint
    from core.train.run_folder import plot_history, read_status, summary_text

    run = Path(args.run)
    latest = checkpoint_dir(run) / "latest.pt"
    if not latest.is_file():
        raise CliError(f"{run}: no checkpoints/latest.pt (has this run trained an epoch?)")
    try:
        ckpt = load_checkpoint(latest)
    except CheckpointError as exc:
        raise CliError(str(exc)) from exc
    history = ckpt["history"]
    status = read_status(run) or {"status": "unknown", "step": ckpt["step"]}
    print(summary_text(run, history, status), end="")
    if history:
        print(
            f"{'epoch':>5} {'train':>9} {'val':>9} {'SI-SDR':>7} {'impr.':>6} {'PESQ':>5} "
            f"{'STOI':>5} {'lr':>8}"
        )
        for h in history:
            mark = " *" if h["epoch"] == ckpt["best_epoch"] else ""
            pesq, stoi = h.get("val_pesq"), h.get("val_stoi")
            print(
                f"{h['epoch'] + 1:>5} {h['train_loss']:>9.4f} {h['val_loss']:>9.4f} "
                f"{h['val_si_sdr']:>7.2f} {h['val_si_sdr_improvement']:>+6.2f} "
                f"{'—' if pesq is None else f'{pesq:.2f}':>5} "
                f"{'—' if stoi is None else f'{stoi:.3f}':>5} {h['lr']:>8.2g}{mark}"
            )
        print(f"early-stopping counter: {ckpt['epochs_without_improvement']}")
        png = plot_history(run, history)
        print(f"plot: {png}")
    return 0


def cmd_export(args) -> int:
    from core.train.checkpoint import CheckpointError
    from core.train.export import export_model

    try:
        out = export_model(args.run, args.out)
    except CheckpointError as exc:
        raise CliError(str(exc)) from exc
    print(f"exported {out} and {out.with_suffix('.json')}")
    return 0
