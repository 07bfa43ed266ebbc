"""The window never freezes: a 10 ms timer keeps ticking while training, caching and importing.

A QTimer on the GUI thread records the time between its ticks while the real work runs in
the background threads and its events update the tab; a gap is how long the event loop was
blocked (plus timer jitter).

Two measures per gap: wall time, and the CPU time the GUI thread itself spent in it
(`time.thread_time`). The CPU part is what our code did on the GUI thread; the wall part also
contains waiting for the GIL and for a core. On a shared machine even an idle event loop
misses its timer now and then, so a control runs beside the test: the same 10 ms timer in a
separate, idle process, over the same seconds; whatever it missed beyond 20 ms is added to
the limit.

Python's full garbage collection is the one pause no thread design avoids: it walks every
tracked object holding the GIL (~300 ms with torch, Qt and pyqtgraph loaded). The app
freezes its start-up objects out of it (`gui.gc_policy.freeze_startup_objects`); these tests do
the same once their window is up, as start-up does once its background imports are done.

The limit is the Training tab issue's: no gap over 100 ms. The training case is a stress
case: tiny epochs several times a second, each with its validation, checkpoint, listening
sample, runs-list update and plot redraws, on a 2-core machine.
"""

from __future__ import annotations

import os
import time

import numpy as np
from PySide6.QtCore import QTimer

from gui.gc_policy import freeze_startup_objects
from gui.heavy_imports import heavy_imports
from gui.training.tab import TrainingTab
from tests.support.audiogen import noise, sine, write
from tests.support.training import make_project, tiny_config

MAX_STALL_S = 0.100


