"""Browser filtering/sorting and card-form conversion, without a terminal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from quiz.authoring.browse import build_rows, changed_paths, file_stamp, filter_rows, sort_rows
from quiz.authoring.form import card_from_form, card_values, check_date
from quiz.dates import PartialDate
from quiz.deck.model import Card, CardKind, Deck, SourceRef

NOW = datetime(2026, 1, 15, tzinfo=UTC)
NOW_MS = int(NOW.timestamp() * 1000)
A = Deck("alpha", "Alpha", (
    Card("e1", CardKind.EVENT, text="Bastille stormed", date=PartialDate(1789, 7, 14), tags=("france",)),
    Card("q1", CardKind.QA, prompt="Capital of France?", answer="Paris", aliases=("Lutetia",)),
))
B = Deck("beta", "Beta", (Card("f1", CardKind.FACT, prompt="Who?", answer="Lavrov", tags=("russia",)),))
STATES = {
    ("alpha", "q1"): SimpleNamespace(due_ms=NOW_MS - 1, lapses=9, suspended=False),
    ("beta", "f1"): SimpleNamespace(due_ms=NOW_MS - 1, lapses=0, suspended=True),
}
ROWS = build_rows([A, B], STATES)


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("", ["e1", "q1", "f1"]),
        ("deck:beta", ["f1"]),
        ("kind:event", ["e1"]),
        ("tag:france", ["e1"]),
        ("is:due", ["q1"]),  # f1 is due but suspended
        ("is:suspended", ["f1"]),
        ("is:leech", ["q1"]),
        ("is:new", ["e1"]),
        ("lutetia", ["q1"]),  # aliases are searched
        ("capital paris", ["q1"]),
        ("capital rome", []),
    ],
)
def test_filter(query: str, ids: list[str]) -> None:
    assert [r.card.id for r in filter_rows(ROWS, query, NOW)] == ids


def test_sort() -> None:
    assert [r.card.id for r in sort_rows(ROWS, "front")] == ["e1", "q1", "f1"]
    assert [r.card.id for r in sort_rows(ROWS, "lapses", reverse=True)][0] == "q1"
    assert [r.card.id for r in sort_rows(ROWS, "date")][0] == "e1"


def test_fifty_thousand_rows_filter_fast() -> None:
    import time

    big = Deck("big", "Big", tuple(Card(f"q{i}", CardKind.QA, prompt=f"p {i}", answer=f"a {i}")
                                   for i in range(50_000)))
    rows = build_rows([big])
    start = time.perf_counter()
    assert len(filter_rows(rows, "q4999", NOW)) == 11
    sort_rows(rows, "front")
    assert time.perf_counter() - start < 2.0


def test_file_stamps(tmp_path: Path) -> None:
    p = tmp_path / "d.yaml"
    p.write_text("a", encoding="utf-8")
    stamps = {p: file_stamp(p)}
    assert changed_paths(stamps) == []
    p.write_text("abc", encoding="utf-8")
    assert changed_paths(stamps) == [p]
    assert file_stamp(tmp_path / "gone.yaml") is None


@pytest.mark.parametrize(
    ("typed", "ok", "words"),
    [("feb 1917", True, '"1917-02"'), ("1789", True, '"1789"'), ("Feb 20", False, "no year"),
     ("", False, "type a date"), ("31 Feb 2001", False, "")],
)
def test_check_date(typed: str, ok: bool, words: str) -> None:
    date, message = check_date(typed)
    assert (date is not None) == ok
    assert words in message


def test_form_round_trip_keeps_hidden_fields() -> None:
    card = Card("f1", CardKind.FACT, prompt="Who?", answer="Lavrov", aliases=("S. Lavrov",),
                reverse="Lavrov is?", reverse_answer="FM", tags=("a", "b"), notes="n",
                source=SourceRef("doc.txt", 3), conflict="c")
    assert card_from_form(CardKind.FACT, card_values(card), card) == card


def test_form_errors_and_generated_id() -> None:
    with pytest.raises(ValueError, match="answer is required"):
        card_from_form(CardKind.QA, {"prompt": "p"})
    with pytest.raises(ValueError, match="end: range end 1700 is before its start 1789"):
        card_from_form(CardKind.EVENT, {"date": "1789", "end": "1700", "text": "t"})
    a = card_from_form(CardKind.EVENT, {"date": "14 Jul 1789", "end": "15 Jul 1789", "text": "t"})
    b = card_from_form(CardKind.EVENT, {"date": "14 Jul 1789", "end": "15 Jul 1789", "text": "t"})
    assert a.id == b.id and a.id.startswith("ev-") and str(a.date) == "1789-07-14/1789-07-15"
