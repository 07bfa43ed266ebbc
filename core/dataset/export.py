"""Rendering edited clips to new files; the sources are only ever read.

Two exports:
- `export_clip(s)`: each clip's edit list applied, then converted to the chosen sample
  rate, bit depth and channel layout.
- `export_sliced`: what RVC/Applio voice-cloning users want: mono clips of 3–10 s at
  32/40/48 kHz, cut inside silences and peak-normalized, excluded regions left out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.audio import dsp
from core.audio.decoded_cache import samples_path
from core.audio.io import WRITE_SUBTYPES, match_channels, read_audio, resample, write_audio
from core.audio.peaks import file_reader
from core.dataset.clip_audio import is_small, read_clip
from core.dataset.edits import NotStreamable, Timeline, render
from core.disk import atomic_output, output_folder
from core.messages import QT_TRANSLATE_NOOP, Message, message_of

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class ExportCancelled(Exception):
    pass


@dataclass
class ExportOptions:
    sample_rate: int | None = None  # None keeps each clip's own rate
    subtype: str = "PCM_16"  # sample encoding, one of audio_io.WRITE_SUBTYPES
    channels: str = "keep"  # "keep", "mono" or "stereo"
    format: str = "wav"  # "wav" or "flac"
    for_training: bool = False  # drop excluded regions, as the trainer will

    def __post_init__(self) -> None:
        if self.sample_rate is not None and not 8000 <= self.sample_rate <= 384000:
            raise ValueError(f"sample rate {self.sample_rate} Hz is outside 8000..384000")
        if self.subtype not in WRITE_SUBTYPES:
            raise ValueError(f"unknown bit depth {self.subtype!r}; choose {sorted(WRITE_SUBTYPES)}")
        if self.channels not in ("keep", "mono", "stereo"):
            raise ValueError(f"channels must be keep, mono or stereo, not {self.channels!r}")
        if self.format not in ("wav", "flac"):
            raise ValueError(f"format must be wav or flac, not {self.format!r}")
        if self.format == "flac" and self.subtype not in ("PCM_16", "PCM_24"):
            raise ValueError(f"FLAC cannot store {WRITE_SUBTYPES[self.subtype]} samples")


@dataclass
class SliceOptions:
    sample_rate: int = 40000  # RVC trains at 32, 40 or 48 kHz
    min_seconds: float = 3.0  # shorter pieces are dropped
    max_seconds: float = 10.0  # longer stretches are cut at their quietest point
    silence: dsp.SilenceRule = dsp.SilenceRule()  # the silences that are cut points
    peak_dbfs: float = -1.0  # each slice is peak-normalized to this
    subtype: str = "PCM_16"

    def __post_init__(self) -> None:
        if self.sample_rate not in (32000, 40000, 48000):
            raise ValueError("sliced export rate must be 32000, 40000 or 48000 Hz")
        if not 0 < self.min_seconds < self.max_seconds:
            raise ValueError("need 0 < min_seconds < max_seconds")
        if self.peak_dbfs > 0:
            raise ValueError("peak target must be at or below 0 dBFS")
        if self.subtype not in WRITE_SUBTYPES:
            raise ValueError(f"unknown bit depth {self.subtype!r}")


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (clip name, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def convert(audio: np.ndarray, sr: int, options: ExportOptions) -> tuple[np.ndarray, int]:
    out_sr = options.sample_rate or sr
    out = resample(audio, sr, out_sr)
    if options.channels == "mono":
        out = match_channels(out, 1)
    elif options.channels == "stereo":
        out = match_channels(out, 2)
    return out, out_sr


def safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.\-]+", "_", name).strip("._")
    return cleaned or "clip"


def export_clip(clip, out_path: str | Path, options: ExportOptions | None = None) -> Path:
    options = options or ExportOptions()
    if not is_small(clip.frames, clip.channels):
        streamed = _export_streamed(clip, Path(out_path), options)
        if streamed is not None:
            return streamed
    audio, sr = read_clip(clip, options.for_training)
    out, out_sr = convert(audio, sr, options)
    return write_audio(out_path, out, out_sr, options.subtype)


STREAM_BLOCK = 1 << 20  # frames per block when a long clip is exported without decoding it whole


def _export_streamed(clip, out_path: Path, options: ExportOptions) -> Path | None:
    """Export a long clip block by block through its Timeline; None if the edit list
    needs the whole audio (then the caller renders it in memory).

    Resampling uses soxr's streaming resampler, which carries its filter state across
    blocks, so the result matches a whole-file resample to within the filter's precision.
    """
    import soundfile as sf
    import soxr

    try:
        timeline = Timeline.compile(
            clip.edits, clip.frames, file_reader(samples_path(clip)), clip.sample_rate
        )
    except NotStreamable:
        return None
    channels = {"mono": 1, "stereo": 2}.get(options.channels, clip.channels)
    out_sr = options.sample_rate or clip.sample_rate
    fmt = {"wav": "WAV", "flac": "FLAC"}[options.format]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    stream = (
        soxr.ResampleStream(clip.sample_rate, out_sr, channels, dtype="float32", quality="HQ")
        if out_sr != clip.sample_rate
        else None
    )
    src = file_reader(samples_path(clip))
    # Excluded pieces are skipped when exporting for training, as the trainer does.
    spans, at = [], 0
    for piece in timeline.pieces:
        if piece.keep or not options.for_training:
            spans.append((at, at + piece.length))
        at += piece.length
    with (
        atomic_output(out_path) as tmp,
        sf.SoundFile(str(tmp), "w", out_sr, channels, options.subtype, format=fmt) as f,
    ):
        last_span = len(spans) - 1
        for k, (s0, s1) in enumerate(spans):
            for b0 in range(s0, s1, STREAM_BLOCK):
                b1 = min(s1, b0 + STREAM_BLOCK)
                block = match_channels(timeline.read(src, b0, b1), channels)
                if stream is not None:
                    block = stream.resample_chunk(block, last=k == last_span and b1 == s1)
                if options.subtype not in ("FLOAT", "DOUBLE"):
                    block = np.clip(block, -1.0, 1.0)
                f.write(block)
    return out_path


def _unique(folder: Path, stem: str, suffix: str, taken: set[str]) -> Path:
    name, i = f"{stem}{suffix}", 1
    while name in taken or (folder / name).exists():
        i += 1
        name = f"{stem}_{i}{suffix}"
    taken.add(name)
    return folder / name


def export_clips(
    clips: Iterable,
    out_dir: str | Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ExportReport:
    """Every clip rendered into out_dir as <clip name>.<format>; failures are reported."""
    options = options or ExportOptions()

    def export_one(clip, folder: Path, taken: set[str], report: ExportReport) -> None:
        target = _unique(folder, safe_name(clip.name), "." + options.format, taken)
        report.written.append(export_clip(clip, target, options))

    return _export_each(clips, out_dir, export_one, "export", progress, should_cancel)


def _export_each(
    clips: Iterable,
    out_dir: str | Path,
    export_one: Callable[[object, Path, set[str], ExportReport], None],
    what: str,
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
) -> ExportReport:
    """Run export_one per clip into out_dir: cancel between clips, a failure per clip."""
    folder = output_folder(out_dir)
    clips = list(clips)
    report, taken = ExportReport(), set()
    for i, clip in enumerate(clips):
        if should_cancel is not None and should_cancel():
            raise ExportCancelled(str(folder))
        try:
            export_one(clip, folder, taken, report)
        except Exception as exc:  # one bad source must not stop a long export
            log.warning("%s of %s failed: %s", what, clip.path, exc)
            report.failed.append((clip.name, message_of(exc)))
        if progress is not None:
            progress(i + 1, len(clips), clip.name)
    return report


# -- slicing ------------------------------------------------------------------------------
def slice_points(
    mono: np.ndarray, sr: int, options: SliceOptions | None = None
) -> list[tuple[int, int]]:
    """Where to cut a mono signal into pieces of min..max seconds, inside silences.

    Silences (options.silence: frames under its threshold for its minimum) are cut points, their
    middles the preferred cut. Pieces grow to the farthest cut point within max_seconds;
    a stretch with none is cut at its quietest frame. Leading and trailing silence of
    each piece is trimmed, and pieces shorter than min_seconds are dropped.
    """
    options = options or SliceOptions()
    x = np.asarray(mono, dtype=np.float32).reshape(-1)
    n = len(x)
    if n == 0:
        return []
    levels, hop = dsp.frame_rms_db(x[:, None], sr, options.silence.frame_s)
    quiet = levels < options.silence.threshold_db
    cuts = [min(n, ((i + j) // 2) * hop) for i, j in options.silence.quiet_runs(levels)]
    cuts.append(n)
    max_len, min_len = int(options.max_seconds * sr), int(options.min_seconds * sr)
    pieces: list[tuple[int, int]] = []
    start = 0
    while start < n:
        reachable = [c for c in cuts if start + min_len <= c <= start + max_len]
        if reachable:
            end = reachable[-1]
        else:
            # No silence at a usable distance: cut at the quietest frame of the allowed
            # window, the latest of near-equal ones so pieces come out long, not many short.
            f0 = (start + min_len) // hop
            f1 = max(f0 + 1, (start + max_len) // hop)
            window = levels[f0:f1]
            if len(window) == 0 or start + max_len >= n:
                end = n
            else:
                near = np.flatnonzero(window <= window.min() + 3.0)
                end = min(n, (f0 + int(near[-1])) * hop)
            end = max(end, start + 1)
        pieces.append((start, end))
        start = end
    out = []
    for s, e in pieces:
        s, e = _trim_quiet(levels, hop, quiet, s, e)
        if e - s > max_len:  # trimming never lengthens, but a forced cut may overshoot by a hop
            e = s + max_len
        if e - s >= min_len:
            out.append((s, e))
    return out


def _trim_quiet(levels, hop, quiet, s: int, e: int) -> tuple[int, int]:
    f0, f1 = s // hop, -(-e // hop)
    while f0 < f1 and quiet[f0]:
        f0 += 1
    while f1 > f0 and quiet[f1 - 1]:
        f1 -= 1
    margin = 2  # frames of the decay kept either side, so words are not clipped
    return max(s, (f0 - margin) * hop), min(e, (f1 + margin) * hop)


def peak_normalize(audio: np.ndarray, target_dbfs: float) -> np.ndarray:
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak == 0:
        return audio
    return (audio * np.float32(10 ** (target_dbfs / 20) / peak)).astype(np.float32)


def _mono_runs(clip, rate: int) -> list[Iterator[np.ndarray]]:
    """The clip's edited audio, mono at `rate`, as the runs between excluded regions, each
    an iterator of blocks.

    Excluded regions are hard boundaries: no slice may carry any of them. A long clip is
    read block by block through its Timeline (and sliced a window at a time, `_pieces`).
    """
    timeline = None
    if not is_small(clip.frames, clip.channels):
        try:
            timeline = Timeline.compile(
                clip.edits, clip.frames, file_reader(samples_path(clip)), clip.sample_rate
            )
        except NotStreamable:
            timeline = None
    if timeline is not None:
        src = file_reader(samples_path(clip))
        spans, at = [], 0
        for piece in timeline.pieces:
            if piece.keep and spans and spans[-1][1] == at:
                spans[-1] = (spans[-1][0], at + piece.length)
            elif piece.keep:
                spans.append((at, at + piece.length))
            at += piece.length
        return [
            _resampled_blocks(timeline, src, s0, s1, clip.sample_rate, rate) for s0, s1 in spans
        ]
    source, sr = read_audio(samples_path(clip))
    rendered = render(source, sr, clip.edits)
    mono = resample(match_channels(rendered.audio, 1), sr, rate)[:, 0]
    keep = rendered.keep
    if sr != rate:
        idx = np.minimum((np.arange(len(mono)) * sr) // rate, len(keep) - 1)
        keep = keep[idx]
    return [iter([mono[r0:r1]]) for r0, r1 in dsp.true_runs(keep[: len(mono)])]


def _resampled_blocks(timeline, src, s0: int, s1: int, sr: int, rate: int):
    """Frames [s0, s1) of the edited clip, mono at `rate`, block by block."""
    import soxr

    stream = soxr.ResampleStream(sr, rate, 1, dtype="float32")
    for b0 in range(s0, s1, STREAM_BLOCK):
        b1 = min(s1, b0 + STREAM_BLOCK)
        block = match_channels(timeline.read(src, b0, b1), 1)
        yield (block if sr == rate else stream.resample_chunk(block, b1 == s1))[:, 0]


# Slices are found in windows of this many seconds (plus a piece's length), so a long
# clip is cut without holding its whole mono signal.
SLICE_WINDOW_S = 60.0


def _pieces(blocks, sr: int, options: SliceOptions):
    """The pieces `slice_points` cuts from a run given as blocks; the run is held one
    window at a time. A window ends after its last piece that is complete before the
    window's end, and the next one starts there (inside a silence, where cuts are)."""
    window, reach = int(SLICE_WINDOW_S * sr), int(options.max_seconds * sr)
    buf = np.zeros(0, np.float32)
    for block in _and_end(blocks):
        if block is not None:
            buf = np.concatenate([buf, block])
            if len(buf) < window + reach:
                continue
        points = slice_points(buf, sr, options)
        if block is None:
            yield from (buf[a:b] for a, b in points)
            return
        done = [(a, b) for a, b in points if b <= window]
        yield from (buf[a:b] for a, b in done)
        rest = [a for a, b in points if b > window]
        buf = buf[rest[0] if rest else max(window, done[-1][1] if done else 0) :]


def _and_end(blocks):
    yield from blocks
    yield None


def export_sliced(
    clips: Iterable,
    out_dir: str | Path,
    options: SliceOptions | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ExportReport:
    """Each clip's edited audio cut into voice-cloning pieces: <clip>_<nnn>.wav."""
    options = options or SliceOptions()

    def export_one(clip, folder: Path, taken: set[str], report: ExportReport) -> None:
        count = 0
        for run in _mono_runs(clip, options.sample_rate):
            for cut in _pieces(run, options.sample_rate, options):
                piece = peak_normalize(cut, options.peak_dbfs)
                count += 1
                target = _unique(folder, f"{safe_name(clip.name)}_{count:03d}", ".wav", taken)
                report.written.append(
                    write_audio(target, piece, options.sample_rate, options.subtype)
                )
        if count == 0:
            said = QT_TRANSLATE_NOOP("ExportNotes", "no piece of {low:g}–{high:g} s")
            said = Message("ExportNotes", said, low=options.min_seconds, high=options.max_seconds)
            report.skipped.append((clip.name, said))

    return _export_each(clips, out_dir, export_one, "sliced export", progress, should_cancel)
