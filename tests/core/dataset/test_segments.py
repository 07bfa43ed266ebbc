"""core.dataset.segments: counting segments per clip agrees with the trainer's index."""

from __future__ import annotations

import pytest

from core.dataset.segments import segment_index, segments_per_clip


@pytest.mark.parametrize(("segment", "hop"), [(400, 400), (400, 100), (4096, 2048), (7, 3)])
def test_count_per_clip_matches_the_index(segment, hop):
    lengths = [0, 1, segment - 1, segment, segment + 1, 3 * segment + 5, 10_000]
    index = segment_index(lengths, segment, hop)
    assert len(index) == sum(segments_per_clip(n, segment, hop) for n in lengths)
    for k, n in enumerate(lengths):
        assert (index[:, 0] == k).sum() == segments_per_clip(n, segment, hop)


def test_short_clips_give_one_padded_segment_and_empty_ones_none():
    assert segments_per_clip(0, 400, 400) == 0
    assert segments_per_clip(250, 400, 400) == 1
    assert segments_per_clip(1000, 400, 400) == 2  # starts 0 and 400; 800 would run past
