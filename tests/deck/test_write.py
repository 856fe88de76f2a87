from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.dates import PartialDate, Precision
from quiz.deck.load import parse_text
from quiz.deck.model import Card, CardKind, Deck, DocSource, SourceRef
from quiz.deck.write import atomic_write_text, dump_deck

texts = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
dates = st.builds(
    PartialDate.from_date,
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(list(Precision)),
)
refs = st.builds(SourceRef, doc=texts, line=st.one_of(st.none(), st.integers(1, 10**6)))
events = st.builds(Card, id=st.from_regex(r"ev-[0-9a-f]{8}", fullmatch=True), kind=st.just(CardKind.EVENT),
                   text=texts, date=dates, source=st.one_of(st.none(), refs),
                   sources=st.lists(refs, max_size=3).map(tuple), tags=st.lists(texts, max_size=2).map(tuple))
facts = st.builds(Card, id=st.from_regex(r"fa-[0-9a-f]{8}", fullmatch=True), kind=st.just(CardKind.FACT),
                  prompt=texts, answer=texts, aliases=st.lists(texts, max_size=3).map(tuple),
                  reverse=st.one_of(st.none(), texts), reverse_answer=st.one_of(st.none(), texts),
                  notes=st.one_of(st.none(), texts), conflict=st.one_of(st.none(), texts))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(events, facts), max_size=6, unique_by=lambda c: c.id), texts,
       st.lists(st.builds(DocSource, doc=texts, title=st.one_of(st.none(), texts)), max_size=2))
def test_write_then_load_round_trips(cards: list[Card], title: str, sources: list[DocSource]) -> None:
    deck = Deck(id="round-trip", title=title, cards=tuple(cards), sources=tuple(sources))
    text = dump_deck(deck)
    result = parse_text(text, "rt.yaml")
    assert result.errors == [], result.errors
    assert result.deck == deck
    assert dump_deck(result.deck) == text


def test_dates_are_quoted_strings() -> None:
    deck = Deck(id="d", title="T", cards=(Card(id="e1", kind=CardKind.EVENT, text="x", date=PartialDate(2007, 2)),))
    assert '    date: "2007-02"\n' in dump_deck(deck)


def test_atomic_write_keeps_old_file_on_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.yaml"
    target.write_text("old content\n")

    def boom(*_a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("quiz.deck.write.os.replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(target, "new content\n")
    assert target.read_text() == "old content\n"
    assert list(tmp_path.iterdir()) == [target]
