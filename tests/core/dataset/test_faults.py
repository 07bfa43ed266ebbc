"""Faults around the project index: another program holding project.sqlite locked.

A second process takes `BEGIN EXCLUSIVE` on the index, as another Wavesmith window or a
stray sqlite3 shell would. Imports through core and the CLI must then fail with an error
naming the project (after the busy timeout, shortened here through
WAVESMITH_DB_BUSY_TIMEOUT), add nothing, corrupt nothing, and work once the lock is gone.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core.dataset.db import DatabaseBusyError
from core.dataset.importer import import_paths
from core.dataset.project import INDEX_NAME, Project, ProjectError
from tests.support.audiogen import sine, write

ROOT = Path(__file__).resolve().parents[3]
BUSY_S = "0.5"

LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if len(sys.argv) > 2:  # keep even readers out, as a program with locking_mode=EXCLUSIVE does
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO meta(key, value) VALUES ('locker', 'uncommitted')")
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the test says so
    conn.execute("ROLLBACK")
    conn.close()
    """
)


class Locker:
    """A separate process holding an exclusive transaction on the project index."""

    def __init__(self, index: Path, readers_too: bool = False) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(index), *(["readers"] if readers_too else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("go\n")
            self.proc.stdin.flush()
        assert self.proc.wait(timeout=30) == 0


def wavesmith(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, WAVESMITH_DB_BUSY_TIMEOUT=BUSY_S)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture
def project_and_audio(tmp_path, monkeypatch):
    monkeypatch.setenv("WAVESMITH_DB_BUSY_TIMEOUT", BUSY_S)
    audio = tmp_path / "speech"
    audio.mkdir()
    for i in range(3):
        write(audio / f"take_{i}.wav", sine(200 + 50 * i, 0.5), 16000)
    Project.create(tmp_path / "proj").close()
    return tmp_path / "proj", audio


def _integrity(index: Path) -> str:
    conn = sqlite3.connect(str(index))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_locked_index_gives_a_clear_error_and_works_after_release(project_and_audio):
    root, audio = project_and_audio
    locker = Locker(root / INDEX_NAME)
    try:
        # core: opening reads only, so it works; the first write waits, then names the project
        project = Project.open(root)
        with pytest.raises(DatabaseBusyError, match="locked by another program") as info:
            import_paths(project, [audio])
        assert str(root.resolve()) in str(info.value)
        assert "0.5 s" in str(info.value)
        project.close()

        # CLI: exit 2 with the same message and no traceback
        proc = wavesmith("add", root, audio)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "wavesmith add: error:" in proc.stderr
        assert "locked by another program" in proc.stderr and str(root.resolve()) in proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        locker.release()

    # nothing was added, nothing is corrupted, and the same import now works
    assert _integrity(root / INDEX_NAME) == "ok"
    with Project.open(root) as project:
        assert project.clips() == []
        assert project.meta("locker") is None  # the locker's uncommitted row never landed
        report = import_paths(project, [audio])
        assert len(report.added) == 3 and not report.rejected
        assert len(project.clips()) == 3
    assert _integrity(root / INDEX_NAME) == "ok"


def test_busy_error_is_still_an_operational_error(project_and_audio):
    # Code written before DatabaseBusyError existed (except sqlite3.OperationalError) still
    # catches it.
    root, _ = project_and_audio
    locker = Locker(root / INDEX_NAME)
    try:
        project = Project.open(root)
        with pytest.raises(sqlite3.OperationalError):
            project.set_meta("k", "v")
        project.close()
    finally:
        locker.release()
    with Project.open(root) as project:
        project.set_meta("k", "v")
        assert project.meta("k") == "v"


def test_locked_index_during_a_gui_import_is_shown_and_the_retry_works(
    qtbot, project_and_audio, tmp_path
):
    from gui.main_window import MainWindow

    _, audio = project_and_audio
    win = MainWindow()
    qtbot.addWidget(win)
    win.new_project(tmp_path / "gui_proj")
    tab = win.dataset_tab
    try:
        locker = Locker(tmp_path / "gui_proj" / INDEX_NAME)
        try:
            with qtbot.waitSignal(tab.import_failed, timeout=60000) as blocker:
                assert tab.import_bar.import_paths([audio])
            assert "locked by another program" in blocker.args[0]
            qtbot.waitUntil(lambda: "Import failed" in tab.status.text())
            assert "locked by another program" in tab.status.text()
            # The progress bar and Cancel go with the failed import (they used to stay up).
            assert tab.import_bar.import_progress.isHidden()
            assert tab.import_bar.import_cancel.isHidden()
            qtbot.waitUntil(lambda: not tab.import_bar.is_importing())
        finally:
            locker.release()
        with qtbot.waitSignal(tab.imported, timeout=60000) as blocker:
            assert tab.import_bar.import_paths([audio])
        assert len(blocker.args[0].added) == 3
        assert len(tab.browser.listed_clip_ids()) == 3
    finally:
        tab.shutdown()


def test_index_locked_even_for_readers_fails_to_open_with_the_reason(project_and_audio):
    root, audio = project_and_audio
    locker = Locker(root / INDEX_NAME, readers_too=True)
    try:
        with pytest.raises(ProjectError, match="locked by another program"):
            Project.open(root)
        proc = wavesmith("add", root, audio)
        assert proc.returncode == 2 and "locked by another program" in proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        locker.release()
    with Project.open(root) as project:
        assert len(import_paths(project, [audio]).added) == 3


def test_damaged_index_fails_to_open_with_the_reason(project_and_audio):
    root, audio = project_and_audio
    index = root / INDEX_NAME
    for side in ("-wal", "-shm"):
        Path(f"{index}{side}").unlink(missing_ok=True)
    index.write_bytes(b"this was a project index once" * 100)
    with pytest.raises(ProjectError, match="not a readable project index") as info:
        Project.open(root)
    assert str(index) in str(info.value)
    proc = wavesmith("add", root, audio)
    assert proc.returncode == 2, proc.stderr
    assert "not a readable project index" in proc.stderr and "Traceback" not in proc.stderr
    # the damaged file is left as it was, for the user to restore or inspect
    assert index.read_bytes() == b"this was a project index once" * 100
