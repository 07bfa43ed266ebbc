"""bench_classify_real.py's second experiment: spoken numbers recognised in a voice the model
never heard.

Debian ships a second speaker for three languages of the Asterisk prompts, as 8 kHz GSM
(`asterisk-prompt-fr-armelle`, `asterisk-prompt-it-menardi`, `asterisk-prompt-es-co`), beside
the 16 kHz G.722 voices of asterisk-core-sounds-*. The classes are the numbers 0 to 20 (the
`digits/` prompts every package has), whatever the language: "sept", "sette" and "siete" are
all class 7. Training: one speaker per language (fr_CA June, it_IT Carlo, es_MX Allison),
three takes of each number; en_US Allison's numbers are the validation split, a monitor
only (`by_speaker`): the run has an epoch budget and its last model is scored. Test: the other
speaker of each language (Armelle, Menardi, the Colombian voice), none of whose recordings is
ever trained on, read straight from /usr/share by `wavesmith classify`'s code
(core.listen.classify, through core.audio's FFmpeg decoding of GSM).

The training files are byte copies of the G.722 prompts in a class-folder tree, imported by
the app's import (which decodes G.722 through core.audio). The features run at 8 kHz, the
test voices' rate: a 16 kHz model would see the G.722 voices' 4-7 kHz band in training and
nothing there in test, and learn the recording chain instead of the word.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np

SOUNDS = Path("/usr/share/asterisk/sounds")
# language -> (the speaker trained on: core sounds, G.722), (the speaker held out: GSM)
LANGUAGES = {
    "fr": ("fr_CA_f_June", "fr"),
    "it": ("it_IT_m_Carlo", "it_IT_f_Menardi"),
    "es": ("es_MX_f_Allison", "es"),
}
EXTRA_TRAIN = ("en_US_f_Allison",)  # the validation takes (see by_speaker)
HELD_OUT_NAMES = {"fr": "fr Armelle", "it": "it_IT Menardi", "es": "es_CO"}
PACKAGES = {
    "fr": "asterisk-prompt-fr-armelle",
    "it": "asterisk-prompt-it-menardi",
    "es": "asterisk-prompt-es-co",
}
WORDS = tuple(str(n) for n in range(21))  # digits/0 .. digits/20


def missing() -> list[str]:
    """Packages (or voices) this experiment needs that are not installed here."""
    out = []
    for lang, (trained, held) in LANGUAGES.items():
        if not (SOUNDS / trained / "digits" / "7.g722").exists():
            out.append(f"asterisk-core-sounds-{lang}-g722")
        if not (SOUNDS / held / "digits" / "7.gsm").exists():
            out.append(PACKAGES[lang])
    return out


def training_tree(dest: Path) -> int:
    """dest/<number>/<voice>.g722: byte copies of each training voice's digits/ prompts."""
    n = 0
    for voice in [t for t, _ in LANGUAGES.values()] + list(EXTRA_TRAIN):
        for word in WORDS:
            src = SOUNDS / voice / "digits" / f"{word}.g722"
            if src.exists():
                (dest / word).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest / word / f"{voice}.g722")
                n += 1
    return n


def test_files() -> list[tuple[str, str, Path]]:
    """(language, number, file) of the held-out speakers."""
    out = []
    for lang, (_trained, held) in LANGUAGES.items():
        for word in WORDS:
            path = SOUNDS / held / "digits" / f"{word}.gsm"
            if path.exists():
                out.append((lang, word, path))
    return out


def by_speaker(project) -> None:
    """The experiment's split is by speaker, not the project's stratified one (which would
    send one take of each number to validation, and with it the only take of that word in
    its language): every take of the three training voices trains; en_US Allison's takes
    are the validation split the trainer asks for, a monitor only (English words the model
    never hears), so training runs its epoch budget and its last model is scored."""
    conn = project.connection()
    with conn:
        conn.execute("UPDATE clips SET split = 'train'")
        for voice in EXTRA_TRAIN:
            conn.execute("UPDATE clips SET split = 'val' WHERE name LIKE ?", (f"{voice}%",))


def config(epochs: int):
    from core.train.config import TrainConfig

    return TrainConfig.preset("speech", "classify").with_overrides(
        {
            # The phone band of the held-out voices: 25 ms windows, 10 ms hop at 8 kHz.
            "classify.features.sample_rate": 8000,
            "classify.features.n_fft": 256,
            "classify.features.win_length": 200,
            "classify.features.hop_length": 80,
            "classify.features.n_mels": 40,
            "classify.features.window_s": 1.0,
            "classify.features.window_hop_s": 0.25,
            "classify.variants": 10,  # a few takes a class: pitch, stretch, gain, masks
            "classify.max_per_class": 0,
            # 63 training files give 3 steps an epoch: the preset's 200 warm-up steps and
            # 6 epochs of patience would stop it before it learnt anything.
            "optim.warmup_steps": 30,
            "optim.early_stop_patience": 0,  # the epoch budget (see by_speaker)
            "run.epochs": epochs,
            "run.device": "cpu",
            "run.workers": 0,
            "run.seed": 0,
        }
    )


