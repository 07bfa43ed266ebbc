"""Issue #16 item 7: NaN-loss retries said "halved the learning rate to 0.0015" three times
(each retry restored the saved rate before halving it), and the final failure did not name
the file whose samples produced the NaN."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from core.dataset.importer import import_paths
from core.train import events as ev
from core.train.trainer import Trainer
from tests.support.training import SR, make_project, tiny_config


def nan_warnings(events) -> list[str]:
    return [e.message for e in events if isinstance(e, ev.Warning) and e.kind == "nan"]


def test_each_retry_halves_the_rate_it_was_left_at(tmp_path):
    project = make_project(tmp_path, clips=4)
    seen: list = []
    config = tiny_config(**{"run.epochs": 1, "run.max_nan_retries": 3})
    trainer = Trainer(project, config, project.runs_dir / "halving", seen.append)
    trainer.model.register_forward_hook(
        lambda m, a, out: out * float("nan") if m.training else None
    )
    finished = trainer.run()
    assert finished.status == "failed"
    lr = config.optim.lr
    rates = [w.split("halved the learning rate to ")[1].split(" ")[0] for w in nan_warnings(seen)]
    assert rates == [f"{lr / 2:.3g}", f"{lr / 4:.3g}", f"{lr / 8:.3g}"]


def test_the_failure_names_the_file_whose_samples_made_the_nan(tmp_path):
    project = make_project(tmp_path, clips=3)
    # Finite samples no recording has: they pass the import's NaN/inf check, and their
    # power overflows float32 in the noise mixing of every segment cut from them.
    huge = tmp_path / "audio" / "overflow_take.wav"
    x = np.where(np.arange(SR * 4) % 2, 3.0e38, -3.0e38).astype(np.float32)[:, None]
    sf.write(huge, x, SR, subtype="FLOAT")
    report = import_paths(project, [huge], role="clean")
    assert report.added, report.rejected
    db = project.connection()
    db.execute("UPDATE clips SET split = CASE WHEN name = 'voice_00' THEN 'val' ELSE 'train' END")
    seen: list = []
    config = tiny_config(**{"run.epochs": 2, "run.max_nan_retries": 2, "run.batch_size": 2})
    finished = Trainer(project, config, project.runs_dir / "overflow", seen.append).run()
    assert finished.status == "failed", finished.message
    assert "3 times (limit 2)" in finished.message
    assert "the last one came from overflow_take" in finished.message
    assert "voice_0" not in finished.message.split("came from")[1]
