"""Which-first runs and the timeline builder, as plain state machines."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.dates import PartialDate
from quiz.deck.model import Card, CardKind
from quiz.exercises import (
    LIVES,
    Difficulty,
    EventItem,
    NotEnoughEvents,
    Pair,
    TimelineGame,
    WhichFirstRun,
    allowed_gaps,
    chronological,
    in_order,
    judge,
)


def items(years: list[int]) -> list[EventItem]:
    return [EventItem("d", Card(f"c{y}", CardKind.EVENT, text=f"e{y}", date=PartialDate(y)))
            for y in years]


POOL = items([1901, 1905, 1910, 1920, 1933, 1944, 1950, 1961])


def test_judge() -> None:
    a, b = items([1900, 1950])
    assert judge(Pair((a, b)), 0) and not judge(Pair((a, b)), 1)
    assert judge(Pair((b, a)), 1) and not judge(Pair((b, a)), 0)
    with pytest.raises(ValueError):
        judge(Pair((a, b)), 2)


def test_which_first_perfect_run_until_pairs_run_out() -> None:
    run = WhichFirstRun(items([1900, 1910, 1920]), Difficulty.EASY, random.Random(1))
    while not run.over:
        assert run.current is not None
        run.answer(run.current.earlier_index)
    assert run.exhausted and run.missed is None
    assert run.streak == 3  # every pair of three events, once each
    assert len({a.pair.keys for a in run.answers}) == 3


def test_which_first_run_ends_at_the_first_miss() -> None:
    run = WhichFirstRun(POOL, Difficulty.MEDIUM, random.Random(2))
    for _ in range(3):
        assert run.current is not None
        assert run.answer(run.current.earlier_index).correct
    assert run.current is not None
    wrong = 1 - run.current.earlier_index
    missed = run.current
    assert not run.answer(wrong).correct
    assert run.over and not run.exhausted and run.streak == 3
    assert run.misplaced() == [(missed.items[0], 1), (missed.items[1], 1)]
    with pytest.raises(RuntimeError):
        run.answer(0)


def test_which_first_needs_two_distinct_dates() -> None:
    with pytest.raises(NotEnoughEvents):
        WhichFirstRun(items([1900]), Difficulty.EASY, random.Random(0))


def test_allowed_gaps() -> None:
    placed = items([1900, 1910, 1920])
    assert allowed_gaps(items([1905])[0], placed) == (1, 1)
    assert allowed_gaps(items([1890])[0], placed) == (0, 0)
    assert allowed_gaps(items([1930])[0], placed) == (3, 3)
    tie = EventItem("d", Card("t", CardKind.EVENT, text="t", date=PartialDate(1910, 5)))
    assert allowed_gaps(tie, placed) == (1, 2)


def test_timeline_perfect_game_places_everything() -> None:
    game = TimelineGame(POOL, Difficulty.MEDIUM, random.Random(3))
    assert len(game.placed) == 1 and game.lives == LIVES
    while not game.over:
        assert game.current is not None
        lo, _ = allowed_gaps(game.current, game.placed)
        assert game.place(lo).correct
    assert game.completed
    assert game.score == len(POOL) - 1
    assert game.lives == LIVES
    assert [i.key for i in game.placed] == [i.key for i in chronological(POOL)]
    assert len(game.shown) == len(POOL)


def test_timeline_misses_cost_lives_and_show_the_right_place() -> None:
    game = TimelineGame(POOL, Difficulty.MEDIUM, random.Random(4))
    misses = 0
    while not game.over:
        assert game.current is not None
        lo, hi = allowed_gaps(game.current, game.placed)
        wrong = hi + 1 if hi + 1 <= len(game.placed) else lo - 1
        result = game.place(wrong)
        misses += 1
        assert not result.correct and result.off_by != 0
        assert game.placed[result.index] is result.item  # put where it belonged
        assert in_order(game.placed)
    assert misses == LIVES and game.lives == 0 and not game.completed
    assert game.score == 0
    assert len(game.misplaced()) == LIVES


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1800, 2000), min_size=2, max_size=15, unique=True),
       st.lists(st.integers(0, 20), min_size=20, max_size=20), st.integers(0, 1000))
def test_timeline_always_stays_in_order(years: list[int], gaps: list[int], seed: int) -> None:
    game = TimelineGame(items(years), Difficulty.HARD, random.Random(seed))
    for g in gaps:
        if game.over:
            break
        game.place(min(g, len(game.placed)))
        assert in_order(game.placed)
    assert game.score + (LIVES - game.lives) == len(game.placements)
