"""How long the batch probe takes on the CPU, how well its fit predicts, and what CPU
"memory" means next to the process's real peak RSS.

    OMP_NUM_THREADS=2 .venv/bin/python bench/bench_batch_probe.py [--runs 3]

1. Probe duration: the speech preset's model (22,050 Hz, 44,032-sample segments) probed at
   batch 1, 2, 4, 8; median wall time over --runs.
2. Fit accuracy: fit memory on batches 1, 2, 4 only, predict 8 and 16, then measure them.
3. Tensor bytes vs RSS: one training step at batch 8 in a fresh subprocess, with Linux's peak
   RSS (VmHWM) reset before the step, next to the probe's tensor-byte count. This is the gap
   the safety fraction has to cover on the CPU.
Prints a table and one JSON line (prefixed "JSON ").
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.batch_probe import HOST_MEMORY_FACTOR, ProbeConfig, fit_memory, probe_for_config  # noqa: E402
from core.train.config import TrainConfig  # noqa: E402

MIB = 1024**2

RSS_CHILD = r"""
import sys, json, torch
sys.path.insert(0, sys.argv[1])
from core.train.config import TrainConfig
from core.train.losses import compute_loss
from core.train.models import build_model
batch = int(sys.argv[2])
cfg = TrainConfig.preset("speech")
model = build_model(cfg.model, cfg.data.sample_rate)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
def step(n):
    x = torch.randn(n, 1, cfg.data.segment_samples)
    loss = compute_loss(cfg.optim.loss, model(x), 0.5 * x)
    loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
step(1)  # libraries loaded, optimizer state allocated, little activation memory retained
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
before = status("VmRSS:")
open("/proc/self/clear_refs", "w").write("5")  # reset VmHWM to the current RSS
step(batch)
print(json.dumps({"rss_before": before, "peak_rss": status("VmHWM:")}))
"""


def rss_of_step(batch: int) -> dict | None:
    try:
        out = subprocess.run(
            [sys.executable, "-c", RSS_CHILD, str(ROOT), str(batch)],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, OSError, ValueError) as exc:
        print(f"RSS measurement unavailable: {exc}", file=sys.stderr)
        return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    cfg = TrainConfig.preset("speech")
    fast = dict(warmup_steps=1, timed_steps=1)

    durations, last = [], None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        last = probe_for_config(cfg, "cpu", ProbeConfig(max_batch=8, **fast))
        durations.append(time.perf_counter() - t0)
    probe_s = statistics.median(durations)

    measured = probe_for_config(
        cfg, "cpu", ProbeConfig(batch_sizes=(1, 2, 4, 8, 16), max_batch=16, **fast)
    )
    # Undo the RSS factor: this compares raw tensor bytes with the measured RSS.
    peak = {p.batch_size: p.peak_bytes / HOST_MEMORY_FACTOR for p in measured.ok_points}
    a, b = fit_memory([1, 2, 4], [peak[1], peak[2], peak[4]])
    errors = {n: (a + b * n - peak[n]) / peak[n] for n in (8, 16)}

    rss = rss_of_step(8)
    rss_growth = rss["peak_rss"] - rss["rss_before"] if rss else None
    # What the batch adds over weights and optimizer state.
    activation_bytes = peak[8] - measured.fit_a / HOST_MEMORY_FACTOR
    print(f"speech preset on the CPU ({last.parameters:,} parameters, 44,032-sample segments)")
    print(f"probe 1-2-4-8 (+verify): median {probe_s:.1f} s over {args.runs} runs {durations}")
    print(f"{'batch':>6} {'tensor MiB':>11} {'examples/s':>11}")
    for p in measured.ok_points:
        print(f"{p.batch_size:>6} {peak[p.batch_size] / MIB:11.1f} {p.samples_per_s:11.2f}")
    for n, e in errors.items():
        print(f"fit on 1,2,4 predicts batch {n} within {e:+.2%}")
    if rss_growth is not None:
        print(
            f"batch 8: tensor-byte activations {activation_bytes / MIB:.0f} MiB; the step raised "
            f"peak RSS by {rss_growth / MIB:.0f} MiB above the steady state "
            f"(ratio {rss_growth / activation_bytes:.2f})"
        )
    result = {
        "bench": "batch_probe_cpu",
        "parameters": last.parameters,
        "probe_seconds_median": probe_s,
        "probe_seconds": durations,
        "points": [
            {
                "batch": p.batch_size,
                "tensor_bytes": peak[p.batch_size],
                "samples_per_s": p.samples_per_s,
            }
            for p in measured.ok_points
        ],
        "fit_a": a,
        "fit_b": b,
        "prediction_error": {str(n): e for n, e in errors.items()},
        "rss_growth_batch8": rss_growth,
        "activation_tensor_bytes_batch8": activation_bytes,
    }
    print("JSON " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
