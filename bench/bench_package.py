"""The desktop build (packaging/build.sh): how long it takes, how large it is and why, and
how fast the frozen app starts.

    python bench/bench_package.py                      # build (packaging/build.sh), measure
    python bench/bench_package.py --build-log LOG      # measure the build LOG describes
    python bench/bench_package.py --runs 5 --self-test-runs 3

Sizes are `du` of dist/wavesmith (apparent sizes on disk) and of the tarball; the largest
parts are the biggest folders and libraries of dist/wavesmith/_internal. Start-up is the
wall time of the frozen executable's `--version` (Python, the bootloader unpacking nothing:
onedir) and of its whole `--self-test`, medians over fresh processes. A CPU-only torch is
not built here (download.pytorch.org is not reachable from these machines): its size is
estimated from the CPU-only torch wheels that PyPI serves (macOS, Windows), read from
uv.lock, against the Linux CUDA wheel and the CUDA libraries it pulls in.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import reflow, save_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "wavesmith"
SECTION = ROOT / "docs" / "bench" / "package.md"
MB = 1e6


def du_bytes(path: Path) -> int:
    out = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def largest_parts(internal: Path, n: int = 8) -> list[tuple[str, int]]:
    """The biggest entries two levels down (nvidia/cu13, torch/lib, ...), and the biggest
    single files (libtorch_cuda.so), largest first."""
    entries = []
    for top in internal.iterdir():
        if top.is_dir():
            entries += [(c, du_bytes(c)) for c in top.iterdir() if c.is_dir()]
    # PyInstaller links some libraries into _internal/ beside their package's copy: count
    # each file once, where it is stored.
    files = [
        (p, p.stat().st_size) for p in internal.rglob("*") if p.is_file() and not p.is_symlink()
    ]
    files.sort(key=lambda e: -e[1])
    entries += files[:n]
    entries.sort(key=lambda e: -e[1])
    seen, out = set(), []
    for path, size in entries:
        rel = path.relative_to(internal).as_posix()
        if rel not in seen:
            seen.add(rel)
            out.append((rel + ("/" if path.is_dir() else ""), size))
    return out[: 2 * n]


def timed(cmd: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {proc.stdout}{proc.stderr[-2000:]}")
    return seconds, proc.stdout.strip().splitlines()[-1]


def torch_wheel_sizes() -> dict[str, int]:
    """torch's wheels in uv.lock by platform tag, and the CUDA wheels Linux x86_64 adds."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    sizes: dict[str, int] = {}
    cuda = 0
    for package in lock["package"]:
        wheels = package.get("wheels", [])
        if package["name"] == "torch":
            for w in wheels:
                if "cp311" in w["url"]:
                    tag = w["url"].rsplit("-", 1)[-1].removesuffix(".whl")
                    sizes[tag] = w["size"]
        elif package["name"].startswith(("nvidia-", "cuda-")) or package["name"] == "triton":
            linux = [w["size"] for w in wheels if "manylinux" in w["url"] and "x86_64" in w["url"]]
            cuda += max(linux, default=0)
    sizes["cuda_wheels_linux_x86_64"] = cuda
    return sizes


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-log", type=Path, help="build.sh's output; else build now")
    parser.add_argument("--runs", type=int, default=5, help="--version starts")
    parser.add_argument("--self-test-runs", type=int, default=3)
    args = parser.parse_args()

    load_before = load()
    if args.build_log is None:
        args.build_log = ROOT / "dist" / "build.log"
        args.build_log.parent.mkdir(exist_ok=True)
        with args.build_log.open("w") as log:
            subprocess.run(
                [str(ROOT / "packaging" / "build.sh")], stdout=log, stderr=log, check=True
            )
    log_text = args.build_log.read_text()
    times = re.search(r"== build (\d+) s, tarball (\d+) s, self-test (\d+) s", log_text)
    if not times or not DIST.is_dir():
        raise SystemExit(f"{args.build_log}: no finished build described (or no {DIST})")
    build_s, tar_s, _ = (int(g) for g in times.groups())
    tarball = next((ROOT / "dist").glob("wavesmith-*.tar.gz"))

    internal = DIST / "_internal"
    onedir = du_bytes(DIST)
    parts = largest_parts(internal)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    exe = str(DIST / "wavesmith")
    version = [timed([exe, "--version"], env)[0] for _ in range(args.runs)]
    source = [
        timed([sys.executable, str(ROOT / "main.py"), "--version"], env)[0]
        for _ in range(args.runs)
    ]
    tests = [timed([exe, "--self-test"], env) for _ in range(args.self_test_runs)]
    report = tests[-1][1]
    load_after = load()

    wheels = torch_wheel_sizes()
    cuda_wheel = wheels.get("manylinux_2_28_x86_64", 0)
    cpu_wheels = [wheels[t] for t in ("win_amd64", "macosx_11_0_arm64") if t in wheels]
    # What a CPU-only torch would not bring: NVIDIA's libraries, torch's CUDA kernels, and
    # triton (torch.compile's GPU code generator; the app compiles on CUDA only).
    nvidia = du_bytes(internal / "nvidia") if (internal / "nvidia").is_dir() else 0
    torch_cuda = sum(
        p.stat().st_size
        for p in (internal / "torch" / "lib").glob("*.so*")
        if "cuda" in p.name or "nvshmem" in p.name
    )
    triton = du_bytes(internal / "triton") if (internal / "triton").is_dir() else 0
    cuda_libs = nvidia + torch_cuda + triton
    figures = {
        "build_s": build_s,
        "tarball_s": tar_s,
        "onedir_bytes": onedir,
        "tarball_bytes": tarball.stat().st_size,
        "parts": parts,
        "version_s": version,
        "source_version_s": source,
        "self_test_s": [s for s, _ in tests],
        "report": report,
        "cuda_parts_bytes": {"nvidia": nvidia, "torch_cuda": torch_cuda, "triton": triton},
        "wheels": wheels,
        "load": [load_before, load_after],
    }
    SECTION.with_suffix(".json").write_text(json.dumps(figures, indent=1))
    print(json.dumps(figures, indent=1))

    rows = "\n".join(f"| `{p}` | {s / MB:,.0f} MB |" for p, s in parts)
    estimate = onedir - cuda_libs
    text = f"""## Desktop build (`packaging/build.sh`, issue #18)

Script: `bench/bench_package.py` over the build `packaging/build.sh` made (PyInstaller onedir,
torch 2.11 from PyPI: the CUDA 13 build). Load (1/5/15 min) {load_before} before the
start-up runs, {load_after} after; the build itself ran with `nice -n 10` on the shared 2-core
machine, beside other sessions' work.

| What | Figure |
|---|---:|
| Build (`uv sync` + PyInstaller), wall time | {build_s / 60:.1f} min |
| Tarball (`tar | gzip -1`), wall time | {tar_s / 60:.1f} min |
| `dist/wavesmith/` (onedir) | {onedir / MB:,.0f} MB |
| `dist/{tarball.name}` | {tarball.stat().st_size / MB:,.0f} MB |
| Frozen `wavesmith --version`, median of {len(version)} | {statistics.median(version):.2f} s |
| The same from source (`python main.py --version`), median of {len(source)} | {statistics.median(source):.2f} s |
| Frozen `wavesmith --self-test`, median of {len(tests)} | {statistics.median(s for s, _ in tests):.1f} s |

The frozen self-test's report: `{report}`

What makes it large (the biggest folders two levels down and the biggest files of
`_internal/`, overlapping: a file is also counted in its folder; MB = 10^6 bytes):

| Part | Size |
|---|---:|
{rows}

Most of it is CUDA: NVIDIA's libraries (`nvidia/*`: cuBLAS, cuDNN, cuFFT, cuSPARSE, NCCL, ...;
{nvidia / MB:,.0f} MB), torch's own CUDA kernels (`torch/lib/libtorch_cuda*.so` and
nvshmem, {torch_cuda / MB:,.0f} MB) and triton (torch.compile's GPU code generator,
{triton / MB:,.0f} MB), which PyPI's Linux torch wheel ({cuda_wheel / MB:,.0f} MB) brings
with {wheels["cuda_wheels_linux_x86_64"] / MB:,.0f} MB of `nvidia-*`, `cuda-*` and `triton`
wheels. A CPU-only torch drops all three: {cuda_libs / MB:,.0f} MB, leaving about
{estimate / MB:,.0f} MB ({estimate / onedir:.0%} of this onedir). That is an estimate, not a
build: the Linux CPU wheels live on download.pytorch.org, which these machines cannot reach,
and its `libtorch_cpu.so` is counted here at the CUDA wheel's size. The CPU-only torch 2.11
wheels that PyPI itself serves (Windows, macOS arm64) are
{", ".join(f"{s / MB:,.0f} MB" for s in cpu_wheels)}, against {cuda_wheel / MB:,.0f} MB for
the Linux CUDA wheel alone. packaging/README.md says how to build with the CPU wheels.
"""
    save_section(SECTION, reflow(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
