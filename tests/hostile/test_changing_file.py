"""Issue #16 item 8: a file cut short while `add` hashes it (a copy still running, a
recorder rewriting it) was indexed with its old frame count and passed the truncated-file
check. The check and the hash must describe the same bytes."""

from __future__ import annotations

import os

import numpy as np
import soundfile as sf

import core.dataset.importer as importer
from core.dataset.importer import import_paths
from core.dataset.project import Project


def test_a_file_truncated_while_hashed_is_checked_again(tmp_path, monkeypatch):
    path = tmp_path / "take.wav"
    sf.write(path, 0.1 * np.random.default_rng(0).standard_normal((16000 * 4, 1)), 16000)
    real_hash = importer.content_hash
    cuts = []

    def hash_while_cut(p):
        if not cuts:  # the first hash sees the file shrink to half under it (a real truncate)
            cuts.append(os.path.getsize(p))
            os.truncate(p, 44 + 16000 * 2 * 2)
        return real_hash(p)

    monkeypatch.setattr(importer, "content_hash", hash_while_cut)
    project = Project.create(tmp_path / "project")
    report = import_paths(project, [path])
    assert cuts, "the truncation happened"
    # The header still promises 4 s; the re-check sees 2 s and calls the file truncated.
    assert not report.added
    ((where, reason),) = report.rejected
    assert where == str(path) and "truncated" in reason


def test_a_file_that_keeps_changing_is_refused_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "growing.wav"
    sf.write(path, np.zeros((1600, 1)) + 0.1, 16000)
    real_hash = importer.content_hash

    def hash_while_growing(p):
        digest = real_hash(p)
        with open(p, "ab") as fh:  # a recorder still appending
            fh.write(b"\0\0" * 160)
        return digest

    monkeypatch.setattr(importer, "content_hash", hash_while_growing)
    project = Project.create(tmp_path / "project")
    report = import_paths(project, [path])
    assert not report.added
    ((_, reason),) = report.rejected
    assert "changed while it was imported" in reason
