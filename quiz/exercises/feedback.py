"""Saving a finished round, and feeding its mistakes back into spaced repetition.

Choice (see docs/exercises.md): an event the person misplaced becomes due *now* when
it is already being studied and was due later. Its FSRS memory state (stability,
difficulty, step) is left alone and no review is logged: the next real review rates
it. Cards never studied (no stored state), suspended cards and cards already due are
not touched. The round, its misplacements and these state changes are written in one
transaction by `store.record_round`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from quiz.exercises.select import EventItem
from quiz.store import CardStateRow, RoundRecord, load_states, now_ms, record_round


def due_sooner(
    states: Mapping[tuple[str, str], CardStateRow],
    misplaced: Sequence[EventItem],
    now: datetime,
) -> list[CardStateRow]:
    """New states for the misplaced events' cards: due now instead of later.

    Pure: returns changed copies, one per card that changes.
    """
    at = now_ms(now)
    out: list[CardStateRow] = []
    seen: set[tuple[str, str]] = set()
    for item in misplaced:
        if item.key in seen:
            continue
        seen.add(item.key)
        state = states.get(item.key)
        if state is None or state.suspended or state.due_ms <= at:
            continue
        fsrs_dict = dict(state.fsrs)
        fsrs_dict["due"] = now.isoformat()
        out.append(replace(state, fsrs=fsrs_dict, due_ms=at, updated_ms=at))
    return out


def build_record(
    *,
    kind: str,
    shown: Sequence[EventItem],
    truth: Sequence[EventItem],
    answer: Any,
    score: float,
    finished: datetime,
    difficulty: str | None,
    duration_ms: int | None,
    misplaced: Sequence[tuple[EventItem, int]],
    detail: dict[str, Any] | None = None,
) -> RoundRecord:
    """A `RoundRecord` for a round.

    `shown` and `truth` hold card ids; `detail["items"]` gives each one's deck and date.
    """
    deck_ids = sorted({i.deck_id for i in shown})
    items = [{"deck": i.deck_id, "card": i.card_id, "date": str(i.date)} for i in shown]
    return RoundRecord(
        kind=kind,
        deck_ids=deck_ids,
        shown=[i.card_id for i in shown],
        truth=[i.card_id for i in truth],
        answer=answer,
        score=score,
        finished_ms=now_ms(finished),
        difficulty=difficulty,
        detail={"items": items, **(detail or {})},
        duration_ms=duration_ms,
        misplaced=[(i.card_id, i.deck_id, off) for i, off in misplaced],
    )


def save_round(conn: sqlite3.Connection, record: RoundRecord, misplaced: Sequence[EventItem],
               now: datetime) -> tuple[int, list[CardStateRow]]:
    """Store the round and the due-sooner changes in one transaction.

    Returns (round id, changed states).
    """
    deck_ids = sorted({i.deck_id for i in misplaced})
    states = load_states(conn, deck_ids) if deck_ids else {}
    changes = due_sooner(states, misplaced, now)
    round_id = record_round(conn, record, states=changes)
    return round_id, changes
