"""Start-up: time to the first painted frame and to each tab being usable, fresh processes.

    python bench/bench_startup.py [--runs 5] [--before REV] [--skip-cold]
    python bench/bench_startup.py --section-only   # rewrite the text from startup.json

Every start is a new process, timed from just before it is started (so the interpreter's
own start and every import count). A series runs `--runs + 1` starts back to back; the first
is reported on its own (the files it reads may not all be in the page cache yet), the
others as medians, so their page cache is warm. Measured (tests/support/startup_probe.py inside each
process, offscreen Qt; see its docstring):

- the first painted frame of the main window;
- each tab usable: Dataset when painted; Hardware when it shows the detected machine;
  Training and Listen when the modules their buttons need (torch, the trainer, inference)
  are imported, so Start and Process begin at once;
- a click on each tab once everything is loaded, until the tab is painted;
- the window's responsiveness while torch imports in the background: the longest gap of a
  10 ms timer, with and without core.torch_libs (libtorch_cpu.so loaded GIL-free);
- `uv run wavesmith` to the first painted frame, as the README starts it, and what
  `uv run` itself costs with and without bytecode compilation on every run (uv#12202);
- the very first start with nothing compiled to bytecode (`--skip-cold` leaves it out);
- the same probe on `--before` (default: the commit before start-up was reordered), for
  the before/after table.

The machine is shared: the load average is printed and written with every series.
Writes docs/bench/startup.json (the figures) and docs/bench/startup.md (from them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from _report import save_section  # bench/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "support" / "startup_probe.py"
SECTION = ROOT / "docs" / "bench" / "startup.md"
RESULTS = SECTION.with_suffix(".json")
BEFORE = "4c178d4"  # main before issue #19: torch and scipy imported to build the window
TABS = ("Dataset", "Hardware", "Training", "Listen")


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def base_env(config_home: Path) -> dict[str, str]:
    # A new user's settings (the Dataset tab first, default geometry), offscreen Qt.
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config_home)}


def probe_once(env: dict, root: Path, *extra: str) -> dict:
    t0 = time.time()
    proc = subprocess.run(
        [sys.executable, str(PROBE), str(t0), "--root", str(root), *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"probe failed: {proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def series(label: str, runs: int, fn) -> dict:
    start_load = load()
    results = [fn() for _ in range(runs + 1)]
    out = {"label": label, "first": results[0], "rest": results[1:], "load": [start_load, load()]}
    print(f"{label}: load {out['load'][0]} -> {out['load'][1]}", flush=True)
    return out


def median(values) -> float:
    values = [v for v in values if v == v]  # NaN: not reached
    return statistics.median(values) if values else float("nan")


def summarise(s: dict) -> dict:
    def figures(r: dict) -> dict:
        return {
            "painted": r["marks"].get("painted", float("nan")),
            "cpu_at_paint": r.get("cpu_at_paint", float("nan")),
            **{f"usable_{t}": r["usable"][t] for t in TABS},
            **{f"switch_{t}": r["switch_ms"].get(t, float("nan")) for t in TABS},
            "worst_loading_ms": r["heartbeat"]["after_tabs_built"]["worst_ms"],
            "p99_loading_ms": r["heartbeat"]["after_tabs_built"]["p99_ms"],
            "worst_building_ms": r["heartbeat"]["building_tabs"]["worst_ms"],
            "heavy_at_paint": ",".join(r.get("heavy_at_paint", [])) or "none",
        }

    first = figures(s["first"])
    rest = [figures(r) for r in s["rest"]]
    med = {k: median([r[k] for r in rest]) for k in first if k != "heavy_at_paint"}
    med["heavy_at_paint"] = rest[0]["heavy_at_paint"] if rest else ""
    return {"first": first, "median": med, "load": s["load"], "runs": len(rest)}


def uv_window(env: dict, cwd: Path, cmd: list[str], marker: str, timeout: float = 300) -> float:
    """Seconds from starting `cmd` until `marker` appears on its stderr; then it is stopped."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    seen = float("nan")
    try:
        deadline = t0 + timeout
        for line in proc.stderr:
            if marker in line:
                seen = time.perf_counter() - t0
                break
            if time.perf_counter() > deadline:
                break
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return seen


def timed(cmd: list[str], env: dict, cwd: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=True, timeout=300)
    return time.perf_counter() - t0


def checkout(rev: str, into: Path) -> Path:
    archive = into / "src.tar"
    subprocess.run(["git", "archive", "-o", str(archive), rev], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "src", filter="data")
    return into / "src"


def cell(x: float, unit: str = "s") -> str:
    if x != x:
        return "—"
    return f"{x:.2f} s" if unit == "s" else f"{x:.0f} ms"


