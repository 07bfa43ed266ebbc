"""How much the Training tab costs the GUI thread while a run trains.

1. Plot refresh: one `TrainingPlots.refresh()` plus the repaint it causes, with 5,000 steps
   and 20 epochs on the plots, one new step per refresh. Baseline: the same widget with
   pyqtgraph's auto-range and grids (what a first version did), so the axes re-render on
   every step. Medians over several runs of 40 refreshes each.
2. Real training driven from the tab, as the app runs it (start-up objects frozen out of
   the garbage collector): a tiny stress run (8 kHz speech, 8 epochs of a fraction of a
   second, each with validation, checkpoint and sample) and a realistic one (the speech
   preset with its U-Net, batch 4, 2 epochs on CPU). A 10 ms heartbeat timer gives the
   worst gap, its 99th percentile and the most GUI-thread CPU in one gap; an idle timer in
   a separate process over the same seconds gives the machine's own jitter.
3. Attaching to a run folder with 20,000 steps and 100 epochs.
4. A full garbage collection with the app loaded, before and after `gc.freeze`.

    QT_QPA_PLATFORM=offscreen python bench/bench_training_ui.py [--runs 3]

Writes docs/bench/training_ui.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "bench" / "training_ui.md"


def _steps(start: int, n: int, rng: np.random.Generator):
    from core.train import events as ev

    return [
        ev.StepDone(
            0, s, s % 100 + 1, 100, float(1 + rng.random()) / (1 + s / 500), 1e-3, 200.0, 0.1
        )
        for s in range(start, start + n)
    ]


def refresh_cost(app: QApplication, sticky: bool, n: int = 40) -> float:
    """Median ms of refresh + repaint, one new step each time."""
    from core.train import events as ev
    from gui.training.plots import TrainingPlots

    rng = np.random.default_rng(0)
    plots = TrainingPlots(refresh_ms=10_000)  # driven by hand here
    plots.resize(1000, 560)
    plots.show()
    if not sticky:
        for p in (plots.loss_plot, plots.lr_plot, plots.speed_plot, plots.gpu_view):
            p.enableAutoRange()
        for p in (
            plots.loss_plot,
            plots.epoch_plot,
            plots.sdr_plot,
            plots.lr_plot,
            plots.speed_plot,
        ):
            p.showGrid(x=True, y=True, alpha=0.2)
        plots._ranges = ()  # noqa: SLF001 - the baseline has no sticky ranges
        draw = plots._draw  # noqa: SLF001

        def naive_draw(group, p=plots):
            if group in ("epochs", "sdr"):
                draw(group)
                return
            if group != "loss":
                return  # the baseline draws every step curve at once, below
            s = p.steps
            p.loss_raw.setData(s.x, s.y(0))
            p.loss_smooth.setData(s.x, s.y(1))
            p.lr_curve.setData(s.x, s.y(2))
            p.speed_curve.setData(s.x, s.y(3))
            p.wait_curve.setData(s.x, s.y(4))

        plots._draw = naive_draw  # noqa: SLF001
    plots.add_steps(_steps(1, 5000, rng))
    for e in range(20):
        plots.add_epoch(
            ev.EpochDone(e, 1 / (e + 1), 1.2 / (e + 1), 5 + e / 4, e / 4, 1e-3, e, 1, 0, 9)
        )
    plots.flush()
    app.processEvents()
    times = []
    for k in range(n):
        plots.add_steps(_steps(5001 + k, 1, rng))
        t = time.perf_counter()
        plots.flush()  # every dirty group at once: the cost a single refresh used to have
        plots.repaint()
        app.processEvents()
        times.append(time.perf_counter() - t)
    plots.close()
    plots.deleteLater()
    app.processEvents()
    return 1000 * statistics.median(times)


def heartbeat_training(app: QApplication, tmp: Path, config, clips: int = 8) -> dict:
    from gui.gc_policy import freeze_startup_objects
    from gui.training.tab import TrainingTab
    from tests.gui.test_heartbeat import Heartbeat, MachineControl, _warm_imports
    from tests.support.training import make_project

    _warm_imports()
    project = make_project(tmp, "speech_or_tones", clips=clips)
    tab = TrainingTab()
    tab.resize(1300, 800)
    tab.show()
    tab.set_project(project)
    tab.form.set_config(config)
    _wait(500)
    freeze_startup_objects()
    control = MachineControl(tmp)
    deliveries, steps = [0], [0]

    def count(batch):
        deliveries[0] += 1
        steps[0] += len(batch)

    tab.controller.steps.connect(count)
    beat = Heartbeat()
    done = QEventLoop()
    tab.controller.finished.connect(lambda _e: done.quit())
    beat.start()
    t0 = time.perf_counter()
    tab.actions.start_run()
    done.exec()
    wall = time.perf_counter() - t0
    beat.stop()
    tab.shutdown()
    project.close()
    return {
        "control": 1000 * control.worst(),
        "worst": 1000 * beat.worst,
        "p99": 1000 * beat.p99,
        "cpu_worst": 1000 * beat.worst_cpu,
        "deliveries": deliveries[0],
        "steps": steps[0],
        "wall": wall,
    }


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def attach_burst(app: QApplication, tmp: Path, spe: int = 200, epochs: int = 100) -> dict:
    """Attach to a run folder holding spe * epochs steps: time until all are plotted and
    the heartbeat meanwhile (read in the follower thread, parsed in 5 ms passes)."""
    import json

    from core.train import events as ev
    from gui.gc_policy import freeze_startup_objects
    from gui.training.tab import TrainingTab
    from tests.gui.test_heartbeat import Heartbeat, MachineControl

    run = tmp / "run"
    run.mkdir()
    rng = np.random.default_rng(0)
    with open(run / "events.jsonl", "w") as f:
        f.write(json.dumps(ev.to_dict(ev.TrainStarted(str(run), 0, 0, epochs, spe, "cuda", 16))))
        f.write("\n")
        for e in range(epochs):
            for s in _steps(e * spe + 1, spe, rng):
                f.write(json.dumps(ev.to_dict(s)) + "\n")
            epoch = ev.EpochDone(e, 0.5, 0.6, 4 + e / 10, 2.0, 1e-3, e, 0.6, 0, 60.0)
            f.write(json.dumps(ev.to_dict(epoch)) + "\n")
    tab = TrainingTab()
    tab.resize(1300, 800)
    tab.show()
    _wait(500)
    freeze_startup_objects()
    control = MachineControl(tmp)
    deliveries = [0]
    tab.controller.steps.connect(lambda b: deliveries.__setitem__(0, deliveries[0] + 1))
    beat = Heartbeat()
    beat.start()
    t0 = time.perf_counter()
    tab.actions.attach_run(run)
    n = spe * epochs
    while not (
        tab.run_view.plots.steps.n == n
        and tab.run_view.plots.epochs.n == epochs
        and tab.run_view.plots.up_to_date
    ):
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
    seconds = time.perf_counter() - t0
    _wait(100)
    beat.stop()
    tab.shutdown()
    return {
        "n": n,
        "deliveries": deliveries[0],
        "seconds": seconds,
        "worst": 1000 * beat.worst,
        "control": 1000 * control.worst(),
    }


def gc_pause(runs: int) -> tuple[float, float, int]:
    """Median ms of gc.collect() with everything tracked, then with start-up frozen."""
    import gc

    import gui.main_window  # noqa: F401 - what the app imports
    from core.train import trainer  # noqa: F401

    def timed() -> float:
        t = time.perf_counter()
        gc.collect()
        return 1000 * (time.perf_counter() - t)

    gc.unfreeze()
    before = statistics.median(timed() for _ in range(runs))
    tracked = len(gc.get_objects())
    gc.freeze()
    after = statistics.median(timed() for _ in range(runs))
    return before, after, tracked


def _median(rows: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}


def main() -> int:
    from core.train.config import TrainConfig
    from tests.support.training import tiny_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])

    gc_before, gc_after, tracked = gc_pause(args.runs)
    print(f"full gc: {gc_before:.0f} ms over {tracked:,} objects, {gc_after:.1f} ms frozen")
    naive = [refresh_cost(app, sticky=False) for _ in range(args.runs)]
    sticky = [refresh_cost(app, sticky=True) for _ in range(args.runs)]
    m_naive, m_sticky = statistics.median(naive), statistics.median(sticky)
    print(f"refresh+repaint, auto-range + grid: {m_naive:.1f} ms (runs {naive})")
    print(f"refresh+repaint, sticky ranges:     {m_sticky:.1f} ms (runs {sticky})")

    realistic = TrainConfig.preset("speech").with_overrides(
        {
            "model.kind": "unet",
            "run.epochs": 2,
            "run.batch_size": 4,
            "run.device": "cpu",
            "run.workers": 1,
            "data.sample_clips": 1,
        }
    )
    scenarios = {
        "tiny": (tiny_config("gui", epochs=8), 8),
        "unet": (realistic, 12),
    }
    results: dict[str, list[dict]] = {name: [] for name in scenarios}
    for i in range(args.runs):
        for name, (config, clips) in scenarios.items():
            with tempfile.TemporaryDirectory() as tmp:
                results[name].append(heartbeat_training(app, Path(tmp), config, clips))
            print(f"{name} run {i + 1}: {results[name][-1]}")
    bursts = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            bursts.append(attach_burst(app, Path(tmp)))
        print(f"attach run {i + 1}: {bursts[-1]}")
    tiny, unet, burst = _median(results["tiny"]), _median(results["unet"]), _median(bursts)
    worst = {
        name: max(r["worst"] for r in rows) for name, rows in {**results, "attach": bursts}.items()
    }
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    def met(ms: float) -> str:
        return "yes" if ms < 100 else "no"

    text = f"""## Training tab: the window while training