def run(epochs: int, figures, cache_and_train) -> dict:
    """Train on the training voices, classify the held-out ones; `figures` and
    `cache_and_train` are bench_classify_real's."""
    import tempfile

    from core.dataset.importer import import_paths
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project
    from core.listen.classify import classify_paths, load_classifier

    root = Path(tempfile.mkdtemp(prefix="bench_classify_speakers_"))
    copied = training_tree(root / "numbers")
    project = Project.create(root / "project")
    t0 = time.perf_counter()
    report = import_paths(project, [root / "numbers"], labels_from_folders=True)
    import_s = time.perf_counter() - t0
    by_speaker(project)
    clips = labelled_clips(project)
    run_dir = project.runs_dir / "numbers"
    finished, cache_s, train_s = cache_and_train(project, clips, config(epochs), run_dir)
    # The last epoch's model: no checkpoint is chosen by a validation take (see by_speaker).
    clf = load_classifier(run_dir / "checkpoints" / "latest.pt")
    tests = test_files()
    t0 = time.perf_counter()
    scored = classify_paths(clf, [p for _, _, p in tests], top_k=3)
    classify_s = time.perf_counter() - t0
    assert not scored.failed, scored.failed
    classes = list(clf.classes)
    index = {c: i for i, c in enumerate(classes)}
    labels = np.array([index[w] for _, w, _ in tests])
    predicted = np.array([index[r.top[0][0]] for r in scored.results])
    top3 = np.array(
        [
            index[w] in [index[c] for c, _ in r.top]
            for (_, w, _), r in zip(tests, scored.results, strict=True)
        ]
    )
    langs = np.array([lang for lang, _, _ in tests])
    per_voice = {
        HELD_OUT_NAMES[lang]: float(np.mean(labels[langs == lang] == predicted[langs == lang]))
        for lang in LANGUAGES
    }
    splits = {s: sum(1 for c in clips if c.split == s) for s in ("train", "val", "test")}
    return {
        "classes": classes,
        "train_files": copied,
        "rejected": len(report.rejected),
        "splits": splits,
        "test_files": len(tests),
        "epochs": epochs,
        "status": finished.status,
        "top3": float(top3.mean()),
        "per_voice": per_voice,
        "file": figures(labels, predicted, len(classes)),
        "seconds": {"import": import_s, "cache": cache_s, "train": train_s, "classify": classify_s},
        "load": os.getloadavg(),
    }


def section(r: dict, reflow) -> str:
    n = len(r["classes"])
    f = r["file"]
    lines = [
        "### Numbers in a voice never trained on (`bench_classify_real.py --experiment speakers`)",
        "",
        reflow(
            f"The numbers 0 to 20 as {n} classes, whatever the language. Trained on the "
            "digits/ prompts of fr_CA June, it_IT Carlo and es_MX Allison (16 kHz G.722, "
            f"asterisk-core-sounds-*): {r['splits']['train']} files, three takes of each "
            "number, each training window with 10 cached variants (pitch, stretch, gain, "
            f"SpecAugment); en_US Allison's {r['splits']['val']} numbers are the validation "
            "split, a monitor only: the split is by speaker, the run has an epoch budget "
            "(no early stop, no checkpoint chosen by validation) and its last model is scored. "
            "Tested on the other speaker of each language, never trained on: Armelle "
            "(asterisk-prompt-fr-armelle), Menardi (asterisk-prompt-it-menardi) and the "
            f"Colombian voice (asterisk-prompt-es-co), {r['test_files']} files of 8 kHz GSM read "
            "by `wavesmith classify`'s code (a file's windows averaged). Features at 8 kHz "
            "(40 mel bands, 1 s windows, 0.25 s hop) so that training and test share the "
            f"phone band; cnn_small, {r['epochs']} epochs ({r['status']}), seed 0, CPU."
        ),
        "",
        reflow(
            "**What this shows.** A held-out speaker with three takes of each number to "
            "learn from, one per training voice and each in its own language: few-shot word "
            "recognition across speakers, languages and recording chains (G.722 studio "
            "prompts against GSM phone prompts). It is a hard test, and small: one file "
            "per number per held-out voice, so each per-class figure rests on three files."
        ),
        "",
        "| held-out voices | top-1 | top-3 | macro-F1 | chance (1/classes) |",
        "|---|---:|---:|---:|---:|",
        f"| all three ({r['test_files']} files) | {f['top1']:.3f} | {r['top3']:.3f} | "
        f"{f['macro_f1']:.3f} | {1 / n:.3f} |",
    ]
    for voice, acc in r["per_voice"].items():
        lines.append(f"| {voice} | {acc:.3f} | | | |")
    lines += [
        "",
        "Per class, held-out files (3 a class: one per held-out voice):",
        "",
        "| class | precision | recall | F1 | support |",
        "|---|---:|---:|---:|---:|",
    ]
    t = f["table"]
    order = sorted(range(n), key=lambda i: int(r["classes"][i]))
    for i in order:
        lines.append(
            f"| {r['classes'][i]} | {t['precision'][i]:.3f} | {t['recall'][i]:.3f} | "
            f"{t['f1'][i]:.3f} | {int(t['support'][i])} |"
        )
    s = r["seconds"]
    lines += [
        "",
        reflow(
            f"Times (load average {r['load'][0]:.1f} / {r['load'][1]:.1f} / {r['load'][2]:.1f} "
            f"at the end, nice 10, shared 2-core machine): import {s['import']:.0f} s, feature "
            f"cache {s['cache']:.0f} s, training {s['train']:.0f} s, classifying the held-out "
            f"files {s['classify']:.0f} s. One run, one seed."
        ),
    ]
    return "\n".join(lines) + "\n"
