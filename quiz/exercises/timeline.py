"""Timeline builder: place each new event into a gap of a growing timeline; 3 lives.

The game starts with one event on the timeline (a free one, not scored). Each turn
draws a new event whose date is distinguishable from every placed one; the person
picks a gap (0 = before the first event, len(placed) = after the last). A right gap
scores a point; a wrong one costs a life and the event is put where it belonged, so the
timeline grows either way. The game ends with no lives left or no event left to draw.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from quiz.exercises.select import (
    YEAR_DAYS,
    Difficulty,
    EventItem,
    NotEnoughEvents,
    definitely_before,
    distinct_count,
    gap_days,
    pair_ok,
)

KIND = "timeline"
LIVES = 3


def allowed_gaps(item: EventItem, placed: Sequence[EventItem]) -> tuple[int, int]:
    """The gaps (lo, hi) where `item` may go in the sorted `placed` list."""
    lo = sum(1 for p in placed if definitely_before(p.date, item.date))
    after = sum(1 for p in placed if definitely_before(item.date, p.date))
    return lo, len(placed) - after


def gap_offset(gap: int, span: tuple[int, int]) -> int:
    lo, hi = span
    return gap - lo if gap < lo else gap - hi if gap > hi else 0


@dataclass(frozen=True, slots=True)
class Placement:
    """The outcome of one turn."""

    item: EventItem
    gap: int
    """The gap the person chose."""
    index: int
    """Where the event now sits on the timeline."""
    correct: bool
    off_by: int
    """Gaps away from an acceptable one (signed, 0 when right)."""


@dataclass
class TimelineGame:
    """State of one timeline round."""

    pool: Sequence[EventItem]
    difficulty: Difficulty
    rng: random.Random
    lives: int = LIVES
    placed: list[EventItem] = field(default_factory=list)
    """The timeline, in true order."""
    shown: list[EventItem] = field(default_factory=list)
    """Every event in the order it was presented (the free first one included)."""
    placements: list[Placement] = field(default_factory=list)
    current: EventItem | None = None

    def __post_init__(self) -> None:
        if distinct_count(self.pool) < 2:
            raise NotEnoughEvents(2, distinct_count(self.pool))
        first = self._draw()
        assert first is not None
        self.placed.append(first)
        self.shown.append(first)
        self.current = self._draw()
        if self.current is not None:
            self.shown.append(self.current)

    @property
    def score(self) -> int:
        return sum(1 for p in self.placements if p.correct)

    @property
    def over(self) -> bool:
        return self.current is None

    @property
    def completed(self) -> bool:
        """Ended because no event was left, not by losing every life."""
        return self.over and self.lives > 0

    def _draw(self) -> EventItem | None:
        used = {i.key for i in self.shown}
        fresh = [i for i in self.pool if i.key not in used
                 and all(pair_ok(i.date, p.date, Difficulty.ANY) for p in self.placed)]
        if not fresh:
            return None
        preferred = [i for i in fresh if self._fits(i)]
        return self.rng.choice(preferred or fresh)

    def _fits(self, item: EventItem) -> bool:
        if not self.placed:
            return True
        nearest = min(gap_days(item.date, p.date) for p in self.placed)
        if self.difficulty is Difficulty.EASY:
            return nearest >= YEAR_DAYS
        if self.difficulty is Difficulty.HARD:
            return nearest < YEAR_DAYS
        return True

    def place(self, gap: int) -> Placement:
        """Put the current event into `gap`; on a miss it goes where it belonged."""
        item = self.current
        if item is None:
            raise RuntimeError("the game is over")
        if not 0 <= gap <= len(self.placed):
            raise ValueError(f"gap {gap} is not 0..{len(self.placed)}")
        span = allowed_gaps(item, self.placed)
        off = gap_offset(gap, span)
        index = gap if off == 0 else span[0]
        self.placed.insert(index, item)
        result = Placement(item, gap, index, off == 0, off)
        self.placements.append(result)
        if off != 0:
            self.lives -= 1
        self.current = self._draw() if self.lives > 0 else None
        if self.current is not None:
            self.shown.append(self.current)
        return result

    def misplaced(self) -> list[tuple[EventItem, int]]:
        return [(p.item, p.off_by) for p in self.placements if not p.correct]
