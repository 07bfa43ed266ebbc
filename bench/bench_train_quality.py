"""Denoising quality: the default speech preset after N minutes of CPU training vs noisereduce.

1. Training speech: espeak-ng, 8 voices x 12 sentences (96 clips, 22,050 Hz).
2. Held-out test speech: 4 other voices saying 4 other sentences (16 clips), each mixed with
   one of white / pink / brown noise, mains hum or babble (of other held-out voices) at an
   SNR drawn from 0-10 dB. Neither the voices nor the sentences were seen in training.
3. `TrainConfig.preset("speech")` trains for --minutes (run.hours budget), the rest as the
   preset says; the best checkpoint is evaluated.
4. noisereduce's spectral gating processes the same noisy clips, with its defaults
   (non-stationary) and with stationary=True; the advantage is taken over the better one.
5. Report SI-SDR improvement (output SI-SDR minus input SI-SDR) per method and noise kind, and
   the model's inference real-time factor on CPU (seconds of compute per second of audio).

Writes the results as JSON, then re-renders docs/bench/training.md from it and the last
throughput results (bench/training_section.py).

    .venv/bin/python bench/bench_train_quality.py [--minutes 10] [--out docs/bench/training_quality.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from training_section import THROUGHPUT, write_section  # noqa: E402  (bench/ is on sys.path)

from core.audio.io import read_audio  # noqa: E402
from core.audio.quality import si_sdr_np  # noqa: E402
from core.dataset.importer import import_paths  # noqa: E402
from core.dataset.project import Project  # noqa: E402
from core.listen.inference import ProcessConfig, process_array  # noqa: E402
from core.train import events as ev  # noqa: E402
from core.train.config import TrainConfig  # noqa: E402
from core.train.export import load_model  # noqa: E402
from core.train.models import count_parameters  # noqa: E402
from core.train.noise import make_noise, mix_at_snr  # noqa: E402
from core.train.trainer import Trainer  # noqa: E402
from tests.support.audiogen import speech  # noqa: E402

SR = 22050
TRAIN_VOICES = (
    "en-us",
    "en-gb",
    "en-us+f3",
    "en-gb+m3",
    "en-us+f2",
    "en-us+m7",
    "en-gb-scotland",
    "en-029+f4",
)
TEST_VOICES = ("en-gb-x-rp+f5", "en-us-nyc", "en-gb-x-gbclan+f1", "en-us+m2")
TRAIN_SENTENCES = (
    "The quick brown fox jumps over the lazy dog.",
    "Please record every take in a quiet room.",
    "A denoiser learns what speech sounds like without the noise.",
    "She sells sea shells by the sea shore on sunny days.",
    "Training runs overnight and resumes in the morning.",
    "Listen closely and compare the two versions.",
    "Every clip should be between three and ten seconds long.",
    "The microphone was placed a little too far away.",
    "Seven silver spoons lay on the wooden table by the window.",
    "My grandmother grew tomatoes, beans and tall yellow sunflowers.",
    "Could you turn the volume down a little, please?",
    "We measured the room and found the echo far too long.",
)
TEST_SENTENCES = (
    "Bright morning light poured across the quiet harbour.",
    "Nobody expected the concert to sell out in an hour.",
    "Write the numbers down before you forget them again.",
    "The old train rattled slowly over the iron bridge.",
)
TEST_NOISES = ("white", "pink", "brown", "hum", "babble")


def make_corpus(root: Path) -> tuple[Path, list[Path]]:
    train_dir = root / "speech" / "clean"
    for v, voice in enumerate(TRAIN_VOICES):
        for s, text in enumerate(TRAIN_SENTENCES):
            speech(train_dir / f"train_{v}_{s:02d}.wav", text, voice, sr=SR)
    test = []
    for v, voice in enumerate(TEST_VOICES):
        for s, text in enumerate(TEST_SENTENCES):
            test.append(speech(root / "heldout" / f"test_{v}_{s}.wav", text, voice, sr=SR))
    return train_dir, test


def noisy_test_set(paths: list[Path], seed: int = 123) -> list[dict]:
    clean = [read_audio(p)[0][:, 0] for p in paths]
    rng = np.random.default_rng(seed)
    items = []
    for i, c in enumerate(clean):
        kind = TEST_NOISES[i % len(TEST_NOISES)]
        talkers = [clean[j] for j in range(len(clean)) if j % 4 != i % 4]  # other voices
        noise = make_noise(kind, c.shape[0], SR, rng, talkers=talkers)
        snr = float(rng.uniform(0.0, 10.0))
        items.append(
            {
                "name": paths[i].stem,
                "kind": kind,
                "snr": snr,
                "clean": c,
                "noisy": mix_at_snr(c, noise, snr),
            }
        )
    return items


def evaluate(items: list[dict], process) -> dict:
    per_kind: dict[str, list[float]] = {}
    improvements = []
    for it in items:
        out = process(it["noisy"])
        imp = si_sdr_np(out, it["clean"]) - si_sdr_np(it["noisy"], it["clean"])
        improvements.append(imp)
        per_kind.setdefault(it["kind"], []).append(imp)
    return {
        "mean_improvement_db": float(np.mean(improvements)),
        "median_improvement_db": float(np.median(improvements)),
        "per_kind": {k: float(np.mean(v)) for k, v in per_kind.items()},
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=None, help="override run.workers")
    ap.add_argument("--out", default=str(ROOT / "docs/bench/training_quality.json"))
    args = ap.parse_args()
    import noisereduce

    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        train_dir, test_paths = make_corpus(root)
        project = Project.create(root / "project")
        import_paths(project, [train_dir], role="clean")
        items = noisy_test_set(test_paths)
        train_clips = len(project.clips())  # espeak duplicates are skipped by the importer
        print(
            f"corpus: {len(project.clips())} training clips, {len(items)} held-out noisy clips ({time.perf_counter() - t0:.0f} s)"
        )

        overrides = {"run.hours": args.minutes / 60, "run.epochs": 10_000, "run.device": "cpu"}
        if args.workers is not None:
            overrides["run.workers"] = args.workers
        cfg = TrainConfig.preset("speech").with_overrides(overrides)
        epochs: list[ev.EpochDone] = []
        steps = [0]

        def listener(event):
            if isinstance(event, ev.EpochDone):
                epochs.append(event)
                print(
                    f"  epoch {event.epoch + 1}: val {event.val_loss:.4f}  SI-SDR impr. {event.val_si_sdr_improvement:+.2f} dB  ({event.seconds:.0f} s)",
                    flush=True,
                )
            elif isinstance(event, ev.StepDone):
                steps[0] = event.step

        trainer = Trainer(project, cfg, project.runs_dir / "quality", listener=listener)
        t0 = time.perf_counter()
        finished = trainer.run()
        train_s = time.perf_counter() - t0
        print(
            f"training: {finished.status} after {train_s / 60:.1f} min, {len(epochs)} epochs, {steps[0]} steps"
        )

        loaded = load_model(trainer.run_dir)
        cfg = ProcessConfig(atten_limit_db=loaded.atten_limit_db)  # the model's own choice

        def enhance(x: np.ndarray) -> np.ndarray:
            return process_array(loaded.model, loaded.sample_rate, x, SR, cfg)

        ours = evaluate(items, enhance)
        nr = evaluate(items, lambda x: noisereduce.reduce_noise(y=x, sr=SR).astype(np.float32))
        nr_stat = evaluate(
            items,
            lambda x: noisereduce.reduce_noise(y=x, sr=SR, stationary=True).astype(np.float32),
        )
        inputs = [si_sdr_np(it["noisy"], it["clean"]) for it in items]

        ten_s = np.tile(items[0]["noisy"], int(np.ceil(10 * SR / len(items[0]["noisy"]))))[
            : 10 * SR
        ]
        times = []
        for _ in range(5):
            t = time.perf_counter()
            enhance(ten_s)
            times.append(time.perf_counter() - t)
        rtf = statistics.median(times) / 10.0
        nr_times = []
        for _ in range(3):
            t = time.perf_counter()
            noisereduce.reduce_noise(y=ten_s, sr=SR)
            nr_times.append(time.perf_counter() - t)

    result = {
        "minutes": args.minutes,
        "train_status": finished.status,
        "train_minutes_wall": train_s / 60,
        "epochs": len(epochs),
        "steps": steps[0],
        "train_clips": train_clips,
        "val_si_sdr_improvement": [e.val_si_sdr_improvement for e in epochs],
        "parameters": count_parameters(loaded.model),
        "config": "speech preset (spectral_mask, 22,050 Hz, 2 s segments, batch 16)",
        "input_si_sdr_mean_db": float(np.mean(inputs)),
        "model": ours,
        "noisereduce": nr,
        "noisereduce_stationary": nr_stat,
        "advantage_db": ours["mean_improvement_db"]
        - max(nr["mean_improvement_db"], nr_stat["mean_improvement_db"]),
        "model_rtf_cpu": rtf,
        "noisereduce_rtf_cpu": statistics.median(nr_times) / 10.0,
        "load_average": [load_start, os.getloadavg()[0]],
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(result, indent=1))
    print(
        f"\nSI-SDR improvement on {len(items)} held-out clips: model {ours['mean_improvement_db']:+.2f} dB, "
        f"noisereduce {nr['mean_improvement_db']:+.2f} dB (stationary "
        f"{nr_stat['mean_improvement_db']:+.2f} dB), advantage over the better {result['advantage_db']:+.2f} dB "
        f"(goal >= +3 dB); model RTF {rtf:.3f}"
    )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    write_section(quality=Path(args.out), throughput=THROUGHPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
