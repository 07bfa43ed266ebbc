"""Import: every good file lands, every bad one gets its own reason, sources stay untouched."""

from __future__ import annotations

import os
import shutil
import struct
import threading

import numpy as np
import pytest
import soundfile as sf

from core.audio.io import content_hash
from core.dataset.import_scan import SKIP_ROLE, guess_role, role_from_folders, without_role
from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.dataset.rejects import rejects
from core.dataset.source_health import source_status
from tests.support.audiogen import noise, sine, write

SR = 16000


def _wav_bytes(tmp_path, name="src.wav"):
    path = write(tmp_path / name, sine(330, 1.0, SR), SR)
    return path.read_bytes()


def _make_good(folder):
    """Good files in every encoding the importer must accept; returns their paths."""
    good = []
    tone = sine(440, 1.2, SR, amp=0.4)
    good.append(write(folder / "pcm16.wav", tone, SR, "PCM_16"))
    good.append(write(folder / "pcm24.wav", sine(450, 1.1, 44100), 44100, "PCM_24"))
    good.append(write(folder / "pcm32.wav", sine(460, 1.0, 22050), 22050, "PCM_32"))
    good.append(write(folder / "float.wav", sine(470, 1.0, 48000, channels=2), 48000, "FLOAT"))
    good.append(write(folder / "double.wav", sine(480, 1.0, 8000), 8000, "DOUBLE"))
    good.append(write(folder / "u8.wav", sine(490, 1.0, SR), SR, "PCM_U8"))
    good.append(write(folder / "sub" / "deep" / "flac24.flac", sine(500, 1.3, SR), SR, "PCM_24"))
    ogg = folder / "vorbis.ogg"
    sf.write(str(ogg), sine(510, 1.0, SR), SR, format="OGG", subtype="VORBIS")
    good.append(ogg)
    mp3 = folder / "song.mp3"
    sf.write(str(mp3), sine(520, 1.5, SR), SR, format="MP3")
    good.append(mp3)
    good.append(write(folder / "noise" / "hum.wav", noise(1.0, SR, seed=3), SR))
    return good


