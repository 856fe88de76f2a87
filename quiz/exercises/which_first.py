"""Which came first: two events, pick the earlier; the run goes on until a miss.

`WhichFirstRun` is a small state machine in plain Python: `current` is the pair on
screen, `answer(pick)` judges it and draws the next pair (or ends the run). Pairs never
hold indistinguishable dates, and a pair is not repeated within a run. The score is the
number of right answers before the miss.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from quiz.exercises.select import (
    Difficulty,
    EventItem,
    NotEnoughEvents,
    definitely_before,
    select_events,
)

KIND = "which_first"


@dataclass(frozen=True, slots=True)
class Pair:
    """Two events in the order shown (0 = top, 1 = bottom)."""

    items: tuple[EventItem, EventItem]

    @property
    def earlier_index(self) -> int:
        a, b = self.items
        return 0 if definitely_before(a.date, b.date) else 1

    @property
    def keys(self) -> frozenset[tuple[str, str]]:
        return frozenset(i.key for i in self.items)


def judge(pair: Pair, pick: int) -> bool:
    """Whether picking `pick` (0 or 1) names the earlier event."""
    if pick not in (0, 1):
        raise ValueError("pick is 0 or 1")
    return pick == pair.earlier_index


@dataclass(frozen=True, slots=True)
class Answer:
    """One judged pick."""

    pair: Pair
    pick: int
    correct: bool


@dataclass
class WhichFirstRun:
    """A run of pairs until the first miss (or until the pool has no fresh pair)."""

    pool: Sequence[EventItem]
    difficulty: Difficulty
    rng: random.Random
    answers: list[Answer] = field(default_factory=list)
    current: Pair | None = None
    exhausted: bool = False
    """True when the run ended because no unseen pair was left (not by a miss)."""

    def __post_init__(self) -> None:
        self.current = self._draw(None)
        if self.current is None:
            raise NotEnoughEvents(2, 0)

    @property
    def over(self) -> bool:
        return self.current is None

    @property
    def streak(self) -> int:
        return sum(1 for a in self.answers if a.correct)

    @property
    def missed(self) -> Answer | None:
        return next((a for a in self.answers if not a.correct), None)

    def _draw(self, previous: Pair | None) -> Pair | None:
        used = {a.pair.keys for a in self.answers}
        for _ in range(30):
            sel = select_events(self.pool, 2, self.difficulty, self.rng,
                                previous=previous.keys if previous else None)
            pair = Pair((sel.items[0], sel.items[1]))
            if pair.keys not in used:
                return pair
        return None

    def answer(self, pick: int) -> Answer:
        """Judge the pick on the current pair and move on; the run is over after a miss."""
        if self.current is None:
            raise RuntimeError("the run is over")
        pair = self.current
        result = Answer(pair, pick, judge(pair, pick))
        self.answers.append(result)
        if result.correct:
            self.current = self._draw(pair)
            self.exhausted = self.current is None
        else:
            self.current = None
        return result

    def misplaced(self) -> list[tuple[EventItem, int]]:
        """The two events of the missed pair, each one position off."""
        miss = self.missed
        return [(item, 1) for item in miss.pair.items] if miss else []
