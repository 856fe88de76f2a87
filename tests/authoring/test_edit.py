"""Round-trip edits keep comments, key order and formatting; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quiz.authoring.edit import DeckEditor, add_card, delete_card, replace_card
from quiz.dates import PartialDate
from quiz.deck.load import load_deck
from quiz.deck.model import Card, CardKind
from quiz.errors import DeckError, QuizError

DECK = """\
# My deck: keep this comment
format: 1
deck:
  id: hand-made   # an end-of-line comment
  title: 'Single quoted title'
cards:
  # the first card
  - id: q1
    answer: Paris       # answer before prompt, on purpose
    kind: qa
    prompt: Capital of France?
  # the second card
  - id: e1
    kind: event
    date: "1969-07"
    text: Moon landing
  # the third card
  - id: q3
    kind: qa
    prompt: "2 + 2?"
    answer: "4"
# trailing comment
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_add_card_keeps_everything_else_byte_for_byte(deck_file: Path) -> None:
    card = Card(id="e2", kind=CardKind.EVENT, text='Apollo 13 "oxygen" tank', date=PartialDate(1970, 4, 13))
    add_card(deck_file, card)
    text = deck_file.read_text(encoding="utf-8")
    assert text.startswith(DECK.replace("# trailing comment\n", ""))
    assert 'date: "1970-04-13"' in text  # a date is a quoted string
    deck = load_deck(deck_file, use_cache=False)
    assert deck.card("e2") == card


def test_replace_card_keeps_comments_key_order_and_other_cards(deck_file: Path) -> None:
    new = Card(id="q1", kind=CardKind.QA, prompt="Capital of France?", answer="Paris", aliases=("paris",))
    replace_card(deck_file, "q1", new)
    text = deck_file.read_text(encoding="utf-8")
    lines = text.splitlines()
    # the untouched answer line keeps its comment and its place before 'kind'
    assert "    answer: Paris       # answer before prompt, on purpose" in lines
    assert lines.index("    answer: Paris       # answer before prompt, on purpose") < lines.index("    kind: qa")
    assert '    aliases: ["paris"]' in lines
    for comment in ("# My deck: keep this comment", "# an end-of-line comment", "# the second card",
                    "# the third card", "# trailing comment", "'Single quoted title'"):
        assert comment in text
    assert load_deck(deck_file, use_cache=False).card("q1") == new


def test_replace_changes_a_date_as_a_quoted_string(deck_file: Path) -> None:
    card = load_deck(deck_file, use_cache=False).card("e1")
    assert card is not None
    from dataclasses import replace

    replace_card(deck_file, "e1", replace(card, date=PartialDate(1969, 7, 20, PartialDate(1969, 7, 21))))
    text = deck_file.read_text(encoding="utf-8")
    assert '    date: "1969-07-20"\n    end: "1969-07-21"\n    text: Moon landing\n' in text


def test_delete_card_keeps_the_next_cards_comment(deck_file: Path) -> None:
    delete_card(deck_file, "q1")
    text = deck_file.read_text(encoding="utf-8")
    assert "id: q1" not in text
    assert "# the second card" in text and "# the third card" in text and "# trailing comment" in text
    assert [c.id for c in load_deck(deck_file, use_cache=False).cards] == ["e1", "q3"]
    delete_card(deck_file, "q3")
    text = deck_file.read_text(encoding="utf-8")
    assert "# trailing comment" in text
    assert [c.id for c in load_deck(deck_file, use_cache=False).cards] == ["e1"]


def test_unknown_id_and_duplicate_id_are_errors(deck_file: Path) -> None:
    with pytest.raises(QuizError, match="no card with id 'nope'"):
        delete_card(deck_file, "nope")
    with pytest.raises(QuizError, match="already exists"):
        add_card(deck_file, Card(id="q1", kind=CardKind.QA, prompt="x", answer="y"))
    assert deck_file.read_text(encoding="utf-8") == DECK


def test_invalid_edit_is_refused_and_file_untouched(deck_file: Path) -> None:
    with pytest.raises(DeckError):
        add_card(deck_file, Card(id="bad", kind=CardKind.QA, prompt="x", answer=""))
    assert deck_file.read_text(encoding="utf-8") == DECK


def test_crash_during_rename_leaves_old_file_intact(deck_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(QuizError, match="cannot write"):
        add_card(deck_file, Card(id="q9", kind=CardKind.QA, prompt="x", answer="y"))
    assert deck_file.read_text(encoding="utf-8") == DECK
    assert [p.name for p in deck_file.parent.iterdir()] == ["deck.yaml"]  # no temp file left


def test_crash_mid_write_leaves_old_file_intact(deck_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh) -> None:  # noqa: ANN001
            self.fh = fh

        def __enter__(self):  # noqa: ANN204
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            self.fh.write(text[: len(text) // 2])
            raise KeyboardInterrupt  # killed half way

        def __getattr__(self, name: str):  # noqa: ANN204
            return getattr(self.fh, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        add_card(deck_file, Card(id="q9", kind=CardKind.QA, prompt="x", answer="y"))
    assert deck_file.read_text(encoding="utf-8") == DECK
    assert [p.name for p in deck_file.parent.iterdir()] == ["deck.yaml"]


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "win.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + DECK.replace("\n", "\r\n").encode())
    add_card(path, Card(id="q9", kind=CardKind.QA, prompt="x", answer="y"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert load_deck(path, use_cache=False).card("q9") is not None


def test_indentation_style_of_the_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "flat.yaml"
    path.write_text("format: 1\ndeck:\n    id: flat\n    title: Flat\ncards:\n- id: a\n  kind: qa\n  prompt: p\n  answer: q\n",
                    encoding="utf-8")
    add_card(path, Card(id="b", kind=CardKind.QA, prompt="p2", answer="q2", tags=("t",)))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("format: 1\ndeck:\n    id: flat\n    title: Flat\ncards:\n- id: a\n  kind: qa\n")
    assert '- id: b\n  kind: qa\n  prompt: "p2"\n' in text


def test_empty_flow_cards_list_becomes_block(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("format: 1\ndeck:\n  id: e\n  title: E\ncards: []\n", encoding="utf-8")
    editor = DeckEditor(path)
    editor.add(Card(id="a", kind=CardKind.QA, prompt="p", answer="q"))
    deck = editor.save()
    assert [c.id for c in deck.cards] == ["a"]
    assert "- id: a" in path.read_text(encoding="utf-8")
