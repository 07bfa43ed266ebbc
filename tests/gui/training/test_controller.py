"""The training bridge: real trainer in a QThread, events as signals, stop/resume, follow a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.dataset.project import Project
from core.train import events as ev
from core.train.run_folder import RunFolderWriter
from gui.training.controller import TrainingController
from tests.support.audiogen import noise, write
from tests.support.training import make_project, tiny_config


@pytest.fixture
def controller():
    controller = TrainingController()
    yield controller
    assert controller.shutdown(60_000), "the training thread did not end"


@pytest.fixture
def tiny_project(tmp_path):
    project = make_project(tmp_path, "speech_or_tones")
    yield project
    project.close()


# -- following a run folder -----------------------------------------------------------------


def _step(epoch: int, step: int, spe: int = 4, loss: float = 1.0) -> ev.StepDone:
    return ev.StepDone(epoch, step, (step - 1) % spe + 1, spe, loss, 1e-3, 100.0, 0.2)


def test_attach_follows_a_folder_while_it_is_written(qtbot, tmp_path, controller):
    """A headless run synced from a server: past events arrive at once, new lines as
    they are appended, a half-written line waits, and sample paths from the server are
    mapped into the local copy of the folder."""
    run = tmp_path / "run"
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 3, 4, "cuda", 8))
    for s in range(1, 5):
        writer(_step(0, s, loss=1.0 / s))
    got_steps: list[ev.StepDone] = []
    controller.steps.connect(got_steps.extend)

    with qtbot.waitSignal(controller.train_started, timeout=5000) as started:
        controller.attach(run, interval_ms=20)
    assert started.args[0].device == "cuda"
    qtbot.waitUntil(lambda: len(got_steps) == 4, timeout=5000)
    assert [s.step for s in got_steps] == [1, 2, 3, 4]

    local = run / "samples" / "epoch_0000" / "clip.wav"
    write(local, noise(0.1, 8000), 8000)
    with qtbot.waitSignal(controller.epoch_done, timeout=5000) as epoch:
        writer(ev.EpochDone(0, 0.5, 0.6, 4.0, 2.0, 1e-3, 0, 0.6, 0, 1.5))
    assert epoch.args[0].val_si_sdr == 4.0
    with qtbot.waitSignal(controller.sample_rendered, timeout=5000) as sample:
        writer(
            ev.SampleRendered(
                0,
                "/srv/gpu/runs/run/samples/epoch_0000/clip.wav",
                "/srv/gpu/runs/run/samples/ref/clip_input.wav",
                None,
            )
        )
    assert Path(sample.args[0].path) == local  # relocated because it exists here
    assert sample.args[0].input_path.startswith("/srv/gpu")  # left alone: not synced

    # Half a line (the writer is mid-write): nothing may come out of it yet.
    with (run / "events.jsonl").open("a") as f:
        f.write('{"message": "disk almost full", "kind": "general", ')
    qtbot.wait(100)
    with qtbot.waitSignal(controller.warning, timeout=5000) as warning:
        with (run / "events.jsonl").open("a") as f:
            f.write('"name": "warning"}\n')
    assert warning.args[0].message == "disk almost full"

    with qtbot.waitSignal(controller.running_changed, timeout=5000) as running:
        controller.stop()
    assert running.args == [False]
    assert not controller.is_active


def test_attach_catches_up_on_a_long_run_in_slices_and_keeps_the_order(
    qtbot, tmp_path, controller, monkeypatch
):
    """Read 4 KB at a time and parsed 64 lines per pass: every event still arrives once,
    steps before the epoch they belong to."""
    import gui.training.follower as follower

    monkeypatch.setattr(follower, "FOLLOW_CHUNK_BYTES", 4096)
    monkeypatch.setattr(follower, "PARSE_BUDGET_S", 0.0)
    run = tmp_path / "run"
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 10, 50, "cpu", 8))
    expected = []
    for epoch in range(10):
        for i in range(1, 51):
            writer(_step(epoch, epoch * 50 + i, spe=50))
            expected.append(("step", epoch * 50 + i))
        writer(ev.EpochDone(epoch, 0.5, 0.6, 4.0, 2.0, 1e-3, epoch, 0.6, 0, 1.5))
        expected.append(("epoch", epoch))
    seen = []
    controller.steps.connect(lambda steps: seen.extend(("step", s.step) for s in steps))
    controller.epoch_done.connect(lambda e: seen.append(("epoch", e.epoch)))
    controller.attach(run, interval_ms=20)
    qtbot.waitUntil(lambda: len(seen) >= len(expected), timeout=10_000)
    qtbot.wait(100)  # nothing more, nothing twice
    assert seen == expected


def test_attach_reports_an_unreadable_folder_once(qtbot, tmp_path, controller):
    run = tmp_path / "run"
    run.mkdir()
    (run / "events.jsonl").mkdir()  # a folder where the file should be: reading fails
    messages = []
    controller.failed.connect(messages.append)
    controller.attach(run, interval_ms=10)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    qtbot.wait(100)
    assert len(messages) == 1 and "events.jsonl" in messages[0]
    assert controller.shutdown(5000)


# -- the real trainer in the thread ---------------------------------------------------------


def test_start_stop_resume_continues_where_it_stopped(qtbot, tiny_project, controller):
    from core.train.checkpoint import load_checkpoint

    steps: list[ev.StepDone] = []
    epochs: list[ev.EpochDone] = []
    controller.steps.connect(steps.extend)
    controller.epoch_done.connect(epochs.append)

    with qtbot.waitSignal(controller.train_started, timeout=120_000) as started:
        run = controller.start(tiny_project, tiny_config("gui", epochs=200))
    assert started.args[0].epoch == 0 and started.args[0].resumed_from is None
    assert controller.is_training
    qtbot.waitUntil(lambda: len(epochs) >= 2, timeout=120_000)
    with qtbot.waitSignal(controller.finished, timeout=60_000) as stopped:
        controller.stop()
    assert stopped.args[0].status == "stopped"
    qtbot.waitUntil(lambda: not controller.is_active, timeout=10_000)
    # Steps arrive in batches but complete and in order.
    assert [s.step for s in steps] == list(range(1, len(steps) + 1))

    ckpt = load_checkpoint(run / "checkpoints" / "latest.pt")
    assert ckpt["step"] == steps[-1].step  # "Stop" wrote a checkpoint at the last step
    history_before = [h["epoch"] for h in ckpt["history"]]
    n_before = len(steps)

    with qtbot.waitSignal(controller.train_started, timeout=120_000) as resumed:
        controller.resume(tiny_project, run)
    assert resumed.args[0].epoch == ckpt["epoch"]
    assert resumed.args[0].step == ckpt["step"]
    assert resumed.args[0].resumed_from.endswith("latest.pt")
    qtbot.waitUntil(lambda: epochs[-1].epoch >= ckpt["epoch"], timeout=120_000)
    assert steps[n_before].step == ckpt["step"] + 1  # no step repeated or skipped
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        controller.stop()
    qtbot.waitUntil(lambda: not controller.is_active, timeout=10_000)

    history_after = [
        h["epoch"] for h in load_checkpoint(run / "checkpoints" / "latest.pt")["history"]
    ]
    assert history_after[: len(history_before)] == history_before
    assert history_after == list(range(len(history_after)))
    assert len(history_after) > len(history_before)


def test_an_exception_before_training_arrives_as_failed(qtbot, tiny_project, controller, tmp_path):
    """Resuming a folder without a checkpoint raises inside the thread: it must come out as
    the failed signal, and the controller must be free again."""
    empty = tmp_path / "not_a_run"
    empty.mkdir()
    messages: list[str] = []
    controller.failed.connect(messages.append)
    controller.resume(tiny_project, empty)
    qtbot.waitUntil(lambda: bool(messages), timeout=60_000)
    assert "latest.pt" in messages[0] and "not found" in messages[0]
    qtbot.waitUntil(lambda: not controller.is_active, timeout=10_000)


def test_a_failed_run_reports_why(qtbot, tmp_path, controller):
    project = Project.create(tmp_path / "empty_project")
    with qtbot.waitSignal(controller.finished, timeout=60_000) as finished:
        controller.start(project, tiny_config("gui", epochs=1))
    assert finished.args[0].status == "failed"
    assert "not enough clean clips" in finished.args[0].message
    qtbot.waitUntil(lambda: not controller.is_active, timeout=10_000)
    project.close()


def test_pause_holds_steps_until_continued(qtbot, tiny_project, controller):
    steps: list[ev.StepDone] = []
    controller.steps.connect(steps.extend)
    with qtbot.waitSignal(controller.train_started, timeout=120_000):
        controller.start(tiny_project, tiny_config("gui", epochs=200))
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=60_000)
    with qtbot.waitSignal(controller.paused_changed) as paused:
        controller.set_paused(True)
    assert paused.args == [True]
    qtbot.wait(800)  # the step in flight (and its events) may still land
    held = len(steps)
    qtbot.wait(800)
    assert len(steps) == held  # nothing trains while paused
    controller.set_paused(False)
    qtbot.waitUntil(lambda: len(steps) > held, timeout=60_000)
    with qtbot.waitSignal(controller.finished, timeout=60_000) as finished:
        controller.stop()
    assert finished.args[0].status == "stopped"


def test_a_stale_finished_from_a_released_follower_leaves_the_next_run_alone(
    qtbot, tmp_path, tiny_project, controller
):
    """Showing a run (following it) and then pressing Resume: shutdown() releases the
    follower thread at once, and its queued `finished` arrives after the trainer's thread
    has started. That late signal must not tear the new thread down (Qt aborts when a
    running QThread is destroyed)."""
    run = tmp_path / "shown"
    writer = RunFolderWriter(run)
    writer(ev.TrainStarted(str(run), 0, 0, 3, 4, "cpu", 8))
    controller.attach(run, interval_ms=20)
    qtbot.waitUntil(lambda: controller.is_active)
    assert controller.shutdown(10_000)
    controller.start(tiny_project, tiny_config("gui", epochs=1))
    training_thread = controller._thread
    with qtbot.waitSignal(controller.finished, timeout=120_000) as finished:
        pass  # the follower's late `finished` is delivered in here, while training runs
    assert finished.args[0].status == "completed"
    qtbot.waitUntil(lambda: not controller.is_active, timeout=10_000)
    assert training_thread is not None