def _make_bad(folder, tmp_path):
    """One file per kind of failure; returns {path: words the reason must contain}."""
    bad = {}
    src = _wav_bytes(tmp_path)

    p = folder / "empty.wav"
    p.write_bytes(b"")
    bad[p] = "zero-length"

    p = folder / "notes.wav"
    p.write_text("these are my recording notes, not audio\n" * 20)
    bad[p] = "not an audio file"

    p = folder / "cut_off.wav"  # copy interrupted halfway: the header promises more
    p.write_bytes(src[: len(src) // 2])
    bad[p] = "truncated"

    flac = write(tmp_path / "whole.flac", sine(600, 2.0, SR) + noise(2.0, SR, 0.05), SR)
    p = folder / "cut_off.flac"
    p.write_bytes(flac.read_bytes()[: flac.stat().st_size // 2])
    bad[p] = "truncated or corrupt"

    x = sine(700, 1.0, SR)
    x[5000] = np.nan
    p = write(folder / "has_nan.wav", x, SR, "FLOAT")
    bad[p] = "NaN/inf"

    x = sine(710, 1.0, SR)
    x[100:103] = np.inf
    p = write(folder / "has_inf.wav", x, SR, "FLOAT")
    bad[p] = "NaN/inf"

    p = folder / "phone.m4a"
    p.write_bytes(b"\x00\x00\x00\x20ftypM4A " + os.urandom(2000))
    bad[p] = "truncated or corrupt container"

    fmt = src.index(b"fmt ")
    weird = bytearray(src)
    weird[fmt + 8 : fmt + 10] = struct.pack("<H", 0x1234)  # an encoding nobody decodes
    p = folder / "weird_codec.wav"
    p.write_bytes(bytes(weird))
    bad[p] = "unsupported codec"  # libsndfile refuses the header; FFmpeg names the codec

    lying = bytearray(src)
    lying[fmt + 12 : fmt + 16] = struct.pack("<I", 0)  # sample rate 0
    p = folder / "rate_zero.wav"
    p.write_bytes(bytes(lying))
    bad[p] = "corrupt or unsupported header"

    p = folder / "no_frames.wav"
    sf.write(str(p), np.zeros((0, 1), np.float32), SR)
    bad[p] = "no audio frames"

    p = write(folder / "silent.wav", np.zeros((SR, 1), np.float32), SR)
    bad[p] = "digital silence"

    p = folder / "pcm16_copy.wav"  # same bytes as pcm16.wav under another name
    bad[p] = "duplicate of"

    p = folder / "dangling.wav"
    os.symlink(folder / "gone.wav", p)
    bad[p] = "file not found"

    p = folder / "pipe.wav"
    os.mkfifo(p)  # opening a FIFO would block forever: must be refused by type
    bad[p] = "not a regular file"
    return bad


def test_folder_with_good_and_bad_files(tmp_path):
    data = tmp_path / "data"
    good = _make_good(data)
    bad = _make_bad(data, tmp_path)
    shutil.copy(data / "pcm16.wav", data / "pcm16_copy.wav")
    (data / "README.txt").write_text("not a candidate: only audio extensions are tried")
    (data / ".hidden.wav").write_text("ignored")
    os.symlink(data, data / "sub" / "loop")  # a symlink loop must not hang the walk
    hashes = {p: content_hash(p) for p in good}

    project = Project.create(tmp_path / "proj")
    report = import_paths(project, [data])

    added = {c.path for c in report.added}
    assert added == {str(p.resolve()) for p in good}
    rejected = dict(report.rejected)
    assert set(rejected) == {str(p) for p in bad}, rejected
    for path, words in bad.items():
        assert words in rejected[str(path)], (path, rejected[str(path)])
    assert rejected[str(data / "pcm16_copy.wav")] == f"duplicate of {data / 'pcm16.wav'}"
    # Reasons are kept in the index for the dataset browser.
    assert dict(rejects(project)) == rejected
    assert report.skipped == []
    # Sources are untouched.
    assert {p: content_hash(p) for p in good} == hashes
    roles = {c.name: c.role for c in project.clips()}
    assert roles["hum"] == "noise" and roles["pcm16"] == "clean"
    stereo = next(c for c in report.added if c.name == "float")
    assert (stereo.sample_rate, stereo.channels, stereo.frames) == (48000, 2, 48000)


def test_same_file_twice_is_skipped_and_changes_are_reported(tmp_path):
    a = write(tmp_path / "src" / "a.wav", sine(440, 1.0, SR), SR)
    b = write(tmp_path / "src" / "b.wav", sine(550, 1.0, SR), SR)
    project = Project.create(tmp_path / "proj")
    first = import_paths(project, [a, a, tmp_path / "src"])
    assert sorted(c.name for c in first.added) == ["a", "b"]
    # Named twice, then met again inside its folder: one source, two skips.
    assert first.skipped == [(str(a), "named twice in this import")] * 2

    again = import_paths(project, [tmp_path / "src"])
    assert again.added == [] and again.rejected == []
    assert [why for _, why in again.skipped] == ["already in the project"] * 2
    assert len(project.clips()) == 2

    write(a, sine(440, 1.0, SR, amp=0.2), SR)  # the user re-exported the take
    os.utime(a, (1, 1))
    b.unlink()
    states = {os.path.basename(s.path): s.state for s in source_status(project)}
    assert states == {"a.wav": "changed", "b.wav": "missing"}
    report = import_paths(project, [a])
    assert report.skipped == [(str(a), "already in the project (changed on disk since import)")]


def test_progress_cancel_and_role(tmp_path):
    for i in range(5):
        write(tmp_path / "takes" / f"t{i}.wav", sine(200 + 50 * i, 0.5, SR), SR)
    project = Project.create(tmp_path / "proj")
    seen = []
    report = import_paths(
        project,
        [tmp_path / "takes"],
        role="target",
        progress=lambda done, total, path: seen.append((done, total)),
        should_cancel=lambda: len(seen) >= 2,
    )
    assert report.cancelled
    assert seen == [(1, 5), (2, 5)]
    assert len(report.added) == 2 and all(c.role == "target" for c in report.added)
    with pytest.raises(ValueError, match="unknown role"):
        import_paths(project, [tmp_path / "takes"], role="vocals")


def test_concurrent_imports_do_not_duplicate(tmp_path):
    for i in range(8):
        write(tmp_path / "d" / f"x{i}.wav", sine(100 + 40 * i, 0.3, SR), SR)
    shutil.copy(tmp_path / "d" / "x0.wav", tmp_path / "d" / "x0_copy.wav")
    project = Project.create(tmp_path / "proj")
    reports = []
    errors = []

    def work():
        try:
            reports.append(import_paths(project, [tmp_path / "d"]))
        except Exception as exc:  # surfaced below: a thread must not swallow it
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(project.clips()) == 8
    assert sum(len(r.added) for r in reports) == 8
    assert len({c.hash for c in project.clips()}) == 8


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/x/noise/a.wav", "noise"),
        ("/x/Noises/sub/a.wav", "noise"),
        ("/x/background/a.wav", "noise"),
        ("/x/nz/a.wav", "noise"),
        ("/x/raw/a.wav", "input"),
        ("/x/noisy/a.wav", "input"),
        ("/x/mixed/a.wav", "target"),
        ("/x/speech/a.wav", "clean"),
        ("/x/clean/a.wav", "clean"),
        ("/noise/speech/a.wav", "clean"),  # the nearest folder that says something wins
    ],
)
def test_guess_role(path, role):
    assert guess_role(path) == role


def test_guess_role_ignores_folders_above_the_import(tmp_path):
    # A user who keeps everything under ~/noise/ still gets clean speech by default.
    assert guess_role("/home/u/noise/project/takes/a.wav", "/home/u/noise/project") == "clean"


def test_files_no_folder_names_get_the_role_asked_for(tmp_path):
    # A music folder called "formats" says nothing: the role the user gave holds for it,
    # or it is skipped; named folders keep theirs. Without an answer: clean, as before.
    song = write(tmp_path / "formats" / "song.wav", sine(220, 0.5, SR), SR)
    fan = write(tmp_path / "noise" / "fan.wav", noise(0.5, SR), SR)
    assert role_from_folders(song, tmp_path / "formats") is None
    assert without_role([tmp_path / "formats", tmp_path / "noise"]) == [song]
    project = Project.create(tmp_path / "proj")
    paths = [tmp_path / "formats", tmp_path / "noise"]
    report = import_paths(project, paths, unknown_role=SKIP_ROLE)
    assert [c.path for c in report.added] == [str(fan)]
    assert report.skipped == [(str(song), "no role chosen for it")]
    report = import_paths(project, [tmp_path / "formats"], unknown_role="target")
    assert [c.role for c in report.added] == ["target"]
    with pytest.raises(ValueError):
        import_paths(project, paths, unknown_role="music")
    project.close()


def test_moved_file_is_relinked_not_duplicated(tmp_path):
    a = write(tmp_path / "old" / "take.wav", sine(440, 1.0, SR), SR)
    project = Project.create(tmp_path / "proj")
    (clip,) = import_paths(project, [a]).added
    project.set_edits(clip.id, [{"op": "gain", "db": -3}])
    moved = tmp_path / "new" / "take.wav"
    moved.parent.mkdir()
    a.rename(moved)
    assert [s.state for s in source_status(project)] == ["missing"]

    report = import_paths(project, [tmp_path / "new"])
    assert report.added == [] and report.rejected == []
    assert report.relinked == [(str(moved), str(a.resolve()))]
    (again,) = project.clips()
    assert again.id == clip.id and again.path == str(moved.resolve())
    assert again.edits == [{"op": "gain", "db": -3}]
    assert [s.state for s in source_status(project)] == ["ok"]


def test_project_folders_are_not_walked(tmp_path):
    write(tmp_path / "music" / "a.wav", sine(440, 1.0, SR), SR)
    project = Project.create(tmp_path / "music" / "proj")
    # Something the app wrote inside its own folder, e.g. a training sample.
    write(project.runs_dir / "r1" / "samples" / "s.wav", sine(550, 1.0, SR), SR)
    report = import_paths(project, [tmp_path / "music"])
    assert [c.name for c in report.added] == ["a"]
    assert report.skipped == [(str(project.root), "a Wavesmith project folder")]
