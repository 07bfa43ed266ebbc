"""Denoising quality on real recordings, side by side: Wavesmith's default speech preset
trained for a fixed CPU budget against DeepFilterNet3, RNNoise, noisereduce and the input.

One run, the same files for every system (bench/real_corpus.py):
1. Training: a project holding the training prompts of the own voice (en_US_f_Allison) and
   the own-room noise takes (bench/real_corpus.build_project); the speech preset at the rate
   the project's audio gives it (`core.train.rate_choice`, as `wavesmith train` does) trains
   for --minutes of this CPU, once per seed (--seeds).
2. Test: held-out prompts of the own voice and every prompt of the new voice (fr_CA_f_June,
   never trained on), mixed with own-room test takes or the unseen real noise family
   (outdoor field recordings), at 0/5/10 dB SNR, full band and 8 kHz-limited, at 48 kHz.
3. Each system processes every mixture: Wavesmith through `core.listen.inference.process_file`
   (what `wavesmith process` does, WAV in and out), the peers through bench/peers.py.
   Every output is aligned to its input by cross-correlation before scoring.
4. Scores against the clean speech: SI-SDR improvement, wideband PESQ, STOI (all from
   core/audio/quality.py), the real-time factor, and the level above 11 kHz.

The training budget is CPU time, not wall time, so a loaded machine trains the same amount:
"10 minutes on this CPU" is 10 x 60 x (usable cores) CPU-seconds of the training process and
its loader workers. Wavesmith's figures are medians over the seeds; the peers are
deterministic and run once.

    uv run python bench/bench_real_quality.py                 # 10 minutes x 3 seeds
    uv run python bench/bench_real_quality.py --quick         # 1 minute, 1 seed, 1 per cell
    uv run python bench/bench_real_quality.py --minutes 30 --seeds 5 --device cuda

Writes docs/bench/real_quality.json, renders docs/bench/real_quality.md from it
(bench/real_quality_section.py) and re-assembles docs/BENCHMARKS.md.
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

if __name__ == "__main__":
    # Idle OpenMP threads sleep instead of spinning: spinning burns CPU-seconds (the
    # budget) while the machine is busy with other work. Set before torch is imported.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import real_corpus as rc  # noqa: E402  (bench/ is on sys.path)
from ideal_mask import ideal_mask_output  # noqa: E402
from peers import MAX_DELAY_S, align_to, all_peers  # noqa: E402
from real_quality_section import IDEAL, JSON_PATH, write_section  # noqa: E402

from core.audio.io import read_audio, write_audio  # noqa: E402
from core.audio.quality import perceptual_metrics, si_sdr_np  # noqa: E402
from core.train.config import TrainConfig  # noqa: E402

SR = 48000  # test mixtures: a 48 kHz recording, full band or band-limited
HF_EDGE_HZ = 11025.0  # above a 22,050 Hz model's Nyquist


class CpuBudget:
    """CPU-seconds used since creation by this process and its children (loader workers,
    cache builders): os.times() counts the children already reaped, psutil the live ones."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._me = psutil.Process()
        self._start = self._total()

    def _total(self) -> float:
        t = os.times()
        total = t.user + t.system + t.children_user + t.children_system
        for child in self._me.children(recursive=True):
            try:
                c = child.cpu_times()
                total += c.user + c.system
            except psutil.Error:  # ended between the listing and the reading
                pass
        return total

    def used(self) -> float:
        return self._total() - self._start

    def spent(self) -> bool:
        return self.used() >= self.seconds


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


# -- training ----------------------------------------------------------------------------


