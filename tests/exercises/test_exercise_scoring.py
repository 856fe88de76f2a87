"""Order-them scoring: pairs in the right order as 0-100, ties either way, per-item offsets."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quiz.dates import PartialDate, indistinguishable
from quiz.deck.model import Card, CardKind
from quiz.exercises import (
    Difficulty,
    EventItem,
    chronological,
    grade_order,
    in_order,
    new_order_round,
    offsets,
    order_score,
    pairs_in_order,
)

partial_dates = st.builds(
    lambda y, m, d, p: (PartialDate(y) if p == 0 else PartialDate(y, m) if p == 1
                        else PartialDate(y, m, d)),
    st.integers(1990, 1995), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
)


def items(dates: list[PartialDate]) -> list[EventItem]:
    return [EventItem("d", Card(f"c{i}", CardKind.EVENT, text=f"e{i}", date=d))
            for i, d in enumerate(dates)]


def has_ties(dates: list[PartialDate]) -> bool:
    return any(indistinguishable(a, b) for i, a in enumerate(dates) for b in dates[i + 1:])


Y = PartialDate


@pytest.mark.parametrize(("years", "score"), [
    ([1, 2, 3, 4], 100.0),
    ([4, 3, 2, 1], 0.0),
    ([2, 1, 3, 4], 100 * 5 / 6),
    ([1, 2, 4, 3], 100 * 5 / 6),
    ([4, 1, 2, 3], 50.0),
    ([1, 2], 100.0),
    ([2, 1], 0.0),
    ([1], 100.0),
    ([], 100.0),
])
def test_score_table(years: list[int], score: float) -> None:
    assert order_score([Y(2000 + y) for y in years]) == pytest.approx(score)


def test_ties_are_accepted_either_way() -> None:
    a, b, c = Y(2007), Y(2007, 3), Y(2009)
    assert order_score([a, b, c]) == 100.0
    assert order_score([b, a, c]) == 100.0
    assert order_score([c, b, a]) == pytest.approx(100 / 3)  # the tie pair still counts
    assert pairs_in_order([c, b, a]) == (1, 3)


@pytest.mark.parametrize(("years", "expected"), [
    ([1, 2, 3], [0, 0, 0]),
    ([3, 1, 2], [-2, 1, 1]),
    ([3, 2, 1], [-2, 0, 2]),
])
def test_offsets(years: list[int], expected: list[int]) -> None:
    assert offsets([Y(2000 + y) for y in years]) == expected


def test_offset_is_zero_anywhere_inside_a_tie() -> None:
    dates = [Y(2007, 3), Y(2006), Y(2007)]
    assert offsets(dates) == [-1, 1, 0]  # negative: placed too early
    assert offsets([Y(2006), Y(2007), Y(2007, 3)]) == [0, 0, 0]


def test_grade_order_lists_misplaced_items() -> None:
    shown = items([Y(2003), Y(2001), Y(2002)])
    result = grade_order(shown)
    assert result.truth == (shown[1], shown[2], shown[0])
    assert result.misplaced == [(shown[0], -2), (shown[1], 1), (shown[2], 1)]
    assert not result.perfect
    assert result.offset_of(shown[0]) == -2
    assert grade_order(result.truth).perfect


@settings(max_examples=300)
@given(st.lists(partial_dates, max_size=10))
def test_true_order_scores_100(dates: list[PartialDate]) -> None:
    truth = [i.date for i in chronological(items(dates))]
    assert order_score(truth) == 100.0
    assert all(o == 0 for o in offsets(truth))


@settings(max_examples=300)
@given(st.lists(partial_dates, min_size=2, max_size=10))
def test_reversed_order_scores_0_without_ties(dates: list[PartialDate]) -> None:
    assume(not has_ties(dates))
    reversed_truth = [i.date for i in chronological(items(dates))][::-1]
    assert order_score(reversed_truth) == 0.0


@settings(max_examples=300)
@given(st.lists(partial_dates, min_size=2, max_size=10))
def test_reversed_order_scores_only_its_ties(dates: list[PartialDate]) -> None:
    reversed_truth = [i.date for i in chronological(items(dates))][::-1]
    n = len(dates)
    ties = sum(1 for i in range(n) for j in range(i + 1, n)
               if indistinguishable(dates[i], dates[j]))
    assert order_score(reversed_truth) == pytest.approx(100 * ties / (n * (n - 1) / 2))


@settings(max_examples=300)
@given(st.lists(partial_dates, max_size=10), st.randoms(use_true_random=False))
def test_score_always_between_and_perfect_means_in_order(dates: list[PartialDate],
                                                         rnd: random.Random) -> None:
    rnd.shuffle(dates)
    score = order_score(dates)
    assert 0.0 <= score <= 100.0
    assert (score == 100.0) == in_order(items(dates))
    assert (score == 100.0) == all(o == 0 for o in offsets(dates))


@settings(max_examples=200)
@given(st.lists(partial_dates, min_size=2, max_size=8), st.integers(0, 6), st.integers(0, 6))
def test_one_swap_of_distinct_neighbours_loses_points(dates: list[PartialDate], i: int,
                                                      j: int) -> None:
    truth = [x.date for x in chronological(items(dates))]
    i, j = i % len(truth), j % len(truth)
    assume(i < j and not indistinguishable(truth[i], truth[j]))
    swapped = truth[:]
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert order_score(swapped) < 100.0


def test_new_round_is_shuffled_and_never_repeats() -> None:
    pool = items([Y(1990 + k) for k in range(6)])
    rng = random.Random(11)
    previous = None
    for _ in range(20):
        rnd = new_order_round(pool, 5, Difficulty.EASY, rng, previous)
        assert not in_order(rnd.shown)
        assert rnd.truth == tuple(chronological(rnd.shown))
        if previous is not None:
            assert [i.key for i in rnd.shown] != [i.key for i in previous.shown]
            assert {i.key for i in rnd.shown} != {i.key for i in previous.shown}
        previous = rnd
