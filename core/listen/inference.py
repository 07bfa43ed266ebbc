"""Run a trained model over files of any length, rate and channel count.

The file is streamed: soundfile (or FFmpeg, through core.audio.decode, for what libsndfile
cannot read: AAC, WebM, the soundtrack of a video) reads blocks, core.listen.stream_processor
runs them through the model (soxr to the model's rate as a stream, overlapping chunks
cross-faded back together, soxr back to the file's rate), and the result is written block
by block. Memory therefore depends on the chunk length, never on the file's length.
`process_array` does the same to audio already in memory.

Channels are processed independently (one batch item each), because the models are mono.
The dry signal is delayed by the same amount as the wet one through a FIFO, so strength
(dry/wet) and the attenuation limit mix sample-aligned signals.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf
import torch

from core.audio.blocks import open_blocks
from core.audio.failures import NOT_FOUND, say
from core.audio.formats import AUDIO_EXTENSIONS
from core.audio.io import AudioReadError, probe, read_audio
from core.device import pick_device
from core.disk import DiskFullError, atomic_output, output_folder
from core.listen.stream_processor import StreamProcessor
from core.messages import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


# What `process` makes of a video, and why (printed with the result).
VIDEO_NOTE = (
    "video in: the processed soundtrack is written as audio only (lossless WAV/FLAC, same "
    "rate, channels and length); it is not remuxed into a copy of the video, because every "
    "video container would need it re-encoded to a lossy codec again, and the picture is "
    "never decoded"
)

Progress = Callable[[int, int], None]  # (frames done, frames total) of the current file


class ProcessCancelled(Exception):
    """should_cancel() returned True; the partial output was removed."""


@dataclass
class ProcessConfig:
    strength: float = 1.0  # 1 = fully processed, 0 = the original (dry/wet mix)
    # Most the model may turn anything down, in dB (None: no limit). Applied as
    # DeepFilterNet does: out = (1 - l) * wet + l * dry with l = 10^(-limit/20), so noise
    # the model removes entirely still remains `limit` dB below where it was.
    atten_limit_db: float | None = None
    chunk_seconds: float = 8.0  # model input length; longer is faster, uses more memory
    overlap_seconds: float = 0.25  # cross-faded between chunks to hide chunk edges
    block_frames: int = 65536  # file frames read per step
    device: str = "auto"  # "auto" (CUDA when present), "cpu", "cuda", "cuda:1", "mps"
    subtype: str | None = None  # output sample format; None keeps the input's when possible
    # CPU intra-op threads while processing (0 keeps torch's setting). One is the default
    # because the models are small: on the 2-core test machine under load one thread ran
    # the speech model 5x faster than two (see docs/bench/inference.md). torch's setting
    # is process-wide, so it is restored afterwards.
    threads: int = 1
    # A file above the model's rate keeps its band above the model's Nyquist frequency,
    # turned down frame by frame as much as the model turned down the top of its own band
    # (see ChunkedModel.top_gain); False cuts it off, as a plain resampling round trip does.
    keep_top_band: bool = True

    def __post_init__(self) -> None:
        for name in ("strength", "chunk_seconds", "overlap_seconds", "atten_limit_db"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value}")
        if not 0.0 <= self.strength <= 1.0:
            raise ValueError(f"strength must be in [0, 1], got {self.strength}")
        if self.atten_limit_db is not None and self.atten_limit_db <= 0:
            raise ValueError(f"atten_limit_db must be > 0 dB, got {self.atten_limit_db}")
        if self.chunk_seconds <= 0 or self.overlap_seconds < 0:
            raise ValueError("chunk_seconds must be > 0 and overlap_seconds >= 0")
        if self.overlap_seconds * 2 >= self.chunk_seconds:
            raise ValueError("overlap_seconds must be less than half of chunk_seconds")
        if self.block_frames < 256:
            raise ValueError("block_frames must be >= 256")
        if self.threads < 0:
            raise ValueError("threads must be >= 0")

    @property
    def wet(self) -> float:
        """Weight of the model's output in the final mix (strength and limit combined)."""
        floor = 0.0 if self.atten_limit_db is None else 10 ** (-self.atten_limit_db / 20)
        return self.strength * (1.0 - floor)


@dataclass
class ProcessResult:
    input: str
    output: str
    sample_rate: int
    channels: int
    frames: int
    seconds_wall: float
    device: str
    model_sample_rate: int
    note: str = ""  # e.g. VIDEO_NOTE for a video input
    content_bandwidth_hz: float | None = None  # measured on the file's first seconds
    warnings: tuple[str, ...] = ()  # e.g. the file's bandwidth is far from the model's

    @property
    def seconds_audio(self) -> float:
        return self.frames / self.sample_rate

    @property
    def rtf(self) -> float:
        """Real-time factor: processing time over audio duration (0.05 = 20x faster)."""
        return self.seconds_wall / self.seconds_audio if self.frames else 0.0


