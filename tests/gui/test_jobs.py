"""gui.jobs, the one bridge between threads: where signals arrive, one job per key, stale
results dropped, cancelling, errors, shutdown; and back-to-back imports (thread handover)."""

from __future__ import annotations

import logging
import threading

import pytest

from gui.jobs import Jobs, _Worker


@pytest.fixture
def jobs(qtbot):
    j = Jobs()
    yield j
    assert j.shutdown(10)
    qtbot.waitUntil(j.idle, timeout=5000)


def _until_cancelled(started: threading.Event | None = None):
    """Work that runs until it is asked to stop, then returns "stopped"."""

    def work(progress, should_cancel):
        if started is not None:
            started.set()
        while not should_cancel():
            threading.Event().wait(0.005)
        return "stopped"

    return work


def test_result_progress_and_finished_arrive_on_the_gui_thread(qtbot, jobs):
    gui = threading.get_ident()
    seen = []

    def work(progress, should_cancel):
        progress(1, 2, "a")
        progress(2, 2)
        return threading.get_ident()

    job = jobs.start("import", work, context={"name": "x"})
    job.progress.connect(lambda d, t, w: seen.append(("progress", d, t, w, threading.get_ident())))
    job.result.connect(lambda out: seen.append(("result", out != gui, threading.get_ident())))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen == [
        ("progress", 1, 2, "a", gui),
        ("progress", 2, 2, "", gui),
        ("result", True, gui),  # the work ran on another thread; its result arrived here
    ]
    assert job.context == {"name": "x"} and not job.cancelled
    qtbot.waitUntil(jobs.idle, timeout=5000)
    assert jobs.current("import") is None


def test_detail_is_offered_only_when_asked(qtbot, jobs):
    got = []

    def with_detail(progress, should_cancel, detail):
        detail("long.mp4", 5, 10)
        return "ok"

    job = jobs.start("import", with_detail, detail=True)
    job.detail.connect(lambda *a: got.append(a))
    with qtbot.waitSignal(job.result, timeout=5000):
        pass
    assert got == [("long.mp4", 5, 10)]

    def without(progress, should_cancel, **extra):
        return sorted(extra)

    job = jobs.start("import", without)
    with qtbot.waitSignal(job.result, timeout=5000) as blocker:
        pass
    assert blocker.args == [[]]


