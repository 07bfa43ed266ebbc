"""What the classify task's feature cache holds and where: its groups, their keys, and which
training windows `max_per_class` keeps.

The cache lives in PROJECT/cache/classify_features/, one folder per split and class
(`train/owl-1a2b3c4d/`): a group is the unit a worker builds and the unit a change rebuilds.
A group's key hashes everything its content depends on: the FeatureConfig, the clips (their
audio and edit lists, and sources), and for the train split the variants' settings,
`max_per_class`, the seed and the noise clips mixed in. A group whose stored key differs is
rebuilt; the others are kept, so an edit rebuilds one class of one split.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from core.dataset.clips import CLIP_SELECT, Clip, clip_from_row
from core.dataset.labels import LabelledClip
from core.dataset.project import Project
from core.train.classify.config import FeatureConfig, VariantConfig
from core.train.classify.features import window_starts
from core.train.config import TrainConfig

CACHE_FOLDER = "classify_features"
SPLITS = ("train", "val", "test")
# Bumped when what a group's files hold changes meaning: older groups are then rebuilt.
# 2: features stored as float16 (1: float32).
FORMAT = 2
_BATCH = 500  # clip ids per index query
# How the log-mel values are stored: half precision halves the cache (158 GiB of float32
# for 1,500 classes x 500 files); natural-log power lies within about -14..+12, where
# float16 keeps 3 significant digits (steps of 0.008 at most), far finer than the
# augmentation's gain steps. Training converts each batch to float32.
FEATURE_DTYPE = np.dtype("<f2")


def cache_root(project: Project) -> Path:
    return project.cache_dir / CACHE_FOLDER


def class_names(clips: list[LabelledClip]) -> tuple[str, ...]:
    """The classes of a list of clips, in the order of their label indices (sorted)."""
    return tuple(sorted({c.label for c in clips}))


def group_folder_name(label: str) -> str:
    """A class's folder: its name made safe for any filesystem, and a hash of the exact name
    (so "Owl" and "owl", or "a/b" and "a_b", never share a folder)."""
    safe = re.sub(r"[^\w.-]+", "_", label, flags=re.UNICODE).strip("._")[:48] or "class"
    return f"{safe}-{hashlib.sha1(label.encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class GroupTask:
    """One split of one class: what a worker builds into `folder`."""

    split: str
    label: str
    label_index: int
    clips: tuple[tuple[Clip, str], ...]  # (the clip as the index has it, its source)
    folder: str
    key: str
    features: FeatureConfig
    augment: VariantConfig
    variants: int  # augmented variants per kept window (0 outside train)
    max_windows: int  # windows kept in this group (0: all); only train is capped
    seed: int
    noise_file: str  # the noise bank mixed into variants ("" when there is none)


def clip_records(project: Project, ids: list[int]) -> dict[int, Clip]:
    """The index's records of `ids`, a few hundred per query."""
    out: dict[int, Clip] = {}
    conn = project.connection()
    for lo in range(0, len(ids), _BATCH):
        chunk = ids[lo : lo + _BATCH]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"{CLIP_SELECT} WHERE c.id IN ({marks})", chunk):
            out[row["id"]] = clip_from_row(row, project.cache_dir)
    return out


def _key(parts: dict) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]


