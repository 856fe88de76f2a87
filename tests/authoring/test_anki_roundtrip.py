"""The exported package opens in Anki's own library with every note; re-importing updates, never duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main
from quiz.deck.load import load_deck

anki_collection = pytest.importorskip("anki.collection", reason="Anki's library ships for x86_64 only")

ROOT = Path(__file__).resolve().parents[2]


def _import(col_path: Path, apkg: Path) -> tuple[int, dict[str, str]]:
    col = anki_collection.Collection(str(col_path))
    try:
        req = anki_collection.ImportAnkiPackageRequest(
            package_path=str(apkg),
            options=anki_collection.ImportAnkiPackageOptions(with_scheduling=False),
        )
        col.import_anki_package(req)
        ids = col.find_notes("")
        notes = [col.get_note(i) for i in ids]
        by_quiz_id = {n["QuizId"]: n.note_type()["name"] for n in notes}
        return len(ids), by_quiz_id
    finally:
        col.close()


def test_bundled_deck_round_trips_through_anki(tmp_path: Path) -> None:
    deck_file = sorted((ROOT / "decks").glob("*.yaml"))[0]
    deck = load_deck(deck_file, use_cache=False)
    apkg = tmp_path / "deck.apkg"
    assert main(["export", str(deck_file), "-o", str(apkg)]) == 0
    col = tmp_path / "collection.anki2"
    count, by_id = _import(col, apkg)
    assert count == len(deck.cards)
    assert set(by_id) == {c.id for c in deck.cards}
    assert {name.split(" ")[1] for name in by_id.values()} == {c.kind.value for c in deck.cards}
    # Export again and import into the same collection: notes are updated, not duplicated.
    apkg2 = tmp_path / "again.apkg"
    assert main(["export", str(deck_file), "-o", str(apkg2)]) == 0
    again, _ = _import(col, apkg2)
    assert again == len(deck.cards)
