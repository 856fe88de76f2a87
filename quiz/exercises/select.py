"""Choosing events for an exercise round: distinct dates, a difficulty, a mix of decks.

Everything here is pure: it takes the candidate events, a `random.Random` and the
previous round, and returns a new selection. No Textual, no store.

Difficulty is a rule on how far apart the chosen events are, measured at each
pair's common precision (`gap_days`):

- easy: every pair at least a year apart (`2007` vs `2009`);
- medium: every pair at least about a month apart;
- hard: a chain of events each less than a year from the next, i.e. months or days apart.

When a deck cannot fill a round at the asked difficulty, the rule is relaxed
(hard/easy -> medium -> any distinct dates) and the selection says so.
Only fewer than `n` events with distinguishable dates is an error (`NotEnoughEvents`).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from quiz.dates import PartialDate, Precision, common_precision, distance, indistinguishable
from quiz.deck.model import Card, Deck
from quiz.errors import QuizError

ATTEMPTS = 80
"""Random attempts per difficulty level before relaxing it."""
YEAR_DAYS = 365
MONTH_DAYS = 28
_UNIT_DAYS = {Precision.YEAR: 365, Precision.MONTH: 30, Precision.DAY: 1}


class Difficulty(StrEnum):
    """How close together the events of a round are."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    ANY = "any"
    """Internal fallback: only distinct dates are required."""


MENU_DIFFICULTIES: tuple[Difficulty, ...] = (Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)


@dataclass(frozen=True, slots=True)
class EventItem:
    """An event card together with the deck it belongs to."""

    deck_id: str
    """Id of the card's deck (card ids are only unique within a deck)."""
    card: Card
    """The event card; `card.date` is set."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck_id, self.card.id)

    @property
    def card_id(self) -> str:
        return self.card.id

    @property
    def date(self) -> PartialDate:
        assert self.card.date is not None
        return self.card.date

    @property
    def text(self) -> str:
        return self.card.text or ""


@dataclass(frozen=True, slots=True)
class Selection:
    """The events chosen for a round, in a random order."""

    items: tuple[EventItem, ...]
    """Chosen events (not sorted)."""
    difficulty: Difficulty
    """The difficulty rule actually satisfied (may be easier than asked)."""
    asked: Difficulty
    """The difficulty that was asked for."""

    @property
    def relaxed(self) -> bool:
        return self.difficulty is not self.asked

    @property
    def keys(self) -> frozenset[tuple[str, str]]:
        return frozenset(i.key for i in self.items)


class NotEnoughEvents(QuizError):
    """The decks hold fewer events with distinct dates than the round needs."""

    def __init__(self, needed: int, available: int) -> None:
        self.needed = needed
        self.available = available
        if available == 0:
            message = "These decks have no dated events, so there is nothing to order."
        else:
            message = (f"These decks have only {available} event{'s' if available != 1 else ''} "
                       f"with distinct dates; this exercise needs {needed}. "
                       "Choose fewer events or more decks.")
        super().__init__(message, title="Not enough events")


def event_pool(decks: Iterable[Deck]) -> list[EventItem]:
    """Every dated event card of the decks, once per (deck, card id)."""
    seen: set[tuple[str, str]] = set()
    pool: list[EventItem] = []
    for deck in decks:
        for card in deck.events:
            if card.date is None or (deck.id, card.id) in seen:
                continue
            seen.add((deck.id, card.id))
            pool.append(EventItem(deck.id, card))
    return pool


def chronological(items: Iterable[EventItem]) -> list[EventItem]:
    """Items in true order; ties keep their given order (the sort is stable)."""
    return sorted(items, key=lambda i: i.date.sort_key())


def gap_days(a: PartialDate, b: PartialDate) -> int:
    """Approximate distance |b - a| in days at the pair's common precision (0 = a tie)."""
    p = common_precision(a, b)
    units = abs(distance(a.truncate(p), b.truncate(p), p))
    return units * _UNIT_DAYS[p]


def definitely_before(a: PartialDate, b: PartialDate) -> bool:
    """True when `a` is earlier than `b` and the two are not a tie."""
    return not indistinguishable(a, b) and a.sort_key() < b.sort_key()


def in_order(items: Sequence[EventItem]) -> bool:
    """True when no later item is definitely before an earlier one (ties either way)."""
    return not any(definitely_before(b.date, a.date)
                   for i, a in enumerate(items) for b in items[i + 1:])


def distinct_count(pool: Sequence[EventItem]) -> int:
    """How many events with pairwise distinguishable dates a round can hold (greedy, by date)."""
    return len(_distinct_chain(pool))


def _distinct_chain(pool: Sequence[EventItem]) -> list[EventItem]:
    # Finest dates first: a coarse date (`2007`) ties with every finer one inside it, so it is
    # only worth taking when nothing finer is there; this makes the greedy count the maximum.
    chain: list[EventItem] = []
    by_year: dict[int, list[EventItem]] = defaultdict(list)
    for item in sorted(pool, key=lambda i: (-int(i.date.precision), i.date.sort_key())):
        if any(indistinguishable(item.date, o.date) for o in by_year[item.date.year]):
            continue
        chain.append(item)
        by_year[item.date.year].append(item)
    return chronological(chain)


def pair_ok(a: PartialDate, b: PartialDate, difficulty: Difficulty,
            allow_ties: bool = False) -> bool:
    """Whether two events may share a round at this difficulty (pairwise part of the rule)."""
    gap = gap_days(a, b)
    if gap == 0 or indistinguishable(a, b):
        return allow_ties and difficulty is not Difficulty.EASY
    if difficulty is Difficulty.EASY:
        return gap >= YEAR_DAYS
    if difficulty is Difficulty.MEDIUM:
        return gap >= MONTH_DAYS
    return True


