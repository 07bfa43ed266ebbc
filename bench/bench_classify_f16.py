"""The classify feature cache stored as float16 against float32: size and accuracy.

The cache stores its log-mel windows as float16 (core.train.classify.feature_cache_plan
FEATURE_DTYPE), half the bytes of the float32 it stored before. This trains the same model
on the same generated class-folder project (tests/support/class_folders: distinct sound
families per class, 4 recordings of each class train, 1 validates, as the test suite's
project) from a float32 cache and from a float16 one, with the same seeds, and compares the
caches' sizes and the accuracy on the validation recordings (the best checkpoint's, per
window and per file). The float32 cache is the previous format, written by this code with
its dtype switched back (`stored_as`), as an older version wrote it.

    nice -n 10 .venv/bin/python bench/bench_classify_f16.py [--classes 24] [--seeds 0 1 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _report import reflow, save_section  # noqa: E402
from bench_classify_real import figures, score_test  # noqa: E402

SECTION = Path(__file__).resolve().parents[1] / "docs" / "bench" / "classify_f16.md"


@contextmanager
def stored_as(dtype: str):
    """The feature cache written and read as `dtype`: "float16" is the code as it is,
    "float32" the format before it (its own FORMAT, so the two never share a group)."""
    from core.train.classify import (
        feature_cache,
        feature_cache_build,
        feature_cache_plan,
        feature_cache_read,
    )

    if dtype == "float16":
        yield
        return
    saved = {}
    changes = [(feature_cache_plan, "FORMAT", 1)]
    changes += [
        (m, "FEATURE_DTYPE", np.dtype("<f4"))
        for m in (feature_cache_plan, feature_cache_build, feature_cache_read)
    ]
    changes += [
        (m, "FEATURES", "features.f32")
        for m in (feature_cache, feature_cache_build, feature_cache_read)
    ]
    for module, name, value in changes:
        saved[(module, name)] = getattr(module, name)
        setattr(module, name, value)
    try:
        yield
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)


def one_run(project, clips, dtype: str, seed: int, epochs: int) -> dict:
    from core.train.classify.feature_cache import build_feature_cache, plan
    from core.train.classify.feature_cache_read import load_feature_splits
    from core.train.trainer import Trainer
    from tests.support.training import tiny_classify_config

    config = tiny_classify_config(epochs=epochs, **{"run.seed": seed})
    with stored_as(dtype):
        from core.train.classify import feature_cache_build

        t0 = time.perf_counter()
        build_feature_cache(project, clips, config, workers=0)
        cache_s = time.perf_counter() - t0
        name = feature_cache_build.FEATURES
        nbytes = sum((Path(t.folder) / name).stat().st_size for t in plan(project, clips, config))
        run_dir = project.runs_dir / f"{dtype}-seed{seed}"
        t0 = time.perf_counter()
        status = Trainer(project, config, run_dir).run().status
        train_s = time.perf_counter() - t0
        val = load_feature_splits(project, clips, config)["val"]
        scored = score_test(run_dir, val)
    classes = len(val.classes)
    return {
        "dtype": dtype,
        "seed": seed,
        "status": status,
        "cache_bytes": nbytes,
        "cache_s": cache_s,
        "train_s": train_s,
        "window_top1": figures(*scored["window"], classes)["top1"],
        "file_top1": figures(*scored["file"], classes)["top1"],
        "window_macro_f1": figures(*scored["window"], classes)["macro_f1"],
    }


def section(r: dict) -> str:
    rows = []
    for dtype in ("float32", "float16"):
        runs = [x for x in r["runs"] if x["dtype"] == dtype]
        per_seed = ", ".join(f"{x['window_top1']:.3f}" for x in runs)
        rows.append(
            f"| {dtype} | {runs[0]['cache_bytes'] / 2**20:.2f} MiB | "
            f"{statistics.median(x['window_top1'] for x in runs):.3f} ({per_seed}) | "
            f"{statistics.median(x['window_macro_f1'] for x in runs):.3f} | "
            f"{statistics.median(x['file_top1'] for x in runs):.3f} |"
        )
    same = sum(
        a["window_top1"] == b["window_top1"]
        for a, b in zip(
            [x for x in r["runs"] if x["dtype"] == "float32"],
            [x for x in r["runs"] if x["dtype"] == "float16"],
            strict=True,
        )
    )
    return reflow(
        f"""## Classify feature cache: float16 against float32

`bench/bench_classify_f16.py`: the suite's kind of test project ({r["classes"]} classes of
generated class folders, {r["files"]} files; 4 recordings of each class train, 1 validates),
the test profile (cnn_small with 8 channels, 32 mel bins, 0.5 s windows, 2 variants),
{r["epochs"]} epochs, seeds {", ".join(map(str, r["seeds"]))}, CPU; the same seeds from a
float32 cache (the previous format) and from the float16 one. Accuracy of the best
checkpoint on the validation recordings' windows (chance {1 / r["classes"]:.3f}).

| stored as | cache | val top-1, windows (median; per seed) | val macro-F1 | val top-1, files |
|---|---:|---:|---:|---:|
{chr(10).join(rows)}

The float16 cache is {r["ratio"]:.3f} of the float32 one (the rows' clip ids, starts and
variants are stored beside the features in both). {same} of {len(r["seeds"])} seeds give the
same window top-1 from both. Load average {r["load"][0]:.1f} / {r["load"][1]:.1f} /
{r["load"][2]:.1f} at the end, nice 10; {r["seconds"]:.0f} s in all.
"""
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=24)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    from core.dataset.labels import labelled_clips
    from tests.support.training import make_classify_project

    t0 = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="bench_classify_f16_"))
    project = make_classify_project(root, classes=args.classes)
    clips = labelled_clips(project)
    runs = []
    for seed in args.seeds:
        for dtype in ("float32", "float16"):
            runs.append(one_run(project, clips, dtype, seed, args.epochs))
            print(json.dumps(runs[-1]), flush=True)
    sizes = {x["dtype"]: x["cache_bytes"] for x in runs}
    result = {
        "classes": args.classes,
        "files": len(clips),
        "epochs": args.epochs,
        "seeds": args.seeds,
        "runs": runs,
        "ratio": sizes["float16"] / sizes["float32"],
        "load": os.getloadavg(),
        "seconds": time.perf_counter() - t0,
    }
    text = section(result)
    print(text)
    if not args.no_write:
        save_section(SECTION, text)
        SECTION.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