def test_one_job_per_key_and_back_to_back_jobs_both_deliver(qtbot, jobs, monkeypatch):
    # The first job's thread is slow to post its end after its work returned (CI drew this
    # once): the successor's result must still arrive second.
    post = _Worker._post

    def slow_post(signal, *args):
        if args and args[-1] == "one":
            threading.Event().wait(0.3)
        post(signal, *args)

    monkeypatch.setattr(_Worker, "_post", staticmethod(slow_post))
    gate = threading.Event()
    first = jobs.start("import", lambda progress, should_cancel: gate.wait(5) and "one")
    assert jobs.busy("import")
    assert jobs.start("import", lambda progress, should_cancel: "x") is None  # busy
    other = jobs.start("export", lambda progress, should_cancel: "other key")
    assert other is not None  # keys are independent
    results = []
    first.result.connect(results.append)
    gate.set()
    assert first.wait(5)
    assert not jobs.busy("import")
    # The work has ended; its result is still queued. A new job starts, and both deliver.
    second = jobs.start("import", lambda progress, should_cancel: "two")
    assert second is not None
    second.result.connect(results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert results == ["one", "two"]


def test_replace_discards_the_running_job(qtbot, jobs):
    gate = threading.Event()

    def old_work(progress, should_cancel):
        gate.wait(5)
        progress(1, 1, "late")
        return "old"

    old = jobs.start("load", old_work)
    got = []
    for signal in (old.result, old.progress, old.finished, old.errored):
        signal.connect(lambda *a, s=signal: got.append(("old", a)))
    new = jobs.start("load", lambda progress, should_cancel: "new", replace=True)
    new.result.connect(lambda out: got.append(("new", out)))
    assert old.cancelled and old.discarded and jobs.current("load") is new
    gate.set()
    qtbot.waitUntil(lambda: ("new", "new") in got, timeout=5000)
    qtbot.waitUntil(jobs.idle, timeout=5000)  # every queued signal of both jobs handled
    assert got == [("new", "new")]


def test_errors_arrive_as_errored_then_finished(qtbot, jobs, caplog):
    def work(progress, should_cancel):
        raise ValueError("bad file x.wav")

    def nameless(progress, should_cancel):
        raise KeyError

    order = []
    job = jobs.start("export", work)
    job.errored.connect(lambda msg: order.append(msg))
    job.finished.connect(lambda: order.append("finished"))
    job.result.connect(lambda out: order.append("result"))
    with caplog.at_level(logging.ERROR, logger="gui.jobs"):
        qtbot.waitUntil(lambda: "finished" in order, timeout=5000)
    assert order == ["bad file x.wav", "finished"]
    assert "ValueError: bad file x.wav" in caplog.text  # with its traceback, in the log
    job = jobs.start("export", nameless)
    with qtbot.waitSignal(job.errored, timeout=5000) as blocker:
        pass
    assert blocker.args == ["KeyError"]  # never an empty message


def test_cancel_stops_the_work_and_its_result_still_arrives(qtbot, jobs):
    started = threading.Event()
    job = jobs.start("import", _until_cancelled(started))
    got = []
    job.result.connect(got.append)
    assert started.wait(5)
    assert jobs.busy("import") and not job.cancelled
    jobs.cancel("import")
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert got == ["stopped"] and job.cancelled and not job.discarded


def test_discard_drops_everything_the_job_still_reports(qtbot, jobs):
    started = threading.Event()

    def work(progress, should_cancel):
        started.set()
        while not should_cancel():
            threading.Event().wait(0.005)
        progress(1, 1, "after")
        raise RuntimeError("late failure")

    job = jobs.start("pair", work)
    got = []
    for signal in (job.result, job.progress, job.finished, job.errored):
        signal.connect(lambda *a: got.append(a))
    assert started.wait(5)
    assert jobs.cancel("pair", discard=True, wait=True)
    assert job.done.is_set() and not jobs.busy("pair")
    qtbot.waitUntil(jobs.idle, timeout=5000)
    assert got == []


def test_shutdown_waits_for_a_cooperative_job(qtbot, jobs):
    started = threading.Event()
    job = jobs.start("probe", _until_cancelled(started))
    got = []
    job.result.connect(got.append)
    assert started.wait(5)
    assert jobs.shutdown(5)
    assert job.done.is_set() and not jobs.busy("probe")
    qtbot.waitUntil(jobs.idle, timeout=5000)
    assert got == []  # the window is closing: its result is dropped


def test_shutdown_gives_up_on_work_that_never_checks_and_says_so(qtbot, jobs, caplog):
    gate = threading.Event()
    started = threading.Event()

    def stubborn(progress, should_cancel):
        started.set()
        gate.wait(10)  # never looks at should_cancel
        return "late"

    jobs.start("detect", stubborn)
    assert started.wait(5)
    with caplog.at_level(logging.WARNING, logger="gui.jobs"):
        assert jobs.shutdown(0.2) is False
    assert "['detect'] still running" in caplog.text
    gate.set()  # let the thread end before the fixture's own shutdown


def test_an_import_started_right_after_the_previous_one_completes(qtbot, jobs, tmp_path):
    """Back-to-back imports (was tests/gui/test_thread_handover.py): the first job's late signals
    must not tear down its successor (a QThread destroyed while running aborts the app)."""
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from tests.support.audiogen import sine, write

    project = Project.create(tmp_path / "proj")
    first = write(tmp_path / "a" / "one.wav", sine(220, 0.5), 16000)
    second = write(tmp_path / "b" / "two.wav", sine(330, 0.5), 16000)

    def importing(path):
        return lambda progress, should_cancel: import_paths(
            project, [path], progress=progress, should_cancel=should_cancel
        )

    reports = []
    job = jobs.start("import", importing(first))
    job.result.connect(reports.append)
    # The work ends; its result and `finished` stay queued (wait() runs no events).
    assert job.wait(10)
    assert not jobs.busy("import")
    job = jobs.start("import", importing(second))
    assert job is not None
    job.result.connect(reports.append)
    # Now the first job's queued signals are delivered while the second one runs.
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=60_000)
    assert [c.name for r in reports for c in r.added] == ["one", "two"]
    qtbot.waitUntil(jobs.idle, timeout=10_000)
    assert sorted(c.name for c in project.clips()) == ["one", "two"]
    project.close()
