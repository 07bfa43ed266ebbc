"""A corpus of malformed and extreme inputs, generated at test time.

Each item says what a user may expect: "reject" (a clear per-file reason, nothing else
affected), "import" (unusual but valid audio that must work), or "either" (valid audio that
may be refused for training, e.g. a single sample, but must get a message either way).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf


@dataclass(frozen=True)
class Item:
    path: Path
    kind: str
    expect: str  # "reject" | "import" | "either"


def _wav_header(channels: int, rate: int, bits: int, data_bytes: int, fmt_tag: int = 1) -> bytes:
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * block, block, bits)
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVE"
        + b"fmt "
        + struct.pack("<I", 16)
        + fmt
        + b"data"
        + struct.pack("<I", data_bytes)
    )


def _aiff(rate_bytes: bytes, frames: int = 8000) -> bytes:
    """A mono 16-bit AIFF whose 80-bit extended sample rate is `rate_bytes` (NaN, inf...)."""
    comm = struct.pack(">hIh", 1, frames, 16) + rate_bytes
    data = (np.sin(np.arange(frames) / 5) * 8000).astype(">i2").tobytes()
    ssnd = struct.pack(">II", 0, 0) + data
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm
    body += b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    return b"FORM" + struct.pack(">I", len(body)) + body


def _tone(seconds: float, sr: int, channels: int = 1, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    x = 0.3 * np.sin(2 * np.pi * freq * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))
    return np.repeat(x[:, None], channels, axis=1).astype(np.float32)


def make_corpus(folder: Path, long_hours: float = 3.0) -> list[Item]:
    """Write the corpus under `folder`; returns the items (good extremes included)."""
    folder.mkdir(parents=True, exist_ok=True)
    items: list[Item] = []

    def add(name: str, kind: str, expect: str) -> Path:
        path = folder / name
        items.append(Item(path, kind, expect))
        return path

    # -- malformed: each must be refused with a reason -------------------------------------
    add("zero_length.wav", "zero-length file", "reject").write_bytes(b"")
    add("text_renamed.wav", "text renamed .wav", "reject").write_text("this is not audio\n" * 50)
    add("png_renamed.wav", "image renamed .wav", "reject").write_bytes(
        b"\x89PNG\r\n\x1a\n" + os.urandom(2000)
    )
    add("random_bytes.wav", "random bytes", "reject").write_bytes(os.urandom(5000))
    add("header_only.wav", "header without data", "reject").write_bytes(
        _wav_header(1, 16000, 16, 0)
    )
    lying = _wav_header(1, 16000, 16, 16000 * 2 * 60)  # claims 60 s, holds 0.1 s
    add("lying_header.wav", "header claims more data than the file holds", "either").write_bytes(
        lying + (np.zeros(1600, dtype=np.int16) + 1000).tobytes()
    )
    add("truncated_mid_header.wav", "truncated inside the header", "reject").write_bytes(
        _wav_header(2, 44100, 16, 1000)[:20]
    )
    add("zero_channels.wav", "header with 0 channels", "reject").write_bytes(
        _wav_header(1, 16000, 16, 3200)[:22]
        + struct.pack("<H", 0)
        + _wav_header(1, 16000, 16, 3200)[24:]
        + bytes(3200)
    )
    add("zero_rate.wav", "header with 0 Hz sample rate", "reject").write_bytes(
        _wav_header(1, 16000, 16, 3200)[:24]
        + struct.pack("<I", 0)
        + _wav_header(1, 16000, 16, 3200)[28:]
        + bytes(3200)
    )
    # Absurd rates (issue #16): a buffer sized from 2^31 Hz took 20 GB in `stats`; a NaN or
    # inf AIFF rate read as 67 MHz; a 1 Hz clip would be resampled to half an hour.
    add("rate_2147483647.wav", "2,147,483,647 Hz header", "reject").write_bytes(
        _wav_header(1, 2_147_483_647 // 2, 16, 32000)[:24]
        + struct.pack("<I", 2_147_483_647)
        + _wav_header(1, 16000, 16, 32000)[28:]
        + (np.zeros(16000, dtype=np.int16) + 500).tobytes()
    )
    add("rate_1hz.wav", "1 Hz header", "reject").write_bytes(
        _wav_header(1, 1, 16, 3200) + (np.arange(1600, dtype=np.int16) * 7).tobytes()
    )
    add("rate_nan.aiff", "NaN sample rate (AIFF)", "reject").write_bytes(
        _aiff(b"\x7f\xff\xc0" + bytes(7))
    )
    add("rate_inf.aiff", "infinite sample rate (AIFF)", "reject").write_bytes(
        _aiff(b"\x7f\xff\x80" + bytes(7))
    )
    add("bad_format_tag.wav", "unknown WAV format tag", "reject").write_bytes(
        _wav_header(1, 16000, 16, 3200, fmt_tag=0x1234) + bytes(3200)
    )
    nan = _tone(1.0, 16000)
    nan[100:110] = np.nan
    sf.write(add("nan_samples.wav", "NaN samples", "reject"), nan, 16000, subtype="FLOAT")
    inf = _tone(1.0, 16000)
    inf[5000] = np.inf
    sf.write(add("inf_samples.wav", "inf samples", "reject"), inf, 16000, subtype="FLOAT")
    add("garbage.mp3", "garbage .mp3", "reject").write_bytes(b"ID3" + os.urandom(3000))
    add("garbage.flac", "garbage .flac", "reject").write_bytes(b"fLaC" + os.urandom(3000))
    add("garbage.ogg", "garbage .ogg", "reject").write_bytes(b"OggS" + os.urandom(3000))
    good_flac = folder / "_tmp_full.flac"
    sf.write(good_flac, _tone(2.0, 16000), 16000, subtype="PCM_16")
    data = good_flac.read_bytes()
    good_flac.unlink()
    add("truncated.flac", "truncated FLAC", "either").write_bytes(data[: len(data) // 3])
    add("folder_named.wav", "a folder named .wav", "reject").mkdir()
    loop_a, loop_b = folder / "loop_a.wav", folder / "loop_b.wav"
    os.symlink(loop_b, loop_a)
    os.symlink(loop_a, loop_b)
    items.append(Item(loop_a, "symlink loop", "reject"))
    items.append(Item(loop_b, "symlink loop", "reject"))
    os.symlink(
        folder / "does_not_exist.wav", add("dangling_link.wav", "dangling symlink", "reject")
    )
    fifo = add("named_pipe.wav", "named pipe, not a file", "reject")
    os.mkfifo(fifo)
    unreadable = add("unreadable.wav", "no read permission", "either")
    sf.write(unreadable, _tone(1.0, 16000), 16000)
    os.chmod(unreadable, 0)  # root still reads it: then it is simply a good file

    # -- extreme but valid: must import ------------------------------------------------------
    sf.write(add("pcm_u8.wav", "8-bit unsigned", "import"), _tone(2, 16000), 16000, "PCM_U8")
    sf.write(add("pcm_24.wav", "24-bit", "import"), _tone(2, 16000, freq=230), 16000, "PCM_24")
    sf.write(add("pcm_32.wav", "32-bit int", "import"), _tone(2, 16000, freq=240), 16000, "PCM_32")
    sf.write(
        add("double.wav", "64-bit float", "import"), _tone(2, 16000, freq=250), 16000, "DOUBLE"
    )
    sf.write(add("eight_ch.wav", "8 channels", "import"), _tone(2, 16000, 8, 260), 16000)
    sf.write(add("rate_8k.wav", "8 kHz", "import"), _tone(2, 8000, freq=270), 8000)
    sf.write(add("rate_192k.wav", "192 kHz", "import"), _tone(2, 192000, freq=280), 192000)
    sf.write(add("voice.flac", "FLAC", "import"), _tone(2, 22050, freq=290), 22050)
    sf.write(add("voice.ogg", "Ogg Vorbis", "import"), _tone(2, 22050, freq=300), 22050)
    sf.write(add("voice.mp3", "MP3", "import"), _tone(2, 22050, freq=310), 22050, format="MP3")
    sf.write(
        add("ñöü 日本語 voice.wav", "unicode name", "import"), _tone(2, 16000, freq=320), 16000
    )
    longest = "l" * 247 + "_255.wav"  # 255 bytes, the most a file name may have (issue #16)
    sf.write(add(longest, "255-byte name", "import"), _tone(2, 16000, freq=325), 16000)
    # Not UTF-8 (a Latin-1 name from an old disk): soundfile cannot take such a name, so
    # the file is written first and renamed to the raw bytes.
    latin = folder / "_latin1.wav"
    sf.write(latin, _tone(2, 16000, freq=327), 16000)
    raw = os.fsdecode(os.fsencode(folder) + b"/caf\xe9 latin-1.wav")
    os.rename(latin, raw)
    items.append(Item(Path(raw), "name not UTF-8", "reject"))
    spaced = folder / "a folder with  spaces"
    spaced.mkdir()
    sf.write(
        add("a folder with  spaces/take  1 (final).wav", "spaces in path", "import"),
        _tone(2, 16000, freq=330),
        16000,
    )
    sf.write(add("silent.wav", "digital silence", "either"), np.zeros((32000, 1)), 16000)
    sf.write(add("single_sample.wav", "a single sample", "either"), np.full((1, 1), 0.1), 16000)
    clipped = np.clip(_tone(2, 16000, freq=340) * 8, -1, 1)
    sf.write(add("clipped.wav", "heavily clipped", "import"), clipped, 16000)
    sf.write(add("dc_offset.wav", "DC offset", "import"), _tone(2, 16000, freq=350) + 0.4, 16000)
    good = folder / "pcm_24.wav"
    add("duplicate_of_pcm_24.wav", "duplicate content", "reject").write_bytes(good.read_bytes())
    if long_hours > 0:
        _write_long(add("three_hours.wav", f"{long_hours:g}-hour file", "import"), long_hours)
    return items


def _write_long(path: Path, hours: float, sr: int = 8000) -> None:
    """A long file written block by block, so the test never holds it in memory."""
    block = sr * 60
    rng = np.random.default_rng(7)
    with sf.SoundFile(path, "w", samplerate=sr, channels=1, subtype="PCM_16") as fh:
        for _ in range(int(hours * 60)):
            fh.write((0.05 * rng.standard_normal(block)).astype(np.float32))


def make_pair_folders(root: Path) -> tuple[Path, Path]:
    """raw/ and mixed/ with one matching pair and one input whose partner is missing."""
    raw, mixed = root / "raw", root / "mixed"
    raw.mkdir(parents=True)
    mixed.mkdir(parents=True)
    a = _tone(3, 16000, freq=200)
    sf.write(raw / "song1.wav", a, 16000)
    sf.write(mixed / "song1.wav", 0.8 * a, 16000)
    sf.write(raw / "song2_no_partner.wav", _tone(3, 16000, freq=210), 16000)
    return raw, mixed
