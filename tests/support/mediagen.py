"""Media files made at test time with PyAV itself: AAC in .m4a, Opus in .webm, videos with
a soundtrack, several audio streams, AMR, G.722, damaged containers. Nothing is committed.

The bundled FFmpeg decodes more than it encodes: it has no GSM encoder (raw GSM fixtures
come from libsndfile's GSM 06.10 encoder instead) and no AMR-WB encoder (AMR-NB only).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


def signal(seconds: float, rate: int, freq: float = 440.0, seed: int = 0) -> np.ndarray:
    """A rising tone with a little noise: correlates only when aligned."""
    t = np.arange(int(round(seconds * rate))) / rate
    rng = np.random.default_rng(seed)
    x = 0.3 * np.sin(2 * np.pi * freq * t * (1 + 0.5 * t)) + 0.03 * rng.standard_normal(len(t))
    return x.astype(np.float32)[:, None]


def best_lag(x: np.ndarray, y: np.ndarray, max_lag: int) -> tuple[int, float]:
    """The lag of y against x (positive: y late) and the correlation there."""
    a, b = x[:, 0].astype(np.float64), y[:, 0].astype(np.float64)
    best = (0, -1.0)
    for lag in range(-max_lag, max_lag + 1):
        xa = a[max(0, -lag) :]
        yb = b[max(0, lag) :]
        n = min(len(xa), len(yb))
        c = float(np.corrcoef(xa[:n], yb[:n])[0, 1])
        if c > best[1]:
            best = (lag, c)
    return best


def can_encode(codec: str) -> bool:
    import av

    try:
        av.codec.Codec(codec, "w")
    except Exception:
        return False
    return True


@dataclass
class AudioTrack:
    """One audio stream to encode: samples (frames, channels) float32 at `rate`."""

    audio: np.ndarray
    rate: int
    codec: str = "aac"
    options: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)  # e.g. {"language": "fra", "title": "..."}


def _layout(channels: int) -> str:
    return {1: "mono", 2: "stereo"}[channels]


def _frame(block: np.ndarray, fmt: str, layout: str, rate: int, pts: int):
    import av

    if fmt.startswith("s16"):
        ints = (np.clip(block, -1, 1) * 32767).astype(np.int16)
        arr = ints.T.copy() if fmt.endswith("p") else ints.reshape(1, -1)
    elif fmt == "fltp":
        arr = np.ascontiguousarray(block.T, dtype=np.float32)
    elif fmt == "flt":
        arr = np.ascontiguousarray(block, dtype=np.float32).reshape(1, -1)
    else:
        raise ValueError(f"encoder wants {fmt}; add it here")
    frame = av.AudioFrame.from_ndarray(arr, format=fmt, layout=layout)
    frame.sample_rate = rate
    frame.pts = pts
    return frame


def write_media(
    path: str | Path,
    tracks: list[AudioTrack],
    video_seconds: float = 0.0,
    container: str | None = None,
    container_options: dict | None = None,
    video_codec: str = "mpeg4",
) -> Path:
    """Mux `tracks` (and a tiny 64x48, 5 fps video when video_seconds > 0) into `path`."""
    import av

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = av.open(str(path), "w", format=container, options=container_options or {})
    streams = []
    for track in tracks:
        channels = track.audio.shape[1]
        s = out.add_stream(track.codec, rate=track.rate, layout=_layout(channels))
        if track.options:
            s.options = track.options
        for key, value in track.metadata.items():
            s.metadata[key] = value
        streams.append(s)
    vs = add_video_stream(out, video_codec) if video_seconds > 0 else None
    for s, track in zip(streams, tracks, strict=True):
        ctx = s.codec_context
        size = ctx.frame_size or 1024
        fmt, layout = ctx.format.name, _layout(track.audio.shape[1])
        for pos in range(0, len(track.audio), size):
            frame = _frame(track.audio[pos : pos + size], fmt, layout, track.rate, pos)
            for packet in s.encode(frame):
                out.mux(packet)
        for packet in s.encode(None):
            out.mux(packet)
    if vs is not None:
        add_video_frames(out, vs, int(video_seconds * 5))
    out.close()
    return path


def add_video_stream(out, codec: str = "mpeg4"):
    """A tiny 64x48 video stream at 5 frames per second."""
    vs = out.add_stream(codec, rate=5)
    vs.width, vs.height, vs.pix_fmt = 64, 48, "yuv420p"
    return vs


def add_video_frames(out, vs, count: int, flush: bool = True) -> None:
    """`count` encoded frames of changing grey into video stream `vs`."""
    import av

    for i in range(count):
        img = np.full((48, 64, 3), (i * 40) % 256, np.uint8)
        frame = av.VideoFrame.from_ndarray(img, format="rgb24")
        frame.pts = i
        for packet in vs.encode(frame):
            out.mux(packet)
    if flush:
        for packet in vs.encode(None):
            out.mux(packet)


def encode(path, audio: np.ndarray, rate: int, codec: str = "aac", **kw) -> Path:
    """One audio stream, no video."""
    return write_media(path, [AudioTrack(audio, rate, codec)], **kw)


def video_only(path: str | Path, seconds: float = 1.0) -> Path:
    """An .mp4 holding a video stream and no audio."""
    return write_media(path, [], video_seconds=seconds, container="mp4")


def empty_audio_stream(path: str | Path) -> Path:
    """A .mkv whose audio stream holds no packet at all (and a short video)."""
    import av

    path = Path(path)
    out = av.open(str(path), "w", format="matroska")
    out.add_stream("aac", rate=16000, layout="mono")
    add_video_frames(out, add_video_stream(out), 5)
    out.close()
    return path


def truncate(path: str | Path, fraction: float, out: str | Path | None = None) -> Path:
    """A copy (or the file itself) cut to `fraction` of its bytes, as a broken download."""
    data = Path(path).read_bytes()
    target = Path(out) if out is not None else Path(path)
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def raw_gsm(path: str | Path, audio: np.ndarray) -> Path:
    """Headerless GSM 06.10 at 8 kHz (33-byte frames), from libsndfile: FFmpeg has no
    GSM encoder in the av wheel."""
    import soundfile as sf

    sf.write(str(path), audio, 8000, format="RAW", subtype="GSM610")
    return Path(path)


def unknown_codec_wav(path: str | Path, seconds: float = 1.0) -> Path:
    """A RIFF/WAVE file whose format tag (0x1234) neither libsndfile nor FFmpeg decodes."""
    data = bytes(int(8000 * seconds))
    fmt = struct.pack("<HHIIHH", 0x1234, 1, 8000, 8000, 1, 8)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    Path(path).write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return Path(path)


def long_aac(path: str | Path, seconds: float, rate: int = 8000, seed_seconds: float = 20.0):
    """A long mono AAC .m4a, cheaply: `seed_seconds` of noisy tone are encoded once and
    their packets muxed again and again with shifted timestamps. Decoding it costs the
    full length; making it costs a few seconds."""
    import av

    t = np.arange(int(seed_seconds * rate)) / rate
    rng = np.random.default_rng(1)
    x = 0.3 * np.sin(2 * np.pi * 300 * t) + 0.05 * rng.standard_normal(len(t))
    x = x.astype(np.float32)[:, None]
    seed = Path(path).with_name(Path(path).stem + ".seed.m4a")
    encode(seed, x, rate, "aac")
    src = av.open(str(seed))
    packets = [
        (p.pts, p.dts, p.duration, bytes(p)) for p in src.demux(src.streams.audio[0]) if p.size
    ]
    out = av.open(str(path), "w", format="mp4")
    stream = out.add_stream_from_template(src.streams.audio[0])
    span = packets[-1][1] + packets[-1][2] - packets[0][1]
    repeats = int(np.ceil(seconds / seed_seconds))
    for r in range(repeats):
        for pts, dts, duration, data in packets:
            packet = av.Packet(data)
            packet.stream = stream
            packet.pts, packet.dts, packet.duration = pts + r * span, dts + r * span, duration
            packet.time_base = src.streams.audio[0].time_base
            out.mux(packet)
    out.close()
    src.close()
    seed.unlink()
    return Path(path)