def write_section(r: dict) -> None:
    new, before = r["new"], r.get("before")
    lines = [
        "## Start-up (issue #19)",
        "",
        f"Script: `bench/bench_startup.py --runs {new['runs']}`. Each start is a fresh process, "
        "timed from just before it is started; offscreen Qt, a new user's settings (the "
        "Dataset tab first). Medians of the starts after the first, which is reported on "
        "its own. Load average (1/5/15 min) before → after each series: "
        f"now {new['load'][0]} → {new['load'][1]}"
        + (f", before {before['load'][0]} → {before['load'][1]}" if before else "")
        + ". The machine is the shared 2-core VM: absolute figures move with the load. "
        f"Before: the same probe on {r.get('before_rev', BEFORE)}, main before this issue.",
        "",
        "| What | Before (median) | Now, first start | Now (median) | Goal |",
        "|---|---:|---:|---:|---|",
    ]

    def row(name: str, key: str, goal: str, unit: str = "s", compare: bool = True) -> None:
        b = cell(before["median"][key], unit) if before and compare else "—"
        lines.append(
            f"| {name} | {b} | {cell(new['first'][key], unit)} | "
            f"{cell(new['median'][key], unit)} | {goal} |"
        )

    row("First painted frame (`python main.py`)", "painted", "~1 s")
    row("… CPU time of the process until then", "cpu_at_paint", "")
    row("Dataset tab usable", "usable_Dataset", "")
    row("Hardware tab usable (machine detected)", "usable_Hardware", "before a click")
    row("Training tab usable (trainer imported)", "usable_Training", "before a click")
    row("Listen tab usable (inference imported)", "usable_Listen", "before a click")
    for t in TABS[1:] + TABS[:1]:
        row(f"Click on {t}, to painted (all loaded)", f"switch_{t}", "", "ms")
    # Before, everything was imported and built before the first paint: nothing to compare.
    row("Longest GUI stall while the other tabs are built", "worst_building_ms", "", "ms", False)
    row(
        "Longest GUI stall while torch imports in the background",
        "worst_loading_ms",
        "",
        "ms",
        False,
    )
    row("99th percentile of the 10 ms timer's gaps meanwhile", "p99_loading_ms", "", "ms", False)
    lines.append(
        f"\nModules among torch, scipy, librosa, numba, matplotlib imported at the first paint: "
        f"before {before['median']['heavy_at_paint'] if before else '—'}; "
        f"now {new['median']['heavy_at_paint']}."
    )
    lines += [
        "",
        "What the first paint still costs, as CPU time (about equal to the wall time on a "
        "quiet machine): Python with PySide6 ~0.25 s, numpy ~0.1 s, pyqtgraph ~0.4 s (most "
        "of it PySide6 building the Python enums pyqtgraph touches; its CUDA Python probe "
        "is skipped, gui.plotting), the project's own modules, and building the Dataset "
        "tab (~0.15 s). This shell sets PYTHONDONTWRITEBYTECODE, so the project's own "
        "modules are compiled at every start here; a normal install caches them. The other "
        "tabs are built right after the paint, one per turn of the event loop: the Training "
        "tab's plots are the longest of those stalls (first table). Hardware, Training and "
        "Listen are usable ~3 s after the paint: torch's import, now in the background.",
    ]
    np_ = r.get("no_preload")
    if np_:
        lines += [
            "",
            "Why torch's largest library is loaded with the GIL released (core.torch_libs): "
            "the longest gap of the window's 10 ms timer while torch imports in the "
            f"background was {cell(np_['median']['worst_loading_ms'], 'ms')} without it "
            f"(median of {np_['runs']}, load {np_['load'][0]} → {np_['load'][1]}) and "
            f"{cell(new['median']['worst_loading_ms'], 'ms')} with it. CPython holds the "
            "GIL while dlopen() maps libtorch_cpu.so; ctypes releases it around a call to "
            "libc's dlopen(). What remains are other extension modules' dlopen() and "
            "stretches of import-time Python.",
        ]
    uv = r.get("uv")
    if uv:
        lines += [
            "",
            "### `uv run wavesmith`",
            "",
            "| What | First | Median | Goal |",
            "|---|---:|---:|---|",
            f"| `uv run wavesmith` to the first painted frame | {cell(uv['window'][0])} | "
            f"{cell(median(uv['window'][1:]))} | ~2.5 s |",
            f"| Before: the same with `compile-bytecode = true` (the old setting) | "
            f"{cell(uv['window_before'][0])} | {cell(median(uv['window_before'][1:]))} | |",
            f"| `uv run python -c pass` | {cell(uv['pass'][0])} | "
            f"{cell(median(uv['pass'][1:]))} | |",
            f"| `uv run python -c pass` with bytecode compiled on every run | "
            f"{cell(uv['pass_compile'][0])} | {cell(median(uv['pass_compile'][1:]))} | |",
            "",
            f"Load {uv['load'][0]} → {uv['load'][1]}. With `compile-bytecode = true` in "
            "`[tool.uv]`, every `uv run` walked and recompiled the environment's 10,465 files "
            "(astral-sh/uv#12202); the setting is gone, Python caches each module's bytecode "
            "when it first imports it, and CI, the test session and packaged builds compile "
            "once (pyproject.toml's `[tool.uv]` comment, packaging/README.md).",
        ]
    cold = r.get("cold")
    if cold:
        lines += [
            "",
            "### The very first start, nothing compiled yet",
            "",
            "With an empty bytecode cache (PYTHONPYCACHEPREFIX pointing at an empty folder, "
            "PYTHONDONTWRITEBYTECODE set), every module is compiled from source, as on a "
            "newcomer's first start after `uv run` installed the packages without compiling. "
            "Python writes the cache then, so it happens once. "
            f"Load {cold['load'][0]} → {cold['load'][1]}.",
            "",
            "| What | Before | Now |",
            "|---|---:|---:|",
            f"| First painted frame | {cell(cold.get('before_painted', float('nan')))} | "
            f"{cell(cold['painted'])} |",
            f"| Training and Listen usable | {cell(cold.get('before_training', float('nan')))} | "
            f"{cell(cold['training'])} |",
        ]
    lines += [
        "",
        "How: the window is built from modules that import neither torch nor scipy "
        "(tests/gui/test_startup.py checks it in a fresh process); only the current tab is built "
        "before the first paint, the other three right after it, one per turn of the event "
        "loop; then gui.heavy_imports imports torch, the trainer and inference (then "
        "scipy.signal and torch._dynamo, which the first optimiser would import) in a "
        "background thread; "
        "tabs that need them wait for it without blocking (Hardware detects once it is "
        "there, a Process click is kept and runs then, Start imports the trainer in the "
        "training thread). The ABX p-value is exact integer arithmetic instead of "
        "scipy.stats (1.3 s of imports). Garbage collection is paused until the imports are "
        "done and everything is then frozen (gui.gc_policy).",
        "",
    ]
    save_section(SECTION, "\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts after the first one")
    parser.add_argument("--before", default=BEFORE, help="revision for the before figures")
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--skip-uv", action="store_true")
    parser.add_argument("--section-only", action="store_true", help="rewrite from startup.json")
    args = parser.parse_args()
    if args.section_only:
        write_section(json.loads(RESULTS.read_text()))
        return 0
    results: dict = {"before_rev": args.before}
    with tempfile.TemporaryDirectory(prefix="wavesmith-startup-") as tmp:
        tmp = Path(tmp)
        env = base_env(tmp / "config")

        results["new"] = summarise(series("now", args.runs, lambda: probe_once(env, ROOT)))
        results["no_preload"] = summarise(
            series("now, no preload", args.runs, lambda: probe_once(env, ROOT, "--no-preload"))
        )
        old = checkout(args.before, tmp) if args.before else None
        if old is not None:
            results["before"] = summarise(series("before", args.runs, lambda: probe_once(env, old)))

        if not args.skip_uv:
            uv_env = {k: v for k, v in env.items() if k != "UV_COMPILE_BYTECODE"}
            compile_env = {**uv_env, "UV_COMPILE_BYTECODE": "1"}
            marker = "Wavesmith window shown"
            start_load = load()
            n = args.runs + 1
            uv = {
                "window": [
                    uv_window(uv_env, ROOT, ["uv", "run", "wavesmith"], marker) for _ in range(n)
                ],
                "pass": [
                    timed(["uv", "run", "python", "-c", "pass"], uv_env, ROOT) for _ in range(n)
                ],
                "pass_compile": [
                    timed(["uv", "run", "python", "-c", "pass"], compile_env, ROOT)
                    for _ in range(n)
                ],
            }
            # The old app started through uv with the old setting; its log line came at show().
            uv["window_before"] = [
                uv_window(
                    compile_env,
                    old or ROOT,
                    ["uv", "run", "--project", str(ROOT), "python", str((old or ROOT) / "main.py")],
                    marker,
                )
                for _ in range(n)
            ]
            uv["load"] = [start_load, load()]
            results["uv"] = uv
            print(f"uv: {json.dumps(uv)}", flush=True)

        if not args.skip_cold:
            start_load = load()
            cold = {}
            for key, root in (("", ROOT), ("before_", old)):
                if root is None:
                    continue
                cache = tmp / f"pycache-{key or 'now'}"
                cache.mkdir()
                cold_env = {
                    **env,
                    "PYTHONPYCACHEPREFIX": str(cache),
                    "PYTHONDONTWRITEBYTECODE": "1",
                }
                r = probe_once(cold_env, root)
                cold[f"{key}painted"] = r["marks"].get("painted", float("nan"))
                cold[f"{key}training"] = r["usable"]["Training"]
            cold["load"] = [start_load, load()]
            results["cold"] = cold
            print(f"cold: {json.dumps(cold)}", flush=True)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, default=str))
    print(f"wrote {RESULTS}")
    write_section(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