def _output_subtype(info, fmt: str, wanted: str | None) -> str:
    for subtype in (wanted, info.subtype, "PCM_24", "FLOAT"):
        if subtype and sf.check_format(fmt, subtype):
            return subtype
    return "FLOAT"


BANDWIDTH_PROBE_S = 30.0  # seconds from the start of a file measured for its bandwidth


def _bandwidth_check(
    path: Path, info, model_sr: int, trained: tuple[float, float] | None, stream: int = 0
) -> tuple[float | None, list[str]]:
    """(content bandwidth of the file's first seconds, warnings against the trained band)."""
    from core.audio.bandwidth import bandwidth_warning, content_bandwidth

    # read_audio, not soundfile: an m4a, webm or video soundtrack (FFmpeg through
    # core.audio.decode) is the input most likely to be band-limited. Its rate is the decoder's
    # (HE-AAC decodes at twice the rate its header declares).
    try:
        head, sr = read_audio(
            path, 0, int(BANDWIDTH_PROBE_S * info.sample_rate), check_finite=False, stream=stream
        )
    except (AudioReadError, ValueError, RuntimeError) as exc:
        log.debug("bandwidth probe of %s failed: %s", path, exc)
        return None, []
    if head.shape[0] == 0:
        return None, []
    bandwidth = content_bandwidth(head.mean(axis=1), sr)
    if trained is None:
        return bandwidth, []
    # Above the model's Nyquist frequency the content is the passed-through top band: what
    # the model saw is its own band at most.
    seen = min(bandwidth, model_sr / 2)
    message = bandwidth_warning(seen, trained[0], trained[1], path.name)
    if message:
        log.warning("%s", message)
    return bandwidth, [message] if message else []


