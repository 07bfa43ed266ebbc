"""Issue #16 item 12: a project on a read-only disk was called "not a readable project
index ... restore it from a backup", though the index was intact, and even the commands
that only read it failed. Test on a real read-only mount (a tmpfs remounted ro)."""

from __future__ import annotations

import shutil
import subprocess

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
    assert code == 0 and "wrote 2 file(s)" in out, out + err

    new = tmp_path / "new_take.wav"
    write(new, synthetic_voice(1.0, 9), SR)
    code, out, err = wavesmith(capsys, "add", root, new)
    assert code == 2 and "the project is read-only" in err, err
    assert "restore it from a backup" not in err and "Traceback" not in err
