"""A thin layer over `fsrs.Scheduler`: values in, values out, time as an argument.

A card's scheduling state is a `store.CardStateRow` (its `fsrs` field is
`fsrs.Card.to_dict()`), so what `review` returns can be stored as is.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import IntEnum

from quiz.store import CardStateRow, now_ms

DEFAULT_RETENTION = 0.9


class Rating(IntEnum):
    """The four grades, numbered as FSRS and the review log number them."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


# fsrs.State values, repeated here so callers need not import fsrs.
LEARNING, REVIEW, RELEARNING = 1, 2, 3


class Scheduler:
    """FSRS-6 with default parameters and a configurable desired retention."""

    def __init__(
        self, desired_retention: float = DEFAULT_RETENTION, *, enable_fuzzing: bool = True
    ) -> None:
        import fsrs

        if not 0.5 <= desired_retention <= 0.99:
            raise ValueError(f"desired retention {desired_retention} is not between 0.5 and 0.99")
        self._fsrs = fsrs
        self._scheduler = fsrs.Scheduler(
            desired_retention=desired_retention, enable_fuzzing=enable_fuzzing
        )

    @property
    def desired_retention(self) -> float:
        return float(self._scheduler.desired_retention)

    def new_state(self, deck_id: str, card_id: str, now: datetime) -> CardStateRow:
        """The state of a card never reviewed: learning, due now."""
        # card_id is given: fsrs.Card() without one sleeps 1 ms to make its own.
        card = self._fsrs.Card(card_id=0, due=now)
        ms = now_ms(now)
        return CardStateRow(
            card_id, deck_id, dict(card.to_dict()), LEARNING, ms, 0, 0, False, None, ms
        )

    def review(
        self, state: CardStateRow, rating: Rating, now: datetime, elapsed_ms: int | None = None
    ) -> tuple[CardStateRow, dict[str, object]]:
        """Review `state` at `now`; return the new state and the fsrs review log (as a dict).

        `state` is left alone. Suspension and burying are carried over unchanged.
        """
        card = self._fsrs.Card.from_dict(state.fsrs)  # type: ignore[arg-type]
        new, log = self._scheduler.review_card(
            card, self._fsrs.Rating(int(rating)), now, elapsed_ms
        )
        lapse = int(rating) == Rating.AGAIN and state.state == REVIEW
        after = CardStateRow(
            state.card_id,
            state.deck_id,
            dict(new.to_dict()),
            int(new.state),
            now_ms(new.due),
            state.reps + 1,
            state.lapses + int(lapse),
            state.suspended,
            state.buried_until_ms,
            now_ms(now),
        )
        return after, dict(log.to_dict())

    def preview(self, state: CardStateRow, now: datetime) -> dict[Rating, timedelta]:
        """The interval each rating would give, for the rating buttons."""
        card = self._fsrs.Card.from_dict(state.fsrs)  # type: ignore[arg-type]
        out: dict[Rating, timedelta] = {}
        for rating in Rating:
            new, _ = self._scheduler.review_card(card, self._fsrs.Rating(int(rating)), now)
            out[rating] = new.due - now
        return out

    def retrievability(self, state: CardStateRow, now: datetime) -> float:
        card = self._fsrs.Card.from_dict(state.fsrs)  # type: ignore[arg-type]
        return float(self._scheduler.get_card_retrievability(card, now))


def format_interval(delta: timedelta) -> str:
    """`<1m`, `10m`, `5h`, `3d`, `2mo`, `1.5y`: short enough for a button."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30.5:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30.4)}mo"
    years = days / 365.25
    return f"{years:.1f}y".replace(".0y", "y")
