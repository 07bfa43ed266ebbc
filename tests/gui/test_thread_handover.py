"""Back-to-back background jobs: a finished thread's late signal must not hit its successor.

QThread.isRunning() turns false before the thread's queued `finished` reaches the GUI
thread. A second job started in that window used to be torn down by the first one's
`finished` handler, and Qt aborts the whole app when a running QThread is destroyed.
"""

from __future__ import annotations

from core.dataset.project import Project
from gui.dataset.import_controller import ImportController
from tests.support.audiogen import sine, write


def test_an_import_started_right_after_the_previous_one_completes(qtbot, tmp_path):
    project = Project.create(tmp_path / "proj")
    first = write(tmp_path / "a" / "one.wav", sine(220, 0.5), 16000)
    second = write(tmp_path / "b" / "two.wav", sine(330, 0.5), 16000)
    controller = ImportController()
    reports = []
    controller.finished.connect(reports.append)
    assert controller.start(project, [first])
    # The thread ends; its result and `finished` stay queued (wait() runs no events).
    assert controller.wait(10_000)
    assert not controller.is_running()
    assert controller.start(project, [second])
    # Now the first thread's queued signals are delivered while the second one runs.
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=60_000)
    assert [c.name for r in reports for c in r.added] == ["one", "two"]
    assert controller.wait(10_000)
    assert sorted(c.name for c in project.clips()) == ["one", "two"]
    project.close()
