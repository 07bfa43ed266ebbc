"""The classify task's models: a log-mel window [B, n_mels, frames] -> class logits [B, C].

Both are plain 2-D CNNs over (mel, frame), blocks of 3x3 convolution, batch norm and ReLU,
each block halving both axes, then the mean and the maximum over what is left (a call heard
once in a window counts as much as a hum heard throughout) and a linear layer. Any number of
mels or frames fits, so one model serves windows of any length.

- `cnn_small` (the default): 4 blocks of one convolution, `channels` doubling to 8x
  (16 -> 128: 0.1 M parameters, ~24 M multiply-adds for a window of 64 mels x 101 frames;
  ~5 ms a window on one core of the shared 2-core machine, ~80 windows/s trained).
- `cnn_large`: 4 blocks of two convolutions, twice as wide (32 -> 256: 1.2 M parameters),
  for large collections on a GPU.

Each window is standardised inside the model (its own mean and spread over the whole
spectrogram), so a quiet and a loud recording of one sound look alike, and an exported model
needs nothing but the log-mel features.
"""

from __future__ import annotations

import torch
from torch import nn

from core.train.config import ModelConfig


def _block(c_in: int, c_out: int, convs: int) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i in range(convs):
        layers += [
            nn.Conv2d(c_in if i == 0 else c_out, c_out, 3, padding=1, bias=False),
            nn.BatchNorm2d(c_out),
            nn.ReLU(inplace=True),
        ]
    # ceil_mode: a 1-frame or 1-mel remainder still pools (short windows, few mels).
    layers.append(nn.MaxPool2d(2, ceil_mode=True))
    return nn.Sequential(*layers)


class SpectrogramCNN(nn.Module):
    def __init__(
        self, classes: int, channels: int = 16, convs: int = 1, blocks: int = 4, dropout=0.2
    ) -> None:
        super().__init__()
        widths = [channels * 2 ** min(i, 3) for i in range(blocks)]
        self.blocks = nn.Sequential(
            *(_block(1 if i == 0 else widths[i - 1], w, convs) for i, w in enumerate(widths))
        )
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(2 * widths[-1], classes)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """What the head classifies [B, 2 × last width]: windows the model hears alike are
        close here (the results view's nearest correct example)."""
        x = x.float()
        mean = x.mean(dim=(1, 2), keepdim=True)
        std = x.std(dim=(1, 2), keepdim=True)
        h = self.blocks(((x - mean) / (std + 1e-5)).unsqueeze(1))
        return torch.cat([h.mean(dim=(2, 3)), h.amax(dim=(2, 3))], dim=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.embed(x)))


def build_classifier(model_cfg: ModelConfig) -> nn.Module:
    """The classifier of a config whose `classes` are set (a run fills them from its data)."""
    if not model_cfg.classes:
        raise ValueError("model.classes is empty: a classifier needs the classes it tells apart")
    n = len(model_cfg.classes)
    if model_cfg.kind == "cnn_small":
        return SpectrogramCNN(n, model_cfg.channels, convs=1)
    if model_cfg.kind == "cnn_large":
        return SpectrogramCNN(n, 2 * model_cfg.channels, convs=2)
    raise ValueError(f"{model_cfg.kind!r} is not a classifier kind")
