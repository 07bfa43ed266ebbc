"""Classifying a long recording streams it (issue #17): the file is read in blocks, windows
straddling two blocks are cut across the edge exactly where the whole-file path cuts them,
and a cancel stops it between two blocks.

The reference for the windows is the training cutter (core.train.classify.features
cut_windows on the whole signal), scored in the same batches of 64: the streamed scores must
equal it bit for bit, and the detections must equal those of the audio read whole."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import soundfile as sf
import torch

from core.audio.io import read_audio
from core.listen.classify import (
    BATCH_WINDOWS,
    ClassifyCancelled,
    classify_audio,
    classify_file,
    load_classifier,
)
from core.listen.window_scores import WindowScorer
from core.train.classify.features import cut_windows, feature_audio, log_mel_batch
from tests.support.class_folders import class_sound
from tests.support.training import untrained_classify_run

CLASSES = ("a", "b", "c", "d")


def recording(seconds_each: float, sr: int, channels: int = 1) -> np.ndarray:
    """The four classes' sounds one after the other, three times: detections change class."""
    parts = [class_sound(i % 4, seconds_each, sr, seed=i) for i in range(12)]
    x = 0.5 * np.concatenate(parts).astype(np.float32)
    return np.stack([x, 0.8 * x], axis=1) if channels == 2 else x


def whole_file_scores(clf, signal: np.ndarray, features) -> tuple[np.ndarray, np.ndarray]:
    starts, windows = cut_windows(signal, features)
    probs = []
    with torch.no_grad():
        for i in range(0, len(windows), BATCH_WINDOWS):
            feats = log_mel_batch(torch.from_numpy(windows[i : i + BATCH_WINDOWS]), features)
            probs.append(torch.softmax(clf.model(feats).float(), dim=1).numpy())
    return starts, np.concatenate(probs)


@pytest.fixture(scope="module")
def clf(tmp_path_factory):
    """An untrained model, whose answer is one class everywhere until its output biases are
    centred on the test recording: then its best class follows the sound along it."""
    clf = load_classifier(untrained_classify_run(tmp_path_factory.mktemp("run"), CLASSES))
    signal = feature_audio(recording(1.3, 16000), 16000, clf.features)
    _, probs = whole_file_scores(clf, signal, clf.features)
    with torch.no_grad():
        clf.model.head.bias -= torch.from_numpy(np.log(probs).mean(axis=0)).float()
    return clf


def test_windows_across_pieces_score_as_the_whole_signal(clf):
    features = replace(clf.features, window_hop_s=0.1)
    signal = feature_audio(recording(1.3, 16000), 16000, features)
    ref_starts, ref_probs = whole_file_scores(clf, signal, features)
    assert len(ref_starts) > 2 * BATCH_WINDOWS  # batches fill across pieces too
    got_starts, got_probs = [], []

    def keep(starts_s, probs):
        got_starts.append(starts_s)
        got_probs.append(probs)

    scorer = WindowScorer(clf.model, clf.device, features, keep)
    rng = np.random.default_rng(3)
    at = 0
    while at < len(signal):  # pieces of 1 to 9,000 samples: shorter and longer than a window
        n = int(rng.integers(1, 9000))
        scorer.feed(signal[at : at + n])
        at += n
    assert scorer.finish() == len(signal)
    starts = np.round(np.concatenate(got_starts) * features.sample_rate).astype(np.int64)
    assert np.array_equal(starts, ref_starts)  # the padded tail window included
    assert np.array_equal(np.concatenate(got_probs), ref_probs)


@pytest.mark.parametrize(("sr", "channels"), [(16000, 1), (44100, 2)])
def test_a_file_read_in_blocks_gives_the_detections_of_the_file_read_whole(
    clf, tmp_path, sr, channels
):
    path = tmp_path / f"take{sr}.wav"
    sf.write(path, recording(1.3, sr, channels), sr, subtype="FLOAT")
    # Blocks of 5,000 frames: every 0.5 s window (8,000 samples at 16 kHz) straddles an edge.
    blocks = []
    streamed = classify_file(
        clf, path, 2, 0.5, 0.2, progress=lambda done, total: blocks.append(done), block_frames=5000
    )
    audio, rate = read_audio(path)
    whole = classify_audio(clf, audio, rate, path, 2, 0.5, 0.2)
    assert len(blocks) == -(-len(audio) // 5000)  # really read in blocks
    assert len(whole.detections) >= 3  # the classes change along the file
    assert streamed.detections == whole.detections
    assert streamed.duration_s == whole.duration_s
    assert [label for label, _ in streamed.top] == [label for label, _ in whole.top]
    assert [s for _, s in streamed.top] == pytest.approx([s for _, s in whole.top], abs=1e-9)


def test_a_cancel_stops_between_two_blocks(clf, tmp_path):
    path = tmp_path / "long.wav"
    sf.write(path, recording(2.0, 16000), 16000, subtype="PCM_16")
    read: list[int] = []
    with pytest.raises(ClassifyCancelled):
        classify_file(
            clf,
            path,
            1,
            should_cancel=lambda: bool(read),  # as soon as the first block has been read
            progress=lambda done, total: read.append(done),
            block_frames=4000,
        )
    assert read == [4000]  # the second block was never read