def process_file(
    model: torch.nn.Module,
    model_sr: int,
    in_path: str | os.PathLike,
    out_path: str | os.PathLike,
    config: ProcessConfig | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    delay: int = 0,
    stream: int = 0,
    trained_band_hz: tuple[float, float] | None = None,
) -> ProcessResult:
    """Process one file into out_path (.wav or .flac), same rate, channels and length.

    `stream` picks the audio stream of a file holding several (FFmpeg inputs).
    trained_band_hz: (lowest, highest) content bandwidth the model was trained on; a file
    far outside it gets a warning in the result (and the log)."""
    cfg = config or ProcessConfig()
    in_path, out_path = Path(in_path), Path(out_path)
    info = probe(in_path, stream)  # raises AudioReadError naming the file
    if out_path.resolve() == in_path.resolve():
        raise ValueError(f"{out_path}: refusing to overwrite the original")
    fmt = {".wav": "WAV", ".flac": "FLAC"}.get(out_path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{out_path}: output must be .wav or .flac")
    device = pick_device(cfg.device)
    model = model.to(device).eval()
    # `total` is exact from libsndfile; FFmpeg's is the container's estimate, replaced by
    # the count of frames read once the input ends.
    sr, ch, total = info.sample_rate, info.channels, info.frames
    proc = StreamProcessor(model, model_sr, sr, ch, cfg, device, delay)
    bandwidth, warnings = _bandwidth_check(in_path, info, model_sr, trained_band_hz, stream)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    subtype = _output_subtype(info, fmt, cfg.subtype)
    threads_before = torch.get_num_threads()
    if device.type == "cpu" and cfg.threads > 0:
        torch.set_num_threads(cfg.threads)
    t0 = time.perf_counter()
    note, peak = "", 0.0  # the input's peak, for the message when the output is not finite
    try:
        with (
            atomic_output(out_path) as tmp,
            open_blocks(in_path, cfg.block_frames, stream, info) as src,
            sf.SoundFile(str(tmp), "w", sr, ch, subtype=subtype, format=fmt) as sink,
        ):
            note = VIDEO_NOTE if src.is_video else ""
            for block in src.blocks:
                if should_cancel is not None and should_cancel():
                    raise ProcessCancelled(f"{in_path}: cancelled")
                peak = max(peak, float(np.abs(block).max(initial=0.0)))
                _write(sink, proc.feed(block), in_path, peak)
                if progress is not None:
                    progress(proc.written, max(total, proc.frames_in))
            for part in proc.finish():
                _write(sink, part, in_path, peak)
            total = proc.frames_in
    finally:
        torch.set_num_threads(threads_before)
    elapsed = time.perf_counter() - t0
    if progress is not None:
        progress(total, total)
    result = ProcessResult(
        str(in_path),
        str(out_path),
        sr,
        ch,
        total,
        elapsed,
        str(device),
        model_sr,
        note,
        bandwidth,
        tuple(warnings),
    )
    log.info(
        "processed %s -> %s: %.1f s of audio in %.2f s (RTF %.3f, %s)",
        in_path,
        out_path,
        result.seconds_audio,
        elapsed,
        result.rtf,
        device,
    )
    return result


def _write(sink: sf.SoundFile, out: np.ndarray, in_path: Path, peak: float) -> None:
    if not np.isfinite(out).all():  # never write NaN: a player would hear full scale
        far = say(
            QT_TRANSLATE_NOOP(
                "MediaFailures", "its samples reach {peak:.3g}, far outside full scale (±1)"
            ),
            peak=peak,
        )
        why = (
            far
            if peak > 1e3
            else say(
                QT_TRANSLATE_NOOP(
                    "MediaFailures", "the model's weights or this input make it diverge"
                )
            )
        )
        said = QT_TRANSLATE_NOOP(
            "MediaFailures", "processing gave NaN/inf samples ({why}); nothing was written"
        )
        raise AudioReadError(in_path, say(said, why=why))
    if out.shape[0]:
        sink.write(out)


def process_array(
    model: torch.nn.Module,
    model_sr: int,
    audio: np.ndarray,
    sr: int,
    config: ProcessConfig | None = None,
    delay: int = 0,
) -> np.ndarray:
    """`audio` ((frames, channels) or (frames,), any rate) processed in memory exactly as
    process_file processes a file holding it: same shape and rate out."""
    cfg = config or ProcessConfig()
    x = np.ascontiguousarray(audio if audio.ndim == 2 else audio[:, None], dtype=np.float32)
    device = pick_device(cfg.device)
    model = model.to(device).eval()
    proc = StreamProcessor(model, model_sr, sr, x.shape[1], cfg, device, delay)
    threads_before = torch.get_num_threads()
    if device.type == "cpu" and cfg.threads > 0:
        torch.set_num_threads(cfg.threads)
    try:
        step = cfg.block_frames
        parts = [proc.feed(x[i : i + step]) for i in range(0, x.shape[0], step)]
        parts += proc.finish()
    finally:
        torch.set_num_threads(threads_before)
    out = np.concatenate(parts, axis=0)
    return out if audio.ndim == 2 else out[:, 0]


def collect_inputs(inputs: list[str | os.PathLike]) -> list[tuple[Path, Path]]:
    """(file, name relative to its root) for each file and each audio file under folders."""
    found = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in AUDIO_EXTENSIONS:
                    found.append((f, f.relative_to(p)))
        elif p.exists():
            found.append((p, Path(p.name)))
        else:
            raise AudioReadError(p, say(NOT_FOUND))
    return found


@dataclass
class BatchReport:
    results: list[ProcessResult] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def process_paths(
    model: torch.nn.Module,
    model_sr: int,
    inputs: list[str | os.PathLike],
    out_dir: str | os.PathLike,
    config: ProcessConfig | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    suffix: str = "",
    delay: int = 0,
    stream: int = 0,
    trained_band_hz: tuple[float, float] | None = None,
) -> BatchReport:
    """Process files and folders into out_dir, keeping folder structure; bad files are
    reported and skipped, never fatal to the batch."""
    out_dir, report = output_folder(out_dir), BatchReport()
    items = collect_inputs(inputs)
    for i, (path, rel) in enumerate(items):
        if progress is not None:
            progress(i, len(items), str(path))
        ext = rel.suffix.lower() if rel.suffix.lower() in (".wav", ".flac") else ".wav"
        target = out_dir / rel.with_name(rel.stem + suffix + ext)
        try:
            report.results.append(
                process_file(
                    model,
                    model_sr,
                    path,
                    target,
                    config,
                    None,
                    should_cancel,
                    delay,
                    stream,
                    trained_band_hz,
                )
            )
        except DiskFullError:  # the other files would fail alike: stop the batch, say why
            raise
        except (AudioReadError, ValueError, RuntimeError, sf.LibsndfileError, OSError) as exc:
            log.warning("could not process %s: %s", path, exc)
            reason = exc.reason if isinstance(exc, AudioReadError) else str(exc)  # no path twice
            report.failed.append((str(path), reason))
    if progress is not None:
        progress(len(items), len(items), "")
    return report
