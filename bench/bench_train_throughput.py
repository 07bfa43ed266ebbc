"""Training throughput: samples/s and the share of step time spent waiting for data.

Runs the real Trainer (speech preset: 22,050 Hz, 2 s segments, spectral-mask model, batch 16)
on an espeak-ng speech project, with the data made on the fly (the preset's augmentation, and
a heavier variant with pitch shift and time stretch) or read from the pre-generated cache,
each with 0, 1 and 2 loader workers. Figures are medians over the steps of each run, the first
step of every epoch (loader start-up) reported separately.

Writes the results as JSON, then re-renders docs/bench/training.md from it and the last
quality results (bench/training_section.py).

    .venv/bin/python bench/bench_train_throughput.py [--steps 24] [--out docs/bench/training_throughput.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from training_section import QUALITY, write_section  # noqa: E402  (bench/ is on sys.path)

from core.dataset.importer import import_paths  # noqa: E402
from core.dataset.project import Project  # noqa: E402
from core.train import events as ev  # noqa: E402
from core.train.cache import build_cache  # noqa: E402
from core.train.config import TrainConfig  # noqa: E402
from core.train.trainer import Trainer  # noqa: E402
from tests.support.audiogen import speech_corpus  # noqa: E402


def make_project(root: Path, clips: int) -> Project:
    speech_corpus(root / "clean", clips, sr=22050)
    project = Project.create(root / "project")
    import_paths(project, [root / "clean"], role="clean")
    return project


def base_config(steps: int) -> TrainConfig:
    return TrainConfig.preset("speech").with_overrides(
        {
            "data.hop_fraction": 0.1,  # many overlapping segments: long epochs from few clips
            "data.val_segments_max": 16,
            "data.sample_clips": 0,
            "run.epochs": 2,
            "run.device": "cpu",
            "run.checkpoint_minutes": 0.0,
        }
    )


def run_once(project: Project, cfg: TrainConfig, run_dir: Path, max_steps: int) -> dict:
    steps: list[ev.StepDone] = []
    trainer = Trainer(project, cfg, run_dir)

    def listener(event):
        if isinstance(event, ev.StepDone):
            steps.append(event)
            if len(steps) >= max_steps:
                trainer.control.request_stop()

    trainer.add_listener(listener)
    t0 = time.perf_counter()
    trainer.run()
    wall = time.perf_counter() - t0
    firsts = [s for s in steps if s.step_in_epoch == 1]
    steady = [s for s in steps if s.step_in_epoch > 1]
    return {
        "steps": len(steps),
        "samples_per_s": statistics.median(s.samples_per_s for s in steady),
        "data_wait": statistics.median(s.data_wait_fraction for s in steady),
        "data_wait_mean": statistics.fmean(s.data_wait_fraction for s in steady),
        "first_step_wait": statistics.fmean(s.data_wait_fraction for s in firsts)
        if firsts
        else None,
        "wall_s": wall,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=24)
    ap.add_argument("--steps", type=int, default=24)
    ap.add_argument("--workers", default="0,1,2")
    ap.add_argument("--out", default=str(ROOT / "docs/bench/training_throughput.json"))
    args = ap.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), args.clips)
        cfg0 = base_config(args.steps)
        modes = {
            "on the fly (preset: noise + gain)": cfg0.with_overrides({"data.cache": "off"}),
            "on the fly + pitch/stretch p=0.3": cfg0.with_overrides(
                {
                    "data.cache": "off",
                    "data.augment.pitch_prob": 0.3,
                    "data.augment.stretch_prob": 0.3,
                }
            ),
            "cached (pre-generated)": cfg0.with_overrides({"data.cache": "disk"}),
        }
        t0 = time.perf_counter()
        info = build_cache(project, modes["cached (pre-generated)"], workers=2)
        cache_s = time.perf_counter() - t0
        print(
            f"cache: {info.segments} segments x {info.variants} variants, {info.bytes / 1e6:.0f} MB, "
            f"built in {cache_s:.1f} s with 2 workers"
        )
        for mode, cfg in modes.items():
            for w in workers:
                r = run_once(
                    project,
                    cfg.with_overrides({"run.workers": w}),
                    project.runs_dir / f"{len(results)}",
                    args.steps,
                )
                r.update(mode=mode, workers=w)
                results.append(r)
                print(
                    f"{mode:36s} workers={w}  {r['samples_per_s']:6.1f} samples/s  "
                    f"data wait {100 * r['data_wait']:5.1f} % (mean {100 * r['data_wait_mean']:5.1f} %, "
                    f"first step of epoch {100 * (r['first_step_wait'] or 0):5.1f} %)",
                    flush=True,
                )
    out = {
        "machine": f"{psutil.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at the end",
        "config": "speech preset, 22,050 Hz, 44,032-sample segments, batch 16, spectral_mask, CPU",
        "cache": {
            "segments": info.segments,
            "variants": info.variants,
            "mb": info.bytes / 1e6,
            "build_s": cache_s,
        },
        "steps_limit": args.steps,
        "results": results,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1))
    print(f"wrote {args.out}")
    write_section(quality=QUALITY, throughput=Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
