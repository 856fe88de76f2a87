"""A small hand-built review history with known statistics, shared by the stats tests.

Local timezone Europe/Berlin (UTC+2 in June). `NOW` is Monday 2026-06-15 10:00 local.

Study days (local):          reviews (review-mode ratings unless noted)
  2026-06-05 .. 06-10        one Good review a day        (a 6-day run: the longest streak)
  2026-06-11                 one review, UNDONE            (does not count: the gap stays)
  2026-06-12                 one Again review
  2026-06-13 23:50 and       a session across midnight: 23:50 Good on the 13th,
  2026-06-14 00:10           00:10 Hard on the 14th (both on 2026-06-13 in UTC!)
  2026-06-15 (today)         09:00 Good, 09:05 Again, 09:10 Easy (10 s, 20 s, 30 s),
                             09:20 cram Again (5 s), and an exercise round of 40 s
Older:
  2026-05-20                 one Again review           (in the 30-day window only)
  2025-12-01                 one Good review            (in the 365-day window only)
  2025-06-01                 one Again review           (outside every window)
Deck d2:
  2026-06-15 09:30           one Again review in deck d2 (today; excluded by a d1 filter)
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from quiz.deck.model import Card, CardKind, Deck
from quiz.store import (
    CardStateRow,
    ReviewRecord,
    RoundRecord,
    record_review,
    record_round,
    set_flags,
    undo_review,
)

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=TZ)


def ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def local(y: int, mo: int, d: int, h: int = 12, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def make_decks() -> list[Deck]:
    d1 = Deck(
        "d1",
        "Deck one",
        cards=tuple(
            [
                Card(f"c{i}", CardKind.QA, prompt=f"Question {i}", answer=f"A{i}")
                for i in range(1, 9)
            ]
            + [Card("e1", CardKind.EVENT, text="[b]Treaty[/b] signed")]
        ),
    )
    d2 = Deck(
        "d2",
        "Deck two",
        cards=(
            Card("x1", CardKind.QA, prompt="Other", answer="y"),
            Card("x2", CardKind.QA, prompt="Other 2", answer="z"),
        ),
    )
    return [d1, d2]


def review(
    conn: sqlite3.Connection,
    when: datetime,
    rating: int,
    *,
    mode: str = "review",
    deck: str = "d1",
    card: str = "c1",
    elapsed_ms: int | None = None,
) -> int:
    return record_review(
        conn,
        ReviewRecord(card, deck, ms(when), rating, mode=mode, elapsed_ms=elapsed_ms),
        None,
        None,
    )


def state(
    conn: sqlite3.Connection,
    card: str,
    st: int,
    due: datetime,
    *,
    deck: str = "d1",
    lapses: int = 0,
    suspended: bool = False,
) -> None:
    set_flags(conn, CardStateRow(card, deck, {}, st, ms(due), 1, lapses, suspended, None, ms(NOW)))


def build_history(conn: sqlite3.Connection) -> None:
    for day in range(5, 11):
        review(conn, local(2026, 6, day), 3)
    undone = review(conn, local(2026, 6, 11), 3)
    undo_review(conn, undone)
    review(conn, local(2026, 6, 12), 1)
    review(conn, local(2026, 6, 13, 23, 50), 3)
    review(conn, local(2026, 6, 14, 0, 10), 2)
    review(conn, local(2026, 6, 15, 9, 0), 3, elapsed_ms=10_000)
    review(conn, local(2026, 6, 15, 9, 5), 1, elapsed_ms=20_000)
    review(conn, local(2026, 6, 15, 9, 10), 4, elapsed_ms=30_000)
    review(conn, local(2026, 6, 15, 9, 20), 1, mode="cram", elapsed_ms=5_000)
    review(conn, local(2026, 5, 20), 1)
    review(conn, local(2025, 12, 1), 3)
    review(conn, local(2025, 6, 1), 1)
    review(conn, local(2026, 6, 15, 9, 30), 1, deck="d2", card="x1", elapsed_ms=7_000)

    # Card states (d1 has 9 cards: c1..c8 and e1; d2 has x1, x2).
    state(conn, "c1", 2, NOW - timedelta(days=1), lapses=9)  # overdue -> today, due now
    state(conn, "c2", 2, local(2026, 6, 15, 22, 0), lapses=8)  # later today
    state(conn, "c3", 3, local(2026, 6, 16, 0, 30), lapses=7)  # tomorrow (22:30 UTC today)
    state(conn, "c4", 1, local(2026, 7, 14, 12, 0))  # day 29
    state(conn, "c5", 2, local(2026, 7, 15, 12, 0))  # day 30: beyond the forecast
    state(
        conn, "c6", 2, NOW - timedelta(days=3), suspended=True, lapses=1
    )  # suspended: not in forecast
    state(conn, "gone", 2, NOW, lapses=20)  # card no longer in the deck
    state(conn, "x1", 1, local(2026, 6, 16, 12, 0), deck="d2", lapses=3)  # d2, tomorrow
    # c7, c8, e1 and x2 are new.

    rounds = [
        ("order", 80.0, local(2026, 6, 1), ["d1"]),
        ("order", 100.0, local(2026, 6, 3), ["d1"]),
        ("order", 60.0, local(2026, 6, 15, 9, 40), ["d1"]),
        ("which_first", 3.0, local(2026, 6, 2), ["d1", "d2"]),
        ("which_first", 5.0, local(2026, 6, 4), ["d2"]),
    ]
    for kind, score, when, decks in rounds:
        misplaced: list[tuple[str, str, int]] = []
        if kind == "order" and score < 100:
            misplaced = [("e1", "d1", 2), ("c8", "d1", -1)]
        record_round(
            conn,
            RoundRecord(
                kind,
                decks,
                [],
                [],
                [],
                score,
                ms(when),
                duration_ms=40_000 if when.date() == NOW.date() else 90_000,
                misplaced=misplaced,
            ),
        )
    # one more misplacement of e1 in d2-only round, and an x2 misplacement
    record_round(
        conn,
        RoundRecord(
            "timeline", ["d2"], [], [], [], 1.0, ms(local(2026, 5, 1)), misplaced=[("x2", "d2", 4)]
        ),
    )
