"""The project index: create/open, clips and roles, stable splits, pairs, migrations."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from core.audio.io import content_hash, probe
from core.dataset import analysis_cache, db
from core.dataset.clips import split_for_key
from core.dataset.project import INDEX_NAME, Project, ProjectError
from core.dataset.rejects import add_reject, rejects
from tests.support.audiogen import sine, write

SR = 16000


def _add(project, path, role="clean"):
    return project.add_source(probe(path), content_hash(path), role)


def test_create_open_and_errors(tmp_path):
    root = tmp_path / "p"
    with Project.create(root) as project:
        assert (root / INDEX_NAME).is_file()
        assert project.meta("created_at") is not None
        assert project.runs_dir == root.resolve() / "runs"
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(root)
    with pytest.raises(ProjectError, match="not a Wavesmith project"):
        Project.open(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProjectError, match="not a folder"):
        Project.create(tmp_path / "file")
    with Project.open(root) as again:
        assert again.clips() == []


def test_clips_roles_edits_and_removal_keep_files(tmp_path):
    a = write(tmp_path / "a.wav", sine(440, 1.0, SR), SR)
    before = content_hash(a)
    with Project.create(tmp_path / "p") as project:
        clip = _add(project, a)
        assert (clip.role, clip.frames, clip.sample_rate, clip.name) == ("clean", SR, SR, "a")
        project.set_role(clip.id, "noise")
        assert project.clips(role="noise") == [project.clip(clip.id)]
        with pytest.raises(ProjectError, match="unknown role"):
            project.set_role(clip.id, "music")
        edits = [{"op": "trim", "start": 0, "end": 100}]
        project.set_edits(clip.id, edits, history={"undo": []})
        assert project.clip(clip.id).edits == edits
        assert project.clip(clip.id).history == {"undo": []}
        half = project.add_clip_from(clip.id, "a (2)", [{"op": "trim", "start": 100}])
        assert half.split == clip.split and half.source_id == clip.source_id
        project.remove_clip(clip.id)
        assert project.source_by_path(str(a.resolve())) is not None  # still used by half
        project.remove_clip(half.id)
        assert project.source_by_path(str(a.resolve())) is None
        assert project.clips() == []
    assert content_hash(a) == before  # the source file was never touched


def test_split_is_deterministic_and_stable(tmp_path):
    keys = [f"{i:040x}" for i in range(2000)]
    splits = [split_for_key(k) for k in keys]
    assert splits == [split_for_key(k) for k in keys]
    share = {s: splits.count(s) / len(splits) for s in ("train", "val", "test")}
    assert 0.75 < share["train"] < 0.85 and 0.07 < share["val"] < 0.13

    with Project.create(tmp_path / "p") as project:
        first = [
            _add(project, write(tmp_path / f"f{i}.wav", sine(100 + i, 0.2, SR), SR))
            for i in range(10)
        ]
        splits_before = {c.id: c.split for c in first}
        for i in range(10, 30):
            _add(project, write(tmp_path / f"f{i}.wav", sine(100 + i, 0.2, SR), SR))
        assert {c.id: c.split for c in project.clips()[:10]} == splits_before


def test_pairs_share_a_split(tmp_path):
    with Project.create(tmp_path / "p") as project:
        clips = [
            _add(project, write(tmp_path / f"x{i}.wav", sine(200 + 10 * i, 0.2, SR), SR))
            for i in range(30)
        ]
        # Find an input and a target that would land in different splits on their own.
        inp, tgt = next((a, b) for a in clips for b in clips if a.id != b.id and a.split != b.split)
        pair_id = project.add_pair(inp.id, tgt.id, offset=-12, length_diff=40, confidence=0.9)
        (pair,) = project.pairs()
        assert pair.id == pair_id and pair.offset == -12 and pair.length_diff == 40
        assert pair.target.split == pair.input.split == inp.split
        assert project.pairs(split=inp.split) == [pair]
        # Re-pairing the input replaces the old pair rather than adding a second.
        project.add_pair(inp.id, clips[-1].id if clips[-1].id != inp.id else clips[0].id, 0, 0, 1.0)
        assert len(project.pairs()) == 1


def test_old_index_is_migrated_and_newer_refused(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    conn = db.connect(root / INDEX_NAME)
    for statement in db._statements(db.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO sources(path, hash, size, mtime, sample_rate, channels, frames, format,"
        " subtype, added_at) VALUES ('/x.wav', 'h', 1, 0, 16000, 1, 16000, 'WAV', 'PCM_16', 0)"
    )
    conn.close()
    with Project.open(root) as project:
        assert (
            project.connection().execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        )
        assert project.source_by_path("/x.wav")["hash"] == "h"  # data survived
        analysis_cache.store_analysis(project, "k", "h", {"voiced_seconds": 1.5})
        assert analysis_cache.cached_analyses(project, ["k", "missing"]) == {
            "k": {"voiced_seconds": 1.5}
        }

    conn = sqlite3.connect(root / INDEX_NAME)
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ProjectError, match="update Wavesmith"):
        Project.open(root)


def test_worker_thread_uses_its_own_connection(tmp_path):
    a = write(tmp_path / "a.wav", sine(440, 0.5, SR), SR)
    with Project.create(tmp_path / "p") as project:
        result = {}

        def work():
            try:
                result["clip"] = _add(project, a)
            except Exception as exc:  # reported below instead of vanishing in the thread
                result["error"] = exc

        t = threading.Thread(target=work)
        t.start()
        t.join()
        assert "error" not in result
        assert project.clips() == [result["clip"]]


def test_rejects_are_recorded_and_cleared(tmp_path):
    a = write(tmp_path / "a.wav", sine(440, 0.5, SR), SR)
    with Project.create(tmp_path / "p") as project:
        add_reject(project, str(a.resolve()), "zero-length file")
        add_reject(project, str(a.resolve()), "truncated")
        assert rejects(project) == [(str(a.resolve()), "truncated")]
        _add(project, a)  # fixed and imported: the old reason goes away
        assert rejects(project) == []
