"""A root of class folders made at test time, for the classify task.

Each class is one of four synthetic sound families with class-specific parameters, so a
small model can tell them apart: a harmonic tone at its own pitch, a band of noise at its
own centre, a repeating chirp over its own range, a click train at its own rate. Each class
has several "recordings", each one long signal (its own seed, level and a slight detune)
cut into files named `<class>_rec<NN>_<MMM>.wav`, so the files of one recording share
`core.dataset.label_splits.recording_key` and tests can check that they share a split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tests.support.audiogen import write

FAMILIES = ("tone", "band", "chirp", "clicks")


@dataclass
class ClassFolders:
    root: Path
    files: dict[str, list[Path]] = field(default_factory=dict)  # class -> its files
    recording_of: dict[Path, str] = field(default_factory=dict)  # file -> recording name

    @property
    def classes(self) -> list[str]:
        return sorted(self.files)

    def recordings(self, label: str) -> dict[str, list[Path]]:
        out: dict[str, list[Path]] = {}
        for path in self.files[label]:
            out.setdefault(self.recording_of[path], []).append(path)
        return out


def class_name(index: int) -> str:
    return f"{FAMILIES[index % len(FAMILIES)]}{index // len(FAMILIES):02d}"


def class_sound(index: int, seconds: float, sr: int = 16000, seed: int = 0) -> np.ndarray:
    """Mono float32 audio of class `index`: family index % 4, parameters from index // 4
    (far enough apart that neighbouring classes of one family differ clearly)."""
    rng = np.random.default_rng(seed)
    n = int(round(seconds * sr))
    t = np.arange(n) / sr
    k = index // len(FAMILIES)
    detune = 1.0 + 0.01 * rng.uniform(-1, 1)  # recordings of one class differ a little
    family = FAMILIES[index % len(FAMILIES)]
    if family == "tone":
        f0 = 180.0 * 1.45**k * detune
        x = sum(np.sin(2 * np.pi * f0 * h * t) / h for h in (1, 2, 3) if f0 * h < sr / 2)
    elif family == "band":
        fc = 700.0 * 1.35**k * detune
        spec = np.fft.rfft(rng.standard_normal(n))
        freqs = np.fft.rfftfreq(n, 1 / sr)
        spec[(freqs < fc / 1.2) | (freqs > min(fc * 1.2, sr / 2))] = 0
        x = np.fft.irfft(spec, n)
    elif family == "chirp":
        period = 0.25
        lo = 300.0 * (k + 1) * detune
        hi = min(lo * 3, sr / 2 - 100)
        phase_t = t % period
        inst = lo * phase_t + (hi - lo) * phase_t**2 / (2 * period)
        x = np.sin(2 * np.pi * inst)
    else:
        rate = 6.0 * (k + 1) * detune
        x = np.zeros(n)
        burst = np.exp(-np.arange(int(0.004 * sr)) / (0.0008 * sr))
        burst = burst * rng.standard_normal(burst.size)
        for start in (np.arange(0, seconds, 1 / rate) * sr).astype(int):
            end = min(n, start + burst.size)
            x[start:end] += burst[: end - start]
    x = np.asarray(x, dtype=np.float64)
    x = x / (np.max(np.abs(x)) + 1e-9) * rng.uniform(0.25, 0.5)
    x = x + 0.003 * rng.standard_normal(n)  # a floor, so no file is digital silence
    return x.astype(np.float32)


def make_class_folders(
    root: Path,
    classes: int | dict[str, int] = 4,
    recordings: int = 3,
    files_per_recording: int = 2,
    seconds: float = 0.6,
    sr: int = 16000,
    first_recording: int = 0,
    nested: bool = False,
    into: ClassFolders | None = None,
) -> ClassFolders:
    """Write class folders under `root` and say what is where.

    `classes`: how many (named by `class_name`), or {class name: family index} to choose.
    `recordings` per class, numbered from `first_recording` (call again with a higher one to
    add recordings to the same classes, passing the first result as `into`), each cut into
    `files_per_recording` files of `seconds`. `nested`: recordings lie in sub-folders
    (`site<r % 2>`) of their class folder."""
    root = Path(root)
    out = into or ClassFolders(root)
    named = (
        {class_name(i): i for i in range(classes)} if isinstance(classes, int) else dict(classes)
    )
    for label, index in named.items():
        for r in range(first_recording, first_recording + recordings):
            rec = f"{label}_rec{r:02d}"
            seed = (index * 1000 + r) * 7919
            audio = class_sound(index, seconds * files_per_recording, sr, seed)
            folder = root / label / (f"site{r % 2}" if nested else "")
            step = int(round(seconds * sr))
            for j in range(files_per_recording):
                path = write(folder / f"{rec}_{j:03d}.wav", audio[j * step : (j + 1) * step], sr)
                out.files.setdefault(label, []).append(path)
                out.recording_of[path] = rec
    return out
