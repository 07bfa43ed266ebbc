"""The classify task's figures on predictions worked out by hand: top-1, top-5, macro-F1, the
per-class table, the most-confused pairs (with the windows they confused), and the report
files in the run folder."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from core.train.classify.metrics import (
    CLASSES_CSV,
    REPORT_JSON,
    Predictions,
    confused_pairs,
    confusion,
    epoch_figures,
    per_class,
    write_report,
)

# Six windows of three classes: class 0 right twice and once taken for 1; class 1 right
# twice; class 2 taken for 0 (and its second guess wrong too). Second guesses in column 1.
LABELS = np.array([0, 0, 0, 1, 1, 2])
TOP = np.array([[0, 1], [0, 2], [1, 0], [1, 0], [1, 2], [0, 1]])
SCORES = np.array([0.9, 0.8, 0.6, 0.7, 0.95, 0.5])


def test_figures_of_a_known_confusion():
    pred = Predictions(LABELS, TOP, SCORES)
    m = confusion(LABELS, pred.predicted, 3)
    assert m.tolist() == [[2, 1, 0], [0, 2, 0], [1, 0, 0]]
    table = per_class(m)
    assert table["precision"] == pytest.approx([2 / 3, 2 / 3, 0])
    assert table["recall"] == pytest.approx([2 / 3, 1, 0])
    assert table["f1"] == pytest.approx([2 / 3, 0.8, 0])
    assert table["support"].tolist() == [3, 2, 1]
    figures = epoch_figures(pred, 3)
    assert figures["val_top1"] == pytest.approx(4 / 6)
    assert figures["val_top5"] == pytest.approx(5 / 6)  # the third window's 2nd guess is right
    assert figures["val_macro_f1"] == pytest.approx((2 / 3 + 0.8 + 0) / 3)


def test_macro_f1_counts_only_classes_the_split_holds():
    # Class 3 has no window here: it neither helps nor drags the mean.
    pred = Predictions(LABELS, TOP, SCORES)
    assert epoch_figures(pred, 4)["val_macro_f1"] == pytest.approx(
        epoch_figures(pred, 3)["val_macro_f1"]
    )


def test_confused_pairs_most_first():
    labels = np.array([0, 0, 0, 1, 2, 2, 2])
    said = np.array([1, 1, 0, 1, 0, 1, 1])
    assert confused_pairs(confusion(labels, said, 3)) == [(0, 1, 2), (2, 1, 2), (2, 0, 1)]


def test_report_files(tmp_path):
    pred = Predictions(LABELS, TOP, SCORES)
    clip_ids = np.array([10, 10, 11, 20, 21, 30])
    starts = np.array([0.0, 0.5, 0.0, 0.0, 0.0, 1.5])
    write_report(tmp_path, pred, ("owl", "wren", "jay"), clip_ids, starts, epoch=4)
    report = json.loads((tmp_path / REPORT_JSON).read_text())
    assert report["epoch"] == 4 and report["windows"] == 6
    assert report["val_top1"] == pytest.approx(4 / 6)
    jay = next(r for r in report["classes"] if r["class"] == "jay")
    assert jay == {"class": "jay", "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    pairs = {(p["true"], p["predicted"]): p for p in report["confused_pairs"]}
    assert set(pairs) == {("owl", "wren"), ("jay", "owl")}
    assert pairs[("jay", "owl")]["windows"] == [{"clip_id": 30, "start_s": 1.5, "score": 0.5}]
    # The surest correct window of each class of a pair (owl: 0.9 over 0.8; wren: 0.95 over
    # 0.7); jay has none right.
    owl_wren = pairs[("owl", "wren")]
    assert owl_wren["correct_true"] == {"clip_id": 10, "start_s": 0.0, "score": 0.9}
    assert owl_wren["correct_predicted"] == {"clip_id": 21, "start_s": 0.0, "score": 0.95}
    assert pairs[("jay", "owl")]["correct_true"] is None
    rows = list(csv.DictReader((tmp_path / CLASSES_CSV).open()))
    assert [r["class"] for r in rows] == ["jay", "owl", "wren"]  # worst F1 first
    assert rows[2]["recall"] == "1.0" and rows[1]["support"] == "3"


def test_each_listed_window_names_its_nearest_correct_windows(tmp_path):
    """Given the model's embeddings, a misclassified window's nearest correct window of
    each class of its pair is the closest one (cosine), not the surest one."""
    # owl (0): windows 0, 1 right (scores 0.9, 0.8), 2 said to be wren; wren (1): 3, 4
    # right (0.7, 0.95); jay (2): 5 said to be owl.
    pred = Predictions(LABELS, TOP, SCORES)
    clip_ids = np.array([10, 10, 11, 20, 21, 30])
    starts = np.array([0.0, 0.5, 0.0, 0.0, 0.0, 1.5])
    # Window 2 lies beside owl's less sure window 1 and wren's less sure window 3.
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.1, 1, 0.2], [0, 1, 0.3], [0, 0, 1], [1, 0.1, 0]])
    asked = []

    def embed(idx):
        asked.append(list(idx))
        return vectors[idx]

    write_report(tmp_path, pred, ("owl", "wren", "jay"), clip_ids, starts, 4, embed=embed)
    report = json.loads((tmp_path / REPORT_JSON).read_text())
    pairs = {(p["true"], p["predicted"]): p for p in report["confused_pairs"]}
    (window,) = pairs[("owl", "wren")]["windows"]
    assert window["nearest_true"]["clip_id"] == 10 and window["nearest_true"]["start_s"] == 0.5
    assert window["nearest_predicted"]["clip_id"] == 20  # window 3, not the surest 4
    assert 0 <= window["nearest_true"]["distance"] < 0.05  # 1 - cos: nearly the same way
    (jay,) = pairs[("jay", "owl")]["windows"]
    assert jay["nearest_true"] is None  # jay has no correct window
    assert jay["nearest_predicted"]["start_s"] == 0.0 and jay["nearest_predicted"]["clip_id"] == 10
    # The surest ones are still there, and only the windows needed were embedded.
    assert pairs[("owl", "wren")]["correct_predicted"]["clip_id"] == 21
    assert asked == [[0, 1, 2, 3, 4, 5]] and "listed" not in pairs[("owl", "wren")]
