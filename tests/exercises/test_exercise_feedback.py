"""Saving rounds and the due-sooner feedback."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import fsrs

from quiz.dates import PartialDate
from quiz.deck.model import Card, CardKind
from quiz.exercises import EventItem, build_record, due_sooner, grade_order, save_round
from quiz.store import CardStateRow, connect, load_states, now_ms, set_flags

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def item(cid: str, year: int, deck: str = "d") -> EventItem:
    return EventItem(deck, Card(cid, CardKind.EVENT, text=cid, date=PartialDate(year)))


def state(cid: str, due: datetime, deck: str = "d", suspended: bool = False) -> CardStateRow:
    card = fsrs.Card(due=due)
    return CardStateRow(cid, deck, card.to_dict(), int(card.state), now_ms(due), 1, 0, suspended,
                        None, now_ms(NOW - timedelta(days=3)))


def test_due_sooner_pulls_later_cards_to_now_only() -> None:
    later = state("a", NOW + timedelta(days=20))
    already = state("b", NOW - timedelta(days=1))
    paused = state("c", NOW + timedelta(days=20), suspended=True)
    states = {("d", s_.card_id): s_ for s_ in (later, already, paused)}
    changed = due_sooner(states, [item("a", 1), item("b", 2), item("c", 3), item("new", 4),
                                  item("a", 1)], NOW)
    assert len(changed) == 1
    row = changed[0]
    assert row.card_id == "a" and row.due_ms == now_ms(NOW)
    assert fsrs.Card.from_dict(row.fsrs).due == NOW
    assert fsrs.Card.from_dict(row.fsrs).stability == fsrs.Card.from_dict(later.fsrs).stability
    assert later.due_ms > now_ms(NOW)  # the input is left alone


def test_save_round_stores_round_misplacements_and_feedback_at_once() -> None:
    conn = connect(":memory:")
    a, b, c = item("a", 1990), item("b", 1991), item("c", 1992, deck="e")
    set_flags(conn, state("a", NOW + timedelta(days=30)))
    result = grade_order([c, a, b])
    record = build_record(kind="order", shown=[c, a, b], truth=result.truth,
                          answer=[i.card_id for i in result.answer], score=result.score,
                          finished=NOW, difficulty="medium", duration_ms=1234,
                          misplaced=result.misplaced)
    round_id, changes = save_round(conn, record, [i for i, _ in result.misplaced], NOW)
    assert round_id == 1 and [s.card_id for s in changes] == ["a"]
    row = conn.execute("SELECT * FROM exercise_rounds").fetchone()
    assert row["kind"] == "order"
    assert json.loads(row["deck_ids"]) == ["d", "e"]
    assert json.loads(row["shown"]) == ["c", "a", "b"]
    assert json.loads(row["truth"]) == ["a", "b", "c"]
    assert row["score"] == 100 / 3 and row["duration_ms"] == 1234
    assert row["finished_ms"] == now_ms(NOW)
    assert json.loads(row["detail"])["items"][0] == {"deck": "e", "card": "c", "date": "1992"}
    mis = conn.execute("SELECT card_id, deck_id, off_by FROM misplacements ORDER BY card_id")
    assert [tuple(r) for r in mis] == [("a", "d", 1), ("b", "d", 1), ("c", "e", -2)]
    assert load_states(conn)[("d", "a")].due_ms == now_ms(NOW)
