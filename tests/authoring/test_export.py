"""Export: .apkg opened as the zip + SQLite it is; GUIDs stable across re-exports; CSV round trip."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from quiz.authoring.export import deck_to_csv, export_deck, stable_id
from quiz.authoring.importers import import_file
from quiz.cli import main
from quiz.deck.load import load_deck
from quiz.deck.model import CardKind

DATA = Path(__file__).resolve().parent.parent / "data"
DECK = DATA / "valid_deck.yaml"


def _notes(apkg: Path, tmp_path: Path) -> list[tuple[str, int, list[str]]]:
    with zipfile.ZipFile(apkg) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp_path / "x")
    conn = sqlite3.connect(tmp_path / "x" / "collection.anki2")
    try:
        rows = conn.execute("SELECT guid, mid, flds FROM notes ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(guid, mid, flds.split("\x1f")) for guid, mid, flds in rows]


def test_apkg_has_every_note_with_the_card_id(tmp_path: Path) -> None:
    deck = load_deck(DECK, use_cache=False)
    out = tmp_path / "deck.apkg"
    assert export_deck(deck, out) == len(deck.cards)
    notes = _notes(out, tmp_path)
    assert len(notes) == len(deck.cards)
    # the QuizId field is the last field of every note type
    assert sorted(n[2][-1] for n in notes) == sorted(c.id for c in deck.cards)
    # one note type per kind
    by_kind: dict[CardKind, set[int]] = {}
    for card, (_, mid, _) in zip(sorted(deck.cards, key=lambda c: c.id), sorted(notes, key=lambda n: n[2][-1]), strict=True):
        by_kind.setdefault(card.kind, set()).add(mid)
    assert all(len(m) == 1 for m in by_kind.values())
    assert len(set().union(*by_kind.values())) == len(by_kind)


def test_reexport_keeps_guids_and_model_ids(tmp_path: Path) -> None:
    deck = load_deck(DECK, use_cache=False)
    first = tmp_path / "a.apkg"
    export_deck(deck, first)
    edited = replace(deck, cards=tuple(reversed([
        replace(c, notes="edited") for c in deck.cards
    ])))
    second = tmp_path / "b.apkg"
    export_deck(edited, second)
    a = {n[2][-1]: (n[0], n[1]) for n in _notes(first, tmp_path)}
    b = {n[2][-1]: (n[0], n[1]) for n in _notes(second, tmp_path / "b")}
    assert a == b
    assert len({guid for guid, _ in a.values()}) == len(a)


def test_stable_ids_differ_by_deck() -> None:
    assert stable_id("quiz-deck", "a") == stable_id("quiz-deck", "a")
    assert stable_id("quiz-deck", "a") != stable_id("quiz-deck", "b")
    assert (1 << 30) <= stable_id("x") < (1 << 31)


def test_html_in_cards_is_escaped(tmp_path: Path) -> None:
    deck = load_deck(DECK, use_cache=False)
    deck = replace(deck, cards=(replace(deck.cards[0], text="a <b> & c"),))
    out = tmp_path / "x.apkg"
    export_deck(deck, out)
    assert _notes(out, tmp_path)[0][2][0] == "a &lt;b&gt; &amp; c"


def test_csv_export_then_import_gives_the_same_cards(tmp_path: Path) -> None:
    deck = load_deck(DECK, use_cache=False)
    out = tmp_path / "deck.csv"
    export_deck(deck, out)
    back = import_file(out)

    def key(c):  # noqa: ANN001, ANN202 - local helper
        return (c.id, c.kind, c.text, c.date, c.prompt, c.answer, c.aliases, c.tags, c.notes)

    assert [key(c) for c in back.cards] == [key(c) for c in deck.cards]
    assert deck_to_csv(deck).splitlines()[0].startswith("id,kind,date")


def test_cli_export_by_path_and_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(DECK), "-o", str(tmp_path / "d.apkg")]) == 0
    assert (tmp_path / "d.apkg").stat().st_size > 0
    assert main(["export", str(DECK), "-o", str(tmp_path / "d.txt")]) == 1
    assert "apkg or .csv" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "m.csv")]) == 1
