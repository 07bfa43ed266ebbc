"""The classify task's training speed on its feature cache: windows/s and data-wait %.

Generates 20 classes of class folders (tests/support/class_folders: 5 recordings x 2 files
x 2 s each), builds the feature cache in this process (2 variants, no pitch or stretch so
the build takes seconds), then trains the default cnn_small for 2 epochs three ways: the
cache memory-mapped with the loader in the training process, memory-mapped with 2 loader
workers, and read into RAM. Prints the median windows/s and the median share of step time
spent waiting for data (the issue's goal: under 5 %), from the run's steps.csv (first two
steps left out). Small on purpose: it measures the loop's overhead around the CNN, not a
collection's size (bench_classify_scale.py covers that).

    .venv/bin/python bench/bench_classify_train.py
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from core.dataset.importer import import_paths
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project
    from core.train.classify.feature_cache import build_feature_cache
    from core.train.config import TrainConfig
    from core.train.trainer import Trainer
    from tests.support.class_folders import make_class_folders

    root = Path(tempfile.mkdtemp(prefix="bench_classify_train_"))
    folders = make_class_folders(root / "classes", classes=20, recordings=5, seconds=2.0)
    project = Project.create(root / "project")
    import_paths(project, [folders.root], labels_from_folders=True)
    base = TrainConfig.preset("speech", "classify").with_overrides(
        {
            "classify.variants": 2,
            "classify.augment.pitch_prob": 0.0,
            "classify.augment.stretch_prob": 0.0,
            "run.epochs": 2,
            "run.device": "cpu",
        }
    )
    build_feature_cache(project, labelled_clips(project), base, workers=0)
    print(f"load average {os.getloadavg()[0]:.1f}")
    for name, overrides in (
        ("memory-mapped, 0 workers", {"classify.cache": "disk", "run.workers": 0}),
        ("memory-mapped, 2 workers", {"classify.cache": "disk", "run.workers": 2}),
        ("in RAM, 0 workers", {"classify.cache": "ram", "run.workers": 0}),
    ):
        run = project.runs_dir / name.replace(", ", "_").replace(" ", "-")
        finished = Trainer(project, base.with_overrides(overrides), run).run()
        rows = list(csv.DictReader(open(run / "steps.csv")))[2:]
        rate = statistics.median(float(r["samples_per_s"]) for r in rows)
        wait = statistics.median(float(r["data_wait"]) for r in rows)
        print(f"{name}: {finished.status}, {rate:.0f} windows/s, data wait {100 * wait:.1f} %")


if __name__ == "__main__":
    main()