Script: `bench/bench_training_ui.py --runs {args.runs}` (offscreen Qt, the shared 2-core VM,
load average {load:.1f} at the end). Medians over {args.runs} runs; the worst run in brackets.
"Control" is an idle 10 ms timer in a separate process over the same seconds: what the
machine alone made a timer miss.

| What | Figure | Goal | Met |
|---|---:|---:|---|
| Full garbage collection with the app's modules loaded ({tracked:,} objects) | {gc_before:.0f} ms | — | |
| The same after `gc.freeze()` of the start-up objects (what the app does) | {gc_after:.1f} ms | < 100 ms | {met(gc_after)} |
| Plot refresh + repaint (5,000 steps, 20 epochs, +1 step) | {m_sticky:.1f} ms | < 50 ms | {"yes" if m_sticky < 50 else "no"} |
| Baseline: the same plots with auto-range and grids | {m_naive:.1f} ms | — | {m_naive / m_sticky:.1f}× slower |
| Tiny stress run (8 epochs in {tiny["wall"]:.1f} s): worst heartbeat gap | {tiny["worst"]:.0f} ms ({worst["tiny"]:.0f} ms) | < 100 ms | {met(worst["tiny"])} |
| … its 99th percentile; GUI-thread CPU in the worst gap; control | {tiny["p99"]:.0f} ms; {tiny["cpu_worst"]:.0f} ms; {tiny["control"]:.0f} ms | — | |
| Speech preset, U-Net, batch 4 on CPU (2 epochs, {unet["wall"]:.0f} s): worst heartbeat gap | {unet["worst"]:.0f} ms ({worst["unet"]:.0f} ms) | < 100 ms | {met(worst["unet"])} |
| … its 99th percentile; GUI-thread CPU in the worst gap; control | {unet["p99"]:.0f} ms; {unet["cpu_worst"]:.0f} ms; {unet["control"]:.0f} ms | — | |
| Attach to {burst["n"]:,} steps and 100 epochs: until all are plotted | {burst["seconds"]:.2f} s in {burst["deliveries"]:.0f} deliveries | — | |
| … worst heartbeat gap meanwhile; control | {burst["worst"]:.0f} ms ({worst["attach"]:.0f} ms); {burst["control"]:.0f} ms | < 100 ms | {met(worst["attach"])} |

