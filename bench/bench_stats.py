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

Writes docs/bench/stats.md (use --no-write to print only).

    .venv/bin/python bench/bench_stats.py [--files 1000] [--runs 5] [--pair-minutes 5]
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

from _report import reflow, save_section  # noqa: E402  (bench/ is on sys.path)

from core.dataset.importer import import_paths  # noqa: E402
from core.dataset.measure import default_workers  # noqa: E402
from core.dataset.project import Project  # noqa: E402
from core.dataset.stats import dataset_stats  # noqa: E402

SR = 16000
SECTION = ROOT / "docs" / "bench" / "stats.md"


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
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    load_start = os.getloadavg()[0]

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
    pair = bench_pairing(args.pair_minutes, args.runs) if args.pair_minutes > 0 else None
    r = {
        "files": args.files,
        "runs": args.runs,
        "pair_minutes": args.pair_minutes,
        "audio_min": audio_s / 60,
        "import_s": import_s,
        "base_s": base_med,
        "hdr_s": hdr_med,
        "hdr_runs": len(hdr_all),
        "cli_s": cli_med,
        "cli_runs": len(cli_all),
        "cold1_s": cold1_med,
        "cold_s": cold_med,
        "cold_runs": cold_runs,
        "workers": default_workers(),
        "warm_s": warm_med,
        "voiced_exact": cached_hdr.voiced_exact,
        "load": (load_start, os.getloadavg()[0]),
        "cpus": cpu,
        "pair": pair,
    }
    if not args.no_write:
        write_section(r)
    return 0


def bench_pairing(minutes: float, runs: int) -> dict:
    """Offset detection on one long pair: the bounded window (first 30 s, what
    `wavesmith pair` does) against correlating the whole files."""
    from core.audio.io import read_audio
    from core.dataset.pairing import find_offset, measure_pair

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
    return {
        "window_s": win_med,
        "whole_s": full_med,
        "offset": int(offset),
        "whole_offset": int(full_offset),
    }


def write_section(r: dict) -> None:
    ms_or_s = lambda x: f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"  # noqa: E731
    ok = lambda good: "yes" if good else "**no**"  # noqa: E731
    per_file_ms = 1000 * r["cold_s"] / r["files"]
    load0, load1 = r["load"]
    if r["workers"] == 1:  # both rows ran on one thread: their ratio is the machine's noise
        threads_note = "the same work as the row above; the difference is noise"
    else:
        threads_note = f"{r['cold1_s'] / r['cold_s']:.2f}× the speed of 1 thread"
    bytecode = (
        " This run had `PYTHONDONTWRITEBYTECODE=1` set, which makes every process recompile what"
        " it imports; a normal install caches bytecode, so the CLI figure is the pessimistic one."
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else ""
    )
    text = f"""## Dataset statistics (`wavesmith stats`)

Script: `bench/bench_stats.py --files {r["files"]} --runs {r["runs"]} --pair-minutes \
{r["pair_minutes"]:g}`. It generates {r["files"]:,} WAV files (16 kHz mono PCM-16, 1–6 s each,
tones with a silent gap; {r["audio_min"]:.1f} minutes in all) in sub-folders of 100, imports
them into a fresh project, then times statistics. Figures are medians over the script's
repeats ({r["runs"]} for the quick passes, {r["cold_runs"]} for the full passes with an empty
cache, {r["cli_runs"]} CLI processes). Machine: the shared {r["cpus"]}-core development VM (load
average {load0:.1f} at the start, {load1:.1f} at the end, from other engineers' jobs), so every
figure is noisy: earlier runs of this script on the same VM under heavier load (4–8) gave
headers-only 0.18–0.55 s in-process, 0.96–1.5 s through the CLI and 8.5–17 s in full mode
with an empty cache.

| What | Median | Goal | Note |
|---|---:|---:|---|
| Baseline: bare `soundfile.info()` loop over the {r["files"]:,} files | {ms_or_s(r["base_s"])} | — | the floor for any header pass |
| `dataset_stats(headers_only=True)`, in-process | {ms_or_s(r["hdr_s"])} | a few seconds ({ok(r["hdr_s"] < 3)}) | {r["hdr_s"] / r["base_s"]:.1f}× the bare header loop |
| `wavesmith stats DIR --headers-only`, whole CLI process | {ms_or_s(r["cli_s"])} | a few seconds ({ok(r["cli_s"] < 3)}) | includes Python start-up and imports |
| full mode, empty analysis cache, 1 thread | {ms_or_s(r["cold1_s"])} | — | decodes, applies edits, measures every file |
| full mode, empty analysis cache, default ({r["workers"]} thread{"s" if r["workers"] > 1 else ""}) | {ms_or_s(r["cold_s"])} | — | ~{per_file_ms:.0f} ms a file; {threads_note} |
| full mode, second run (analysis cache) | {ms_or_s(r["warm_s"])} | — | measurements read from `project.sqlite` |
| import of the {r["files"]:,} files (once) | {ms_or_s(r["import_s"])} | — | probe + streaming decode check + hash |

Headers-only statistics over {r["files"]:,} files take {"well under" if r["cli_s"] < 3 else "more than"}
the "few seconds" asked for, in-process and through the CLI.

Start-up cost found and fixed: the first measurement of the headers-only CLI was 8.5 s,
because `core.audio.dsp` imported pyloudnorm at module level and pyloudnorm imports
`scipy.signal` (3.4–8 s of imports on this VM without bytecode caching). The import is now
inside `loudness_lufs`; `core.dataset.pairing` correlates with numpy's FFT instead of
`scipy.signal.correlate` for the same reason (identical results, checked in tests).{bytecode}

Threads: full mode can measure clips on a thread pool (`workers`). On this busy 2-core VM
two threads once measured 0.86× the speed of one (13.6 s vs 11.8 s), so the default is one
thread on machines with two cores or fewer and one per spare core (at most 4) above that.
The gain on an idle multi-core machine has not been measured yet. How noisy this VM is:
in one run the same single-thread measurement took 8.2 s and then 12.4 s.
"""
    pair = r["pair"]
    if pair:
        text += f"""
### Pairing offset detection

Same script (`--pair-minutes {r["pair_minutes"]:g}`): one pair of {r["pair_minutes"]:g}-minute
16 kHz files, the target delayed by 123 samples. `wavesmith pair` correlates only the first
30 s (plus the ±5 s lag range): {ms_or_s(pair["window_s"])} per pair, against
{ms_or_s(pair["whole_s"])} for correlating the whole files ({pair["whole_s"] / pair["window_s"]:.0f}×);
they find offsets {pair["offset"]} and {pair["whole_offset"]} (exact: 123). The window keeps
pairing time flat however long the takes are.
"""
    text += f"""
After one full run, a headers-only run reports exact voiced time (`voiced_exact =
{r["voiced_exact"]}` in this run) because the per-clip measurements are cached, keyed by
content hash + edit list + silence threshold; changing a clip's edits invalidates only that
clip's entry.
"""
    save_section(SECTION, reflow(text))


if __name__ == "__main__":
    sys.exit(main())
