"""Event selection: distinct dates, difficulty, decks mixed, no repeated round."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.dates import PartialDate, indistinguishable
from quiz.deck.load import load_deck
from quiz.deck.model import Card, CardKind, Deck
from quiz.exercises import (
    Difficulty,
    EventItem,
    NotEnoughEvents,
    distinct_count,
    event_pool,
    fits,
    gap_days,
    in_order,
    select_events,
    shuffled,
)

DATA = Path(__file__).resolve().parent.parent / "data"


def deck(name: str) -> Deck:
    return load_deck(DATA / f"exercises_{name}.yaml", use_cache=False)


def make_items(dates: list[PartialDate], deck_id: str = "d") -> list[EventItem]:
    return [EventItem(deck_id, Card(f"c{i}", CardKind.EVENT, text=f"event {i}", date=d))
            for i, d in enumerate(dates)]


partial_dates = st.builds(
    lambda y, m, d, p: (PartialDate(y) if p == 0 else PartialDate(y, m) if p == 1
                        else PartialDate(y, m, d)),
    st.integers(1900, 1930), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
)


def no_ties(items: tuple[EventItem, ...]) -> bool:
    return not any(indistinguishable(a.date, b.date)
                   for i, a in enumerate(items) for b in items[i + 1:])


def test_pool_takes_dated_events_of_every_deck() -> None:
    pool = event_pool([deck("history"), deck("close")])
    assert len(pool) == 21
    assert {i.deck_id for i in pool} == {"exercises-history", "exercises-close"}
    assert all(i.card.kind is CardKind.EVENT for i in pool)


@pytest.mark.parametrize(("a", "b", "days"), [
    ("2007", "2009", 730),
    ("2007", "2007-05", 0),
    ("2007-01", "2007-03", 60),
    ("2007-01-01", "2007-01-15", 14),
    ("2007-01-20", "2007-02", 30),
])
def test_gap_days_at_common_precision(a: str, b: str, days: int) -> None:
    assert gap_days(PartialDate.parse(a), PartialDate.parse(b)) == days


def test_too_few_distinct_dates_is_a_clear_error() -> None:
    pool = event_pool([deck("tiny")])  # 2001 and 2001-09 are a tie
    assert distinct_count(pool) == 2
    with pytest.raises(NotEnoughEvents) as err:
        select_events(pool, 3, Difficulty.MEDIUM, random.Random(1))
    assert "only 2 events with distinct dates" in err.value.message
    assert err.value.needed == 3


def test_no_events_at_all() -> None:
    with pytest.raises(NotEnoughEvents, match="no dated events"):
        select_events([], 3, Difficulty.EASY, random.Random(1))


@pytest.mark.parametrize("difficulty", [Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD])
@pytest.mark.parametrize("seed", range(20))
def test_selection_fits_its_difficulty(difficulty: Difficulty, seed: int) -> None:
    pool = event_pool([deck("history"), deck("close")])
    sel = select_events(pool, 5, difficulty, random.Random(seed))
    assert len(sel.items) == 5 and len(sel.keys) == 5
    assert sel.difficulty is difficulty  # this pool can serve every level
    assert fits(sel.items, difficulty)
    assert no_ties(sel.items)


def test_easy_is_years_apart_and_hard_is_months_apart() -> None:
    pool = event_pool([deck("history"), deck("close")])
    easy = select_events(pool, 5, Difficulty.EASY, random.Random(3))
    assert all(gap_days(a.date, b.date) >= 365
               for i, a in enumerate(easy.items) for b in easy.items[i + 1:])
    hard = select_events(pool, 5, Difficulty.HARD, random.Random(3))
    dates = sorted(i.date.sort_key() for i in hard.items)
    assert dates[-1][0] - dates[0][0] <= 4  # a tight chain, not spread over decades


def test_hard_relaxes_when_the_deck_has_no_close_events() -> None:
    items = make_items([PartialDate(y) for y in (1900, 1910, 1920, 1930)])
    sel = select_events(items, 3, Difficulty.HARD, random.Random(0))
    assert sel.relaxed and sel.asked is Difficulty.HARD
    assert no_ties(sel.items)


def test_easy_relaxes_on_a_one_year_deck() -> None:
    sel = select_events(event_pool([deck("close")]), 4, Difficulty.EASY, random.Random(0))
    assert sel.relaxed and sel.difficulty is Difficulty.MEDIUM
    assert fits(sel.items, Difficulty.MEDIUM)


@pytest.mark.parametrize("seed", range(10))
def test_draws_across_decks(seed: int) -> None:
    pool = event_pool([deck("history"), deck("close")])
    sel = select_events(pool, 4, Difficulty.MEDIUM, random.Random(seed))
    assert {i.deck_id for i in sel.items} == {"exercises-history", "exercises-close"}


@pytest.mark.parametrize("seed", range(30))
def test_never_the_same_round_twice_in_a_row(seed: int) -> None:
    rng = random.Random(seed)
    pool = event_pool([deck("close")])[:5]  # 5 events, rounds of 4: only 5 possible sets
    previous = None
    for _ in range(10):
        sel = select_events(pool, 4, Difficulty.MEDIUM, rng, previous=previous)
        assert sel.keys != previous
        previous = sel.keys


def test_exact_pool_repeats_the_set_but_shuffled_differently() -> None:
    items = make_items([PartialDate(y) for y in (1900, 1910, 1920)])
    rng = random.Random(5)
    first = shuffled(select_events(items, 3, Difficulty.EASY, rng).items, rng)
    again = select_events(items, 3, Difficulty.EASY, rng, previous={i.key for i in first})
    second = shuffled(again.items, rng, avoid=[[i.key for i in first]])
    assert [i.key for i in second] != [i.key for i in first]
    assert not in_order(second) and not in_order(first)


@settings(max_examples=200, deadline=None)
@given(st.lists(partial_dates, min_size=0, max_size=25), st.integers(2, 8), st.integers(0, 10_000),
       st.sampled_from([Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD]))
def test_selection_properties(dates: list[PartialDate], n: int, seed: int,
                              difficulty: Difficulty) -> None:
    items = make_items(dates)
    try:
        sel = select_events(items, n, difficulty, random.Random(seed))
    except NotEnoughEvents as exc:
        assert distinct_count(items) < n
        assert exc.available == distinct_count(items)
        return
    assert len(sel.items) == n
    assert len(sel.keys) == n
    assert set(sel.items) <= set(items)
    assert no_ties(sel.items)
    assert fits(sel.items, sel.difficulty)


@settings(max_examples=100, deadline=None)
@given(st.lists(partial_dates, min_size=3, max_size=12), st.integers(0, 10_000))
def test_selection_is_reproducible_with_a_seed(dates: list[PartialDate], seed: int) -> None:
    items = make_items(dates)
    if distinct_count(items) < 3:
        return
    a = select_events(items, 3, Difficulty.MEDIUM, random.Random(seed))
    b = select_events(items, 3, Difficulty.MEDIUM, random.Random(seed))
    assert a == b


def test_ties_allowed_only_when_asked() -> None:
    items = make_items([PartialDate(2001), PartialDate(2001, 5), PartialDate(2001, 9)])
    with pytest.raises(NotEnoughEvents):
        select_events(items, 3, Difficulty.MEDIUM, random.Random(0))
    assert distinct_count(items) == 2
    sel = select_events(items, 3, Difficulty.MEDIUM, random.Random(0), allow_ties=True)
    assert len(sel.items) == 3


def test_distinct_count_prefers_finer_dates() -> None:
    items = make_items([PartialDate(2001), PartialDate(2001, 5), PartialDate(2001, 5, 3),
                        PartialDate(2001, 5, 9), PartialDate(2002)])
    assert distinct_count(items) == 3  # 3 May, 9 May 2001 and 2002