def train_one(project, seed: int, cpu_seconds: float, device: str, workers: int | None) -> dict:
    """Train the default speech preset until it has used cpu_seconds; the run folder and
    what happened."""
    from core.train import events as ev
    from core.train.config import TrainConfig
    from core.train.rate_choice import choose_rate
    from core.train.trainer import Trainer

    overrides = {"run.seed": seed, "run.epochs": 100_000, "run.device": device}
    if workers is not None:
        overrides["run.workers"] = workers
    # As `wavesmith train --preset speech` and the Training tab do: the rate from the project.
    rate, why = choose_rate(project, "speech", "denoise")
    print(f"  {why}", flush=True)
    cfg = TrainConfig.preset("speech", sample_rate=rate).with_overrides(overrides)
    run_dir = project.runs_dir / f"seed{seed}"
    budget = CpuBudget(cpu_seconds)
    epochs: list = []
    steps = [0]
    trainer: Trainer | None = None

    def listener(event) -> None:
        if isinstance(event, ev.StepDone):
            steps[0] = event.step
        elif isinstance(event, ev.EpochDone):
            epochs.append(event)
            pesq = f"  PESQ {event.val_pesq:.2f}" if event.val_pesq is not None else ""
            print(
                f"    epoch {event.epoch + 1}: val SI-SDR impr. "
                f"{event.val_si_sdr_improvement:+.2f} dB{pesq}  ({budget.used():.0f} CPU-s)",
                flush=True,
            )
        if isinstance(event, ev.StepDone | ev.EpochDone) and budget.spent():
            trainer.control.request_stop()

    trainer = Trainer(project, cfg, run_dir, listener=listener)
    t0 = time.monotonic()
    finished = trainer.run()
    wall = time.monotonic() - t0
    if finished.status == "failed":
        raise RuntimeError(f"training seed {seed} failed: {finished.message}")
    best = min(trainer.state.history, key=lambda h: h["val_loss"]) if trainer.state.history else {}
    return {
        "seed": seed,
        "run_dir": str(run_dir),
        "status": finished.status,
        "epochs": len(trainer.state.history),
        "steps": steps[0],
        "cpu_s": round(budget.used(), 1),
        "wall_s": round(wall, 1),
        "best_epoch": best.get("epoch", -1) + 1,
        "val_si_sdr_improvement": best.get("val_si_sdr_improvement"),
        "val_pesq": best.get("val_pesq"),
        "sample_rate": cfg.data.sample_rate,
        "rate_reason": why,
        "model": cfg.model.kind,
        "model_core": cfg.model.core if cfg.model.kind == "band_gru" else None,
        "parameters": trainer.parameters,
        "loss": cfg.optim.loss,
        "batch_size": cfg.run.batch_size,
        "atten_limit_db": best.get("atten_limit_db"),
    }


def info_from_run(run_dir: Path, seed: int) -> dict:
    """What train_one reports, read back from a run folder trained earlier (--runs): its
    status file, config and best checkpoint. The CPU-seconds it used are not kept there."""
    import torch

    from core.train.config import TrainConfig

    status = json.loads((run_dir / "status.json").read_text())
    cfg = TrainConfig.from_dict(json.loads((run_dir / "config.json").read_text()))
    ckpt = torch.load(run_dir / "checkpoints" / "best.pt", map_location="cpu", weights_only=True)
    history = ckpt.get("history") or []
    best = min(history, key=lambda h: h["val_loss"]) if history else {}
    return {
        "seed": seed,
        "run_dir": str(run_dir),
        "status": status["status"],
        "epochs": status["epochs_done"],
        "steps": status["step"],
        "cpu_s": None,
        "wall_s": status.get("elapsed_s"),
        "best_epoch": best.get("epoch", -1) + 1,
        "val_si_sdr_improvement": best.get("val_si_sdr_improvement"),
        "val_pesq": best.get("val_pesq"),
        "sample_rate": cfg.data.sample_rate,
        "rate_reason": None,
        "model": cfg.model.kind,
        "model_core": cfg.model.core if cfg.model.kind == "band_gru" else None,
        "parameters": status.get("parameters"),
        "loss": cfg.optim.loss,
        "batch_size": cfg.run.batch_size,
        "atten_limit_db": best.get("atten_limit_db"),
    }


# -- scoring -----------------------------------------------------------------------------


def hf_level_db(x: np.ndarray, ref: np.ndarray, sr: int, edge_hz: float = HF_EDGE_HZ) -> float:
    """Energy of x above edge_hz, in dB relative to the total energy of ref (-120 floor)."""
    spec = np.abs(np.fft.rfft(np.asarray(x, np.float64))) ** 2
    f = np.fft.rfftfreq(len(x), 1 / sr)
    total = float(np.sum(np.abs(np.fft.rfft(np.asarray(ref, np.float64))) ** 2))
    return float(10 * np.log10(max(spec[f >= edge_hz].sum() / max(total, 1e-30), 1e-12)))


def score(out: np.ndarray, mix: rc.Mixture) -> dict:
    """Metrics of one output (aligned to the noisy input first) against the clean speech."""
    aligned, lag = align_to(out, mix.noisy, mix.sr, MAX_DELAY_S)
    m = perceptual_metrics(aligned, mix.clean, mix.sr)
    return {
        "si_sdr_i": si_sdr_np(aligned, mix.clean) - si_sdr_np(mix.noisy, mix.clean),
        "si_sdr": si_sdr_np(aligned, mix.clean),
        "pesq": m["pesq"],
        "stoi": m["stoi"],
        "hf_db": hf_level_db(aligned, mix.clean, mix.sr),
        "lag": lag,
    }


def cell_key(mix: rc.Mixture) -> str:
    return f"{mix.voice}|{mix.family}|{mix.snr_db:g}|{mix.band}"


