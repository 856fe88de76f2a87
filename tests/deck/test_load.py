"""The loader: every rule has an input that breaks it, located by line."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.dates import PartialDate
from quiz.deck import CardKind
from quiz.deck import load as load_mod
from quiz.deck.load import load_deck, load_decks, load_result, parse_text
from quiz.errors import DeckError

DATA = Path(__file__).resolve().parent.parent / "data"

HEADER = 'format: 1\ndeck:\n  id: t\n  title: "T"\ncards:\n'


def problems_of(text: str) -> list[str]:
    return [str(p) for p in parse_text(textwrap.dedent(text), "d.yaml").problems]


def test_uses_libyaml_when_available() -> None:
    if hasattr(yaml, "CSafeLoader"):
        assert load_mod._Loader is yaml.CSafeLoader


def test_valid_deck_loads_every_field() -> None:
    deck = load_deck(DATA / "valid_deck.yaml", use_cache=False)
    assert deck.id == "sample-history"
    assert [c.kind for c in deck.cards] == [CardKind.EVENT, CardKind.EVENT, CardKind.FACT, CardKind.QA]
    ev, rng, fact, qa = deck.cards
    assert ev.date == PartialDate(2007, 6) and ev.date.iso() == "2007-06"
    assert ev.line == 10 and ev.source is not None and ev.source.line == 3
    assert rng.date is not None and rng.date.end == PartialDate(2006, 10, 19)
    assert fact.aliases == ("Lavrov",) and len(fact.sources) == 2
    assert fact.reverse_answer == "Russia's Foreign Minister"
    assert qa.prompt is not None and "[bold]" in qa.prompt
    assert deck.sources[0].date == "2009-04-24"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # YAML 1.1 surprises: unquoted dates and words read as booleans, numbers, times
        ('  - {id: a, kind: event, date: 2007-02-14, text: "x"}', 'd.yaml:6: \'date\' must be a quoted string; quote this date: date: "2007-02-14"'),
        ('  - {id: a, kind: event, date: 2007, text: "x"}', 'quote this date: date: "2007"'),
        ('  - {id: a, kind: qa, prompt: "p", answer: NO}', 'd.yaml:6: \'answer\' would be read as a boolean by YAML; quote it: answer: "NO"'),
        ('  - {id: a, kind: qa, prompt: "p", answer: 3.10}', 'quote it: answer: "3.10"'),
        ('  - {id: a, kind: qa, prompt: "p", answer: 1:30}', 'quote it: answer: "1:30"'),
        ('  - {id: a, kind: qa, prompt: "p", answer: }', "'answer' is empty"),
        # structure
        ('  - {id: a, kind: qa, prompt: "p", anwser: "x"}', "did you mean 'answer'?"),
        ('  - {id: a, kind: qa, prompt: "p"}', "qa card needs 'answer'"),
        ('  - {id: a, kind: evnt, text: "p"}', "unknown kind 'evnt'; expected event, fact or qa: did you mean 'event'?"),
        ('  - {kind: qa, prompt: "p", answer: "x"}', "card needs an 'id'"),
        ('  - {id: "a b", kind: qa, prompt: "p", answer: "x"}', "may use only letters"),
        ('  - {id: a, kind: event, date: "2007-13", text: "x"}', "month 13 is not 1-12"),
        ('  - {id: a, kind: event, date: "Feb 2007", text: "x"}', "not a partial ISO date"),
        ('  - {id: a, kind: event, date: "2007-05", end: "2007-01", text: "x"}', "is before its start"),
        ('  - {id: a, kind: qa, prompt: "p", answer: "x", source: {line: 3}}', "needs a 'doc'"),
        ('  - {id: a, kind: qa, prompt: "p", answer: "x", source: {doc: d, line: 0}}', "'line' should be a line number"),
        ('  - {id: a, kind: qa, prompt: "p", answer: "x", tags: {a: 1}}', "'tags' should be a list"),
        ("  - just text", "a card should be a mapping"),
    ],
)
def test_card_rules(body: str, expected: str) -> None:
    found = problems_of(HEADER + body + "\n")
    assert any(expected in p for p in found), found


def test_duplicate_keys_are_errors_with_both_lines() -> None:
    found = problems_of(HEADER + '  - id: a\n    kind: qa\n    prompt: "p"\n    answer: "x"\n    answer: "y"\n')
    assert "d.yaml:10: duplicate key 'answer' in a card (first on line 9)" in found


def test_duplicate_card_ids() -> None:
    found = problems_of(HEADER + '  - {id: a, kind: qa, prompt: "p", answer: "x"}\n  - {id: a, kind: qa, prompt: "q", answer: "y"}\n')
    assert "d.yaml:7: duplicate card id 'a' (first on line 6)" in found


def test_all_problems_reported_at_once() -> None:
    text = HEADER + (
        '  - {id: a, kind: event, date: 2007, text: "x"}\n'
        '  - {id: b, kind: qa, prompt: "p", answer: yes}\n'
        '  - {id: c, kind: bogus, prompt: "p", answer: "x"}\n'
    )
    lines = [p.line for p in parse_text(text, "d.yaml").problems]
    assert lines == [6, 7, 8]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deck: {id: t, title: T}\ncards: []\n", "missing 'format: 1'"),
        ("format: 2\ndeck: {id: t, title: T}\ncards: []\n", "unsupported format"),
        ("format: 1\ncards: []\n", "missing 'deck:' section"),
        ("format: 1\ndeck: {id: t, title: T}\n", "missing 'cards:' list"),
        ("format: 1\ndeck: {id: My Deck, title: T}\ncards: []\n", "should be a slug"),
        ("format: 1\ndeck: {id: t}\ncards: []\n", "'deck' needs a 'title'"),
        ("- a\n- b\n", "the deck file should be a mapping"),
        ("format: 1\ndeck: {id: t, title: T}\ncards: [\n", "YAML syntax error"),
        ("format: 1\ndeck:\n\tid: t\n", "use spaces, not tabs"),
    ],
)
def test_file_rules(text: str, expected: str) -> None:
    found = problems_of(text)
    assert any(expected in p for p in found), found


def test_aliases_are_rejected_before_they_expand() -> None:
    bomb = ['format: 1', 'deck: {id: t, title: T}', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev = ",".join([f"*a{i-1}"] * 9)
        bomb.append(f"a{i}: &a{i} [{prev}]")
    bomb.append("cards: [*a11]")
    found = problems_of("\n".join(bomb) + "\n")
    assert any("aliases" in p for p in found), found


def test_deep_nesting_is_refused() -> None:
    found = problems_of(HEADER + "  - " + "[" * 5000 + "]" * 5000 + "\n")
    assert any("nested too deeply" in p for p in found), found


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("format: 1\n".encode("utf-16"), "UTF-16; save it as UTF-8"),
        ("format: 1\ndeck: {id: t, title: caf\u00e9}\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9)"),
    ],
)
def test_bytes_rules(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(raw)
    with pytest.raises(DeckError) as info:
        load_deck(path)
    assert expected in info.value.lines()[0]
    assert info.value.lines()[0].startswith(str(path))


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + '  - {id: a, kind: qa, prompt: "p", answer: "x"}\n').replace("\n", "\r\n").encode())
    assert load_deck(path).cards[0].answer == "x"


def test_truncated_file(tmp_path: Path) -> None:
    full = (DATA / "valid_deck.yaml").read_bytes()
    path = tmp_path / "d.yaml"
    path.write_bytes(full[: len(full) // 2])
    result = load_result(path)
    assert result.deck is None and result.errors


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_mod, "MAX_DECK_BYTES", 100)
    path = tmp_path / "d.yaml"
    path.write_text(HEADER + "#" * 200 + "\n")
    with pytest.raises(DeckError, match="decks are limited to"):
        load_deck(path)


def test_directory_and_missing_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DeckError, match="is a directory"):
        load_deck(tmp_path)
    with pytest.raises(DeckError, match="no such file"):
        load_deck(tmp_path / "nope.yaml")
    path = tmp_path / "locked.yaml"
    path.write_text(HEADER)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the OS refuse as it would for a user
        def refuse(self: Path, *args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DeckError, match="permission denied"):
        load_deck(path)


def test_duplicate_deck_ids_across_files(tmp_path: Path) -> None:
    body = HEADER + '  - {id: a, kind: qa, prompt: "p", answer: "x"}\n'
    (tmp_path / "a.yaml").write_text(body)
    (tmp_path / "b.yaml").write_text(body)
    decks, problems = load_decks([tmp_path])
    assert len(decks) == 1
    assert [str(p) for p in problems] == [f"{tmp_path / 'b.yaml'}: deck id 't' is already used by {tmp_path / 'a.yaml'}"]


# -- cache -------------------------------------------------------------------------


def test_cache_hit_skips_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes((DATA / "valid_deck.yaml").read_bytes())
    first = load_deck(path)
    calls = []
    monkeypatch.setattr(load_mod, "parse_text", lambda *a, **k: calls.append(a))
    again = load_deck(path)
    assert again == first and calls == []


def test_stale_cache_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(HEADER + '  - {id: a, kind: qa, prompt: "p", answer: "old"}\n')
    assert load_deck(path).cards[0].answer == "old"
    st = path.stat()
    path.write_text(HEADER + '  - {id: a, kind: qa, prompt: "p", answer: "new"}\n')
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size and mtime: only the hash differs
    assert load_deck(path).cards[0].answer == "new"


def test_corrupt_cache_is_a_miss(tmp_path: Path, isolated_data_dir: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes((DATA / "valid_deck.yaml").read_bytes())
    load_deck(path)
    entries = list((isolated_data_dir / "cache").glob("deck-v*.pickle"))
    assert entries
    for entry in entries:
        entry.write_bytes(b"garbage")
    assert load_deck(path).id == "sample-history"


# -- any input ---------------------------------------------------------------------

yamlish = st.text(alphabet=st.sampled_from(list("abcdefkdtiy:-[]{}&*!|>'\"#\n\t 0123456789.,\\%@`?")), max_size=300)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), yamlish.map(str.encode), yamlish.map(lambda t: (HEADER + t).encode())))
def test_any_bytes_raise_only_deck_error(raw: bytes) -> None:
    text = None
    try:
        text = load_mod.decode(raw, "h.yaml")
    except DeckError:
        return
    result = parse_text(text, "h.yaml")
    assert result.deck is not None or result.errors
    for p in result.problems:
        assert p.path == "h.yaml" and p.message
