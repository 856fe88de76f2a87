"""Time: stored in UTC whatever the local zone; clock changes and DST do not break scheduling."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz import store
from quiz.deck.load import load_deck
from quiz.session import Session

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def deck():  # type: ignore[no-untyped-def]
    return load_deck(DATA / "study_small.yaml", use_cache=False)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu"])
def test_reviews_are_stored_in_utc_whatever_the_local_zone(zone: str, deck, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        conn = store.connect(":memory:")
        now = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
        Session(conn, [deck], now, seed=1).answer(3, now)
        (ms,) = conn.execute("SELECT reviewed_ms FROM reviews").fetchone()
        assert ms == int(now.timestamp() * 1000) == 1774744200000
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_clock_that_goes_back_does_not_break_due_dates(deck) -> None:  # type: ignore[no-untyped-def]
    conn = store.connect(":memory:")
    t = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    s = Session(conn, [deck], t, seed=1, new_per_day=100)
    while not s.done:
        s.answer(3, t)
    back = t - timedelta(hours=2)  # the system clock was corrected backwards
    s2 = Session(conn, [deck], back + timedelta(days=30), seed=1, new_per_day=100)
    assert not s2.done
    while not s2.done:
        outcome = s2.answer(3, back)
        assert outcome.state_after is not None and outcome.state_after.due_ms > store.now_ms(back)
    rows = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    assert rows >= 6


def test_due_dates_across_a_dst_switch_are_exact_in_utc(deck) -> None:  # type: ignore[no-untyped-def]
    # Europe/Berlin springs forward at 2026-03-29 01:00 UTC; a day-long interval stays 24 h in UTC.
    conn = store.connect(":memory:")
    before = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    s = Session(conn, [deck], before, seed=1, new_per_day=100)
    while not s.done:
        s.answer(4, before)  # Easy: a multi-day interval
    due = [r[0] for r in conn.execute("SELECT due_ms FROM card_state")]
    assert all((d - store.now_ms(before)) % 3_600_000 == 0 for d in due)  # whole hours, no DST drift


