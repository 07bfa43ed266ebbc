"""Blind ABX sessions and the probability of their scores by guessing."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from core.listen.abx import AbxSession, guess_probability


def test_guess_probability_known_values():
    # One-sided binomial tails P(X >= k), X ~ Binomial(n, 1/2), as ABX tables list them
    # (foobar2000's ABX comparator reports 12/16 as p = 3.8 %), written out as fractions.
    known = {
        (12, 16): Fraction(2517, 65536),  # 1820 + 560 + 120 + 16 + 1 ways out of 2^16
        (9, 10): Fraction(11, 1024),
        (14, 20): Fraction(60460, 2**20),
        (10, 10): Fraction(1, 1024),
        (0, 10): Fraction(1),
        (1, 1): Fraction(1, 2),
        (3, 5): Fraction(1, 2),  # 10 + 5 + 1 of 32: the middle of an odd count
    }
    for (k, n), p in known.items():
        assert guess_probability(k, n) == float(p), (k, n)
    assert guess_probability(12, 16) == pytest.approx(0.0384, abs=5e-5)
    assert guess_probability(0, 0) == 1.0
    with pytest.raises(ValueError):
        guess_probability(5, 4)
    with pytest.raises(ValueError):
        guess_probability(-1, 4)


def test_guess_probability_is_exact_in_the_far_tail():
    # The longest session (200 trials): the tail is exact where a float sum of the binomial
    # terms, or 1 minus the other tail, would lose it entirely.
    assert guess_probability(200, 200) == 2.0**-200
    assert guess_probability(199, 200) == 201 * 2.0**-200
    assert guess_probability(160, 200) == float(
        Fraction(sum(math.comb(200, i) for i in range(160, 201)), 2**200)
    )
    # Complementary tails, P(X >= k) + P(X >= n - k + 1) = 1 by symmetry, checked exactly
    # for every score of a 16-trial session (all the values are multiples of 2^-16).
    for k in range(1, 17):
        total = Fraction(guess_probability(k, 16)) + Fraction(guess_probability(17 - k, 16))
        assert total == 1, k
    # One more right answer never makes guessing more likely.
    tails = [guess_probability(k, 200) for k in range(201)]
    assert all(a >= b for a, b in zip(tails, tails[1:], strict=False))
    assert tails[100] == pytest.approx(0.5 + math.comb(200, 100) / 2**201)


def test_session_hides_x_and_scores_answers():
    session = AbxSession(trials=10, seed=3)
    assert session.index == 0 and not session.finished
    xs = [t.x_is for t in session.history]
    assert set(xs) <= {"A", "B"} and len(set(xs)) == 2  # both occur with this seed
    # A perfect listener: answers what X plays.
    for _ in range(7):
        assert session.answer(session.source_for("X")) is True
    # Then three wrong answers.
    for _ in range(3):
        wrong = "B" if session.source_for("X") == "A" else "A"
        assert session.answer(wrong) is False
    assert session.finished and session.correct == 7 and session.answered == 10
    assert session.p_value == pytest.approx(guess_probability(7, 10))
    assert "7 of 10" in session.summary()
    with pytest.raises(RuntimeError):
        session.answer("A")
    assert session.source_for("A") == "A" and session.source_for("B") == "B"


def test_unseeded_sessions_differ():
    orders = {tuple(t.x_is for t in AbxSession(trials=32).history) for _ in range(5)}
    assert len(orders) > 1