def fits(items: Sequence[EventItem], difficulty: Difficulty, allow_ties: bool = False) -> bool:
    """Whether a whole set satisfies the difficulty rule (used by tests and the selector)."""
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if not pair_ok(a.date, b.date, difficulty, allow_ties):
                return False
    if difficulty is Difficulty.HARD:
        ordered = chronological(items)
        steps = zip(ordered, ordered[1:], strict=False)
        return all(gap_days(x.date, y.date) < YEAR_DAYS for x, y in steps)
    return True


def _relaxations(asked: Difficulty) -> tuple[Difficulty, ...]:
    if asked is Difficulty.EASY:
        return (Difficulty.EASY, Difficulty.MEDIUM, Difficulty.ANY)
    if asked is Difficulty.HARD:
        return (Difficulty.HARD, Difficulty.MEDIUM, Difficulty.ANY)
    if asked is Difficulty.MEDIUM:
        return (Difficulty.MEDIUM, Difficulty.ANY)
    return (Difficulty.ANY,)


def _interleaved(pool: Sequence[EventItem], rng: random.Random) -> list[EventItem]:
    """A random order that alternates between decks, so every chosen deck gets drawn from."""
    groups: dict[str, list[EventItem]] = defaultdict(list)
    for item in pool:
        groups[item.deck_id].append(item)
    lists = [groups[d] for d in sorted(groups)]
    for items in lists:
        rng.shuffle(items)
    rng.shuffle(lists)
    out: list[EventItem] = []
    while lists:
        for items in lists:
            out.append(items.pop())
        lists = [items for items in lists if items]
    return out


def _greedy(pool: Sequence[EventItem], n: int, difficulty: Difficulty, allow_ties: bool,
            rng: random.Random) -> list[EventItem] | None:
    chosen: list[EventItem] = []
    for item in _interleaved(pool, rng):
        if all(pair_ok(item.date, c.date, difficulty, allow_ties) for c in chosen):
            chosen.append(item)
            if len(chosen) == n:
                return chosen
    return None


def _hard_chain(ordered: Sequence[EventItem], n: int, allow_ties: bool,
                rng: random.Random) -> list[EventItem] | None:
    """A run of events, each less than a year after the previous one, from a random anchor."""
    start = rng.randrange(len(ordered))
    chain = [ordered[start]]
    last = start
    while len(chain) < n:
        options = []
        for j in range(last + 1, len(ordered)):
            if gap_days(ordered[last].date, ordered[j].date) >= YEAR_DAYS:
                break
            if all(pair_ok(ordered[j].date, c.date, Difficulty.HARD, allow_ties) for c in chain):
                options.append(j)
        if not options:
            return None
        # Prefer near neighbours so the chain stays tight, but not always the nearest.
        last = rng.choice(options[:3])
        chain.append(ordered[last])
    rng.shuffle(chain)
    return chain


def select_events(
    pool: Sequence[EventItem],
    n: int,
    difficulty: Difficulty,
    rng: random.Random,
    previous: Iterable[tuple[str, str]] | None = None,
    allow_ties: bool = False,
) -> Selection:
    """Choose `n` events for a round.

    Args:
        pool: candidate events (any number of decks).
        n: events wanted (>= 2).
        difficulty: the asked difficulty; relaxed when the pool cannot satisfy it.
        rng: the only source of randomness, so a seed replays a round.
        previous: keys of the previous round; the same set is never chosen twice in a
            row unless the pool holds no other choice.
        allow_ties: let indistinguishable dates share a round (never for easy).

    Raises:
        NotEnoughEvents: fewer than `n` events with distinguishable dates.
    """
    if n < 2:
        raise ValueError("a round needs at least two events")
    available = len(pool) if allow_ties else distinct_count(pool)
    if available < n:
        raise NotEnoughEvents(n, available)
    prev = frozenset(previous or ())
    ordered = chronological(pool)
    fallback: list[EventItem] | None = None
    for level in _relaxations(difficulty):
        for _ in range(ATTEMPTS):
            if level is Difficulty.HARD:
                chosen = _hard_chain(ordered, n, allow_ties, rng)
            else:
                chosen = _greedy(pool, n, level, allow_ties, rng)
            if chosen is None:
                continue
            if prev and frozenset(i.key for i in chosen) == prev:
                fallback = fallback or chosen
                continue
            return Selection(tuple(chosen), level, difficulty)
        if fallback is not None:  # only the previous set fits this level: repeat rather than relax
            return Selection(tuple(fallback), level, difficulty)
    # Greedy random draws can miss a valid set in a tiny pool; the by-date chain never does.
    chain = list(pool) if allow_ties else _distinct_chain(pool)
    for _ in range(ATTEMPTS):
        chosen = rng.sample(chain, n)
        if frozenset(i.key for i in chosen) != prev or len(chain) == n:
            return Selection(tuple(chosen), Difficulty.ANY, difficulty)
    return Selection(tuple(rng.sample(chain, n)), Difficulty.ANY, difficulty)


def shuffled(items: Sequence[EventItem], rng: random.Random,
             avoid: Sequence[Sequence[tuple[str, str]]] = ()) -> list[EventItem]:
    """A shuffled copy that is not in true order and not an order in `avoid`, when possible."""
    out = list(items)
    if len(out) < 2:
        return out
    banned = {tuple(a) for a in avoid}
    best = out[:]
    for attempt in range(50):
        rng.shuffle(out)
        keys = tuple(i.key for i in out)
        if not in_order(out) and keys not in banned:
            return out
        if attempt == 0:
            best = out[:]
    return best