def summarise(scores: list[dict], mixes: list[rc.Mixture]) -> dict:
    """Means per condition cell and overall (NaN-skipping: PESQ/STOI may not score)."""
    keys = ("si_sdr_i", "si_sdr", "pesq", "stoi", "hf_db")
    cells: dict[str, list[dict]] = {}
    for s, mix in zip(scores, mixes, strict=True):
        cells.setdefault(cell_key(mix), []).append(s)

    def means(rows: list[dict]) -> dict:
        return {k: float(np.nanmean([r[k] for r in rows])) for k in keys}

    full = [s for s, m in zip(scores, mixes, strict=True) if m.band == "full"]
    out = {"cells": {c: means(rows) for c, rows in cells.items()}, "overall": means(scores)}
    out["overall"]["hf_db"] = float(np.median([s["hf_db"] for s in full])) if full else np.nan
    out["max_abs_lag"] = int(max(abs(s["lag"]) for s in scores))
    return out


def median_over_seeds(per_seed: list[dict]) -> dict:
    """Per cell and metric, the median of the seeds' means."""
    first = per_seed[0]
    out = {"cells": {}, "overall": {}}
    for cell, metrics in first["cells"].items():
        out["cells"][cell] = {
            k: float(np.median([s["cells"][cell][k] for s in per_seed])) for k in metrics
        }
    for k in first["overall"]:
        out["overall"][k] = float(np.median([s["overall"][k] for s in per_seed]))
    out["max_abs_lag"] = max(s["max_abs_lag"] for s in per_seed)
    return out


# -- systems -----------------------------------------------------------------------------


def run_wavesmith(run_dir: str, files: list[Path], out_dir: Path) -> tuple[list, float]:
    """Every noisy file through `process_file` with the run's best checkpoint and its
    defaults (the attenuation limit chosen on validation), as `wavesmith process` would;
    (outputs, median real-time factor)."""
    from core.listen.inference import ProcessConfig, process_file
    from core.listen.model_loading import load_for_inference

    model = load_for_inference(run_dir)
    config = model.config_for(ProcessConfig())
    outs, rtfs = [], []
    for path in files:
        dst = out_dir / path.name
        result = process_file(
            model.model,
            model.sample_rate,
            path,
            dst,
            config,
            delay=model.delay,
            trained_band_hz=model.trained_band_hz,
        )
        audio, _ = read_audio(dst)
        outs.append(audio[:, 0])
        rtfs.append(result.rtf)
    return outs, statistics.median(rtfs)


def run_peer(peer, mixes: list[rc.Mixture]) -> tuple[list, float]:
    outs, rtfs = [], []
    for mix in mixes:
        t0 = time.perf_counter()
        outs.append(peer(mix.noisy, mix.sr))
        rtfs.append((time.perf_counter() - t0) / (len(mix.noisy) / mix.sr))
    return outs, statistics.median(rtfs)


# -- main --------------------------------------------------------------------------------


