"""`wavesmith cache` on a labelled project: the classify feature cache's per-split
statistics and total size, as a table and as JSON; a current cache does no work; mistakes
are messages naming the project or file."""

from __future__ import annotations

import json

from cli.main import run_cli
from core.dataset.importer import import_paths
from core.dataset.project import Project
from tests.support.class_folders import make_class_folders

SETTINGS = ["--set", "classify.variants=1", "--set", "classify.features.n_mels=16"]


def test_cache_command_builds_the_classify_cache_and_prints_its_statistics(tmp_path, capsys):
    folders = make_class_folders(tmp_path / "audio", classes=3, recordings=4)
    project = Project.create(tmp_path / "project")
    assert import_paths(project, [folders.root], labels_from_folders=True).added
    args = ["cache", str(project.root), "--workers", "0", *SETTINGS]
    assert run_cli([*args, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    splits = stats["splits"]
    assert set(splits) == {"train", "val", "test"}
    assert splits["train"]["classes"] == 3
    assert splits["train"]["windows"] == 2 * splits["train"]["originals"] > 0  # one variant
    assert splits["val"]["windows"] == splits["val"]["originals"] > 0
    clips = sum(s["clips"] for s in splits.values())
    assert clips == sum(len(f) for f in folders.files.values())
    assert stats["total_bytes"] >= sum(s["bytes"] for s in splits.values()) > 0
    assert stats["built_groups"] > 0 and stats["problems"] == []

    assert run_cli(args) == 0
    out = capsys.readouterr().out
    assert "0 class groups built" in out and "total " in out
    assert out.splitlines()[2].split()[0] == "train"


def test_cache_command_names_what_is_wrong(tmp_path, capsys):
    project = Project.create(tmp_path / "empty")
    assert run_cli(["cache", str(project.root), "--task", "classify"]) == 2
    assert f"{project.root}: no labelled clips" in capsys.readouterr().err
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    assert run_cli(["cache", str(project.root), "--task", "classify", "--config", str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err
    assert run_cli(["cache", str(tmp_path / "nowhere")]) == 2
    assert "not a Wavesmith project" in capsys.readouterr().err
