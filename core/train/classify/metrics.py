"""How well a classifier does on a split: the figures of every epoch and the per-class report.

Every epoch: loss, top-1 and top-5 accuracy and macro-F1 (the mean F1 over the classes the
split holds, so a rare class weighs as much as a common one). When validation improves, the
run folder gets the per-class table (precision, recall, F1, support) and the pairs confused
most often, each with a few of the windows it confused (clip, start) and the surest correct
window of each of its two classes (to listen to side by side), and, given the model's
embeddings, for each window listed the correct window of either class nearest to it (what
it was heard as, and what it should have been heard as): `classify_report.json` and
`classify_classes.csv`. Pure numpy over predictions and embeddings; no model, no files but
the report.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPORT_JSON = "classify_report.json"
CLASSES_CSV = "classify_classes.csv"
CONFUSED_PAIRS = 20  # pairs listed in the report
EXAMPLES_PER_PAIR = 10  # misclassified windows listed per pair


@dataclass(frozen=True)
class Predictions:
    """A split's windows as a model saw them."""

    labels: np.ndarray  # [N] int, the true class
    top: np.ndarray  # [N, k] int, the k highest-scoring classes, best first (k <= 5)
    scores: np.ndarray  # [N] float, the probability of top[:, 0]

    @property
    def predicted(self) -> np.ndarray:
        return self.top[:, 0]


def confusion(labels: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    """[true, predicted] counts."""
    flat = np.asarray(labels, dtype=np.int64) * classes + np.asarray(predicted, dtype=np.int64)
    return np.bincount(flat, minlength=classes * classes).reshape(classes, classes)


def per_class(matrix: np.ndarray) -> dict[str, np.ndarray]:
    """precision, recall, f1 and support of every class (0 where undefined)."""
    tp = np.diag(matrix).astype(np.float64)
    support = matrix.sum(axis=1)
    said = matrix.sum(axis=0)
    precision = np.divide(tp, said, out=np.zeros_like(tp), where=said > 0)
    recall = np.divide(tp, support, out=np.zeros_like(tp), where=support > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    return {"precision": precision, "recall": recall, "f1": f1, "support": support}


def epoch_figures(pred: Predictions, classes: int) -> dict[str, float]:
    """val_top1, val_top5 and val_macro_f1 (over the classes with support in the split)."""
    table = per_class(confusion(pred.labels, pred.predicted, classes))
    present = table["support"] > 0
    hits5 = (pred.top == pred.labels[:, None]).any(axis=1)
    return {
        "val_top1": float(np.mean(pred.predicted == pred.labels)),
        "val_top5": float(np.mean(hits5)),
        "val_macro_f1": float(table["f1"][present].mean()) if present.any() else 0.0,
    }


def confused_pairs(matrix: np.ndarray, limit: int = CONFUSED_PAIRS) -> list[tuple[int, int, int]]:
    """(true, predicted, count) of the most frequent confusions, most first."""
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    flat = np.flatnonzero(off)
    best = flat[np.argsort(-off.flat[flat], kind="stable")][:limit]
    n = matrix.shape[0]
    return [(int(i // n), int(i % n), int(off.flat[i])) for i in best]


def write_report(
    run_dir: Path,
    pred: Predictions,
    class_names: tuple[str, ...],
    clip_ids: np.ndarray,
    starts_s: np.ndarray,
    epoch: int,
    embed: Callable[[np.ndarray], np.ndarray] | None = None,
) -> Path:
    """classify_report.json (figures, per-class table, confused pairs with their windows)
    and classify_classes.csv (the table, worst F1 first), each written atomically.
    `embed(indices)` gives the model's embeddings [len(indices), D] of those windows: each
    listed window then names its nearest correct window of the pair's true class
    ("nearest_true") and of its predicted class ("nearest_predicted")."""
    n = len(class_names)
    matrix = confusion(pred.labels, pred.predicted, n)
    table = per_class(matrix)
    rows = [
        {
            "class": class_names[i],
            "precision": round(float(table["precision"][i]), 4),
            "recall": round(float(table["recall"][i]), 4),
            "f1": round(float(table["f1"][i]), 4),
            "support": int(table["support"][i]),
        }
        for i in range(n)
    ]
    right = pred.labels == pred.predicted

    def window(w: int) -> dict:
        return {
            "clip_id": int(clip_ids[w]),
            "start_s": round(float(starts_s[w]), 3),
            "score": round(float(pred.scores[w]), 4),
        }

    def correct(c: int) -> dict | None:
        # The window of class c the model is surest of and right about: what the class
        # sounds like to it, to listen to beside the windows it took for (or from) it.
        hits = np.flatnonzero(right & (pred.labels == c))
        return window(int(hits[np.argmax(pred.scores[hits])])) if len(hits) else None

    pairs = []
    for true, said, count in confused_pairs(matrix):
        where = np.flatnonzero((pred.labels == true) & (pred.predicted == said))
        pairs.append(
            {
                "true": class_names[true],
                "predicted": class_names[said],
                "count": count,
                "windows": [window(w) for w in where[:EXAMPLES_PER_PAIR]],
                "listed": where[:EXAMPLES_PER_PAIR],  # replaced below; not in the file
                "classes": (true, said),
                "correct_true": correct(true),
                "correct_predicted": correct(said),
            }
        )
    if embed is not None and pairs:
        _add_nearest(pairs, pred.labels, right, embed, window)
    for pair in pairs:
        del pair["listed"], pair["classes"]
    report = {
        "epoch": epoch,
        "windows": len(pred.labels),
        **epoch_figures(pred, n),
        "classes": rows,
        "confused_pairs": pairs,
    }
    run_dir = Path(run_dir)
    path = run_dir / REPORT_JSON
    _atomic_text(path, json.dumps(report, indent=1))
    csv_path = run_dir / CLASSES_CSV
    tmp = csv_path.with_name(csv_path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["class", "precision", "recall", "f1", "support"])
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: (r["f1"], -r["support"])))
    os.replace(tmp, csv_path)
    return path


def _add_nearest(pairs: list[dict], labels, right, embed, window) -> None:
    """Each listed window's nearest correct window (cosine distance of the embeddings) of
    the pair's two classes; the embeddings are asked for those windows only."""
    classes = sorted({c for pair in pairs for c in pair["classes"]})
    hits = {c: np.flatnonzero(right & (labels == c)) for c in classes}
    wanted = np.unique(np.concatenate([*hits.values(), *(p["listed"] for p in pairs)]))
    vectors = np.asarray(embed(wanted), dtype=np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    at = {int(w): i for i, w in enumerate(wanted)}

    def nearest(w: int, c: int) -> dict | None:
        if not len(hits[c]):
            return None
        rows = vectors[[at[int(h)] for h in hits[c]]]
        distance = 1.0 - rows @ vectors[at[w]]
        best = int(np.argmin(distance))
        return {**window(int(hits[c][best])), "distance": round(float(distance[best]), 4)}

    for pair in pairs:
        true, said = pair["classes"]
        for entry, w in zip(pair["windows"], pair["listed"], strict=True):
            entry["nearest_true"] = nearest(int(w), true)
            entry["nearest_predicted"] = nearest(int(w), said)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
