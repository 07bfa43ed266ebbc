"""The one place a clip is read with its edit list applied: for the editor's waveform, for
export and for training.

A clip is a source file (or, for what FFmpeg decodes, its lossless copy: `samples_path`)
plus an edit list. Everything that needs a clip's samples reads them here, so peaks,
export and training agree on what a clip sounds like.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.audio.decoded_cache import samples_path
from core.audio.dsp import true_runs
from core.audio.io import read_audio
from core.audio.peaks import (
    PeakPyramid,
    RawReader,
    array_reader,
    file_reader,
    load_or_build,
    pyramid_from_blocks,
)
from core.dataset.edits import NotStreamable, Timeline, render


def read_clip(clip, for_training: bool = False) -> tuple[np.ndarray, int]:
    """A clip's samples after its edit list: (frames, channels) float32 and its rate.

    `for_training` leaves out the regions marked excluded. Raises AudioReadError (naming
    the file) when the source cannot be read.
    """
    audio, sr = read_audio(samples_path(clip))
    rendered = render(audio, sr, clip.edits)
    return (rendered.for_training() if for_training else rendered.audio), sr


def clip_blocks(clip, for_training: bool = False, block: int = 1 << 18):
    """The clip after its edits as float32 (frames, channels) blocks of `block` frames,
    read from the source as they go (an hour is never held); regions marked excluded are
    left out `for_training`. None when an edit needs the whole audio (NotStreamable)."""
    reader = file_reader(samples_path(clip))
    try:
        timeline = Timeline.compile(clip.edits, clip.frames, reader, clip.sample_rate)
    except NotStreamable:
        return None

    def blocks():
        at = 0
        for piece in timeline.pieces:
            if piece.keep or not for_training:
                for b0 in range(at, at + piece.length, block):
                    yield timeline.read(reader, b0, min(at + piece.length, b0 + block))
            at += piece.length

    return blocks()


# Clips with fewer samples than this (frames x channels, ~16 MB of float32) are decoded
# whole and edited in memory on the GUI thread; longer ones load in the background.
SMALL_SAMPLES = 4_000_000


@dataclass
class ClipWaveform:
    """What the waveform view needs for one clip on its edited timeline."""

    pyramid: PeakPyramid
    reader: RawReader
    audio: np.ndarray | None  # rendered audio, when it is held in memory
    keep: np.ndarray | None  # False inside excluded regions (None: nothing excluded)
    source: np.ndarray | None  # decoded source, kept so later edits re-render without I/O
    excluded: list[tuple[int, int]] | None = None  # for streamed clips (no keep mask)

    @property
    def in_memory(self) -> bool:
        return self.audio is not None

    def excluded_runs(self) -> list[tuple[int, int]]:
        if self.keep is not None:
            return true_runs(~self.keep)
        return list(self.excluded or [])


def is_small(frames: int, channels: int) -> bool:
    return frames * channels <= SMALL_SAMPLES


def clip_waveform(
    clip,
    cache_dir: str | os.PathLike,
    source: np.ndarray | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ClipWaveform:
    """Pyramid and reader of a clip after its edit list.

    A long clip without edits is drawn from the cached on-disk pyramid of its source (the
    common case for hour-long recordings); anything edited is rendered in memory, because
    an edit list can move every sample.
    """
    # A decoded copy deleted from the cache is rebuilt first, with the same progress.
    path = samples_path(clip, progress, should_cancel)
    if not is_small(clip.frames, clip.channels):
        src_reader = file_reader(path)
        if not clip.edits:
            pyramid = load_or_build(path, cache_dir, clip.audio_key, progress, should_cancel)
            return ClipWaveform(pyramid, src_reader, None, None, None)
        try:
            timeline = Timeline.compile(clip.edits, clip.frames, src_reader, clip.sample_rate)
        except NotStreamable:
            timeline = None  # rendered whole below
        if timeline is not None:
            # Cuts and gains are applied as blocks are read: the edited hour is never
            # held in memory, only its pyramid.
            def read(start: int, stop: int) -> np.ndarray:
                return timeline.read(src_reader, start, stop)

            pyramid = pyramid_from_blocks(
                read, timeline.frames, clip.channels, clip.sample_rate, progress, should_cancel
            )
            return ClipWaveform(pyramid, read, None, None, None, timeline.excluded_runs())
    if source is None:
        source, _ = read_audio(path)
    rendered = render(source, clip.sample_rate, clip.edits)
    keep = None if rendered.keep.all() else rendered.keep
    pyramid = PeakPyramid.from_array(rendered.audio, clip.sample_rate)
    return ClipWaveform(pyramid, array_reader(rendered.audio), rendered.audio, keep, source)
