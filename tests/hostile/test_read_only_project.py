"""Issue #16 item 12: a project on a read-only disk was called "not a readable project
index ... restore it from a backup", though the index was intact, and even the commands
that only read it failed. Test on a real read-only mount (a tmpfs remounted ro)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from core.dataset.importer import import_paths
from tests.hostile.test_foreign_checkpoint import wavesmith
from tests.support.audiogen import write
from tests.support.training import SR, make_project, synthetic_voice

MB = 1 << 20


def test_read_only_project_reads_and_says_why_it_cannot_be_changed(small_disk, tmp_path, capsys):
    project = make_project(tmp_path / "made", clips=2)
    code, out, err = wavesmith(capsys, "stats", project.root)  # measured while writable
    assert code == 0, err
    project.close()
    disk = small_disk(64 * MB)
    root = shutil.copytree(project.root, disk / "project")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)

    code, out, err = wavesmith(capsys, "stats", root, "--headers-only")
    assert code == 0 and "2 clips" in out, err
    code, out, err = wavesmith(capsys, "export-clips", root, tmp_path / "exported")
    assert code == 0 and "wrote 2 files" in out, out + err

    new = tmp_path / "new_take.wav"
    write(new, synthetic_voice(1.0, 9), SR)
    code, out, err = wavesmith(capsys, "add", root, new)
    assert code == 2 and "the project is read-only" in err, err
    assert "restore it from a backup" not in err and "Traceback" not in err


@pytest.mark.parametrize("copied_shm", [True, False])
def test_read_only_copy_of_an_open_project_sees_what_its_wal_holds(
    small_disk, tmp_path, capsys, copied_shm
):
    """A project copied while open: three of its five clips are only in project.sqlite-wal
    (the writer's checkpoints are off). Read-only, the copy must still show all five, with
    or without the -shm beside it (SQLite's own read-only open needs one)."""
    project = make_project(tmp_path / "made", clips=2)
    conn = project.connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the first two clips in the main file
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    later = tmp_path / "later"
    for i in range(3):
        write(later / f"later_{i}.wav", synthetic_voice(1.0, 20 + i), SR)
    assert len(import_paths(project, [later], role="clean").added) == 3
    disk = small_disk(64 * MB)
    root = shutil.copytree(project.root, disk / "project")  # while it is open
    wal = root / "project.sqlite-wal"
    assert wal.stat().st_size > 0
    if not copied_shm:
        (root / "project.sqlite-shm").unlink()
    alone = shutil.copy(root / "project.sqlite", tmp_path / "alone.sqlite")
    with sqlite3.connect(f"{Path(alone).as_uri()}?immutable=1", uri=True) as main_only:
        assert main_only.execute("SELECT count(*) FROM clips").fetchone()[0] == 2
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)

    code, out, err = wavesmith(capsys, "stats", root, "--headers-only")
    assert code == 0 and "5 clips" in out, out + err
    code, out, err = wavesmith(capsys, "export-clips", root, tmp_path / "exported")
    assert code == 0 and "wrote 5 files" in out, out + err
    assert sorted(p.stem for p in (tmp_path / "exported").glob("*.wav")) == sorted(
        [f"voice_{i:02d}" for i in range(2)] + [f"later_{i}" for i in range(3)]
    )
    new = write(tmp_path / "new_take.wav", synthetic_voice(1.0, 9), SR)
    code, out, err = wavesmith(capsys, "add", root, new)
    assert code == 2 and "the project is read-only" in err, err
    assert wal.stat().st_size > 0  # the read-only copy was never checkpointed
    project.close()
