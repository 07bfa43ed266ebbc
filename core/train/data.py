"""Training data: clips from the project index → prepared mono audio → segments → examples.

Pipeline per clip (done once and kept as a memory-mapped .npy under the project's cache):
read the source (never modified) → apply its non-destructive edits (`render(...).for_training()`)
→ mono → resample to the config rate → (pairs) compensate the measured offset → drop long
silences (`core.audio.dsp.voiced_mask`). Segments are then cut from the prepared audio.

Every example is a pure function of (seed, epoch, index): noise kind, SNR, augmentation and the
position jitter come from `np.random.default_rng([seed, epoch, index])`. The data order is a
permutation seeded by (seed, epoch), and `ResumableBatchSampler` can start from any position in
it — together that makes a resumed run see exactly the batches an uninterrupted run would.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import Dataset

from core.audio.dsp import voiced_mask
from core.audio.io import AudioReadError, fit_length, resample, to_mono
from core.dataset.clip_audio import is_small, read_clip
from core.dataset.clips import Clip
from core.dataset.project import Project
from core.dataset.segments import segment_index
from core.dataset.source_health import source_status
from core.train.augment import apply_augment, draw_augment
from core.train.config import DataConfig
from core.train.corrupt import apply_room, band_limit_pair, draw_corruption, noise_mixture
from core.train.noise import make_noise, mix_at_level, mix_at_snr
from core.train.streamed_prep import aligned, stream_prepared, stream_prepared_pair

VAL_EPOCH = 1_000_003  # the fixed "epoch" validation examples are drawn with
PREPARED_VERSION = 1


class DataError(Exception):
    """The project cannot provide training data; the message says which file and why."""


@dataclass
class Sources:
    """Prepared audio of one split: targets (clean / mixed) and, for pairs, inputs."""

    names: list[str]
    targets: list[np.ndarray]  # mono float32 (frames,) at the config rate
    inputs: list[np.ndarray] | None  # paired task only, same lengths as targets

    def __len__(self) -> int:
        return len(self.names)


def _prep_key(parts: dict) -> str:
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha1(blob).hexdigest()[:20]


def _load_rendered(clip: Clip, sr: int) -> np.ndarray:
    try:
        audio, rate = read_clip(clip, for_training=True)
    except AudioReadError as exc:
        raise DataError(f"{clip.path}: cannot read for training ({exc.reason})") from exc
    mono = to_mono(audio)[:, 0]
    return resample(mono, rate, sr)


def _cached(cache: Path | None, key: str, make: Callable[[], np.ndarray]) -> np.ndarray:
    """Prepared audio from the cache (memory-mapped) or made and stored there; a `make`
    that can `write(path)` block by block (a long clip, `_Streamed`) writes it itself."""
    if cache is None:
        return make()
    path = cache / f"{key}.npy"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        write = getattr(make, "write", None)
        if write is None or not write(path):
            arr = np.ascontiguousarray(make(), dtype=np.float32)
            tmp = path.with_name(f"{key}.{os.getpid()}.tmp.npy")
            np.save(tmp, arr)
            os.replace(tmp, path)
    # Memory-mapped: loader workers share the pages instead of each holding a copy.
    return np.load(path, mmap_mode="r")


@dataclass
class _Streamed:
    """A preparation: in memory (`make()`), or, for a clip or pair too long to hold
    (`long`), written to the cache block by block (`stream(path)`, core.train.streamed_prep)."""

    make: Callable[[], np.ndarray]
    long: bool
    stream: Callable[[Path], bool]
    names: str  # the file(s) a read error is told against

    def __call__(self) -> np.ndarray:
        return self.make()

    def write(self, path: Path) -> bool:
        if not self.long:
            return False
        try:
            return self.stream(path)
        except AudioReadError as exc:
            raise DataError(f"{self.names}: cannot read for training ({exc.reason})") from exc


def _clip_job(make: Callable[[], np.ndarray], clip: Clip, cfg: DataConfig, skip: bool):
    long = not is_small(clip.frames, clip.channels)
    return _Streamed(make, long, partial(stream_prepared, clip, cfg, skip_silence=skip), clip.path)


def _skip_silence(cfg: DataConfig, *arrays: np.ndarray) -> list[np.ndarray]:
    if not cfg.skip_silence:
        return list(arrays)
    mask = np.zeros(arrays[0].shape[0], dtype=bool)
    for a in arrays:
        mask |= voiced_mask(a[:, None], cfg.sample_rate, cfg.silence)
    return [a[mask] for a in arrays]


def _prep_key_for(clip: Clip, cfg: DataConfig, **extra) -> str:
    """The cache key of `clip` prepared at cfg's rate; `extra` names what else shaped it.
    The keys are those of every earlier version, so prepared caches stay valid."""
    parts = {"v": PREPARED_VERSION, "hash": clip.audio_key, "edits": clip.edits}
    return _prep_key({**parts, "sr": cfg.sample_rate, **extra})


def prepare_clip(clip: Clip, cfg: DataConfig, cache: Path | None) -> np.ndarray:
    skip = [cfg.skip_silence, cfg.silence_threshold_db, cfg.silence_min_s]
    key = _prep_key_for(clip, cfg, skip=skip)

    def make() -> np.ndarray:
        return _skip_silence(cfg, _load_rendered(clip, cfg.sample_rate))[0]

    return _cached(cache, key, _clip_job(make, clip, cfg, cfg.skip_silence))


def prepare_noise_clip(clip: Clip, cfg: DataConfig, cache: Path | None) -> np.ndarray:
    key = _prep_key_for(clip, cfg, noise=1)
    make = partial(_load_rendered, clip, cfg.sample_rate)
    return _cached(cache, key, _clip_job(make, clip, cfg, False))


def prepare_pair(pair, cfg: DataConfig, cache: Path | None) -> tuple[np.ndarray, np.ndarray]:
    key = _prep_key(
        {
            "v": PREPARED_VERSION,
            "pair": [pair.input.audio_key, pair.target.audio_key, pair.offset],
            "edits": [pair.input.edits, pair.target.edits],
            "sr": cfg.sample_rate,
            "skip": [cfg.skip_silence, cfg.silence_threshold_db, cfg.silence_min_s],
        }
    )

    def make() -> np.ndarray:
        inp = _load_rendered(pair.input, cfg.sample_rate)
        tgt = _load_rendered(pair.target, cfg.sample_rate)
        return np.stack(_skip_silence(cfg, *aligned(pair, inp, tgt, cfg.sample_rate)))

    # Held whole when both sides are small (clip_audio.is_small: ≤ 4 M samples, about 45 s
    # of 44.1 kHz stereo); a longer side makes the pair stream.
    long = not all(is_small(c.frames, c.channels) for c in (pair.input, pair.target))
    stream = partial(stream_prepared_pair, pair, cfg, skip_silence=cfg.skip_silence)
    job = _Streamed(make, long, stream, f"{pair.input.path} / {pair.target.path}")
    both = _cached(cache, key, job)
    return both[0], both[1]


# on_skip(path, why): a source left out of training, told to the caller (the trainer turns
# it into a Warning event). Without it, an unusable file stops loading with DataError.
OnSkip = Callable[[str, str], None]

_SKIP_REASONS = {
    "missing": "missing on disk (deleted or moved since import); left out of training",
    "changed": "changed on disk since import; left out of training (re-import it to train "
    "on the new content)",
}


def _usable(project: Project, clips: list[Clip], on_skip: OnSkip | None) -> set[int]:
    """Ids of the clips whose files are still as imported; the others are reported."""
    if on_skip is None:
        return {c.id for c in clips}
    ok = set()
    for status in source_status(project, clips):
        if status.state == "ok":
            ok.add(status.clip_id)
        else:
            on_skip(status.path, _SKIP_REASONS.get(status.state, status.state))
    return ok


def _prepared_or_skip(make: Callable[[], object], path: str, on_skip: OnSkip | None):
    try:
        return make()
    except DataError as exc:
        if on_skip is None:
            raise
        on_skip(path, f"{exc}; left out of training")
        return None


def load_sources(
    project: Project,
    cfg: DataConfig,
    split: str,
    use_cache: bool = True,
    on_skip: OnSkip | None = None,
) -> Sources:
    cache = project.cache_dir / "prepared" if use_cache else None
    if cfg.task == "denoise":
        clips = project.clips(role="clean", split=split)
        ok = _usable(project, clips, on_skip)
        names, targets = [], []
        for c in clips:
            if c.id not in ok:
                continue
            audio = _prepared_or_skip(lambda c=c: prepare_clip(c, cfg, cache), c.path, on_skip)
            if audio is not None:
                names.append(c.name)
                targets.append(audio)
        return Sources(names, targets, None)
    pairs = project.pairs(split=split)
    ok = _usable(project, [c for p in pairs for c in (p.input, p.target)], on_skip)
    names, inputs, targets = [], [], []
    for p in pairs:
        if p.input.id not in ok or p.target.id not in ok:
            continue
        both = _prepared_or_skip(lambda p=p: prepare_pair(p, cfg, cache), p.input.path, on_skip)
        if both is not None:
            names.append(p.input.name)
            inputs.append(both[0])
            targets.append(both[1])
    return Sources(names, targets, inputs)


def load_noise_clips(
    project: Project, cfg: DataConfig, use_cache: bool = True, on_skip: OnSkip | None = None
) -> list[np.ndarray]:
    cache = project.cache_dir / "prepared" if use_cache else None
    clips = project.clips(role="noise")
    ok = _usable(project, clips, on_skip)
    out = []
    for c in clips:
        if c.id in ok:
            audio = _prepared_or_skip(
                lambda c=c: prepare_noise_clip(c, cfg, cache), c.path, on_skip
            )
            if audio is not None:
                out.append(audio)
    return out


def _window(x: np.ndarray, start: int, n: int) -> np.ndarray:
    return fit_length(np.asarray(x[start : start + n], dtype=np.float32), n)


class SegmentDataset(Dataset):
    """Map-style dataset; items are addressed as (epoch, index) so that workers need no
    shared epoch counter and every example is reproducible."""

    def __init__(
        self,
        sources: Sources,
        cfg: DataConfig,
        seed: int,
        train: bool,
        noise_clips: list[np.ndarray] | None = None,
        talkers: list[np.ndarray] | None = None,
    ) -> None:
        self.sources, self.cfg, self.seed, self.train = sources, cfg, seed, train
        self.noise_clips = noise_clips or []
        # Babble is made of other speakers: the training targets are the only speech we have.
        self.talkers = talkers if talkers is not None else list(sources.targets)
        kinds = [k for k in cfg.noise.kinds if k != "project" or self.noise_clips]
        self.noise_kinds = tuple(kinds) or ("pink",)
        if train and (cfg.augment.pitch_prob > 0 or cfg.augment.stretch_prob > 0):
            _warm_up_augment(cfg.sample_rate)
        self.index = segment_index(
            [len(t) for t in sources.targets], cfg.segment_samples, cfg.hop_samples
        )

    def __len__(self) -> int:
        return int(self.index.shape[0])

    def rng_for(self, epoch: int, i: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, epoch, i])

    def example(self, epoch: int, i: int) -> tuple[np.ndarray, np.ndarray]:
        cfg, n = self.cfg, self.cfg.segment_samples
        rng = self.rng_for(epoch, i)
        k, start, room = (int(v) for v in self.index[i])
        jitter = int(rng.integers(0, room + 1))
        plan = draw_augment(cfg.augment, rng)
        if self.train:
            start += jitter
        else:
            plan = type(plan)()  # validation is never augmented
        length = plan.source_length(n)
        target = apply_augment(
            _window(self.sources.targets[k], start, length), cfg.sample_rate, plan, n
        )
        if self.sources.inputs is not None:
            inp = apply_augment(
                _window(self.sources.inputs[k], start, length), cfg.sample_rate, plan, n
            )
        else:
            # Validation is corrupted too (from its fixed seeds): it stands for the audio the
            # model will meet, band-limited files included.
            corruption = draw_corruption(cfg.corrupt, rng, cfg.sample_rate)
            target = apply_room(target, cfg.sample_rate, corruption)
            noise = noise_mixture(corruption, self._one_noise, rng, cfg.sample_rate, cfg.corrupt)
            if cfg.noise.mode == "snr":
                inp = mix_at_snr(target, noise, float(rng.uniform(*cfg.noise.snr_db)))
            else:
                levels = cfg.noise.levels
                inp = mix_at_level(target, noise, levels[int(rng.integers(len(levels)))])
            inp, target = band_limit_pair(inp, target, cfg.sample_rate, corruption)
        # Keep the input within full scale; scaling both sides keeps the mapping the same.
        peak = float(np.max(np.abs(inp))) if inp.size else 0.0
        if peak > 1.0:
            inp, target = inp / peak, target / peak
        return inp.astype(np.float32), target.astype(np.float32)

    def _one_noise(self, rng: np.random.Generator) -> np.ndarray:
        """One noise source of a kind drawn from the configured kinds."""
        kinds, share = self.noise_kinds, self.cfg.noise.project_share
        u = float(rng.random())  # drawn whatever the rule, so the rule changes no other draw
        others = tuple(k for k in kinds if k != "project")
        if "project" not in kinds or not others:
            kind = kinds[int(rng.integers(len(kinds)))]
        elif u < share:
            kind = "project"
        else:
            kind = others[int(rng.integers(len(others)))]
        return make_noise(
            kind,
            self.cfg.segment_samples,
            self.cfg.sample_rate,
            rng,
            talkers=self.talkers,
            noise_clips=self.noise_clips,
            hum_hz=self.cfg.noise.hum_hz,
        )

    def __getitem__(self, key: tuple[int, int]) -> tuple[torch.Tensor, torch.Tensor]:
        epoch, i = key
        inp, target = self.example(int(epoch), int(i))
        return torch.from_numpy(inp)[None], torch.from_numpy(target)[None]


def _warm_up_augment(sr: int) -> None:
    """Import librosa and run its phase vocoder once here, so loader workers (forked anew
    each epoch) inherit the loaded module instead of each importing it again."""
    from core.train.augment import AugmentPlan

    apply_augment(
        np.zeros(4096, dtype=np.float32), sr, AugmentPlan(semitones=1.0, stretch=1.1), 4096
    )


class CachedDataset(Dataset):
    """Pre-generated examples (see core.train.cache): variant `epoch % variants` of segment i."""

    def __init__(self, inputs: np.ndarray, targets: np.ndarray) -> None:
        self.inputs, self.targets = inputs, targets  # (N, V, T), memory-mapped or in RAM
        self.variants = int(inputs.shape[1])

    def __len__(self) -> int:
        return int(self.inputs.shape[0])

    def __getitem__(self, key: tuple[int, int]) -> tuple[torch.Tensor, torch.Tensor]:
        epoch, i = key
        v = int(epoch) % self.variants
        inp = np.array(self.inputs[int(i), v], dtype=np.float32)
        tgt = np.array(self.targets[int(i), v], dtype=np.float32)
        return torch.from_numpy(inp)[None], torch.from_numpy(tgt)[None]
