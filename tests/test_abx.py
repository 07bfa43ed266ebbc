"""Blind ABX sessions and the probability of their scores by guessing."""

from __future__ import annotations

import math

import pytest

from core.abx import AbxSession, guess_probability


def test_guess_probability_matches_the_binomial_by_hand():
    # P(X >= k) for X ~ Binomial(n, 1/2) = sum_{i>=k} C(n, i) / 2^n
    for n, k in [(16, 12), (10, 10), (10, 0), (5, 3), (1, 1)]:
        expected = sum(math.comb(n, i) for i in range(k, n + 1)) / 2**n
        assert guess_probability(k, n) == pytest.approx(expected, rel=1e-12)
    assert guess_probability(0, 0) == 1.0
    with pytest.raises(ValueError):
        guess_probability(5, 4)


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
