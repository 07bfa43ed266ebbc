"""Render docs/bench/training.md from the two training benchmarks' JSON results.

bench_train_quality.py writes training_quality.json and bench_train_throughput.py writes
training_throughput.json; each calls `write_section()` afterwards, so running either script
refreshes the section with its new figures and the other's last ones. Re-render without
measuring anything (the quality run takes 10 minutes):

    .venv/bin/python bench/training_section.py
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ROOT / "docs" / "bench"
SECTION = SECTIONS / "training.md"
QUALITY = SECTIONS / "training_quality.json"
THROUGHPUT = SECTIONS / "training_throughput.json"

NOISE_KINDS = ("white", "pink", "brown", "hum", "babble")
QUALITY_GOAL_DB = 3.0  # advantage over the better noisereduce setting
DATA_WAIT_GOAL = 0.05  # share of step time in next(loader), with loader workers
PRESET_WORKERS = 2  # the speech preset's run.workers; its rows are set in bold

# The scripts' short mode names → what the table says.
MODE_LABELS = {
    "on the fly (preset: noise + gain)": "on the fly (preset: noise kinds + gain)",
    "on the fly + pitch/stretch p=0.3": "on the fly + pitch shift / time stretch (p 0.3)",
    "cached (pre-generated)": "cached (pre-generated, memory-mapped)",
}


# The same modes, short, for the sentence about 0 workers.
MODE_SHORT = {
    "on the fly (preset: noise + gain)": "on the fly",
    "on the fly + pitch/stretch p=0.3": "with pitch shift / time stretch",
    "cached (pre-generated)": "cached",
}


def _para(text: str, indent: str = "") -> str:
    """Wrap prose so the Markdown source reads well too."""
    return textwrap.fill(text, 92, subsequent_indent=indent, break_on_hyphens=False)


def _db(x: float, digits: int = 1) -> str:
    return f"{x:+.{digits}f}".replace("-", "−")


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def render_quality(q: dict) -> str:
    model, nr, nr_stat = q["model"], q["noisereduce"], q["noisereduce_stationary"]
    better = nr if nr["mean_improvement_db"] >= nr_stat["mean_improvement_db"] else nr_stat
    minutes = q["minutes"]
    per_step = q["train_minutes_wall"] * 60 / max(1, q["steps"])
    rtf = q["model_rtf_cpu"]
    load0, load1 = q["load_average"]
    met = "met" if q["advantage_db"] >= QUALITY_GOAL_DB else "**not met**"

    def row(label: str, r: dict) -> str:
        cells = " | ".join(_db(r["per_kind"][k]) for k in NOISE_KINDS)
        total = _db(r["mean_improvement_db"], 2)
        if r is model or r is better:
            total = f"**{total}**"
        return f"| {label} | {cells} | {total} |"

    babble = model["per_kind"]["babble"]
    weakest = min(NOISE_KINDS, key=lambda k: model["per_kind"][k])
    # The JSON says which model was measured: the spectral mask was the speech preset until
    # issue #13 made the band GRU the default; it is `speech_small` now.
    old_preset = "spectral_mask" in q.get("config", "")
    which = "the speech preset before issue #13" if old_preset else "default speech preset"
    lines = [
        f"### Quality: {which}, {minutes:g} minutes of CPU training, vs noisereduce",
        "",
    ]
    if old_preset:
        lines += [
            _para(
                "Measured with the speech preset of that time (spectral mask, 22,050 Hz), "
                "selectable today as `--preset speech_small`. The default `speech` preset is "
                "now the band GRU (issue #13); this espeak-ng benchmark has not been run on it. "
                'Its figures on real recordings are in "Denoising real recordings, side by '
                'side" below.'
            ),
            "",
        ]
    lines += [
        _para(
            f"Script: `.venv/bin/python bench/bench_train_quality.py --minutes {minutes:g}`, "
            f"run once ({q['cpu_count']} CPU cores, load average {load0:.1f} at the start and "
            f"{load1:.1f} at the end)."
        ),
        "",
        _para(
            "- Training data: espeak-ng speech, 8 voice names × 12 sentences at 22,050 Hz; "
            "espeak's `en-gb` and `en-gb+m3` produce identical files, so the importer skips "
            f"those 12 as duplicates: {q.get('train_clips', 84)} clips, 7 distinct voices. "
            "Noise mixed on the fly by the preset (white, pink, brown, hum, babble; "
            "SNR 0–15 dB).",
            "  ",
        ),
        _para(
            "- Held-out test: 16 clips from 4 **other** voices saying 4 **other** sentences, "
            "each mixed with white, pink, brown, hum or babble (of other held-out voices) at "
            f"an SNR drawn from 0–10 dB (mean input SI-SDR {q['input_si_sdr_mean_db']:.1f} dB).",
            "  ",
        ),
        _para(
            f'- Model: `TrainConfig.preset("speech")`{" (today `speech_small`)" * old_preset} '
            f"unchanged except `run.hours = {minutes:g}/60`: {q['config']}, "
            f"{q['parameters']:,} parameters. The run ended with status `{q['train_status']}` "
            f"after {q['epochs']} epochs / {q['steps']} steps ({q['train_minutes_wall']:.1f} min "
            f"wall; ~{per_step:.1f} s per step under the load, validation included).",
            "  ",
        ),
        _para(
            "- Baseline: `noisereduce.reduce_noise(y, sr)` (defaults, non-stationary) and with "
            "`stationary=True`; the advantage is measured against the better of the two.",
            "  ",
        ),
        "",
        "| SI-SDR improvement (dB), mean over 16 held-out clips | "
        + " | ".join(NOISE_KINDS)
        + " | **all** |",
        "|---|" + "---:|" * (len(NOISE_KINDS) + 1),
        row(
            f"Wavesmith {'speech_small' if old_preset else 'speech'} preset, {minutes:g} min CPU",
            model,
        ),
        row("noisereduce (default, non-stationary)", nr),
        row("noisereduce (stationary)", nr_stat),
        "",
        _para(
            f"**Advantage: {_db(q['advantage_db'], 2)} dB** over the better noisereduce "
            f"setting (goal ≥ +{QUALITY_GOAL_DB:g} dB: {met}). "
            + (
                f"Babble is the weak spot: after {minutes:g} minutes the model barely touches "
                f"it ({_db(babble)} dB), as expected for a magnitude mask that has seen little "
                "of it."
                if weakest == "babble"
                else f"The weakest noise kind is {weakest} ({_db(model['per_kind'][weakest])} dB)."
            )
        ),
        "",
    ]
    text = (
        "Inference real-time factor on this CPU (10 s clip, median of 5, "
        f"`core.listen.inference.process_array`): **{rtf:.3f}** ({1 / rtf:.0f}× faster than real time), "
        f"noisereduce {q['noisereduce_rtf_cpu']:.3f} — both under the load above."
    )
    history = q.get("val_si_sdr_improvement")
    if history:
        best = max(range(len(history)), key=history.__getitem__)
        text += (
            f" Validation SI-SDR improvement during training rose from {_db(history[0])} dB "
            f"after epoch 1 to {_db(history[best])} dB at epoch {best + 1} (the best)."
        )
    lines.append(_para(text))
    return "\n".join(lines) + "\n"


def render_throughput(t: dict) -> str:
    rows = t["results"]
    cache = t["cache"]
    flag = f" --steps {t['steps_limit']}" if "steps_limit" in t else ""
    steps = max(r["steps"] for r in rows)
    lines = [
        "### Throughput: data pipeline vs model, on the fly and cached",
        "",
        _para(
            f"Script: `.venv/bin/python bench/bench_train_throughput.py{flag}` ({steps} steps "
            f"per run; {t['machine']}). The real `Trainer` on the speech preset (22,050 Hz, "
            "44,032-sample segments, batch 16, spectral mask) over a 24-clip espeak-ng project "
            "(`data.hop_fraction=0.1` so epochs are long enough); figures are medians over the "
            "steps of each run, excluding the first step of each epoch (loader start-up, "
            'reported separately). "Data wait" is the share of step time spent in '
            f"`next(loader)`; goal < {100 * DATA_WAIT_GOAL:g} % with loader workers."
        ),
        "",
        "| data | workers | samples/s | data wait (median) | data wait (mean) "
        "| first step of epoch | goal met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        wait = _pct(r["data_wait"])
        if r["workers"] == PRESET_WORKERS:
            wait = f"**{wait}**"
        first = _pct(r["first_step_wait"]) if r["first_step_wait"] is not None else "—"
        met = ("yes" if r["data_wait"] < DATA_WAIT_GOAL else "**no**") if r["workers"] else "—"
        lines.append(
            f"| {MODE_LABELS.get(r['mode'], r['mode'])} | {r['workers']} | "
            f"{r['samples_per_s']:.1f} | {wait} | {_pct(r['data_wait_mean'])} | {first} | {met} |"
        )

    with_workers = [r for r in rows if r["workers"] > 0]
    no_workers = {r["mode"]: r for r in rows if r["workers"] == 0}
    text = ""
    if with_workers:
        low = min(r["data_wait"] for r in with_workers)
        high = max(max(r["data_wait"], r["data_wait_mean"]) for r in with_workers)
        firsts = [r["first_step_wait"] for r in with_workers if r["first_step_wait"] is not None]
        text += (
            f"With 1 or 2 loader workers (the preset uses {PRESET_WORKERS}) the data wait is "
            f"{100 * low:.1f}–{100 * high:.1f} % in every mode "
            f"(goal < {100 * DATA_WAIT_GOAL:g} %). "
        )
    if no_workers:
        waits = ", ".join(
            f"{_pct(r['data_wait'])} {MODE_SHORT.get(m, m)}" for m, r in no_workers.items()
        )
        text += (
            "With 0 workers the examples are made in the training process between steps, so "
            f"on-the-fly data is not hidden ({waits}; pitch shift and time stretch are librosa "
            "phase vocoders); the pre-generated cache is the remedy there. "
        )
    if with_workers and firsts:
        text += (
            "The first step of each epoch waits for the freshly started workers "
            f"({100 * min(firsts):.0f}–{100 * max(firsts):.0f} %). "
        )
    text += (
        f"The cache for this project ({cache['segments']} segments × {cache['variants']} "
        f"variants) is {cache['mb']:.0f} MB"
        + (f" and took {cache['build_s']:.1f} s to build." if "build_s" in cache else ".")
    )
    lines += [
        "",
        _para(text),
        "",
        "The samples/s column is not comparable between rows: the machine is shared and its",
        "load changes during a run, so later rows may run on a quieter (or busier) machine. The",
        "data-wait fractions are the figure this benchmark is for. Earlier runs under steady heavy",
        "load (load average 7–9; one with the first preset, hop 128 and L1 + MR-STFT loss, ~4.5 s",
        "per step) gave the same picture: 0.2–1.1 % with 1–2 workers, 3.8–11 % on the fly and",
        "2.0–5.9 % cached with 0 workers, 16–35 % with pitch/stretch and 0 workers.",
    ]
    return "\n".join(lines) + "\n"


def render(quality: dict | None, throughput: dict | None) -> str:
    parts = [
        "## Training (issue #4)\n",
        "Machine for every figure below: the shared 2-core development VM (no GPU), busy with\n"
        "other engineers' builds and tests; the load average of each run is given with it.\n"
        "Absolute speeds are therefore low and noisy; ratios within one run are more meaningful.\n"
        "Raw numbers: `docs/bench/training_quality.json`, `docs/bench/training_throughput.json`.\n",
        render_quality(quality)
        if quality
        else "### Quality\n\nNot measured yet: run `bench/bench_train_quality.py`.\n",
        render_throughput(throughput)
        if throughput
        else "### Throughput\n\nNot measured yet: run `bench/bench_train_throughput.py`.\n",
        "### Not measured here\n\n"
        "GPU throughput, AMP (bf16/fp16) against fp32 and a real CUDA out-of-memory: no GPU on this\n"
        "machine. `bench/gpu_check.py` does all three on a CUDA machine (AMP loss agreement and a\n"
        "short AMP vs fp32 run, a real OOM provoked by capping the process's GPU memory, samples/s "
        "and\npeak GPU memory).\n",
    ]
    return "\n".join(parts)


def _load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def write_section(quality: Path = QUALITY, throughput: Path = THROUGHPUT) -> Path:
    SECTION.parent.mkdir(parents=True, exist_ok=True)
    SECTION.write_text(render(_load(quality), _load(throughput)))
    print(f"wrote {SECTION}")
    return SECTION


if __name__ == "__main__":
    write_section()
    sys.exit(0)
