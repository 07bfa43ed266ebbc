"""The classify task at scale: index build and feature cache build over many classes.

Generates C classes of 1 s sounds at 16 kHz (a tone per class, its own pitch and timbre,
with per-file noise and detune), 5..40 files per class (deterministic, so classes are
imbalanced as real collections are), as class folders in a temporary folder, then, at
each size given with --sizes:

- the index: `import_paths(..., labels_from_folders=True)` into a new project: time, peak
  Python heap (tracemalloc) and peak RSS of the process;
- the feature cache (`build_feature_cache`, the default features and `classify.variants`)
  with 1 worker and with 2: time, size on disk, peak RSS of the main process and of the
  largest worker; then a second build with nothing to do;
- reading it: `load_feature_splits` memory-mapped, and random batches of 32 training rows.

Each phase runs in its own process, so its peak memory is its own. The figures at two
sizes give the growth per file; the last table extrapolates to the users' case (1,500
classes x 500 files). Training samples/s and data-wait % come from bench_classify_train.py, whose
section follows this one.

Writes docs/bench/classify_scale.md (use --no-write to print only).

    nice -n 10 .venv/bin/python bench/bench_classify_scale.py [--sizes 150 1500] [--variants 10]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import reflow, save_section  # noqa: E402  (bench/ is on sys.path)

SR = 16000
SECTION = ROOT / "docs" / "bench" / "classify_scale.md"
USERS = (1500, 500)  # classes x files per class, the users' collection


def files_per_class(c: int) -> int:
    return 5 + (c * 7919) % 36  # 5..40


def make_classes(folder: Path, classes: int) -> int:
    t = np.arange(SR) / SR
    n = 0
    for c in range(classes):
        rng = np.random.default_rng(c)
        f0 = 80 * 2 ** (c / classes * 6)  # 80 Hz .. 5 kHz
        harmonics = rng.uniform(0, 1, 4)
        sub = folder / f"class_{c:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        for i in range(files_per_class(c)):
            detune = 1 + 0.01 * rng.standard_normal()
            x = sum(
                a / (k + 1) * np.sin(2 * np.pi * f0 * detune * (k + 1) * t)
                for k, a in enumerate(harmonics)
            )
            x = 0.3 * x / np.max(np.abs(x)) + 0.01 * rng.standard_normal(SR)
            # Four files per recording (`..._recNN_MMM.wav`), so splits by recording give
            # a class of 4 recordings a validation one and of 7 a test one (label_splits).
            name = f"class_{c:04d}_rec{i // 4:02d}_{i % 4:03d}.wav"
            sf.write(str(sub / name), x.astype(np.float32), SR, subtype="PCM_16")
            n += 1
    return n


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def phase_index(audio: Path, project_dir: Path) -> dict:
    from core.dataset.importer import import_paths
    from core.dataset.project import Project

    tracemalloc.start()
    t0 = time.perf_counter()
    project = Project.create(project_dir)
    report = import_paths(project, [audio], labels_from_folders=True)
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    return {
        "seconds": seconds,
        "files": len(report.added),
        "rejected": len(report.rejected),
        "heap_peak_mb": peak / 2**20,
        "rss_peak_mb": _rss_mb(resource.RUSAGE_SELF),
    }


def phase_cache(project_dir: Path, workers: int, variants: int) -> dict:
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project
    from core.train.classify.feature_cache import build_feature_cache
    from core.train.classify.feature_cache_plan import cache_root
    from core.train.config import TrainConfig

    project = Project.open(project_dir)
    shutil.rmtree(cache_root(project), ignore_errors=True)
    cfg = TrainConfig().with_overrides({"classify.variants": variants})
    clips = labelled_clips(project)
    t0 = time.perf_counter()
    summary = build_feature_cache(project, clips, cfg, workers=workers)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = build_feature_cache(project, clips, cfg, workers=workers)
    return {
        "seconds": seconds,
        "again_seconds": time.perf_counter() - t0,
        "again_built": again.built_groups,
        "bytes": summary.total_bytes,
        "windows": {k: v.windows for k, v in summary.splits.items()},
        "problems": len(summary.problems),
        "rss_main_mb": _rss_mb(resource.RUSAGE_SELF),
        "rss_worker_mb": _rss_mb(resource.RUSAGE_CHILDREN),
    }


def phase_read(project_dir: Path, variants: int) -> dict:
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project
    from core.train.classify.feature_cache_read import load_feature_splits
    from core.train.config import TrainConfig

    project = Project.open(project_dir)
    cfg = TrainConfig().with_overrides({"classify.variants": variants})
    t0 = time.perf_counter()
    train = load_feature_splits(project, labelled_clips(project), cfg, where="disk")["train"]
    open_s = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    batches = max(1, min(300, len(train) // 32))
    t0 = time.perf_counter()
    for _ in range(batches):
        train.features[np.sort(rng.integers(0, len(train), 32))]
    per_s = batches * 32 / (time.perf_counter() - t0)
    return {"open_seconds": open_s, "rows_per_s": per_s, "rss_mb": _rss_mb(resource.RUSAGE_SELF)}


def run_phase(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(
    classes: int, variants: int, workers: list[int], keep: bool, cache: bool = True
) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"ws_scale_{classes}_"))
    try:
        t0 = time.perf_counter()
        files = make_classes(tmp / "audio", classes)
        print(
            f"{classes} classes: {files} files generated in {time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        row = {"classes": classes, "files": files}
        row["index"] = run_phase("index", str(tmp / "audio"), str(tmp / "project"))
        print(f"  index: {row['index']}", flush=True)
        if not cache:
            return row
        for w in workers:
            row[f"cache_{w}"] = run_phase("cache", str(tmp / "project"), str(w), str(variants))
            print(f"  cache, {w} worker(s): {row[f'cache_{w}']}", flush=True)
        row["read"] = run_phase("read", str(tmp / "project"), str(variants))
        print(f"  read: {row['read']}", flush=True)
        return row
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def _fmt_s(s: float) -> str:
    return f"{s:.0f} s" if s < 3600 else f"{s / 3600:.1f} h"


def report(
    rows: list[dict], index_rows: list[dict], variants: int, workers: list[int], load: str
) -> str:
    lines = [
        "## Classify at scale: index and feature cache (`bench_classify_scale.py`)",
        "",
        f"Generated 1 s class sounds at 16 kHz, 5..40 files per class; default features "
        f"(64 mels, 10 ms hop, 1 s windows), {variants} variants per training window. "
        f"Each phase in its own process; `nice -n 10`, load average {load}. One run per "
        "size (each takes minutes), so read the growth, not the last digit.",
        "",
        "| classes | files | index | per file | heap peak | RSS peak | "
        + " | ".join(f"cache, {w} worker{'s' if w > 1 else ''}" for w in workers)
        + " | per file (1) | size | per file | 2nd build | read rows/s | main RSS | worker RSS |",
        "|" + "---:|" * (10 + len(workers) + 3),
    ]
    for r in rows:
        ix, c1 = r["index"], r[f"cache_{workers[0]}"]
        cells = [
            str(r["classes"]),
            str(r["files"]),
            f"{ix['seconds']:.1f} s",
            f"{1000 * ix['seconds'] / r['files']:.1f} ms",
            f"{ix['heap_peak_mb']:.0f} MB",
            f"{ix['rss_peak_mb']:.0f} MB",
            *(f"{r[f'cache_{w}']['seconds']:.0f} s" for w in workers),
            f"{1000 * c1['seconds'] / r['files']:.0f} ms",
            f"{c1['bytes'] / 2**20:.0f} MiB",
            f"{c1['bytes'] / r['files'] / 1024:.0f} KiB",
            f"{c1['again_seconds']:.1f} s",
            f"{r['read']['rows_per_s']:.0f}",
            f"{max(r[f'cache_{w}']['rss_main_mb'] for w in workers):.0f} MB",
            f"{max(r[f'cache_{w}']['rss_worker_mb'] for w in workers):.0f} MB",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if index_rows:
        lines += [
            "",
            "The index alone at larger sizes:",
            "",
            "| classes | files | index | per file | heap peak | RSS peak |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for r in index_rows:
            ix = r["index"]
            lines.append(
                f"| {r['classes']} | {r['files']} | {ix['seconds']:.1f} s | "
                f"{1000 * ix['seconds'] / r['files']:.1f} ms | {ix['heap_peak_mb']:.0f} MB | "
                f"{ix['rss_peak_mb']:.0f} MB |"
            )
    big = rows[-1]
    n_users = USERS[0] * USERS[1]
    ix_big = max([big, *index_rows], key=lambda r: r["files"])
    ix_per = ix_big["index"]["seconds"] / ix_big["files"]
    c_per = {w: big[f"cache_{w}"]["seconds"] / big["files"] for w in workers}
    b_per = big[f"cache_{workers[0]}"]["bytes"] / big["files"]
    lines += [
        "",
        f"Extrapolated to the users' {USERS[0]:,} classes x {USERS[1]} files (1 s each, "
        f"{n_users:,} files, linear in files from the largest size measured):",
        "",
        "| figure | extrapolated |",
        "|---|---:|",
        f"| index build | {_fmt_s(ix_per * n_users)} |",
        *(
            f"| cache build, {w} worker{'s' if w > 1 else ''} | {_fmt_s(c_per[w] * n_users)} |"
            for w in workers
        ),
        f"| cache build, 16 workers (ideal: the best per-file time / 16) | "
        f"{_fmt_s(min(c_per.values()) * n_users / 16)} |",
        f"| cache size | {b_per * n_users / 2**30:.0f} GiB |",
        "",
    ]
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        lines.append(
            reflow(
                f"Growth from {a['classes']} to {b['classes']} classes ({b['files'] / a['files']:.1f}x "
                f"the files): index time x{b['index']['seconds'] / a['index']['seconds']:.1f}, "
                f"index heap peak x{b['index']['heap_peak_mb'] / max(a['index']['heap_peak_mb'], 1e-9):.1f}, "
                f"cache time x{b[f'cache_{workers[0]}']['seconds'] / a[f'cache_{workers[0]}']['seconds']:.1f}, "
                f"cache size x{b[f'cache_{workers[0]}']['bytes'] / a[f'cache_{workers[0]}']['bytes']:.1f}; "
                "the cache build's memory does not grow with the dataset (workers hold one clip "
                "at a time and write rows as they go)."
            )
        )
    lines += [
        "",
        "Training samples/s and data-wait % (goal < 5 %) on such a cache: the next section "
        "(`bench_classify_train.py`).",
        "",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 1500])
    parser.add_argument(
        "--index-sizes", type=int, nargs="*", default=[], help="sizes measured for the index only"
    )
    parser.add_argument("--variants", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "index":
            result = phase_index(Path(rest[0]), Path(rest[1]))
        elif name == "cache":
            result = phase_cache(Path(rest[0]), int(rest[1]), int(rest[2]))
        else:
            result = phase_read(Path(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return 0
    rows = [measure(c, args.variants, args.workers, args.keep) for c in args.sizes]
    index_rows = [measure(c, 0, [], args.keep, cache=False) for c in args.index_sizes]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    text = report(rows, index_rows, args.variants, args.workers, load)
    print(text)
    (SECTION.with_suffix(".json")).parent.mkdir(parents=True, exist_ok=True)
    if not args.no_write:
        blob = {"rows": rows, "index_rows": index_rows, "load": load}
        SECTION.with_suffix(".json").write_text(json.dumps(blob, indent=2) + "\n")
        save_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
