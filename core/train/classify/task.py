"""The classify task's hooks into the shared training loop (core.train.tasks).

What differs from the audio tasks: the model's classes come from the data (and are kept in
the run's config, `model.classes`); the data is the feature cache's splits (built first
where it is missing or out of date, with progress events); the epoch's
order is balanced per class (core.train.classify.balance); the loss is cross-entropy with
label smoothing and mixup; validation gives loss, top-1, top-5 and macro-F1, and writes the
per-class report when it improves; there are no listening samples.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader

from core.dataset.labels import labelled_clips
from core.dataset.project import Project
from core.messages import QT_TRANSLATE_NOOP, Message, counted
from core.train import ddp
from core.train import events as ev
from core.train.cache import CacheCancelled
from core.train.classify.balance import balanced_order, epoch_length
from core.train.classify.data import ClassifyDataset, MixupCollate, classify_loss, remap
from core.train.classify.feature_cache import FeatureCacheCancelled, build_feature_cache
from core.train.classify.feature_cache_plan import cache_root, class_names
from core.train.classify.feature_cache_read import load_feature_splits
from core.train.classify.features import FeatureSplit
from core.train.classify.metrics import Predictions, epoch_figures, write_report
from core.train.config import TrainConfig
from core.train.data import DataError
from core.train.run_loader import RunLoader
from core.train.setup import CACHE_PROGRESS_INTERVAL_S, TrainData
from core.train.state import TrainState

CLASSES_TXT = "classes.txt"  # the run's classes, one a line, in the model's output order


class ClassifyTask:
    def __init__(self, config: TrainConfig, run_dir: Path) -> None:
        self.config, self.run_dir = config, Path(run_dir)
        self.loss_fn = classify_loss(config.classify.label_smoothing)
        self._loader: RunLoader | None = None

    def prepare(self, project: Project, config: TrainConfig) -> TrainConfig:
        """The config with the project's classes, unless it has its own (a resumed run)."""
        if not config.model.classes:
            classes = project_classes(project)
            if not classes:
                raise DataError(
                    f"{project.root}: no labelled clips; import a folder of class folders "
                    "(one folder per class) first"
                )
            config = config.with_overrides({"model.classes": classes})
        self.config = config
        return config

    # -- data --------------------------------------------------------------------------------
    def load_data(self, project, config, run_dir, ctx, emit, should_cancel) -> TrainData:
        classes = config.model.classes
        splits = _feature_splits(project, config, ctx, emit, should_cancel)
        train, val = _usable(splits, "train", classes, emit), _usable(splits, "val", classes, emit)
        if not np.any(val.labels >= 0):
            val = _usable(splits, "test", classes, emit)
        if not np.any(train.labels >= 0) or not np.any(val.labels >= 0):
            raise DataError(
                f"{project.root}: not enough labelled windows to train "
                f"({int(np.sum(train.labels >= 0))} train, {int(np.sum(val.labels >= 0))} "
                "validation); add clips, or let more of them into the validation split"
            )
        trained = set(np.unique(train.labels[train.labels >= 0]).tolist())
        idle = [c for i, c in enumerate(classes) if i not in trained]
        if idle:
            emit(
                ev.Warning(
                    counted(
                        "TrainMessages",
                        QT_TRANSLATE_NOOP(
                            "TrainMessages",
                            "%n class(es) have no training windows (the model can still say "
                            "them, it will not learn to): {names}",
                        ),
                        (
                            "%n class has no training windows (the model can still say it, "
                            "it will not learn to): {names}",
                            "%n classes have no training windows (the model can still say "
                            "them, it will not learn to): {names}",
                        ),
                        len(idle),
                        names=", ".join(idle[:10]),
                    ),
                    kind="data",
                )
            )
        if ctx.is_main:
            (Path(run_dir) / CLASSES_TXT).write_text("\n".join(classes) + "\n", encoding="utf-8")
        return TrainData(ClassifyDataset(train, config.run.seed), val, [], [])

    def examples_per_epoch(self, data: TrainData) -> int:
        c = self.config.classify
        return epoch_length(data.train_ds.unit_labels, c.balance, c.oversample_cap)

    def loader(self, data, state: TrainState, config, ctx, device) -> DataLoader:
        c, ds = config.classify, data.train_ds
        if self._loader is None:
            collate = MixupCollate(len(config.model.classes), c.mixup, config.run.seed)
            self._loader = RunLoader(config, ctx, device, collate)
        order = balanced_order(
            ds.unit_labels, c.balance, config.run.seed, state.epoch, c.oversample_cap
        )
        return self._loader.epoch(ds, state, order)

    def close(self) -> None:
        if self._loader is not None:
            self._loader.close()

    # -- validation ----------------------------------------------------------------------------
    @torch.no_grad()
    def validate(self, model, data, precision, state, device, scorer) -> dict:
        """val_loss (plain cross-entropy: no smoothing), val_top1, val_top5, val_macro_f1,
        and the predictions the report is written from; the model is left training."""
        val: FeatureSplit = data.val
        rows = np.flatnonzero(val.labels >= 0)
        n_classes = len(self.config.model.classes)
        k = min(5, n_classes)
        loss_sum, tops, scores = 0.0, [], []
        model.eval()
        bs = max(1, state.batch_size)
        for s in range(0, len(rows), bs):
            idx = rows[s : s + bs]
            x = torch.from_numpy(np.asarray(val.features[idx], dtype=np.float32)).to(device)
            y = torch.from_numpy(np.asarray(val.labels[idx], dtype=np.int64)).to(device)
            with precision.autocast():
                logits = model(x)
            logits = logits.float()
            loss_sum += float(torch.nn.functional.cross_entropy(logits, y, reduction="sum"))
            prob, top = torch.softmax(logits, dim=1).topk(k, dim=1)
            tops.append(top.cpu().numpy())
            scores.append(prob[:, 0].cpu().numpy())
        model.train()
        pred = Predictions(val.labels[rows], np.concatenate(tops), np.concatenate(scores))
        return {
            "val_loss": loss_sum / len(rows),
            **epoch_figures(pred, n_classes),
            "predictions": pred,
            "rows": rows,
        }

    def epoch_figures(self, val: dict) -> dict:
        return {k: val[k] for k in ("val_loss", "val_top1", "val_top5", "val_macro_f1")}

    def after_epoch(self, model, data, val, epoch, improved, device, emit) -> None:
        """The per-class report of the best epoch so far (no listening samples here)."""
        if not improved:
            return
        rows, split = val["rows"], data.val
        try:
            write_report(
                self.run_dir,
                val["predictions"],
                self.config.model.classes,
                split.clip_ids[rows],
                split.starts_s[rows],
                epoch,
                embed=lambda idx: _embeddings(model, split, rows[idx], device),
            )
        except OSError as exc:
            said = QT_TRANSLATE_NOOP("TrainMessages", "could not write the per-class report: {exc}")
            emit(ev.Warning(Message("TrainMessages", said, exc=str(exc)), kind="report"))

    def amp_batch(self, data: TrainData, batch_size: int) -> tuple[torch.Tensor, torch.Tensor]:
        val: FeatureSplit = data.val
        rows = np.flatnonzero(val.labels >= 0)[:batch_size]
        x = torch.from_numpy(np.asarray(val.features[rows], dtype=np.float32))
        return x, torch.from_numpy(np.asarray(val.labels[rows], dtype=np.int64))