def plan_groups(
    project: Project,
    clips: list[LabelledClip],
    cfg: TrainConfig,
    noise: tuple[str, str] = ("", ""),
) -> list[GroupTask]:
    """Every group of the cache for `clips`, train first, classes in label-index order.
    `noise` is the noise bank's (file, key) (see feature_cache_noise). A clip the index no
    longer has raises ValueError naming it."""
    c = cfg.classify
    classes = class_names(clips)
    index = {name: i for i, name in enumerate(classes)}
    records = clip_records(project, sorted({lc.clip_id for lc in clips}))
    missing = sorted({lc.clip_id for lc in clips} - set(records))
    if missing:
        raise ValueError(f"{project.root}: clips {missing[:5]} are not in the index")
    members: dict[tuple[str, str], list[tuple[Clip, str]]] = defaultdict(list)
    for lc in sorted(clips, key=lambda lc: lc.clip_id):
        if lc.split not in SPLITS:
            raise ValueError(f"clip {lc.clip_id}: split {lc.split!r} is not one of {SPLITS}")
        members[(lc.split, lc.label)].append((records[lc.clip_id], lc.source))
    root = cache_root(project)
    tasks = []
    for split in SPLITS:
        for label in classes:
            group = tuple(members.get((split, label), ()))
            if not group:
                continue
            train = split == "train"
            parts = {
                "format": FORMAT,
                "split": split,
                "label": label,
                "features": asdict(c.features),
                "clips": [[clip.id, clip.audio_key, clip.edits, src] for clip, src in group],
            }
            if train:
                parts |= {
                    "variants": c.variants,
                    "augment": asdict(c.augment) if c.variants else None,
                    "max_per_class": c.max_per_class,
                    "seed": cfg.run.seed,
                    "noise": noise[1] if c.variants else "",
                }
            tasks.append(
                GroupTask(
                    split=split,
                    label=label,
                    label_index=index[label],
                    clips=group,
                    folder=str(root / split / group_folder_name(label)),
                    key=_key(parts),
                    features=c.features,
                    augment=c.augment,
                    variants=c.variants if train else 0,
                    max_windows=c.max_per_class if train else 0,
                    seed=cfg.run.seed,
                    noise_file=noise[0] if train and c.variants else "",
                )
            )
    return tasks


@dataclass(frozen=True)
class CacheSize:
    """What a feature cache will hold, estimated from the index (no audio is read)."""

    windows: int  # rows: originals in every split, and the training windows' variants
    nbytes: int  # their log-mel features (the rows' clip ids and starts are a few bytes more)


def estimated_size(project: Project, clips: list[LabelledClip], cfg: TrainConfig) -> CacheSize:
    """The cache of `clips` under `cfg`: each clip's windows (`most_windows`: before its
    edits, so at most what it will hold), a training class's kept to `max_per_class`, each
    kept one with its `variants`; n_mels x frames values a window. The noise bank (at most
    20 minutes of audio) is not counted."""
    c = cfg.classify
    records = clip_records(project, sorted({lc.clip_id for lc in clips}))
    per_group: dict[tuple[str, str], int] = defaultdict(int)
    for lc in clips:
        clip = records.get(lc.clip_id)
        if clip is not None and clip.sample_rate:
            per_group[(lc.split, lc.label)] += most_windows(clip, c.features)
    windows = 0
    for (split, _label), n in per_group.items():
        if split == "train":
            kept = min(n, c.max_per_class) if c.max_per_class else n
            windows += kept * (1 + c.variants)
        else:
            windows += n
    return CacheSize(windows, windows * row_bytes(c.features))


def row_bytes(features: FeatureConfig) -> int:
    """One window's log-mel features as the cache stores them."""
    return features.n_mels * features.frames * FEATURE_DTYPE.itemsize


def most_windows(clip: Clip, features: FeatureConfig) -> int:
    """Windows of a clip before its edits: edits only ever shorten a clip, so the windows
    after them are at most this many."""
    n = int(np.ceil(clip.frames * features.sample_rate / clip.sample_rate))
    return len(window_starts(n, features))


def select_windows(
    counts: list[int], sources: list[str], cap: int, seed: int, label: str
) -> list[np.ndarray]:
    """Which windows of each clip a class keeps when it has more than `cap`: one window of
    each source in turn (sources and each source's windows in a seeded order), so a class
    with one long recording and many short ones keeps some of each. Per clip, the sorted
    window indices kept; deterministic in (counts, sources, cap, seed, label)."""
    if cap <= 0 or sum(counts) <= cap:
        return [np.arange(n) for n in counts]
    rng = np.random.default_rng([seed, int(hashlib.sha1(label.encode()).hexdigest()[:8], 16)])
    by_source: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for clip_i, (n, src) in enumerate(zip(counts, sources, strict=True)):
        by_source[src].extend((clip_i, w) for w in range(n))
    queues = []
    for src in sorted(by_source):
        items = by_source[src]
        queues.append([items[i] for i in rng.permutation(len(items))])
    order = rng.permutation(len(queues))
    kept: list[list[int]] = [[] for _ in counts]
    taken, depth = 0, 0
    while taken < cap:
        for q in order:
            if depth < len(queues[q]) and taken < cap:
                clip_i, w = queues[q][depth]
                kept[clip_i].append(w)
                taken += 1
        depth += 1
    return [np.array(sorted(k), dtype=np.int64) for k in kept]
