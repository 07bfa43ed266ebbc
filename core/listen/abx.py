"""Blind ABX listening tests: is the difference between A and B audible at all?

Each trial hides a random choice of A or B behind X; the listener may play A, B and X as
often as they like and says which one X is. Guessing scores 50 % on average, so the score
is judged by the binomial probability of doing at least that well by chance.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field


def guess_probability(correct: int, trials: int) -> float:
    """P(at least `correct` right out of `trials` by coin-flipping): the one-sided p-value.

    Exact: sum of C(trials, i) for i >= correct, over 2**trials, in integers; Python's int
    division rounds the exact ratio to the nearest float. (scipy.stats.binom gives the same
    figure, but importing scipy.stats costs over a second at start-up.)
    """
    if trials < 0 or not 0 <= correct <= trials:
        raise ValueError(f"need 0 <= correct <= trials, got {correct}/{trials}")
    ways = sum(math.comb(trials, i) for i in range(correct, trials + 1))
    return ways / 2**trials


@dataclass
class AbxTrial:
    x_is: str  # "A" or "B": hidden from the listener until the test ends
    answer: str | None = None

    @property
    def correct(self) -> bool:
        return self.answer == self.x_is


@dataclass
class AbxSession:
    """N trials with X drawn at random; answer() moves on to the next trial."""

    trials: int = 16
    seed: int | None = None  # fixed only in tests; a listener must not learn the order
    history: list[AbxTrial] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not 1 <= self.trials <= 200:
            raise ValueError(f"trials must be in 1..200, got {self.trials}")
        rng = random.Random(self.seed)
        self.history = [AbxTrial(rng.choice("AB")) for _ in range(self.trials)]

    @property
    def index(self) -> int:
        """The current trial (0-based); equals `trials` once finished."""
        return sum(t.answer is not None for t in self.history)

    @property
    def finished(self) -> bool:
        return self.index >= self.trials

    def source_for(self, button: str) -> str:
        """Which buffer to play for the listener's A, B or X button in the current trial."""
        if button in ("A", "B"):
            return button
        if button != "X":
            raise ValueError(f"button must be A, B or X, not {button!r}")
        if self.finished:
            raise RuntimeError("the test is finished")
        return self.history[self.index].x_is

    def answer(self, x_is: str) -> bool:
        """Record 'X is A' or 'X is B' for the current trial; returns whether it was right."""
        if x_is not in ("A", "B"):
            raise ValueError(f"answer must be A or B, not {x_is!r}")
        if self.finished:
            raise RuntimeError("the test is finished")
        trial = self.history[self.index]
        trial.answer = x_is
        return trial.correct

    @property
    def answered(self) -> int:
        return self.index

    @property
    def correct(self) -> int:
        return sum(t.correct for t in self.history if t.answer is not None)

    @property
    def p_value(self) -> float:
        return guess_probability(self.correct, self.answered)

    @property
    def audible(self) -> bool:
        """Doing this well by guessing is under 5 % likely: the listener hears a difference."""
        return self.p_value < 0.05

    def summary(self) -> str:
        p = self.p_value
        verdict = (
            "very unlikely to be guessing: the difference is audible"
            if self.audible
            else "could well be guessing"
        )
        return (
            f"{self.correct} of {self.answered} correct; probability of doing this well by "
            f"guessing: {p:.3g} ({verdict})"
        )
