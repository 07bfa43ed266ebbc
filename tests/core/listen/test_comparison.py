"""core.listen.comparison.compare_files: a processed file against its original, brought to one
rate, channel count and length (what the Listen tab plays as A and B)."""

from __future__ import annotations

import numpy as np
import pytest

from core.audio.io import AudioReadError
from core.listen.comparison import compare_files
from tests.support.audiogen import sine, write


def test_the_original_is_resampled_matched_and_fitted_to_the_processed_file(tmp_path):
    processed = write(tmp_path / "p.wav", sine(300, 1.0, 16000, amp=0.1, channels=2), 16000)
    original = write(tmp_path / "o.wav", sine(300, 0.5, 8000, amp=0.3), 8000)
    c = compare_files(processed, original)
    assert c.sample_rate == 16000 and c.processed.shape == (16000, 2)
    assert c.original.shape == c.processed.shape  # upsampled, made stereo, zero-padded
    assert np.all(c.original[8200:] == 0) and np.abs(c.original[:7000]).max() > 0.25
    assert c.result.input == str(original) and c.model_name == "p.wav"
    assert c.match_gains[0] < 1.0 and c.match_gains[1] == 1.0  # A is louder: turned down


def test_without_an_original_the_processed_file_is_both_sides(tmp_path):
    processed = write(tmp_path / "p.wav", sine(300, 0.3, 8000), 8000)
    c = compare_files(processed)
    np.testing.assert_array_equal(c.original, c.processed)


def test_an_unreadable_file_is_named(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF nope")
    with pytest.raises(AudioReadError, match="bad.wav"):
        compare_files(bad)
