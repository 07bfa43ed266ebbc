"""core.train.runs: the Resume choices of a run, from file names and inodes only."""

from __future__ import annotations

import json
import os

from core.train.runs import checkpoint_choices, numbered_name, parse_numbered


def test_numbered_names_round_trip():
    assert parse_numbered(numbered_name(12, 3456)) == (12, 3456)
    assert parse_numbered("latest.pt") is None
    assert parse_numbered("ckpt_e1_s2.pt.tmp") is None


def test_resume_choices_say_where_training_continues(tmp_path):
    folder = tmp_path / "run" / "checkpoints"
    folder.mkdir(parents=True)
    older = folder / numbered_name(1, 40)
    newer = folder / numbered_name(2, 80)
    older.write_bytes(b"a")
    newer.write_bytes(b"b")
    os.link(newer, folder / "latest.pt")  # the trainer hard links latest to a numbered file
    os.link(older, folder / "best.pt")
    (tmp_path / "run" / "status.json").write_text(json.dumps({"epoch": 9, "best_epoch": 5}))

    choices = checkpoint_choices(tmp_path / "run")
    assert choices == [
        ("latest.pt — continues at epoch 3 (step 80)", None),
        ("best.pt — continues at epoch 2 (step 40)", str(folder / "best.pt")),
        (f"{newer.name} — continues at epoch 3 (step 80)", str(newer)),
        (f"{older.name} — continues at epoch 2 (step 40)", str(older)),
    ]


def test_without_numbered_files_status_json_is_the_fallback(tmp_path):
    folder = tmp_path / "run" / "checkpoints"
    folder.mkdir(parents=True)
    (folder / "latest.pt").write_bytes(b"a")
    (folder / "best.pt").write_bytes(b"b")
    (tmp_path / "run" / "status.json").write_text(json.dumps({"epoch": 4, "best_epoch": 2}))
    labels = [label for label, _ in checkpoint_choices(tmp_path / "run")]
    assert labels == ["latest.pt — continues at epoch 5", "best.pt — continues at epoch 4"]
    assert checkpoint_choices(tmp_path / "nothing") == []


def test_a_classifier_row_shows_its_best_top1(tmp_path):
    from core.train.run_folder import run_info
    from core.train.runs import run_row

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"data": {"task": "classify"}, "run": {}}))
    (run / "metrics.csv").write_text(
        "epoch,train_loss,val_loss,val_si_sdr,val_top1\n0,2.0,1.5,,0.40\n1,1.0,0.7,,0.85\n"
        "2,0.8,0.9,,0.90\n"
    )
    row = run_row(run_info(run))
    assert row.best_val_loss == 0.7 and row.best_top1 == 0.85  # the best epoch's, not the last
    assert row.best_si_sdr is None
