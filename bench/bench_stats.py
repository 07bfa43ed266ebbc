"""How long `wavesmith stats` takes over many files, headers-only and full.

Generates N short WAV files (tones with silent gaps, 1-6 s, 16 kHz) in a temporary folder,
imports them into a new project, then times:

- headers-only statistics in-process (median of --runs), and through the real CLI
  (`python main.py stats DIR --headers-only`, which includes interpreter start-up);
- full statistics with an empty analysis cache (every file decoded and measured), on one
  thread and on the default thread pool;
- full statistics again (measurements come from the cache);
- a baseline: a bare loop of soundfile.info() over the same files, the floor any
  header-only pass pays;
- pairing: offset detection on one long pair with the bounded 30 s window, against
  correlating the whole files.

    .venv/bin/python bench/bench_stats.py [--files 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
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

from core.importer import import_paths  # noqa: E402
from core.project import Project  # noqa: E402
from core.stats import dataset_stats, default_workers  # noqa: E402

SR = 16000


def make_files(folder: Path, n: int, seed: int = 0) -> list[Path]:
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(n):
        seconds = rng.uniform(1.0, 6.0)
        t = np.arange(int(seconds * SR)) / SR
        x = 0.3 * np.sin(2 * np.pi * rng.uniform(100, 1000) * t)
        gap = slice(len(t) // 3, len(t) // 3 + int(rng.uniform(0, 0.4) * len(t)))
        x[gap] = 0.0
        x += 1e-3 * rng.standard_normal(len(t))  # keeps every file's content unique
        sub = folder / ("noise" if i % 10 == 0 else "speech") / f"{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"clip_{i:05d}.wav"
        sf.write(str(path), x.astype(np.float32), SR, subtype="PCM_16")
        paths.append(path)
    return paths


def timed(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--pair-minutes", type=float, default=5.0, help="length of the pairing test files"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ws_bench_stats_") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        paths = make_files(tmp / "data", args.files)
        gen_s = time.perf_counter() - t0
        audio_s = sum(sf.info(str(p)).duration for p in paths)

        project = Project.create(tmp / "proj")
        t0 = time.perf_counter()
        report = import_paths(project, [tmp / "data"])
        import_s = time.perf_counter() - t0
        assert len(report.added) == args.files, report.summary()

        base_med, _ = timed(lambda: [sf.info(str(p)) for p in paths], args.runs)
        hdr_med, hdr_all = timed(lambda: dataset_stats(project, headers_only=True), args.runs)
        cli = [sys.executable, str(ROOT / "main.py"), "stats", str(tmp / "proj"), "--headers-only"]
        cli_med, cli_all = timed(
            lambda: subprocess.run(cli, check=True, capture_output=True), max(3, args.runs // 2)
        )
        import pyloudnorm  # noqa: F401  (its scipy import is start-up, not measuring)

        cold_runs = max(1, args.runs // 2)
        cold1_med, _ = timed(lambda: dataset_stats(project, use_cache=False, workers=1), cold_runs)
        cold_med, cold_all = timed(lambda: dataset_stats(project, use_cache=False), cold_runs)
        dataset_stats(project)  # fills the cache
        warm_med, _ = timed(lambda: dataset_stats(project), args.runs)
        cached_hdr = dataset_stats(project, headers_only=True)
        project.close()

    cpu = os.cpu_count()
    load = os.getloadavg()[0]
    print(
        f"files: {args.files} WAV, 16 kHz mono, {audio_s / 60:.1f} min of audio "
        f"(cpus: {cpu}, load average {load:.1f})"
    )
    print(f"generate: {gen_s:.1f} s; import (probe + full decode check + hash): {import_s:.2f} s")
    print(f"baseline soundfile.info loop:       {base_med * 1000:8.1f} ms (median)")
    print(
        f"stats --headers-only, in-process:   {hdr_med * 1000:8.1f} ms (median of {len(hdr_all)};"
        f" {hdr_med / base_med:.1f}x the bare header loop)"
    )
    print(
        f"stats --headers-only, CLI process:  {cli_med * 1000:8.1f} ms (median of {len(cli_all)};"
        " includes Python start-up and imports)"
    )
    print(f"stats full, empty cache, 1 thread:  {cold1_med * 1000:8.1f} ms (median of {cold_runs})")
    print(
        f"stats full, empty cache, default:   {cold_med * 1000:8.1f} ms (median of {len(cold_all)};"
        f" {default_workers()} thread(s); {cold1_med / cold_med:.2f}x the speed of 1 thread;"
        f" {cold_med / hdr_med:.0f}x headers-only)"
    )
    print(f"stats full, cached measurements:    {warm_med * 1000:8.1f} ms (median of {args.runs})")
    print(
        f"headers-only after a full run: voiced exact = {cached_hdr.voiced_exact}, "
        f"{cached_hdr.segments_per_epoch} segments/epoch"
    )
    if args.pair_minutes > 0:
        bench_pairing(args.pair_minutes, args.runs)
    return 0


def bench_pairing(minutes: float, runs: int) -> None:
    """Offset detection on one long pair: the bounded window (first 30 s, what
    `wavesmith pair` does) against correlating the whole files."""
    from core.audio_io import read_audio
    from core.pairing import find_offset, measure_pair

    rng = np.random.default_rng(1)
    n = int(minutes * 60 * SR)
    x = (0.1 * rng.standard_normal(n)).astype(np.float32)
    y = np.concatenate([np.zeros(123, np.float32), 0.5 * x])
    with tempfile.TemporaryDirectory(prefix="ws_bench_pair_") as tmp:
        a, b = Path(tmp) / "a.wav", Path(tmp) / "b.wav"
        sf.write(str(a), x, SR, subtype="FLOAT")
        sf.write(str(b), y, SR, subtype="FLOAT")
        win_med, _ = timed(lambda: measure_pair(a, b), runs)
        offset = measure_pair(a, b)[0]

        def whole():
            xa, _ = read_audio(a)
            yb, _ = read_audio(b)
            return find_offset(xa, yb, SR, max_lag_seconds=None)

        full_med, _ = timed(whole, max(1, runs // 2))
        full_offset = whole()[0]
    print(
        f"pair offset, {minutes:g}-minute files: 30 s window {win_med * 1000:.0f} ms "
        f"(offset {offset}), whole files {full_med * 1000:.0f} ms (offset {full_offset}); "
        f"{full_med / win_med:.0f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