def command_args() -> list[str]:
    """This run's arguments for the docs, less --note's text (the docs print it anyway)."""
    args, skip = [], False
    for a in sys.argv[1:]:
        if skip:
            skip = False
        elif a == "--note":
            skip = True
        elif not a.startswith("--note="):
            args.append(a)
    return args


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="training budget per seed")
    ap.add_argument("--seeds", type=int, default=3, help="training runs (median reported)")
    ap.add_argument("--per-cell", type=int, default=6, help="test mixtures per condition cell")
    ap.add_argument("--quick", action="store_true", help="1 minute, 1 seed, 1 mixture per cell")
    ap.add_argument("--device", default="cpu", help="training device (cpu, cuda, ...)")
    ap.add_argument("--workers", type=int, default=None, help="override run.workers")
    ap.add_argument("--out", default=str(JSON_PATH), help="JSON results")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/ (trials)")
    ap.add_argument(
        "--runs",
        nargs="+",
        type=Path,
        default=None,
        help="evaluate these run folders (trained by an earlier, interrupted run of this "
        "script: <tmp>/corpus/project/runs/seedN) instead of training; --minutes should say "
        "the budget they trained for",
    )
    ap.add_argument("--note", default="", help="a sentence for the docs (e.g. why fewer seeds)")
    args = ap.parse_args()
    if args.quick:
        args.minutes, args.seeds, args.per_cell = min(args.minutes, 1.0), 1, 1
    if args.runs:
        args.seeds = len(args.runs)
    missing = rc.missing_packages()
    if missing:
        print(f"missing Debian packages: apt-get install {' '.join(missing)}", file=sys.stderr)
        return 2
    cores = usable_cores()
    cpu_seconds = args.minutes * 60 * cores
    started, load_start = time.monotonic(), uptime()
    print(f"start: {load_start}")
    print(f"budget: {args.minutes:g} min x {cores} cores = {cpu_seconds:.0f} CPU-s per seed")

    with tempfile.TemporaryDirectory(prefix="wavesmith_real_quality_") as tmp:
        tmp = Path(tmp)
        t0 = time.monotonic()
        project = rc.build_project(tmp / "corpus")
        train_clips = len(project.clips(role="clean"))
        mixes = rc.mixtures(per_cell=args.per_cell, sr=SR)
        noisy_dir, out_root = tmp / "noisy", tmp / "out"
        files = [
            write_audio(noisy_dir / f"{i:04d}.wav", m.noisy[:, None], SR, "FLOAT")
            for i, m in enumerate(mixes)
        ]
        test_seconds = sum(len(m.noisy) for m in mixes) / SR
        print(
            f"corpus: {train_clips} clean training clips; {len(mixes)} test mixtures "
            f"({test_seconds / 60:.1f} min) ({time.monotonic() - t0:.0f} s)",
            flush=True,
        )

        systems: dict[str, dict] = {}
        inputs = summarise([score(m.noisy, m) for m in mixes], mixes)
        systems["Input (unprocessed)"] = {**inputs, "rtf": 0.0}

        training, per_seed, rtfs = [], [], []
        for seed in range(args.seeds):
            if args.runs:
                info = info_from_run(args.runs[seed], seed)
                print(f"evaluating {args.runs[seed]} (trained earlier)", flush=True)
            else:
                print(f"training seed {seed}", flush=True)
                info = train_one(project, seed, cpu_seconds, args.device, args.workers)
            training.append(info)
            print(
                f"  {info['status']}: {info['epochs']} epochs, {info['steps']} steps, "
                f"{info['cpu_s'] or float('nan'):.0f} CPU-s in {info['wall_s'] / 60:.1f} min wall",
                flush=True,
            )
            out_dir = out_root / f"seed{seed}"
            outs, rtf = run_wavesmith(info["run_dir"], files, out_dir)
            per_seed.append(
                summarise([score(o, m) for o, m in zip(outs, mixes, strict=True)], mixes)
            )
            rtfs.append(rtf)
            print(f"  scored: SI-SDR impr. {per_seed[-1]['overall']['si_sdr_i']:+.2f} dB")
        wavesmith = median_over_seeds(per_seed)
        wavesmith["rtf"] = statistics.median(rtfs)
        wavesmith["per_seed_overall"] = [s["overall"] for s in per_seed]
        systems["Wavesmith"] = wavesmith

        for peer in all_peers():
            t0 = time.monotonic()
            outs, rtf = run_peer(peer, mixes)
            systems[peer.name] = {
                **summarise([score(o, m) for o, m in zip(outs, mixes, strict=True)], mixes),
                "rtf": rtf,
                "version": getattr(peer, "version", ""),
            }
            print(
                f"{peer.name}: SI-SDR impr. {systems[peer.name]['overall']['si_sdr_i']:+.2f} dB "
                f"({time.monotonic() - t0:.0f} s)",
                flush=True,
            )

        config = TrainConfig.from_dict(
            json.loads((Path(training[0]["run_dir"]) / "config.json").read_text())
        )
        if config.model.kind == "band_gru":
            outs = [
                ideal_mask_output(m.noisy, m.clean, m.sr, config.data.sample_rate, config.model)
                for m in mixes
            ]
            scores = [score(o, m) for o, m in zip(outs, mixes, strict=True)]
            systems[IDEAL] = {**summarise(scores, mixes), "rtf": float("nan")}
            print(f"{IDEAL}: SI-SDR impr. {systems[IDEAL]['overall']['si_sdr_i']:+.2f} dB")

    result = {
        "meta": {
            "minutes": args.minutes,
            "cpu_seconds_budget": cpu_seconds,
            "cores": cores,
            "seeds": args.seeds,
            "per_cell": args.per_cell,
            "quick": args.quick,
            "device": args.device,
            "sample_rate": SR,
            "test_mixtures": len(mixes),
            "test_minutes": test_seconds / 60,
            "train_clips": train_clips,
            "clean_hf_db": float(
                np.median([hf_level_db(m.clean, m.clean, SR) for m in mixes if m.band == "full"])
            ),
            "uptime_start": load_start,
            "uptime_end": uptime(),
            "wall_minutes": (time.monotonic() - started) / 60,
            "command": " ".join(["python", "bench/bench_real_quality.py", *command_args()]),
            "note": args.note,
        },
        "training": training,
        "systems": systems,
    }
    print(f"end: {result['meta']['uptime_end']}")
    print(f"whole run: {result['meta']['wall_minutes']:.1f} min")
    out = Path(args.out)
    if args.no_docs and out == JSON_PATH:
        out = Path(tempfile.gettempdir()) / "real_quality.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, allow_nan=True))
    print(f"wrote {out}")
    text = write_section(result, write=not args.no_docs)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
