"""A long input/target pair is prepared block by block (core.train.streamed_prep): the
arrays must be those the whole-file path makes (downmix, resampling, offset, edits,
silence skipping), and a long pair must take the streamed route."""

from __future__ import annotations

import numpy as np
import pytest

from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.train import data as train_data
from core.train.config import DataConfig
from core.train.data import prepare_pair
from core.train.streamed_prep import stream_prepared_pair
from tests.support.audiogen import write
from tests.support.training import synthetic_voice

RATE = 11025  # the files' rate; the training rate is SR 8000: both sides are resampled


def _pair(tmp_path, offset: int, edits: list):
    voice = synthetic_voice(3.0, 4, sr=RATE)
    gap = np.zeros((RATE, 1), np.float32)
    take = np.concatenate([voice, gap, voice[::-1]])
    stereo = np.concatenate([take, 0.5 * take], axis=1)  # input stereo: downmixed
    target = np.tanh(2.0 * take) * 0.5
    if offset > 0:
        target = np.concatenate([np.zeros((offset, 1), np.float32), target])
    write(tmp_path / "in" / "take.wav", stereo, RATE)
    write(tmp_path / "tgt" / "take.wav", target[: len(take) + 300], RATE)
    project = Project.create(tmp_path / "p")
    inp = import_paths(project, [tmp_path / "in"], role="input").added[0]
    tgt = import_paths(project, [tmp_path / "tgt"], role="target").added[0]
    project.set_edits(inp.id, edits)
    project.add_pair(inp.id, tgt.id, offset, 300, 1.0)
    return project, project.pairs()[0]


@pytest.mark.parametrize(
    ("offset", "edits", "skip"),
    [
        (37, [], True),
        (-53, [{"op": "gain", "db": -6.0}, {"op": "exclude", "start": 2000, "end": 9000}], True),
        (0, [{"op": "trim", "start": 500, "end": 70000}], False),
    ],
)
def test_streamed_pair_equals_the_whole_file_preparation(tmp_path, offset, edits, skip):
    project, pair = _pair(tmp_path, offset, edits)
    cfg = DataConfig(sample_rate=8000, segment_samples=1000, skip_silence=skip)
    whole = np.stack(prepare_pair(pair, cfg, None))  # short: made in memory
    path = tmp_path / "streamed.npy"
    assert stream_prepared_pair(pair, cfg, path, skip)
    streamed = np.load(path)
    assert streamed.shape == whole.shape and streamed.dtype == np.float32
    np.testing.assert_allclose(streamed, whole, rtol=0, atol=1e-6)
    if skip:  # the one-second gap went, on both sides alike
        assert whole.shape[1] < 6.6 * 8000
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".raw",) or ".tmp" in p.name]
    project.close()


def test_a_long_pair_takes_the_streamed_route_and_a_short_one_does_not(tmp_path, monkeypatch):
    project, pair = _pair(tmp_path, 37, [])
    cfg = DataConfig(sample_rate=8000, segment_samples=1000, skip_silence=True)
    whole = np.stack(prepare_pair(pair, cfg, tmp_path / "cache_short"))
    streamed = []
    real = train_data.stream_prepared_pair

    def spy(*args, **kwargs):
        streamed.append(args[0].input.name)
        return real(*args, **kwargs)

    monkeypatch.setattr(train_data, "stream_prepared_pair", spy)
    prepare_pair(pair, cfg, tmp_path / "cache_short2")
    assert streamed == []  # both sides small: held whole
    monkeypatch.setattr(train_data, "is_small", lambda frames, channels: False)
    got = prepare_pair(pair, cfg, tmp_path / "cache_long")
    assert streamed == [pair.input.name]
    assert isinstance(got[0], np.memmap)  # memory-mapped from the streamed .npy
    np.testing.assert_allclose(np.stack(got), whole, rtol=0, atol=1e-6)
    project.close()
