"""Order them: put N shuffled events in chronological order; scored by pairs in the right order.

The score is Kendall-tau based: of all n(n-1)/2 pairs in the answer, the share whose
relative order is right, as 0-100 (true order 100, fully reversed 0). A pair whose
dates are indistinguishable at their common precision (`2007` and `Mar 2007`) counts
as right either way. Each item's offset is how many positions it sits from the nearest
place it could rightly occupy (negative: too early).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.dates import PartialDate
from quiz.exercises.select import (
    Difficulty,
    EventItem,
    Selection,
    chronological,
    definitely_before,
    select_events,
    shuffled,
)

KIND = "order"
MIN_N = 3
MAX_N = 10
DEFAULT_N = 5


def pairs_in_order(dates: Sequence[PartialDate]) -> tuple[int, int]:
    """(pairs in the right relative order, all pairs); ties count as right."""
    n = len(dates)
    wrong = sum(1 for i in range(n) for j in range(i + 1, n)
                if definitely_before(dates[j], dates[i]))
    total = n * (n - 1) // 2
    return total - wrong, total


def order_score(dates: Sequence[PartialDate]) -> float:
    """0-100: the share of pairs in the right order (100 for fewer than two items)."""
    right, total = pairs_in_order(dates)
    return 100.0 if total == 0 else 100.0 * right / total


def allowed_span(index: int, dates: Sequence[PartialDate]) -> tuple[int, int]:
    """The positions (lo, hi) that the item at `index` may take in a correct order."""
    me = dates[index]
    before = sum(1 for k, d in enumerate(dates) if k != index and definitely_before(d, me))
    after = sum(1 for k, d in enumerate(dates) if k != index and definitely_before(me, d))
    return before, len(dates) - 1 - after


def offsets(dates: Sequence[PartialDate]) -> list[int]:
    """Per position: how far the item is from where it belongs (0 = fine, < 0 = too early)."""
    out = []
    for pos in range(len(dates)):
        lo, hi = allowed_span(pos, dates)
        out.append(pos - lo if pos < lo else pos - hi if pos > hi else 0)
    return out


@dataclass(frozen=True, slots=True)
class OrderResult:
    """A graded answer."""

    answer: tuple[EventItem, ...]
    """The items in the order the person gave."""
    truth: tuple[EventItem, ...]
    """The items in true order."""
    score: float
    """0-100."""
    right_pairs: int
    total_pairs: int
    offsets: tuple[int, ...]
    """Per answer position, signed positions off (0 = in an acceptable place)."""

    def offset_of(self, item: EventItem) -> int:
        return self.offsets[self.answer.index(item)]

    @property
    def misplaced(self) -> list[tuple[EventItem, int]]:
        pairs = zip(self.answer, self.offsets, strict=True)
        return [(item, off) for item, off in pairs if off != 0]

    @property
    def perfect(self) -> bool:
        return self.right_pairs == self.total_pairs


def grade_order(answer: Sequence[EventItem]) -> OrderResult:
    """Score an answer (the items in the person's order)."""
    dates = [i.date for i in answer]
    right, total = pairs_in_order(dates)
    return OrderResult(
        answer=tuple(answer),
        truth=tuple(chronological(answer)),
        score=100.0 if total == 0 else 100.0 * right / total,
        right_pairs=right,
        total_pairs=total,
        offsets=tuple(offsets(dates)),
    )


@dataclass(frozen=True, slots=True)
class OrderRound:
    """One round to play: the events in the order shown."""

    shown: tuple[EventItem, ...]
    selection: Selection

    @property
    def truth(self) -> tuple[EventItem, ...]:
        return tuple(chronological(self.shown))


def new_order_round(pool: Sequence[EventItem], n: int, difficulty: Difficulty, rng: random.Random,
                    previous: OrderRound | None = None) -> OrderRound:
    """Select and shuffle a round; never the same events in the same order as `previous`."""
    prev_keys = [i.key for i in previous.shown] if previous else None
    selection = select_events(pool, n, difficulty, rng, previous=prev_keys)
    shown = shuffled(selection.items, rng, avoid=[prev_keys] if prev_keys else ())
    return OrderRound(tuple(shown), selection)
