"""Labels of the classify task: class-folder import, edits of classes, splits by recording."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from core.audio.io import content_hash, probe
from core.dataset import db
from core.dataset.import_scan import label_from_folders
from core.dataset.importer import import_paths
from core.dataset.label_splits import recording_key, split_for_new_recording
from core.dataset.labels import (
    LabelError,
    classes,
    clip_label,
    labelled_clips,
    merge_classes,
    rename_class,
    set_excluded,
    set_label,
)
from core.dataset.project import INDEX_NAME, Project
from tests.support.audiogen import write
from tests.support.class_folders import ClassFolders, class_sound, make_class_folders

SR = 16000


def _splits_by_path(project: Project) -> dict[str, str]:
    return {c.path: c.split for c in project.clips()}


def _import(project, root, **kw):
    return import_paths(project, [root], labels_from_folders=True, **kw)


def test_class_folder_import_takes_the_top_folder_as_label(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=3, recordings=2, nested=True)
    stray = write(tmp_path / "root" / "stray.wav", class_sound(0, 0.5), SR)
    with Project.create(tmp_path / "p") as project:
        report = _import(project, cf.root)
        assert len(report.added) == sum(len(v) for v in cf.files.values())
        # A file lying directly in the root has no class: skipped, with the file named.
        assert [p for p, _ in report.skipped] == [str(stray)]
        assert "not in a class folder" in report.skipped[0][1]
        by_path = {c.path: c for c in project.clips()}
        for label, paths in cf.files.items():
            for path in paths:  # nested in site0/site1, still the top folder's class
                assert by_path[str(path)].label == label
                assert by_path[str(path)].role == "clean"
        assert [c.name for c in classes(project)] == cf.classes


def test_label_rule_for_named_files_and_roots(tmp_path):
    root = tmp_path / "root"
    assert label_from_folders(root / "owl" / "a" / "b" / "x.wav", root) == "owl"
    assert label_from_folders(root / "x.wav", root) is None
    one = root / "owl" / "x.wav"
    assert label_from_folders(one, one) == "owl"  # a file named on its own: its folder
    deep = root / "Strigiformes" / "Strix aluco" / "site1" / "x.wav"
    assert label_from_folders(deep, root, 2) == "Strix aluco"
    assert label_from_folders(deep, root, -1) == "site1"
    assert label_from_folders(root / "Strigiformes" / "x.wav", root, 2) is None


def test_a_deeper_folder_level_names_the_class(tmp_path):
    root = tmp_path / "root"
    make_class_folders(root / "Passeriformes", {"Turdus merula": 0, "Erithacus": 1}, recordings=1)
    make_class_folders(root / "Strigiformes", {"Strix aluco": 2}, recordings=1)
    stray = write(root / "Strigiformes" / "loose_001.wav", class_sound(3, 0.5), SR)
    with Project.create(tmp_path / "p") as project:
        report = _import(project, root, label_level=2)
        assert [p for p, _ in report.skipped] == [str(stray)]
        assert [k.name for k in classes(project)] == ["Erithacus", "Strix aluco", "Turdus merula"]


def test_folder_role_names_are_classes_not_roles(tmp_path):
    # "noise" and "voice" are ordinary class names in a labelled import.
    cf = make_class_folders(tmp_path / "root", classes={"noise": 1, "voice": 0}, recordings=1)
    with Project.create(tmp_path / "p") as project:
        _import(project, cf.root)
        assert {(c.label, c.role) for c in project.clips()} == {
            ("noise", "clean"),
            ("voice", "clean"),
        }


def test_recording_key_groups_cut_files():
    assert recording_key("/a/owl/XC1234_003.wav") == "/a/owl/XC1234"
    assert recording_key("/a/owl/rec01-part2.flac") == "/a/owl/rec01"
    assert recording_key("/a/owl/take (2).wav") == "/a/owl/take"
    assert recording_key("/a/yes/0a7c2a8d_nohash_0.wav") == "/a/yes/0a7c2a8d_nohash"
    assert recording_key("/a/owl/XC1234.wav") == "/a/owl/XC1234"  # no index: its own
    assert recording_key("/a/owl/rec01.wav") != recording_key("/a/owl/rec02.wav")
    assert recording_key("/a/owl/r_1.wav") != recording_key("/a/cat/r_1.wav")  # per folder


def test_split_rule_fills_each_class_by_its_shares():
    counts: dict[str, int] = {}
    order = []
    for _ in range(10):
        split = split_for_new_recording(counts)
        order.append(split)
        counts[split] = counts.get(split, 0) + 1
    assert order[:4] == ["train", "train", "train", "val"]
    assert order[6] == "test"
    assert Counter(order) == {"train": 8, "val": 1, "test": 1}


def test_no_recording_in_two_splits_and_classes_are_stratified(tmp_path):
    # Classes with 1..9 recordings of 3 files each; sub-folders per site.
    cf = ClassFolders(tmp_path / "root")
    for index in range(9):
        make_class_folders(
            tmp_path / "root",
            {f"c{index}": index},
            recordings=index + 1,
            files_per_recording=3,
            nested=True,
            into=cf,
        )
    with Project.create(tmp_path / "p") as project:
        _import(project, cf.root)
        clips = labelled_clips(project)
        assert len(clips) == sum(3 * (i + 1) for i in range(9))
        split_of_recording = defaultdict(set)
        for c in clips:
            split_of_recording[c.source].add(c.split)
        assert len(split_of_recording) == sum(i + 1 for i in range(9))
        assert all(len(s) == 1 for s in split_of_recording.values())
        # The builder's recordings are what the index calls sources.
        by_id = {c.id: c for c in project.clips()}
        for c in clips:
            assert Path(c.source).name == cf.recording_of[Path(by_id[c.clip_id].path)]
        per_class = defaultdict(set)
        for c in clips:
            per_class[c.label].add(c.split)
        for index in range(9):
            n = index + 1
            have = per_class[f"c{index}"]
            if n >= 4:
                assert {"train", "val"} <= have, (n, have)
            if n >= 7:
                assert have == {"train", "val", "test"}, (n, have)
            if n < 4:
                assert have == {"train"}


def test_adding_files_never_moves_existing_ones(tmp_path):
    root = tmp_path / "root"
    cf = make_class_folders(root, classes=3, recordings=5)
    with Project.create(tmp_path / "p") as project:
        _import(project, root)
        before = _splits_by_path(project)
        # More recordings of the same classes, a new class, and more files cut from
        # recordings already imported.
        old = cf.classes
        make_class_folders(root, classes=3, recordings=6, first_recording=5, into=cf)
        make_class_folders(root, {"extra": 5}, recordings=4, into=cf)
        late = {}
        for seed, label in enumerate(old):
            rec = f"{label}_rec00"
            late[rec] = write(root / label / f"{rec}_050.wav", class_sound(0, 0.5, seed=seed), SR)
        report = _import(project, root)
        assert len(report.added) == 3 * 6 * 2 + 4 * 2 + 3
        after = _splits_by_path(project)
        assert {p: after[p] for p in before} == before
        for rec, path in late.items():
            first = str(root / rec.split("_rec")[0] / f"{rec}_000.wav")
            assert after[str(path)] == after[first]
        by_rec = defaultdict(set)
        for c in labelled_clips(project):
            by_rec[c.source].add(c.split)
        assert all(len(s) == 1 for s in by_rec.values())
        # With 11 recordings each, every old class now has all three splits.
        per_class = defaultdict(set)
        for c in labelled_clips(project):
            per_class[c.label].add(c.split)
        assert all(per_class[label] == {"train", "val", "test"} for label in old)


def test_splits_are_deterministic(tmp_path):
    root = tmp_path / "root"
    make_class_folders(root, classes=4, recordings=8)
    results = []
    for name in ("p1", "p2"):
        with Project.create(tmp_path / name) as project:
            _import(project, root)
            results.append(_splits_by_path(project))
    assert results[0] == results[1]


def test_rename_merge_exclude_survive_reopening(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=4, recordings=4)
    a, b, c, d = cf.classes
    with Project.create(tmp_path / "p") as project:
        _import(project, cf.root)
        splits = _splits_by_path(project)
        rename_class(project, a, "Merle noir")
        with pytest.raises(LabelError, match="merge"):
            rename_class(project, b, "Merle noir")
        with pytest.raises(LabelError, match="no class named"):
            rename_class(project, "nothing", "x")
        assert merge_classes(project, [b, c], into="birds") == 16
        set_excluded(project, d)
    with Project.open(tmp_path / "p") as project:
        info = {k.name: k for k in classes(project)}
        assert set(info) == {"Merle noir", "birds", d}
        assert info["birds"].clips == 16 and info["birds"].recordings == 8
        assert info[d].excluded and not info["birds"].excluded
        got = Counter(x.label for x in labelled_clips(project))
        assert got == {"Merle noir": 8, "birds": 16}  # the excluded class gives no clips
        assert _splits_by_path(project) == splits  # none of it moved a split
        set_excluded(project, d, False)
        assert Counter(x.label for x in labelled_clips(project))[d] == 8
        # Re-importing the root keeps the user's classes: the files are already there.
        report = _import(project, cf.root)
        assert not report.added and Counter(x.label for x in labelled_clips(project))[a] == 0


def test_set_label_moves_a_clip_and_keeps_its_split(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=2, recordings=4)
    with Project.create(tmp_path / "p") as project:
        _import(project, cf.root)
        clip = project.clips()[0]
        set_label(project, clip.id, "other")
        assert clip_label(project, clip.id) == "other"
        assert project.clip(clip.id).split == clip.split
        set_label(project, clip.id, None)
        assert project.clip(clip.id).label is None
        assert clip.id not in {x.clip_id for x in labelled_clips(project)}
        assert "other" not in {k.name for k in classes(project)}  # an emptied class goes
        # A class whose clips were removed from the project leaves its name free.
        gone = cf.classes[1]
        for c in project.clips():
            if c.label == gone:
                project.remove_clip(c.id)
        rename_class(project, cf.classes[0], gone)
        assert [k.name for k in classes(project)] == [gone]
        with pytest.raises(LabelError):
            set_label(project, clip.id, "  ")
        with pytest.raises(LabelError):
            set_label(project, 10_000, "x")


def test_labelling_an_unlabelled_clip_joins_its_recording(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=1, recordings=8, files_per_recording=2)
    label = cf.classes[0]
    with Project.create(tmp_path / "p") as project:
        # Import all but one file of each recording with labels, then the rest without.
        firsts = [paths[0] for paths in cf.recordings(label).values()]
        rest = [paths[1] for paths in cf.recordings(label).values()]
        import_paths(project, firsts, label=label)
        import_paths(project, rest)
        by_path = {c.path: c for c in project.clips()}
        for first, second in zip(firsts, rest, strict=True):
            set_label(project, by_path[str(second)].id, label)
            assert project.clip(by_path[str(second)].id).split == by_path[str(first)].split


def test_reimport_with_labels_labels_files_imported_without(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=2, recordings=2)
    with Project.create(tmp_path / "p") as project:
        import_paths(project, [cf.root])
        assert not labelled_clips(project)
        report = _import(project, cf.root)
        assert not report.added and len(report.notes) == 8
        assert "now in class" in report.notes[0][1]
        assert Counter(c.label for c in labelled_clips(project)) == {k: 4 for k in cf.classes}


def test_bad_root_names_the_file_and_imports_the_others(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=2, recordings=2)
    broken = cf.root / cf.classes[0] / "broken_000.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot audio at all")
    (cf.root / "empty_class").mkdir()
    (tmp_path / "empty").mkdir()
    with Project.create(tmp_path / "p") as project:
        report = _import(project, cf.root)
        assert [p for p, _ in report.rejected] == [str(broken)]
        assert len(report.added) == 8
        assert {c.name for c in classes(project)} == set(cf.classes)
        empty = _import(project, tmp_path / "empty")
        assert not (empty.added or empty.skipped or empty.rejected)


def test_old_project_migrates_and_can_be_labelled(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    src = write(tmp_path / "data" / "owl" / "take_001.wav", class_sound(0, 0.5), SR)
    conn = db.connect(root / INDEX_NAME)
    for version in range(3):
        for statement in db._statements(db.MIGRATIONS[version]):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    info = probe(src)
    conn.execute(
        "INSERT INTO sources(path, hash, size, mtime, sample_rate, channels, frames, format,"
        " subtype, added_at) VALUES (?, ?, 1, 0, ?, 1, ?, 'WAV', 'PCM_16', 0)",
        (str(src), content_hash(src), info.sample_rate, info.frames),
    )
    conn.execute(
        "INSERT INTO clips(source_id, name, role, split, split_key, created_at)"
        " VALUES (1, 'take_001', 'clean', 'val', 'k', 0)"
    )
    conn.close()
    with Project.open(root) as project:
        (clip,) = project.clips()
        assert clip.label is None and clip.split == "val"
        set_label(project, clip.id, "owl")
        (lc,) = labelled_clips(project)
        assert lc.label == "owl" and lc.source == recording_key(src)
    raw = sqlite3.connect(root / INDEX_NAME)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert raw.execute("SELECT recording FROM sources").fetchone()[0] == recording_key(src)
    raw.close()


def test_split_at_cursor_keeps_the_class_and_split(tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=1, recordings=4)
    with Project.create(tmp_path / "p") as project:
        _import(project, cf.root)
        parent = next(c for c in project.clips() if c.split == "val")
        half = project.add_clip_from(parent.id, parent.name + " (2)", [])
        assert (half.label, half.split) == (parent.label, "val")
        got = {x.clip_id: x for x in labelled_clips(project)}
        assert got[half.id].source == got[parent.id].source
