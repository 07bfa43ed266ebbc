"""The attenuation limit `process` applies by default, chosen on validation: the candidate
limits, how a limit is applied to an output, and the never-worse choice among them."""

from __future__ import annotations

import torch

# Attenuation limits (dB) tried on validation; None is no limit.
ATTEN_LIMITS_DB = (None, 40.0, 30.0, 24.0, 18.0, 15.0, 12.0, 9.0, 6.0, 4.0, 3.0)
# Validation examples are grouped by their input SI-SDR (dB edges) for the limit choice:
# harm shows first on the cleanest inputs, where there is least to gain.
INPUT_SDR_EDGES = (5.0, 15.0, 25.0)


def limited(est: torch.Tensor, inp: torch.Tensor, limit_db: float | None) -> torch.Tensor:
    """The output with an attenuation limit, as inference applies it: nothing ends up more
    than limit_db below the input (out = (1 - l) * est + l * inp, l = 10^(-limit/20))."""
    if limit_db is None:
        return est
    floor = 10 ** (-limit_db / 20)
    return (1 - floor) * est + floor * inp


def choose_atten_limit(
    improvements: dict[float | None, torch.Tensor], input_sdr: torch.Tensor | None = None
) -> float | None:
    """The attenuation limit for `process`, from per-example SI-SDR improvements under each
    candidate limit. Never worse first: the examples are grouped by input SI-SDR, and of
    the limits under which no group is made worse on average, the one with the best mean
    wins; if none keeps every group at 0 dB or more, the one whose worst group is least bad."""
    groups = (
        torch.bucketize(input_sdr, torch.tensor(INPUT_SDR_EDGES))
        if input_sdr is not None
        else torch.zeros_like(next(iter(improvements.values())), dtype=torch.long)
    )

    def worst_group(imp: torch.Tensor) -> float:
        return min(float(imp[groups == g].mean()) for g in torch.unique(groups))

    safe = [k for k, imp in improvements.items() if worst_group(imp) >= 0.0]
    if safe:
        return max(safe, key=lambda k: (float(improvements[k].mean()), k is None))
    return max(improvements, key=lambda k: worst_group(improvements[k]))
