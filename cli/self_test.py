"""`wavesmith --self-test`: does this installation work, from imports to a trained model?

For a packaged build (PyInstaller leaves out what it did not see imported) and for users
reporting a bug: each step exercises one part a build can lose, is timed, and the run ends
with one line, `wavesmith self-test: OK (...)` and exit 0, or `wavesmith self-test: FAILED
at STEP: why` and exit 1. The steps stop at the first failure, since later ones build on
earlier ones (the process step needs the trained model).

The steps: every heavy dependency imports; the audio devices are listed (PortAudio is
there); the window's steps, which main.py passes in from gui.self_check because cli never
imports the GUI (the window opens offscreen, the translations load); a worker process
starts the way Windows and macOS start them (spawn: in a frozen build this needs
multiprocessing.freeze_support at the entry point); one tiny epoch trains with one loader
worker on generated audio in a temporary project; one second of audio goes through the
trained model. The project lives under WAVESMITH_SELF_TEST_DIR when that is set (else the
system's temporary folder) and is removed afterwards.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Every dependency whose absence a user would only find at the worst moment; PySide6's
# modules are the ones the window uses. Imported by name: cli itself never imports Qt.
HEAVY_MODULES = (
    "numpy",
    "torch",
    "torchaudio",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "pyqtgraph",
    "sounddevice",
    "soundfile",
    "av",
    "soxr",
    "librosa",
    "scipy.signal",
    "pesq",
    "pystoi",
    "safetensors.torch",
)

DIR_ENV = "WAVESMITH_SELF_TEST_DIR"  # where the temporary project goes
SR = 8000  # the tiny project's rate: an epoch takes about a second on one core


@dataclass
class SelfTestState:
    """What steps hand on to later ones."""

    work_dir: Path | None = None
    run_dir: Path | None = None
    notes: dict[str, str] = field(default_factory=dict)


# A step: a short name for the report, and a function that raises on failure and returns
# a few words of what it saw ("" for nothing to say).
Step = tuple[str, Callable[[SelfTestState], str]]


@dataclass(frozen=True)
class StepResult:
    name: str
    seconds: float
    detail: str = ""
    error: str = ""  # empty when the step passed


def check_imports(state: SelfTestState) -> str:
    versions = []
    for name in HEAVY_MODULES:
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # an ImportError, or an OSError for a missing library
            raise RuntimeError(f"import {name}: {type(exc).__name__}: {exc}") from exc
        if name in ("torch", "PySide6.QtCore"):
            versions.append(f"{name.split('.')[0]} {getattr(module, '__version__', '?')}")
    return ", ".join(versions)


def loaded_library(name: str) -> str:
    """The file of a shared library this process has loaded whose name holds `name`: in a
    build, the bundled one (or the system's, if it slipped). Linux only (/proc); elsewhere
    "loaded"."""
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return "loaded"
    paths = {line.split(maxsplit=5)[-1] for line in maps if name in line.rsplit("/", 1)[-1]}
    return ", ".join(sorted(paths)) or "loaded"


def check_audio_devices(state: SelfTestState) -> str:
    from cli.common import count
    from core.listen.output_devices import list_output_devices, load_sounddevice

    devices = list_output_devices()  # PlaybackUnavailable names the missing PortAudio
    load_sounddevice()
    library = f"PortAudio {loaded_library('portaudio')}"
    if not devices:
        return f"{library}, no output device"
    default = next((d.name for d in devices if d.is_default), devices[0].name)
    return f"{library}, {count(len(devices), 'output')}, default {default!r}"


def _spawned_child(queue) -> None:
    queue.put(os.getpid())


def check_spawn(state: SelfTestState) -> str:
    # Windows and macOS start every worker (loader, cache, PESQ) this way; in a frozen
    # build the child is the app's own executable and only freeze_support makes it a worker.
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_spawned_child, args=(queue,), daemon=True)
    proc.start()
    try:
        pid = queue.get(timeout=60)
    finally:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()
    if pid != proc.pid or proc.exitcode != 0:
        raise RuntimeError(f"the worker process answered {pid}, exit code {proc.exitcode}")
    return "a spawned worker answered"


def _voice(seconds: float, seed: int, sr: int = SR):
    """A harmonic, syllable-modulated tone, (frames, 1) float32: enough for a denoiser to
    learn something."""
    import numpy as np

    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * sr)) / sr
    phase = 2 * np.pi * np.cumsum(rng.uniform(100, 220) * (1 + 0.05 * np.sin(4 * t))) / sr
    x = sum(np.sin(k * phase) / k for k in range(1, 10))
    env = np.clip(np.sin(2 * np.pi * rng.uniform(2, 4) * t), 0, None) ** 0.5
    return (0.3 * x * env / np.max(np.abs(x))).astype(np.float32)[:, None]


def tiny_overrides() -> dict:
    """The speech preset shrunk to an epoch of about a second, with one loader worker."""
    return {
        "data.sample_rate": SR,
        "data.segment_samples": 4000,
        "data.skip_silence": False,
        "data.sample_clips": 1,
        "data.sample_seconds": 1.0,
        "data.cache": "off",
        "data.quality_segments": 0,
        "model.n_fft": 128,
        "model.hop": 32,
        "model.hidden": 16,
        "model.layers": 2,
        "run.batch_size": 4,
        "run.epochs": 1,
        "run.workers": 1,
        "run.device": "cpu",
        "run.threads": 1,
        "run.checkpoint_minutes": 0.0,
    }


def train_tiny_epoch(state: SelfTestState) -> str:
    from core.audio.io import write_audio
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from core.train.config import TrainConfig
    from core.train.run_folder import new_run_dir
    from core.train.trainer import Trainer

    parent = os.environ.get(DIR_ENV) or None
    try:
        state.work_dir = Path(tempfile.mkdtemp(prefix="wavesmith-self-test-", dir=parent))
    except OSError as exc:
        raise RuntimeError(f"cannot make the temporary project in {parent}: {exc}") from exc
    audio = state.work_dir / "audio" / "clean"
    audio.mkdir(parents=True)
    for i in range(6):
        write_audio(audio / f"voice_{i}.wav", _voice(2.0, i), SR)
    project = Project.create(state.work_dir / "project")
    report = import_paths(project, [audio], role="clean")
    if not report.added:
        raise RuntimeError(f"the generated clips did not import: {report.rejected}")
    cfg = TrainConfig.preset("speech").with_overrides(tiny_overrides())
    state.run_dir = new_run_dir(project.runs_dir, cfg.data.task, "self-test", cfg)
    finished = Trainer(project, cfg, state.run_dir).run()
    project.close()
    if finished.status != "completed":
        raise RuntimeError(f"training {finished.status}: {finished.message}")
    # Drawn by a helper interpreter (sys.executable -c): a frozen build must provide one.
    if not (state.run_dir / "history.png").is_file():
        raise RuntimeError("the run's history plot (history.png) was not drawn; see the log")
    return f"1 epoch, 1 loader worker, val loss {finished.best_val_loss:.3g}"


def process_one_second(state: SelfTestState) -> str:
    import numpy as np

    from core.listen.inference import process_array
    from core.listen.model_loading import load_for_inference

    if state.run_dir is None:
        raise RuntimeError("no trained model (the train step did not run)")
    loaded = load_for_inference(state.run_dir)
    # A user's file, not the model's: 44.1 kHz stereo, so resampling runs both ways.
    rng = np.random.default_rng(0)
    sr = 44100
    x = np.repeat(_voice(1.0, 7, sr), 2, axis=1)
    x += 0.05 * rng.standard_normal(x.shape).astype(np.float32)
    out = process_array(loaded.model, loaded.sample_rate, x, sr, delay=loaded.delay)
    if out.shape != x.shape or not np.isfinite(out).all():
        raise RuntimeError(f"processing gave {out.shape} (finite: {np.isfinite(out).all()})")
    return f"1 s at {sr} Hz stereo through a {loaded.sample_rate} Hz model"


def default_steps(window_steps: Sequence[Step] = ()) -> list[Step]:
    return [
        ("imports", check_imports),
        ("audio devices", check_audio_devices),
        *window_steps,
        ("worker process", check_spawn),
        ("train", train_tiny_epoch),
        ("process", process_one_second),
    ]


def run_steps(steps: Sequence[Step], state: SelfTestState | None = None) -> list[StepResult]:
    """Each step timed, in order, up to and including the first that fails."""
    state = state or SelfTestState()
    results = []
    try:
        for name, func in steps:
            start = time.perf_counter()
            try:
                detail, error = func(state) or "", ""
            except BaseException as exc:  # a failing step is the report, whatever it raised
                if isinstance(exc, KeyboardInterrupt):
                    raise
                detail, error = "", f"{type(exc).__name__}: {exc}"
                # The whole traceback for the bug report, on stderr; the line stays short.
                traceback.print_exc(file=sys.stderr)
            results.append(StepResult(name, time.perf_counter() - start, detail, error))
            if error:
                break
    finally:
        if state.work_dir is not None:
            shutil.rmtree(state.work_dir, ignore_errors=True)
    return results


def report_line(results: Sequence[StepResult], total_steps: int) -> str:
    timings = ", ".join(f"{r.name} {r.seconds:.1f} s" for r in results)
    total = sum(r.seconds for r in results)
    failed = next((r for r in results if r.error), None)
    if failed is None and len(results) == total_steps:
        return f"wavesmith self-test: OK in {total:.1f} s ({timings})"
    if failed is None:
        return f"wavesmith self-test: FAILED: only {len(results)} of {total_steps} steps ran"
    return f"wavesmith self-test: FAILED at {failed.name}: {failed.error} ({timings})"


def run_self_test(window_steps: Sequence[Step] = ()) -> int:
    """Run every step, print what each saw (stderr) and the one-line report (stdout)."""
    steps = default_steps(window_steps)
    results = run_steps(steps)
    for r in results:
        status = "FAILED" if r.error else "ok"
        print(f"  {r.name}: {status} in {r.seconds:.2f} s {r.detail}".rstrip(), file=sys.stderr)
    line = report_line(results, len(steps))
    print(line, flush=True)
    return 0 if line.startswith("wavesmith self-test: OK") else 1
