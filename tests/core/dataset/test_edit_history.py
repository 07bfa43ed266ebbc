"""Undo/redo stacks of edit lists and their persistence in the project index."""

from __future__ import annotations

from core.audio.io import AudioInfo, content_hash
from core.dataset.edit_history import EditHistory, describe
from core.dataset.project import Project
from tests.support.audiogen import sine, write


def test_undo_redo_and_branching():
    h = EditHistory()
    h.apply({"op": "trim", "start": 10, "end": 100})
    h.apply({"op": "fade_in", "start": 0, "end": 20, "curve": "equal_power"})
    assert [e["op"] for e in h.edits] == ["trim", "fade_in"]
    assert h.undo() == [{"op": "trim", "start": 10, "end": 100}]
    assert h.undo() == [] and not h.can_undo
    assert h.undo() == []
    assert h.redo() == [{"op": "trim", "start": 10, "end": 100}] and h.can_redo
    h.apply({"op": "silence", "start": 0, "end": 5})  # drops the undone fade
    assert not h.can_redo
    assert h.labels() == ["Original", "Trim", "Silence"]
    edits = h.edits
    edits.append({"op": "delete", "start": 0, "end": 1})
    assert len(h.edits) == 2  # the returned list is a copy


def test_round_trip_and_mismatch():
    h = EditHistory()
    h.apply({"op": "gain", "db": 3})
    back = EditHistory.from_dict(h.to_dict(), h.edits)
    assert back.labels() == ["Original", "Gain +3 dB"] and back.index == 1
    # Stored edits that disagree with the history: keep the edits, start a fresh history.
    other = EditHistory.from_dict(h.to_dict(), [{"op": "trim", "start": 0, "end": 5}])
    assert other.edits == [{"op": "trim", "start": 0, "end": 5}] and not other.can_undo


def test_persisted_per_clip_across_reopen(tmp_path):
    src = write(tmp_path / "a.wav", sine(440, 0.5), 16000)
    from core.audio.io import probe

    with Project.create(tmp_path / "proj") as p:
        clip = p.add_source(probe(src), content_hash(src), "clean")
        h = EditHistory.load(p, clip.id)
        h.apply({"op": "trim", "start": 100, "end": 4000})
        h.apply({"op": "normalize", "mode": "peak", "target": -3.0})
        h.undo()
        h.save(p, clip.id)
    with Project.open(tmp_path / "proj") as p:
        h = EditHistory.load(p, clip.id)
        assert p.clip(clip.id).edits == [{"op": "trim", "start": 100, "end": 4000}]
        assert h.can_redo and h.redo()[-1]["op"] == "normalize"


def test_describe():
    assert describe({"op": "normalize", "mode": "lufs", "target": -23}) == "Normalize to -23 LUFS"
    assert describe({"op": "fade_out", "curve": "linear"}) == "Fade out (linear)"
    assert isinstance(AudioInfo, type)