@torch.no_grad()
def _embeddings(model, split: FeatureSplit, rows: np.ndarray, device) -> np.ndarray:
    """The model's embeddings (SpectrogramCNN.embed, in eval mode) of these windows."""
    net = getattr(model, "module", model)  # DDP
    net = getattr(net, "_orig_mod", net)  # torch.compile
    was_training = net.training
    net.eval()
    out = []
    for s in range(0, len(rows), 256):
        x = torch.from_numpy(np.asarray(split.features[rows[s : s + 256]], dtype=np.float32))
        out.append(net.embed(x.to(device)).float().cpu().numpy())
    net.train(was_training)
    return np.concatenate(out) if out else np.zeros((0, 1), dtype=np.float32)


def project_classes(project: Project) -> tuple[str, ...]:
    """The classes of the project's labelled clips (excluded classes left out), in the
    order the feature cache numbers them."""
    return class_names(labelled_clips(project))


def _feature_splits(project, config, ctx, emit, should_cancel) -> dict[str, FeatureSplit]:
    """The feature cache's splits for the project's labelled clips; the main process builds
    what is missing or out of date first (CacheProgress events, none when all is current;
    the other DDP processes wait for it), a file that cannot be read is named and left out."""
    clips = labelled_clips(project)
    summary_path = cache_root(project)
    last = [-1.0]

    def progress(done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if total and (done in (0, total) or now - last[0] >= CACHE_PROGRESS_INTERVAL_S):
            last[0] = now
            emit(ev.CacheProgress(done, total, str(summary_path)))

    def build() -> None:
        summary = build_feature_cache(
            project, clips, config, progress=progress, should_cancel=should_cancel
        )
        for path, why in summary.problems:
            said = QT_TRANSLATE_NOOP("TrainMessages", "{path}: {why}; left out of this run")
            emit(ev.Warning(Message("TrainMessages", said, path=str(path), why=why), kind="data"))

    # The others read what the main process built, or stop with it (ddp.main_first).
    try:
        ddp.main_first(ctx, build, "building the feature cache", FeatureCacheCancelled)
    except FeatureCacheCancelled:
        raise CacheCancelled("stopped while building the feature cache") from None
    return load_feature_splits(project, clips, config)


def _usable(splits: dict[str, FeatureSplit], name: str, classes, emit) -> FeatureSplit:
    """A split with labels as the run's class indices (-1 for classes the run lacks)."""
    split = splits.get(name)
    if split is None:
        empty = np.zeros(0)
        split = FeatureSplit(
            np.zeros((0, 1, 1), np.float32),
            empty.astype(np.int64),
            empty.astype(np.int64),
            empty.astype(np.float32),
            empty.astype(np.int16),
            tuple(classes),
        )
    split, dropped = remap(split, tuple(classes))
    if dropped:
        emit(
            ev.Warning(
                counted(
                    "TrainMessages",
                    QT_TRANSLATE_NOOP(
                        "TrainMessages",
                        "{split}: %n class(es) are new since this run started and are left "
                        "out: {names}",
                    ),
                    (
                        "{split}: %n class is new since this run started and is left out: {names}",
                        "{split}: %n classes are new since this run started and are left "
                        "out: {names}",
                    ),
                    len(dropped),
                    split=name,
                    names=", ".join(dropped[:10]),
                ),
                kind="data",
            )
        )
    return split
