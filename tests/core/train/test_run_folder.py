"""Run folders are named one way, by the window and the command line alike."""

from __future__ import annotations

import re

from core.train.run_folder import new_run_dir, shared_run_dir


def test_new_runs_are_named_by_time_and_task_and_never_reused(tmp_path):
    runs = tmp_path / "runs"
    first = new_run_dir(runs, "denoise")
    assert re.fullmatch(r"\d{8}-\d{6}-denoise", first.name), first.name
    again = [new_run_dir(runs, "denoise") for _ in range(2)]
    assert all(p.is_dir() for p in [first, *again])
    assert len({first, *again}) == 3  # the same second gives _2, _3, not the same folder
    assert sorted(p.name for p in [first, *again])[0] == first.name
    assert new_run_dir(runs, "paired", name="mine").name == "mine"
    assert new_run_dir(runs, "paired", name="mine").name == "mine_2"


def test_ddp_ranks_share_one_folder_made_by_the_main_rank(tmp_path):
    runs = tmp_path / "runs"
    other = shared_run_dir(runs, None, is_main=False)
    assert other.name == "ddp_run" and not other.exists()
    main = shared_run_dir(runs, None, is_main=True)
    assert main == other and main.is_dir()
    assert shared_run_dir(runs, "night", is_main=True).name == "night"
