"""Real-time factor and peak memory of `wavesmith process` with the default speech model.

- RTF: processing time over audio duration (under 1 = faster than real time; the goal is
  under 0.05) for a file at the model's rate (22,050 Hz mono) and a 44.1 kHz stereo file
  (two channels plus resampling both ways). Baseline: the bare model forward over the same
  audio in the same chunks, without reading, resampling, overlap-add or writing, so the
  ratio shows what the streaming pipeline costs on top of the network.
- Memory: peak resident memory (ru_maxrss) of a fresh process that processes a 10-minute
  and a 60-minute file; streaming makes the two equal, and the figure beside them is the
  same process's peak before processing (interpreter, torch and the model).

The model is the speech preset's SpectralMaskNet with its initial weights: speed and memory
do not depend on what it has learnt.

    .venv/bin/python bench/bench_inference.py [--rtf-seconds 120] [--runs 3] [--long 60]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import save_section  # noqa: E402  (bench/ is on sys.path)

SECTION = ROOT / "docs" / "bench" / "inference.md"


def speech_model():
    import torch

    from core.train.config import TrainConfig
    from core.train.models import build_model, count_parameters

    torch.manual_seed(0)
    cfg = TrainConfig.preset("speech")
    model = build_model(cfg.model, cfg.data.sample_rate).eval()
    return model, cfg.data.sample_rate, count_parameters(model)


def write_test_file(path: Path, seconds: float, sr: int, channels: int) -> Path:
    """Noise plus a sweeping tone, written block by block (an hour never sits in memory)."""
    rng = np.random.default_rng(0)
    total = int(seconds * sr)
    block = sr * 10
    with sf.SoundFile(str(path), "w", sr, channels, subtype="PCM_16") as f:
        for start in range(0, total, block):
            n = min(block, total - start)
            t = (start + np.arange(n)) / sr
            tone = 0.2 * np.sin(2 * np.pi * (200 + 50 * np.sin(t / 3)) * t)
            x = tone[:, None] + 0.05 * rng.standard_normal((n, channels))
            f.write(x.astype(np.float32))
    return path


def time_rtf(model, model_sr: int, path: Path, runs: int, threads: int = 1) -> float:
    from core.listen.inference import ProcessConfig, process_file

    out = path.with_name(path.stem + ".out.wav")
    rtfs = []
    for _ in range(runs):
        cfg = ProcessConfig(device="cpu", threads=threads)
        rtfs.append(process_file(model, model_sr, path, out, cfg).rtf)
    out.unlink()
    return statistics.median(rtfs)


def time_bare_model(model, model_sr: int, seconds: float, channels: int, runs: int) -> float:
    """RTF of the model alone on the same chunks (8 s, 0.25 s overlap), one thread."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    chunk, hop = 8 * model_sr, 8 * model_sr - model_sr // 4
    total = int(seconds * model_sr)
    x = torch.randn(channels, 1, chunk)
    n_chunks = max(1, -(-(total - chunk) // hop) + 1)
    times = []
    with torch.inference_mode():
        for _ in range(runs):
            t0 = time.perf_counter()
            for _ in range(n_chunks):
                model(x)
            times.append(time.perf_counter() - t0)
    torch.set_num_threads(before)
    return statistics.median(times) / seconds


def memory_child(path: str) -> None:
    """Run in a fresh process: resident memory before processing and its peak during it.

    ru_maxrss alone cannot show this (torch's import peak hides everything after it), so a
    thread samples the RSS every 10 ms while the file is processed."""
    import threading

    import psutil

    from core.listen.inference import ProcessConfig, process_file

    model, sr, _ = speech_model()
    proc = psutil.Process()
    before = proc.memory_info().rss
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], proc.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = Path(path).with_name(Path(path).stem + ".out.wav")
    res = process_file(model, sr, path, out, ProcessConfig(device="cpu"))
    done.set()
    sampler.join()
    out.unlink()
    result = {
        "before_mib": before / 2**20,
        "peak_mib": peak[0] / 2**20,
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rtf": res.rtf,
    }
    print(json.dumps(result))


def measure_memory(path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rtf-seconds", type=float, default=120.0, help="length of RTF files")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--short", type=float, default=10.0, help="minutes, memory test")
    ap.add_argument("--long", type=float, default=60.0, help="minutes, memory test")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    import torch

    model, model_sr, params = speech_model()
    threads = torch.get_num_threads()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-inference-") as tmp:
        tmp = Path(tmp)
        rows = []
        for label, sr, ch in (
            (f"{model_sr} Hz mono (model rate)", model_sr, 1),
            ("44,100 Hz stereo (resampled, 2 channels)", 44100, 2),
        ):
            path = write_test_file(tmp / f"rtf_{sr}_{ch}.wav", args.rtf_seconds, sr, ch)
            rtf = time_rtf(model, model_sr, path, args.runs)
            rtf_all = time_rtf(model, model_sr, path, args.runs, threads=0)
            bare = time_bare_model(model, model_sr, args.rtf_seconds, ch, args.runs)
            rows.append((label, rtf, rtf_all, bare))
            print(
                f"RTF {label}: {rtf:.4f} one thread, {rtf_all:.4f} with {threads} threads "
                f"(bare model {bare:.4f}, pipeline x{rtf / bare:.2f})"
            )
            path.unlink()

        mem = []
        for minutes in (args.short, args.long):
            path = write_test_file(tmp / f"mem_{minutes:g}.wav", minutes * 60, model_sr, 1)
            m = measure_memory(path)
            mem.append((minutes, m))
            print(
                f"{minutes:g} min file: RSS {m['before_mib']:.0f} MiB before, peak "
                f"{m['peak_mib']:.0f} MiB while processing (ru_maxrss {m['maxrss_mib']:.0f} "
                f"MiB), RTF {m['rtf']:.4f}"
            )
            path.unlink()
    load_end = os.getloadavg()[0]

    lines = [
        "## Processing with a trained model (`wavesmith process`)",
        "",
        "Script: `bench/bench_inference.py "
        f"--rtf-seconds {args.rtf_seconds:g} --runs {args.runs} --short {args.short:g} "
        f"--long {args.long:g}`. Model: the speech preset's SpectralMaskNet ({params:,} "
        f"parameters, {model_sr} Hz), CPU, default 8 s chunks with 0.25 s overlap. Machine: "
        f"the shared 2-core VM (load average {load:.1f} at the start, {load_end:.1f} at the "
        "end), so figures are pessimistic. RTF = processing time / audio duration (medians); "
        "goal < 0.05.",
        "",
        f"| Input | RTF, 1 thread (default) | RTF, {threads} threads | Bare model, 1 thread "
        "| Pipeline / bare |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, rtf, rtf_all, bare in rows:
        lines.append(
            f"| {args.rtf_seconds:g} s, {label} | {rtf:.4f} | {rtf_all:.4f} | {bare:.4f} "
            f"| {rtf / bare:.2f}x |"
        )
    lines += [
        "",
        "Memory of a fresh process processing 22,050 Hz mono PCM-16 files (RSS sampled every "
        "10 ms; ru_maxrss is dominated by torch's import):",
        "",
        "| File | RSS before processing | Peak RSS while processing | ru_maxrss | RTF |",
        "|---|---:|---:|---:|---:|",
    ]
    for minutes, m in mem:
        lines.append(
            f"| {minutes:g} min | {m['before_mib']:.0f} MiB | {m['peak_mib']:.0f} MiB | "
            f"{m['maxrss_mib']:.0f} MiB | {m['rtf']:.4f} |"
        )
    growth = mem[1][1]["peak_mib"] - mem[0][1]["peak_mib"]
    lines += [
        "",
        f"Going from {args.short:g} to {args.long:g} minutes changes the peak by "
        f"{growth:+.0f} MiB: the file is streamed (soundfile blocks in, soxr streams, "
        "overlap-added chunks, blocks out), so memory depends on the chunk length only.",
        "",
    ]
    save_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
