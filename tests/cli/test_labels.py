"""`wavesmith add --labels` and `wavesmith classes`: a labelled project from the command line."""

from __future__ import annotations

import json

import pytest

from cli.main import run_cli
from core.dataset.labels import classes, labelled_clips
from core.dataset.project import Project
from tests.support.class_folders import make_class_folders


def _run(capsys, *args) -> tuple[int, str, str]:
    code = run_cli([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_labels_then_edit_classes(tmp_path, capsys):
    cf = make_class_folders(tmp_path / "root", classes=3, recordings=4)
    broken = cf.root / cf.classes[0] / "broken_001.wav"
    broken.write_text("not audio")
    proj = tmp_path / "p"
    assert _run(capsys, "new", proj)[0] == 0
    code, out, _ = _run(capsys, "add", proj, cf.root, "--labels")
    assert code == 0
    assert f"class {cf.classes[1]}]" in out
    assert f"rejected {broken}:" in out  # the bad file named, the others imported
    assert "added 24" in out

    code, out, _ = _run(capsys, "classes", proj)
    assert code == 0 and "3 classes, 0 excluded" in out
    a, b, c = cf.classes
    assert _run(capsys, "classes", proj, "rename", a, "Grive")[0] == 0
    assert _run(capsys, "classes", proj, "merge", b, "--into", "Grive")[0] == 0
    assert _run(capsys, "classes", proj, "exclude", c)[0] == 0
    code, _, err = _run(capsys, "classes", proj, "rename", "nope", "x")
    assert code == 2 and "no class named 'nope'" in err

    code, out, _ = _run(capsys, "classes", proj, "list", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert set(rows) == {"Grive", c}
    assert rows["Grive"]["clips"] == 16 and rows["Grive"]["recordings"] == 8
    assert rows[c]["excluded"] and sum(rows["Grive"]["splits"].values()) == 16

    one = cf.files[c][0]
    assert _run(capsys, "classes", proj, "set", "Grive", one)[0] == 0
    with Project.open(proj) as project:
        assert {k.name: k.clips for k in classes(project)} == {"Grive": 17, c: 7}
        assert {x.label for x in labelled_clips(project)} == {"Grive"}
    code, _, err = _run(capsys, "classes", proj, "set", "Grive", tmp_path / "elsewhere.wav")
    assert code == 2 and "not a file of this project" in err


def test_add_label_and_a_root_without_class_folders(tmp_path, capsys):
    cf = make_class_folders(tmp_path / "root", classes=1, recordings=2)
    folder = cf.root / cf.classes[0]
    proj = tmp_path / "p"
    _run(capsys, "new", proj)
    # The class folder itself named as the root: its files lie directly in it.
    code, out, err = _run(capsys, "add", proj, folder, "--labels")
    assert code == 2 and "not in a class folder" in out
    assert f"no class folders in {folder}" in err
    code, out, _ = _run(capsys, "add", proj, folder, "--label", "Pinson")
    assert code == 0 and "added 4" in out and "class Pinson]" in out
    (tmp_path / "empty").mkdir()
    code, _, err = _run(capsys, "add", proj, tmp_path / "empty", "--labels")
    assert code == 2 and "no audio or video files in" in err
    with pytest.raises(SystemExit):  # argparse: one or the other
        run_cli(["add", str(proj), str(folder), "--labels", "--label", "x"])


def test_stats_prints_classes_and_json_keeps_numbers(tmp_path, capsys):
    cf = make_class_folders(tmp_path / "root", classes=2, recordings=4, seconds=1.5)
    make_class_folders(tmp_path / "root", {"élan": 2}, recordings=1, into=cf)
    proj = tmp_path / "p"
    _run(capsys, "new", proj)
    _run(capsys, "add", proj, cf.root, "--labels")
    code, out, _ = _run(capsys, "stats", proj, "--headers-only")
    assert code == 0
    assert "classes: 3, imbalance" in out
    line = next(x for x in out.splitlines() if x.strip().startswith("band00"))
    assert "train    6 files" in line and "val    2 files" in line
    assert "fewer than 5 clips (élan)" in out
    assert "clean voice" not in out
    code, out, _ = _run(capsys, "stats", proj, "--headers-only", "--json")
    data = json.loads(out)
    assert data["task"] == "classify"
    rows = {r["name"]: r for r in data["classes"]["classes"]}
    assert rows["élan"]["files"] == 2 and rows["band00"]["splits"]["val"]["files"] == 2
    # 1.5 s: windows at 0 and 0.5 s -> 2 per file, 16 for the class.
    assert rows["band00"]["windows"] == 16 and rows["band00"]["seconds"] == 12.0
    assert data["classes"]["min_per_class"] == 5


def test_stats_of_an_unlabelled_project_has_no_classes(tmp_path, capsys):
    proj = tmp_path / "p"
    _run(capsys, "new", proj)
    cf = make_class_folders(tmp_path / "root", classes=1, recordings=1, seconds=1.5)
    _run(capsys, "add", proj, cf.root)
    code, out, _ = _run(capsys, "stats", proj, "--headers-only", "--json")
    assert "classes" not in json.loads(out)
