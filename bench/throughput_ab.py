"""Training throughput of two checkouts, interleaved: did a change slow the trainer down?

Runs the first mode of bench_train_throughput.py (data made on the fly with the speech
preset's augmentation, 0 loader workers, so the data pipeline and the model both count) in
each checkout with that checkout's own code and virtual environment, alternating
before/after, `--runs` times each; each run is a fresh process with a fresh espeak-ng
project. Writes the medians, their ratio and the load average before each run to
docs/bench/training_restructure.json; training_section.py renders it under the throughput
table.

    .venv/bin/python bench/throughput_ab.py --before /tmp/pre [--after .] [--runs 3] [--steps 12]

The before checkout needs its own `uv sync` (`git worktree add /tmp/pre <commit>`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "bench" / "training_restructure.json"


def measure_here(tree: Path, steps: int, clips: int) -> dict:
    """One run in `tree` (this process runs with that tree's interpreter)."""
    sys.path[:0] = [str(tree), str(tree / "bench")]
    import bench_train_throughput as b

    with tempfile.TemporaryDirectory() as tmp:
        project = b.make_project(Path(tmp), clips)
        cfg = b.base_config(steps).with_overrides({"data.cache": "off", "run.workers": 0})
        return b.run_once(project, cfg, project.runs_dir / "0", steps)


def run_in(tree: Path, steps: int, clips: int) -> dict:
    python = tree / ".venv" / "bin" / "python"
    cmd = [str(python), str(Path(__file__).resolve()), "--one", str(tree)]
    cmd += ["--steps", str(steps), "--clips", str(clips)]
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=tree).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result.update(load_before=load, process_s=time.perf_counter() - t0)
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path)
    ap.add_argument("--after", type=Path, default=ROOT)
    ap.add_argument("--before-label", default="before")
    ap.add_argument("--after-label", default="after")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--clips", type=int, default=24)
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(measure_here(args.one.resolve(), args.steps, args.clips)))
        return 0
    if args.before is None:
        ap.error("--before is required")
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for i in range(args.runs):
        for side, tree in trees.items():
            r = run_in(tree, args.steps, args.clips)
            runs[side].append(r)
            print(
                f"run {i + 1} {side:6s} {r['samples_per_s']:6.2f} samples/s over {r['steps']} "
                f"steps (load {r['load_before']:.1f} before)",
                flush=True,
            )
    med = {side: statistics.median(r["samples_per_s"] for r in rs) for side, rs in runs.items()}
    out = {
        "before": args.before_label,
        "after": args.after_label,
        "mode": "on the fly (preset: noise + gain), 0 workers",
        "steps": args.steps,
        "clips": args.clips,
        "cpu_count": os.cpu_count(),
        "median_samples_per_s": med,
        "ratio_after_over_before": med["after"] / med["before"],
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1))
    print(
        f"median {med['before']:.2f} → {med['after']:.2f} samples/s, "
        f"ratio {out['ratio_after_over_before']:.3f}; wrote {args.out}"
    )
    if args.out == OUT:
        from training_section import write_section  # bench/ is on sys.path

        write_section()
    return 0


if __name__ == "__main__":
    sys.exit(main())