What kept the window from freezing, in the order the stalls were found (a sampling
profiler over all threads, 2 ms apart, and the heartbeat):

- **Python's full garbage collection** walks every tracked object holding the GIL: the
  figure in the first row, and over a second while training kept both cores busy (seen as
  a 0.8-1.25 s gap in the U-Net run). `gui.gc_policy.freeze_startup_objects` moves the start-up
  objects (torch, Qt, pyqtgraph) to the permanent generation once start-up is over, and
  `GarbageCollector` runs the due generations from a timer on the GUI thread instead of
  at random allocations in any thread (which also deadlocked once inside a Qt call).
- **Layout changes repaint every plot**: the message strip appearing, or a y axis widening
  for longer tick labels, re-laid out the six plots (~50 ms, up to ~110 ms with the
  resize). The strip has a fixed height and the y axes a fixed width.
- **One plot group per 50 ms tick** (step loss, epoch losses, SI-SDR, learning rate,
  throughput) and sticky axis ranges: a tick re-renders one plot's axes at most
  ({m_naive / m_sticky:.1f}× cheaper than auto-range with grids).
- **Progress bars are set from a timer**, never per event: `QProgressBar.setValue`
  repaints synchronously, 300 of them cost 260 ms when a long run was attached.
- **A followed run is parsed on the GUI thread in 5 ms passes** and only read in its
  thread. Parsing in the reader thread made both threads want the GIL at once; each
  hand-over cost the window up to the 5 ms switch interval (100-300 ms gaps when
  attaching before).
- **The runs list updates one row per checkpoint** instead of re-reading every run.
- **history.png is drawn in a child process** at the end of a run.

Steps reach the GUI thread in batches: the worker announces a batch only when none is
pending, so however fast the trainer steps, at most one queued call is in flight
(tiny run: {tiny["steps"]:.0f} steps in {tiny["deliveries"]:.0f} deliveries).

- **Worker processes are spawned, never forked** (`core/processes.py`): `os.fork` copies
  the page tables of a process with torch and Qt loaded while holding the GIL. Measured
  with `os.register_at_fork` in the heartbeat tests (load 0.6-2.4): the denoise cache's
  two forked workers cost 41-59 ms each (worst gap 65 ms quiet, 102 ms on CI); a run with
  the presets' two loader workers forked them at every epoch, 16 forks of 23-100 ms in
  8 tiny epochs, worst gap 177 ms. Now the cache's workers are spawned and rebuild the
  dataset from the project (worst gap 30-39 ms in three runs, load 0.3-1), and the
  training loader's workers are spawned once per run and kept across epochs
  (`core/train/run_loader.py`; same run: no fork, worst gap 116 ms at load 4.7 where the
  idle control process itself missed 100 ms). A memory-mapped array crosses to a spawned
  worker as its file (a reducer registered by core.processes), so no worker holds a copy
  of the audio.

What remains in the gaps is the machine: with a trainer and data workers on both cores,
CPU contention gives 40-80 ms gaps, as the control shows. `tests/gui/test_heartbeat.py`
asserts the 100 ms limit (plus whatever the control missed beyond 20 ms) for training,
building the cache, importing and attaching.
"""
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
