"""GPU checks the CPU test suite cannot make: AMP against fp32, a real CUDA OOM, throughput.

Run on a CUDA machine:

    .venv/bin/python bench/gpu_check.py [--preset speech|music]

1. builds a small espeak-ng (or synthetic) project at the preset's rate;
2. AMP: compares one batch's loss in fp32 and under autocast (bf16 where supported, else
   fp16) with Trainer.check_amp, then trains one short epoch with AMP on and reports whether
   the trainer kept it on;
3. OOM: caps the process's GPU memory (torch.cuda.set_per_process_memory_fraction), asks for
   batch 512, and checks that the trainer halves the batch on a real torch.OutOfMemoryError
   and finishes the epoch;
4. prints samples/s and peak GPU memory from the step events.
Exit code 0 when every check passed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from core.dataset.importer import import_paths  # noqa: E402
from core.dataset.project import Project  # noqa: E402
from core.train import events as ev  # noqa: E402
from core.train.config import TrainConfig  # noqa: E402
from core.train.trainer import Trainer  # noqa: E402
from tests.support.audiogen import have_espeak, speech_corpus, write  # noqa: E402
from tests.support.training import synthetic_voice  # noqa: E402


def make_project(root: Path, sr: int) -> Project:
    folder = root / "clean"
    if have_espeak():
        speech_corpus(folder, 16, sr=sr)
    else:
        folder.mkdir(parents=True)
        for i in range(16):
            write(folder / f"v{i}.wav", synthetic_voice(4.0, i, sr), sr)
    project = Project.create(root / "project")
    import_paths(project, [folder], role="clean")
    return project


def train(project, cfg, name):
    seen: list = []
    trainer = Trainer(project, cfg, project.runs_dir / name, listener=seen.append)
    finished = trainer.run()
    return trainer, finished, seen


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="speech", choices=("speech", "music"))
    ap.add_argument(
        "--memory-fraction", type=float, default=0.001, help="GPU share for the OOM check"
    )
    args = ap.parse_args()
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to check")
        return 2
    print(f"device: {torch.cuda.get_device_name(0)}, bf16 {torch.cuda.is_bf16_supported()}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        base = TrainConfig.preset(args.preset)
        project = make_project(Path(tmp), base.data.sample_rate)
        cfg = base.with_overrides(
            {"run.epochs": 1, "run.device": "cuda", "run.amp": "auto", "data.sample_clips": 1}
        )

        trainer, finished, seen = train(project, cfg, "amp")
        agree, loss32, loss_amp = trainer.check_amp()
        amp_warn = [e.message for e in seen if isinstance(e, ev.Warning) and e.kind == "amp"]
        print(
            f"AMP {trainer.optimisation.precision.dtype}: fp32 loss {loss32:.5f}, amp loss {loss_amp:.5f}, agree={agree}, "
            f"kept on={trainer.state.amp_enabled}, warnings={amp_warn}, run {finished.status}"
        )
        ok &= finished.status == "completed"
        steps = [e for e in seen if isinstance(e, ev.StepDone) and e.step_in_epoch > 1]
        if steps:
            print(
                f"throughput: {statistics.median(s.samples_per_s for s in steps):.1f} samples/s, "
                f"data wait {100 * statistics.median(s.data_wait_fraction for s in steps):.1f} %, "
                f"peak GPU memory {max(s.gpu_mem_mb or 0 for s in steps):.0f} MB"
            )

        fp32 = cfg.with_overrides({"run.amp": "off"})
        _, finished32, _ = train(project, fp32, "fp32")
        print(
            f"fp32 run: {finished32.status}, best val loss {finished32.best_val_loss:.5f} "
            f"(amp run {finished.best_val_loss:.5f})"
        )

        # A real CUDA OOM: cap this process's share of GPU memory, then ask for a big batch.
        torch.cuda.empty_cache()
        torch.cuda.set_per_process_memory_fraction(args.memory_fraction)
        huge = cfg.with_overrides(
            {"run.batch_size": 512, "data.hop_fraction": 0.05, "run.amp": "off"}
        )
        trainer, finished, seen = train(project, huge, "oom")
        torch.cuda.set_per_process_memory_fraction(1.0)
        oom = [e.message for e in seen if isinstance(e, ev.Warning) and e.kind == "oom"]
        print(
            f"OOM: {len(oom)} halvings, final batch {trainer.state.batch_size}, run {finished.status}"
        )
        for m in oom[:3]:
            print("   ", m)
        ok &= finished.status == "completed" and len(oom) >= 1
    print("ALL OK" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
