"""The classify task on real recordings: which voice speaks a prompt it never heard.

The real labelled audio on these machines is Debian's Asterisk prompts
(asterisk-core-sounds-*-g722): several hundred phone prompts (sentences, digits, letters,
the phonetic alphabet) per package, and **one speaker per package**. So no test here can
hold out a speaker of a class: a class that is a word ("seven") has one take per language,
and "seven" in another language is another word. What these recordings can test honestly:

    classes = the voices (en_US_f_Allison, es_MX_f_Allison, fr_CA_f_June, it_IT_m_Carlo,
    ru_RU_f_IvrvoiceRU: language and speaker at once), trained on some prompts of each,
    tested on prompts the model never heard (the project's own test split).

It shows that the whole path (class-folder import, splits by recording, the feature cache,
cnn_small, the balanced loop) learns real speech; it does not show generalisation to a new
speaker, and it cannot tell whether the model learnt the language or the voice (they are
the same thing per class). The two "Allison" folders may be one voice talent in two
languages: their confusions are the closest thing here to language identification within
one voice.

The class-folder tree is built in a temp folder from decoded copies (16 kHz PCM WAV, the
/usr/share files are only read); silence/ and tones (beeps) are left out, they are no
one's voice. Training has an epoch budget (deterministic on CPU, seed 0), not a time budget.
The test split is scored per window and per file (the file's window probabilities
averaged, as `wavesmith classify` does).

    nice -n 10 .venv/bin/python bench/bench_classify_real.py [--epochs 6] [--no-write]
        [--experiment voices|speakers|both]

A second experiment (bench/classify_speakers.py, `--experiment speakers`) does hold out
speakers: the numbers 0-20 as classes, trained on one speaker per language and tested on
the other speaker of that language, from the GSM prompt packages Debian also ships.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import classify_speakers as speakers  # noqa: E402
import real_corpus as rc  # noqa: E402
from _report import reflow, save_section  # noqa: E402

SECTION = Path(__file__).resolve().parents[1] / "docs" / "bench" / "classify_real.md"
JSON_NAMES = {"voices": "classify_real.json", "speakers": "classify_real_speakers.json"}
# Not a voice: silence/ and the beeps and two-tone signals every package has (but not
# at-tone-time-exactly, which is speech).
NOT_A_VOICE = rc.NOT_SPEECH  # the corpus's rule (rc.prompts leaves these out already)
MIN_SECONDS = 0.5  # shorter prompts are mostly their silences


def installed_voices() -> list[str]:
    """The G.722 Asterisk voices installed here (asterisk-core-sounds-*), in a fixed order;
    not the GSM prompt packages (fr/, es/, it_IT_f_Menardi/: classify_speakers' test voices)
    nor their alternatives' links."""
    if not rc.SOUNDS.is_dir():
        return []
    return sorted(
        p.name
        for p in rc.SOUNDS.iterdir()
        if p.is_dir() and not p.is_symlink() and next(p.rglob("*.g722"), None) is not None
    )


def build_class_tree(dest: Path, voices: list[str], limit: int | None = None) -> dict[str, int]:
    """dest/<voice>/<prompt>.wav for every speech prompt of each voice (decoded copies at
    16 kHz; prompts in sub-folders get their folder in the name: digits__7.wav; files that
    do not decode are skipped). Returns the files written per class. `limit`: at most this many prompts per voice (tests)."""
    from core.audio.io import write_audio
    from core.audio.media_probe import DecodeError

    counts = {}
    for voice in voices:
        written = 0
        for prompt in rc.prompts(voice):  # silence, beeps and tones already left out
            try:
                audio = rc.read_g722(prompt.path)
            except DecodeError:  # ru_RU ships an empty is.g722
                continue
            if audio.shape[0] < MIN_SECONDS * rc.SPEECH_SR:
                continue
            path = dest / voice / f"{prompt.name.replace('/', '__')}.wav"
            write_audio(path, audio[:, None], rc.SPEECH_SR, "PCM_16")
            written += 1
            if limit is not None and written >= limit:
                break
        counts[voice] = written
    return counts


def score_test(run_dir: Path, split) -> dict:
    """Per-window and per-file predictions of the run's best model on a FeatureSplit."""
    import torch

    from core.listen.classify import load_classifier

    clf = load_classifier(run_dir)
    keep = np.flatnonzero((split.labels >= 0) & (split.variants == 0))
    probs = []
    with torch.no_grad():
        for s in range(0, len(keep), 64):
            x = torch.from_numpy(np.asarray(split.features[keep[s : s + 64]], dtype=np.float32))
            probs.append(torch.softmax(clf.model(x).float(), dim=1).numpy())
    probs = np.concatenate(probs)
    labels, clips = split.labels[keep], split.clip_ids[keep]
    files = np.unique(clips)
    file_probs = np.stack([probs[clips == c].mean(axis=0) for c in files])
    file_labels = np.array([labels[clips == c][0] for c in files])
    return {
        "window": (labels, probs.argmax(axis=1)),
        "file": (file_labels, file_probs.argmax(axis=1)),
    }


def figures(labels: np.ndarray, predicted: np.ndarray, classes: int) -> dict:
    from core.train.classify.metrics import confusion, per_class

    matrix = confusion(labels, predicted, classes)
    table = per_class(matrix)
    present = table["support"] > 0
    return {
        "top1": float(np.mean(labels == predicted)),
        "macro_f1": float(table["f1"][present].mean()),
        "majority": float(np.bincount(labels, minlength=classes).max() / len(labels)),
        "table": {k: v.tolist() for k, v in table.items()},
        "confusion": matrix.tolist(),
    }


def run(epochs: int, max_per_class: int, voices: list[str]) -> dict:
    from core.dataset.importer import import_paths
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project
    from core.train.classify.feature_cache_read import load_feature_splits
    from core.train.config import TrainConfig

    root = Path(tempfile.mkdtemp(prefix="bench_classify_real_"))
    t0 = time.perf_counter()
    files = build_class_tree(root / "classes", voices)
    decode_s = time.perf_counter() - t0
    copies = duplicate_files(root / "classes")
    project = Project.create(root / "project")
    t0 = time.perf_counter()
    report = import_paths(project, [root / "classes"], labels_from_folders=True)
    import_s = time.perf_counter() - t0
    config = TrainConfig.preset("speech", "classify").with_overrides(
        {
            "classify.variants": 2,  # gain, SpecAugment; no pitch/stretch (the cost of a build)
            "classify.augment.pitch_prob": 0.0,
            "classify.augment.stretch_prob": 0.0,
            "classify.max_per_class": max_per_class,
            "run.epochs": epochs,
            "run.device": "cpu",
            "run.workers": 0,
            "run.seed": 0,
        }
    )
    clips = labelled_clips(project)
    run_dir = project.runs_dir / "voices"
    finished, cache_s, train_s = cache_and_train(project, clips, config, run_dir)
    splits = load_feature_splits(project, clips, config)
    classes = splits["test"].classes
    split_files = {
        name: {c: int(np.unique(s.clip_ids[s.labels == i]).size) for i, c in enumerate(classes)}
        for name, s in splits.items()
    }
    scored = score_test(run_dir, splits["test"])
    return {
        "classes": list(classes),
        "files": files,
        "rejected": len(report.rejected),
        "duplicates": copies,
        "split_files": split_files,
        "train_files_all": split_clips(clips, "train"),
        "train_windows": int(np.sum(splits["train"].variants == 0)),
        "status": finished.status,
        "epochs": epochs,
        "max_per_class": max_per_class,
        "seconds": {"decode": decode_s, "import": import_s, "cache": cache_s, "train": train_s},
        "load": os.getloadavg(),
        "window": figures(*scored["window"], len(classes)),
        "file": figures(*scored["file"], len(classes)),
    }


def cache_and_train(project, clips, config, run_dir: Path):
    """The feature cache built in this process, then a run: (its end, cache s, train s)."""
    from core.train.classify.feature_cache import build_feature_cache
    from core.train.trainer import Trainer

    t0 = time.perf_counter()
    build_feature_cache(project, clips, config, workers=0)
    cache_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    finished = Trainer(project, config, run_dir).run()
    return finished, cache_s, time.perf_counter() - t0


def duplicate_files(tree: Path) -> int:
    """Files of the tree whose bytes equal another's (a prompt shipped under two names
    would put one recording in two splits)."""
    import hashlib

    seen: dict[str, int] = {}
    for path in sorted(tree.rglob("*.wav")):
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
    return sum(n - 1 for n in seen.values())


def split_clips(clips, split: str) -> dict[str, int]:
    """Files per class in one of the project's splits (before max_per_class)."""
    counts: dict[str, int] = {}
    for c in clips:
        if c.split == split:
            counts[c.label] = counts.get(c.label, 0) + 1
    return counts


def section(r: dict) -> str:
    classes, n = r["classes"], len(r["classes"])
    w, f = r["window"], r["file"]
    sf = r["split_files"]
    lines = [
        "## Classify on real recordings: whose voice is this prompt? (`bench_classify_real.py`)",
        "",
        reflow(
            f"`bench/bench_classify_real.py`: the Asterisk prompt packages installed here "
            f"({n} voices, one speaker per language) as {n} classes, imported as class "
            "folders; the project's own splits (by recording) give "
            f"{sum(r['train_files_all'].values())} training, {sum(sf['val'].values())} "
            f"validation and {sum(sf['test'].values())} test prompts. cnn_small, default "
            f"log-mel features (1 s windows, 0.5 s hop), {r['epochs']} epochs, weighted "
            f"balancing, at most {r['max_per_class']} training windows per class (the cache's "
            "max_per_class, spread over the prompts: "
            f"{sum(sf['train'].values())} prompts train) plus 2 cached variants of each (gain, "
            "SpecAugment), seed 0, CPU. Scored on the test prompts, which the model never "
            f"heard ({r.get('duplicates', 0)} of the decoded prompts are byte-identical copies "
            "of another)."
        ),
        "",
        reflow(
            "**What this shows and what it does not.** Each package is one speaker, so a "
            "class is a language and a voice at once: the figure says the import, splits, "
            "feature cache and training learn real speech and recognise a known voice in "
            "sentences it did not hear. It does not show recognition of a speaker not "
            "trained on (no G.722 package has a second speaker: the next experiment holds "
            "speakers out with the GSM prompt packages), and it cannot separate language "
            "from voice. The "
            "two Allison folders (en_US, es_MX) may be one voice talent: their confusions "
            "are the nearest thing here to telling two languages apart in one voice. Each package was "
            "also recorded and processed on its own, so the recording chain is a cue too: a "
            "high figure is expected and says little about a harder collection."
        ),
        "",
        "| scored per | top-1 | macro-F1 | chance (1/classes) | majority class |",
        "|---|---:|---:|---:|---:|",
        f"| test file (windows averaged) | {f['top1']:.3f} | {f['macro_f1']:.3f} | "
        f"{1 / n:.3f} | {f['majority']:.3f} |",
        f"| test window (1 s) | {w['top1']:.3f} | {w['macro_f1']:.3f} | {1 / n:.3f} | "
        f"{w['majority']:.3f} |",
        "",
        "Per class, test files:",
        "",
        "| class | precision | recall | F1 | support (test files) | train files (in the cap) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    t = f["table"]
    for i, c in enumerate(classes):
        lines.append(
            f"| {c} | {t['precision'][i]:.3f} | {t['recall'][i]:.3f} | {t['f1'][i]:.3f} | "
            f"{int(t['support'][i])} | {r['train_files_all'].get(c, 0)} ({sf['train'][c]}) |"
        )
    lines += ["", "Confusions, test files (rows: true class, columns: predicted):", ""]
    lines.append("| true \\ predicted | " + " | ".join(classes) + " |")
    lines.append("|---|" + "---:|" * n)
    for i, c in enumerate(classes):
        lines.append(f"| {c} | " + " | ".join(str(v) for v in f["confusion"][i]) + " |")
    s = r["seconds"]
    lines += [
        "",
        reflow(
            f"Times (load average {r['load'][0]:.1f} / {r['load'][1]:.1f} / {r['load'][2]:.1f} "
            f"at the end, nice 10, shared 2-core machine): decoding {s['decode']:.0f} s, "
            f"import {s['import']:.0f} s, feature cache {s['cache']:.0f} s, training "
            f"{s['train']:.0f} s ({r['status']}). One run, one seed: read the accuracy as a "
            "figure with a few points of noise, not a ranking."
        ),
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"  # reflow ends its own line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--max-per-class", type=int, default=300)
    parser.add_argument("--voices", nargs="+", default=None, help="default: every installed one")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--experiment",
        choices=("voices", "speakers", "both"),
        default="both",
        help="voices as classes; numbers in held-out speakers (classify_speakers); both",
    )
    parser.add_argument("--speaker-epochs", type=int, default=80)
    args = parser.parse_args()
    voices = args.voices or installed_voices()
    results = {}
    for name in ("voices", "speakers"):  # the one not run is read back from its JSON
        stored = SECTION.with_name(JSON_NAMES[name])
        if args.experiment in (name, "both"):
            if name == "voices" and len(voices) < 2:
                print(f"needs two Asterisk voices under {rc.SOUNDS}; apt-get install "
                      f"{rc.PACKAGES[rc.OWN_VOICE]}")  # fmt: skip
                return 1
            if name == "speakers" and speakers.missing():
                print("needs apt-get install " + " ".join(speakers.missing()))
                return 1
            results[name] = (
                run(args.epochs, args.max_per_class, voices)
                if name == "voices"
                else speakers.run(args.speaker_epochs, figures, cache_and_train)
            )
            if not args.no_write:
                stored.write_text(json.dumps(results[name], indent=1))
        elif stored.exists():
            results[name] = json.loads(stored.read_text())
    text = section(results["voices"]) if "voices" in results else ""
    if "speakers" in results:
        text += "\n" + speakers.section(results["speakers"], reflow)
    print(text)
    if not args.no_write:
        save_section(SECTION, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
