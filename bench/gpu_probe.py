"""Batch probe on a real GPU, checked by real training steps at the recommended batch.

    python bench/gpu_probe.py                       # speech and music presets, safety 0.7
    python bench/gpu_probe.py --preset music --safety 0.6 --max-batch 512

For each preset: runs `core.hardware.batch_probe.probe_for_config` on the GPU (forward, backward and
an optimizer step at doubling batch sizes, under the precision training would use), then
builds a fresh model and optimizer and runs training steps (with the trainer's loss and
gradient clipping) at the recommended batch, measuring what they actually used with
torch.cuda.max_memory_allocated / max_memory_reserved against the card's total and the
memory that was free before the probe. Prints a readable table and, last, one JSON line
(prefixed "JSON ") with every figure, for docs/bench/hardware.md.

Needs only the repository and torch (+ numpy); run it from the repository root.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from core.device import resolve_amp  # noqa: E402
from core.hardware.batch_probe import ProbeConfig, probe_for_config  # noqa: E402
from core.train.config import TrainConfig  # noqa: E402
from core.train.losses import compute_loss  # noqa: E402
from core.train.models import build_model  # noqa: E402
from core.train.step import Precision, build_optimizer, train_step  # noqa: E402

MIB = 1024**2


def training_check(
    cfg: TrainConfig, batch: int, amp: str, steps: int, device: torch.device
) -> dict:
    """Real training steps at `batch`; peak memory measured by the allocator (CUDA only;
    None on the CPU, where this script only runs as a smoke test)."""
    cuda = device.type == "cuda"
    if cuda:
        torch.cuda.empty_cache()
    model = build_model(cfg.model, cfg.data.sample_rate).to(device).train()
    opt = build_optimizer(model.parameters(), cfg.optim)
    precision = Precision.for_run(amp, device)
    loss_fn = partial(compute_loss, cfg.optim.loss)
    seg = cfg.data.segment_samples
    gen = torch.Generator(device=device).manual_seed(0)
    if cuda:
        torch.cuda.reset_peak_memory_stats(device)
    base = torch.cuda.memory_allocated(device) if cuda else 0

    def step() -> float:
        clean = torch.randn(batch, 1, seg, device=device, generator=gen) * 0.1
        noisy = clean + 0.05 * torch.randn(batch, 1, seg, device=device, generator=gen)
        # The trainer's own step: autocast, loss scaling and clipping as training runs them.
        return train_step(
            model, opt, precision, noisy, clean, loss_fn=loss_fn, grad_clip=cfg.optim.grad_clip
        )

    def sync() -> None:
        if cuda:
            torch.cuda.synchronize(device)

    for _ in range(3):  # warm-up: cuDNN algorithm choice, allocator growth
        step()
    sync()
    t0 = time.perf_counter()
    losses = [step() for _ in range(steps)]
    sync()
    dt = (time.perf_counter() - t0) / steps
    # What the device itself says is in use now (context, cuFFT plans, the allocator's
    # cache): the figure another program on the card would see.
    device_free_after = torch.cuda.mem_get_info(device)[0] if cuda else None
    out = {
        "batch": batch,
        "amp": amp,
        "steps": steps,
        "peak_allocated_bytes": int(torch.cuda.max_memory_allocated(device) - base)
        if cuda
        else None,
        "peak_reserved_bytes": int(torch.cuda.max_memory_reserved(device)) if cuda else None,
        "device_free_after_bytes": device_free_after,
        "seconds_per_step": dt,
        "samples_per_s": batch / dt,
        "finite_loss": all(l == l and abs(l) != float("inf") for l in losses),  # noqa: E741
    }
    model = opt = None  # free before the next preset
    if cuda:
        torch.cuda.empty_cache()
    return out


def run_preset(name: str, args, device: torch.device) -> dict:
    cfg = TrainConfig.preset(name)
    if args.segment:
        cfg = cfg.with_overrides({"data.segment_samples": args.segment})
    amp = resolve_amp(args.amp, str(device))
    cuda = device.type == "cuda"
    free0, total = torch.cuda.mem_get_info(device) if cuda else (0, 0)
    t0 = time.perf_counter()
    probe = probe_for_config(
        cfg,
        str(device),
        ProbeConfig(safety_fraction=args.safety, max_batch=args.max_batch, max_seconds=300),
        progress=lambda msg, done, tot: print(f"  [{name}] {msg}", file=sys.stderr),
        amp=amp,
    )
    probe_seconds = time.perf_counter() - t0
    check = None
    if probe.recommended_batch >= 1 and cuda:
        check = training_check(cfg, probe.recommended_batch, amp, args.steps, device)
        check["within_budget"] = check["peak_allocated_bytes"] <= probe.budget_bytes
        check["reserved_within_budget"] = check["peak_reserved_bytes"] <= probe.budget_bytes
        check["fraction_of_free"] = check["peak_allocated_bytes"] / probe.free_bytes
        check["fraction_of_total"] = check["peak_allocated_bytes"] / total
        check["predicted_bytes"] = probe.predicted_bytes(probe.recommended_batch)
        # Everything the process took on the card since before the probe, driver view.
        check["process_used_bytes"] = int(free0 - check["device_free_after_bytes"])
    preset_batch = cfg.run.batch_size
    at_preset = next((p for p in probe.ok_points if p.batch_size == preset_batch), None)
    return {
        "preset": name,
        "model": cfg.model.kind,
        "segment_samples": cfg.data.segment_samples,
        "sample_rate": cfg.data.sample_rate,
        "amp": amp,
        "parameters": probe.parameters,
        "free_bytes": probe.free_bytes,
        "free_bytes_before": int(free0),
        "total_bytes": int(total) or probe.total_bytes,
        "safety_fraction": probe.safety_fraction,
        "budget_bytes": probe.budget_bytes,
        "fit_a_bytes": probe.fit_a,
        "fit_b_bytes": probe.fit_b,
        "recommended_batch": probe.recommended_batch,
        "fastest_batch": probe.fastest_batch,
        "probe_seconds": probe_seconds,
        "points": [p.__dict__ for p in probe.points],
        "warnings": list(probe.warnings),
        "preset_batch": preset_batch,
        "preset_batch_samples_per_s": at_preset.samples_per_s if at_preset else None,
        "train_step": check,
    }


def print_table(r: dict) -> None:
    print(
        f"\n== {r['preset']} preset ({r['model']}, {r['segment_samples']} samples at "
        f"{r['sample_rate']} Hz, amp {r['amp']}, {r['parameters']:,} parameters)"
    )
    print(
        f"free {r['free_bytes'] / MIB:,.0f} MiB of {r['total_bytes'] / MIB:,.0f} MiB; budget "
        f"{r['budget_bytes'] / MIB:,.0f} MiB = {r['safety_fraction']:.0%} of free; fit "
        f"{r['fit_a_bytes'] / MIB:,.1f} MiB + {r['fit_b_bytes'] / MIB:,.2f} MiB per example; "
        f"probe took {r['probe_seconds']:.1f} s"
    )
    print(
        f"{'batch':>6} {'status':>6} {'peak MiB':>10} {'reserved MiB':>13} {'ex/s':>9} {'s/step':>8}"
    )
    for p in r["points"]:
        mark = " <- recommended" if p["batch_size"] == r["recommended_batch"] else ""
        mark += " (fastest)" if p["batch_size"] == r["fastest_batch"] else ""
        res = f"{p['reserved_bytes'] / MIB:13,.0f}" if p["reserved_bytes"] else f"{'':>13}"
        print(
            f"{p['batch_size']:>6} {p['status']:>6} {p['peak_bytes'] / MIB:10,.0f} {res} "
            f"{p['samples_per_s']:9,.1f} {p['seconds_per_step']:8.4f}{mark}"
        )
    c = r["train_step"]
    if c:
        print(
            f"training steps at batch {c['batch']}: peak allocated {c['peak_allocated_bytes'] / MIB:,.0f} MiB "
            f"(predicted {c['predicted_bytes'] / MIB:,.0f}), reserved {c['peak_reserved_bytes'] / MIB:,.0f} MiB, "
            f"{c['fraction_of_free']:.1%} of free, within budget: {c['within_budget']}; "
            f"{c['samples_per_s']:,.1f} examples/s ({c['seconds_per_step']:.4f} s/step); "
            f"finite loss: {c['finite_loss']}"
        )
        print(
            f"driver view after the steps: the process holds {c['process_used_bytes'] / MIB:,.0f} MiB "
            f"more than before the probe ({c['process_used_bytes'] / r['free_bytes']:.1%} of free)"
        )
    if r["preset_batch_samples_per_s"] and c:
        print(
            f"vs the preset's batch {r['preset_batch']}: {r['preset_batch_samples_per_s']:,.1f} "
            f"examples/s -> x{c['samples_per_s'] / r['preset_batch_samples_per_s']:.2f}"
        )
    for w in r["warnings"]:
        print(f"warning: {w}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", choices=("speech", "music", "both"), default="both")
    ap.add_argument("--safety", type=float, default=0.7)
    ap.add_argument("--max-batch", type=int, default=1024)
    ap.add_argument("--amp", default="auto", choices=("auto", "off", "bf16", "fp16"))
    ap.add_argument(
        "--steps", type=int, default=10, help="timed training steps at the recommendation"
    )
    ap.add_argument("--out", help="also write the JSON here")
    ap.add_argument("--device", choices=("cuda", "cpu"), default="cuda", help="cpu: smoke run only")
    ap.add_argument("--segment", type=int, help="override data.segment_samples (smoke runs)")
    args = ap.parse_args()
    if args.device == "cuda" and not torch.cuda.is_available():
        print(
            "no CUDA device: this benchmark needs a GPU (--device cpu for a smoke run)",
            file=sys.stderr,
        )
        return 2
    cuda = args.device == "cuda"
    device = torch.device("cuda", torch.cuda.current_device()) if cuda else torch.device("cpu")
    info = {
        "gpu": torch.cuda.get_device_name(device) if cuda else "CPU",
        "capability": list(torch.cuda.get_device_capability(device)) if cuda else None,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "host_cpus": os.cpu_count(),
    }
    try:
        from core.hardware.detect import detect_machine

        machine = detect_machine(".")
        g = machine.best_gpu
        info["driver"] = g.driver_version if g else None
        info["held_by_others_bytes"] = g.held_by_others_bytes if g else None
    except ImportError as exc:  # psutil missing on a bare torch install
        info["detect_error"] = str(exc)
    print(
        f"{info['gpu']} (capability {info['capability']}), torch {info['torch']}, CUDA {info['cuda']}"
    )
    presets = ("speech", "music") if args.preset == "both" else (args.preset,)
    results = []
    for name in presets:
        r = run_preset(name, args, device)
        print_table(r)
        results.append(r)
    out = {
        "bench": "gpu_probe",
        **info,
        "safety": args.safety,
        "max_batch": args.max_batch,
        "results": results,
    }
    line = json.dumps(out)
    if args.out:
        Path(args.out).write_text(line + "\n")
    print("JSON " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