class Heartbeat:
    def __init__(self, interval_ms: int = 10) -> None:
        self.gaps: list[float] = []
        self.cpu_gaps: list[float] = []
        self._last = self._last_cpu = 0.0
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append(now - self._last)
        self.cpu_gaps.append(cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu

    @property
    def worst(self) -> float:
        return max(self.gaps, default=0.0)

    @property
    def worst_cpu(self) -> float:
        return max(self.cpu_gaps, default=0.0)

    @property
    def p99(self) -> float:
        g = sorted(self.gaps)
        return g[int(0.99 * (len(g) - 1))] if g else 0.0

    def report(self) -> str:
        return (
            f"{len(self.gaps)} ticks, worst gap {self.worst * 1000:.0f} ms "
            f"(p99 {self.p99 * 1000:.0f} ms), "
            f"worst GUI-thread CPU in a gap {self.worst_cpu * 1000:.0f} ms"
        )


CONTROL = """
import os, sys, time
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
stop_file = sys.argv[1]
last, worst = [time.perf_counter()], [0.0]
def tick():
    now = time.perf_counter()
    worst[0] = max(worst[0], now - last[0])
    last[0] = now
    if os.path.exists(stop_file):
        print(worst[0], flush=True)
        app.quit()
timer = QTimer()
timer.timeout.connect(tick)
timer.start(10)
print("ready", flush=True)
app.exec()
"""


class MachineControl:
    """An idle 10 ms Qt timer in another process: what the machine alone costs meanwhile."""

    def __init__(self, folder) -> None:
        import subprocess
        import sys

        self._stop = folder / "control.stop"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self._proc = subprocess.Popen(
            [sys.executable, "-c", CONTROL, str(self._stop)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._proc.stdout.readline().strip() == "ready"

    def worst(self) -> float:
        self._stop.touch()
        out, _ = self._proc.communicate(timeout=30)
        return float(out.strip().splitlines()[-1])


def assert_responsive(beat: Heartbeat, control: float, what: str, min_ticks: int = 50) -> None:
    print(f"{what}: {beat.report()}; idle control process {control * 1000:.0f} ms")
    assert len(beat.gaps) >= min_ticks  # the work lasted long enough to be measured
    excess = max(0.0, control - 0.02)
    assert beat.worst < MAX_STALL_S + excess, f"{what}: {beat.report()}"


def settle(qtbot, widget) -> None:
    """Shown and painted once: the first paint of a window is not what is measured."""
    qtbot.waitExposed(widget)
    qtbot.wait(300)


def _warm_imports() -> None:
    """What the app has imported by the time a user presses Start: start-up's background
    imports (gui.heavy_imports: torch, the trainer's modules, torch._dynamo, which the first
    optimiser imports), here waited for. Then one-off work the trainer does lazily the
    first time in a process: matplotlib with its font cache (history.png at the end of a
    run; the tests' isolated XDG folders make matplotlib scan the system fonts again). All
    are seconds of Python holding the GIL, once per process, which is not what these tests
    measure."""
    import io

    import torch
    from matplotlib.figure import Figure

    loader = heavy_imports()
    loader.start()
    assert loader.wait(300) and loader.is_finished(), loader.errors
    torch.optim.Adam([torch.zeros(1, requires_grad=True)])
    fig = Figure(figsize=(2, 1))
    fig.subplots().set_title("warm-up")
    fig.savefig(io.BytesIO(), format="png")


def shown_tab(qtbot, project) -> TrainingTab:
    tab = TrainingTab()
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    tab.set_project(project)
    settle(qtbot, tab)
    freeze_startup_objects()  # as start-up does once its background imports are done
    return tab


def test_event_loop_never_stalls_during_training(qtbot, tmp_path):
    _warm_imports()
    project = make_project(tmp_path, "speech_or_tones")
    tab = shown_tab(qtbot, project)
    tab.form.set_config(tiny_config("gui", epochs=8))
    control = MachineControl(tmp_path)
    beat = Heartbeat()
    epochs = []
    tab.controller.epoch_done.connect(epochs.append)
    # Measured from Start to the last epoch's listening sample: every step, validation,
    # checkpoint and sample of the run. The wrap-up after it (summary, and history.png drawn
    # in a child process the trainer waits on) is measured on its own.
    finish = Heartbeat()
    tab.controller.sample_rendered.connect(lambda e: e.epoch == 7 and (beat.stop(), finish.start()))
    beat.start()
    with qtbot.waitSignal(tab.controller.finished, timeout=180_000) as finished:
        tab.actions.start_run()
    finish.stop()
    assert_responsive(finish, 0.0, "after the last epoch (summary and history.png)", 10)
    assert finished.args[0].status == "completed"
    assert len(epochs) == 8 and tab.run_view.plots.steps.n > 40  # the UI really did the work
    assert tab.run_view.samples.sample_count() == 8
    assert (tab.controller.run_dir / "history.png").is_file()
    assert_responsive(beat, control.worst(), "training")
    tab.shutdown()
    project.close()


def test_event_loop_never_stalls_while_the_training_cache_is_built(qtbot, tmp_path):
    """A run with a disk cache first builds it in worker processes, reporting progress."""
    _warm_imports()
    project = make_project(tmp_path, "speech_or_tones")
    tab = shown_tab(qtbot, project)
    config = tiny_config(
        "gui", epochs=1, **{"data.cache": "disk", "data.cache_variants": 256, "run.workers": 2}
    )
    tab.form.set_config(config)
    progress = []
    tab.controller.cache_progress.connect(progress.append)
    control = MachineControl(tmp_path)
    beat = Heartbeat()
    tab.controller.train_started.connect(lambda _: beat.stop())
    beat.start()
    with qtbot.waitSignal(tab.controller.finished, timeout=180_000) as finished:
        tab.actions.start_run()
    assert finished.args[0].status == "completed", finished.args[0].message
    assert progress[0].done == 0 and progress[-1].done == progress[-1].total > 0
    assert "cache" in tab.run_view.log_view.toPlainText()
    assert_responsive(beat, control.worst(), "building the cache")
    tab.shutdown()
    project.close()


def test_event_loop_never_stalls_during_import(qtbot, tmp_path):
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from gui.jobs import Jobs

    def importing(project, folder):
        return lambda progress, should_cancel: import_paths(
            project, [folder], progress=progress, should_cancel=should_cancel
        )

    # A first import loads modules lazily (in the GUI thread at start, in the worker after);
    # those one-off imports hold the GIL for a few hundred ms on a machine without bytecode
    # caches. One warm-up file into a scratch project loads them before the measurement.
    jobs = Jobs()
    write(tmp_path / "warm" / "w.wav", noise(0.5, 44100), 44100)
    scratch = Project.create(tmp_path / "scratch")
    with qtbot.waitSignal(
        jobs.start("import", importing(scratch, tmp_path / "warm")).finished, timeout=60_000
    ):
        pass
    scratch.close()
    freeze_startup_objects()

    folder = tmp_path / "takes"
    n = 160
    for i in range(n):  # distinct 3 s stereo takes: tone + noise, different per file
        audio = 0.3 * sine(110 + 7 * i, 3.0, 44100, channels=2) + noise(3.0, 44100, 0.05, i, 2)
        write(folder / f"take_{i:02d}.wav", audio, 44100)
    project = Project.create(tmp_path / "project")
    control = MachineControl(tmp_path)
    beat = Heartbeat()
    beat.start()
    job = jobs.start("import", importing(project, folder))
    with qtbot.waitSignal(job.result, timeout=120_000) as finished:
        pass
    beat.stop()
    report = finished.args[0]
    assert len(report.added) == n and not report.cancelled
    assert_responsive(beat, control.worst(), "import", 20)
    assert jobs.shutdown(10)
    project.close()


def test_event_loop_never_stalls_while_attaching_to_a_long_run(qtbot, tmp_path):
    """A run trained for hours on a server: 20,000 steps and 100 epochs in events.jsonl."""
    import json

    from core.train import events as ev
    from core.train.config import TrainConfig

    run = tmp_path / "server_run"
    run.mkdir()
    TrainConfig.preset("speech").save(run / "config.json")
    spe, epochs = 200, 100
    lines = [ev.TrainStarted(str(run), 0, 0, epochs, spe, "cuda:0", 16)]
    rng = np.random.default_rng(0)
    for e in range(epochs):
        for i in range(1, spe + 1):
            loss = 1.0 / (1 + e) + 0.1 * rng.random()
            lines.append(ev.StepDone(e, e * spe + i, i, spe, loss, 1e-3, 500.0, 0.05, 2048.0))
        lines.append(ev.EpochDone(e, 0.5, 0.6, 4.0 + e / 10, 2.0, 1e-3, e, 0.6, 0, 60.0))
    with (run / "events.jsonl").open("w") as f:
        f.writelines(json.dumps(ev.to_dict(x)) + "\n" for x in lines)

    project = make_project(tmp_path, "speech_or_tones")
    tab = shown_tab(qtbot, project)
    control = MachineControl(tmp_path)
    beat = Heartbeat()
    beat.start()
    assert tab.actions.attach_run(run)
    qtbot.waitUntil(
        lambda: (
            tab.run_view.plots.steps.n == spe * epochs
            and tab.run_view.plots.epochs.n == epochs
            and tab.run_view.plots.up_to_date
        ),
        timeout=60_000,
    )
    qtbot.wait(100)  # the last redraw painted
    beat.stop()
    assert_responsive(beat, control.worst(), "attaching to 20,000 steps")
    tab.shutdown()
    project.close()


def test_a_full_garbage_collection_after_start_up_walks_few_objects():
    """What freeze_startup_objects buys: a full collection no longer walks the ~400k
    objects of torch, Qt and pyqtgraph (a pause of ~300 ms), only what came after."""
    import gc

    import gui.main_window  # noqa: F401 - everything the window imports
    from core.train import trainer  # noqa: F401

    freeze_startup_objects()
    assert gc.get_freeze_count() > 100_000
    assert len(gc.get_objects()) < gc.get_freeze_count() // 10
