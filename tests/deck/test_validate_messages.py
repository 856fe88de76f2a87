"""`quiz validate` messages: the line, what is wrong, what was expected, and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main
from quiz.deck.load import parse_text

HEAD = "format: 1\ndeck:\n  id: d\n  title: D\ncards:\n"


def _messages(cards: str) -> list[tuple[int | None, str]]:
    result = parse_text(HEAD + cards, "d.yaml")
    return [(p.line, p.message) for p in result.errors]


# (card YAML starting on line 6, line expected, words the message must hold)
CASES = [
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    anwser: b\n", 9,
                 ["unknown key 'anwser'", "did you mean 'answer'?"], id="near-key"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    anwser: b\n", 6,
                 ["qa card needs 'answer'", "'anwser' a misspelling"], id="missing-field-names-the-typo"),
    pytest.param("  - id: a\n    kind: evnt\n    date: \"2007\"\n    text: t\n", 7,
                 ["unknown kind 'evnt'", "expected event, fact or qa", "did you mean 'event'?"], id="near-kind"),
    pytest.param("  - id: a\n    kind: event\n    date: 2007\n    text: t\n", 8,
                 ["quoted string", 'quote this date: date: "2007"'], id="unquoted-year"),
    pytest.param("  - id: a\n    kind: event\n    date: 2007-02-14\n    text: t\n", 8,
                 ['quote this date: date: "2007-02-14"'], id="unquoted-yaml-date"),
    pytest.param("  - id: a\n    kind: event\n    date: \"Feb 2007\"\n    text: t\n", 8,
                 ['expected "YYYY", "YYYY-MM" or "YYYY-MM-DD"', 'write it as date: "2007-02"'], id="date-suggestion"),
    pytest.param("  - id: a\n    kind: event\n    date: \"2007-13\"\n    text: t\n", 8,
                 ["month 13 is not 1-12", 'expected "YYYY"'], id="bad-month"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: yes\n    answer: b\n", 8,
                 ["would be read as a boolean", 'quote it: prompt: "yes"'], id="yaml-boolean"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer: 12.5\n", 9,
                 ["would be read as a number", 'answer: "12.5"'], id="yaml-float"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer: [x, y]\n", 9,
                 ["'answer' should be text, found a list", "'aliases: [...]'"], id="answer-list"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer: b\n    tags: 5\n", 10,
                 ["'tags' should be a list like [a, b]"], id="tags-type"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer: b\n    source: notes.txt\n", 10,
                 ["'source' should be a mapping like {doc: notes.txt, line: 12}"], id="source-type"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer: b\n    source: {doc: n.txt, line: x}\n", 10,
                 ["'line' should be a line number"], id="source-line-type"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer:\n", 9,
                 ["'answer' is empty"], id="empty-answer"),
    pytest.param("  - kind: qa\n    prompt: p\n    answer: b\n", 6,
                 ["card needs an 'id'"], id="missing-id"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n    answer: b\n  - id: a\n    kind: qa\n    prompt: q\n    answer: c\n",
                 10, ["duplicate card id 'a'", "first on line 6"], id="duplicate-id"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: p\n  - id: a\n    kind: qa\n    prompt: q\n    answer: c\n",
                 9, ["duplicate card id 'a'", "first on line 6"], id="duplicate-id-of-an-invalid-card"),
    pytest.param("  - id: a\n    kind: event\n    end: \"2007\"\n    text: t\n", 6,
                 ["event card needs 'date'"], id="end-without-date"),
    pytest.param("  - id: a\n    kind: event\n    date: \"2008\"\n    end: \"2007\"\n    text: t\n", 9,
                 ["range end 2007 is before its start 2008"], id="end-before-start"),
    pytest.param("  - id: a\n    kind: qa\n    prompt: Note: this\n    answer: b\n", 8,
                 ["YAML syntax error", "must be quoted: prompt: \"Note: this\""], id="colon-in-text"),
    pytest.param("  - id: a\n\tkind: qa\n", 7, ["tabs"], id="tab-indent"),
]


@pytest.mark.parametrize(("cards", "line", "words"), CASES)
def test_message(cards: str, line: int, words: list[str]) -> None:
    messages = _messages(cards)
    hits = [m for ln, m in messages if ln == line and all(w in m for w in words)]
    assert hits, messages


def test_deck_id_slug_suggestion() -> None:
    result = parse_text("format: 1\ndeck:\n  id: My Deck\n  title: D\ncards: []\n", "d.yaml")
    assert [(p.line, p.message) for p in result.errors] == [
        (3, "deck id 'My Deck' should be a slug: lowercase letters, digits, '-', e.g. 'my-deck'")
    ]


def test_strict_lint_and_cli_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lint.yaml"
    path.write_text(
        HEAD
        + "  - id: a\n    kind: qa\n    prompt: Same?\n    answer: b\n"
        + "  - id: b\n    kind: qa\n    prompt: same?\n    answer: c\n"
        + "  - id: c\n    kind: event\n    date: \"1969\"\n    text: Moon\n"
        + "  - id: d\n    kind: event\n    date: \"1970\"\n    text: moon\n"
        + "  - id: e\n    kind: qa\n    prompt: p\n    answer: q\n    colour: red\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 0
    capsys.readouterr()
    assert main(["validate", "--strict", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{path}:10: duplicate prompt (same as the card on line 6)" in err
    assert f"{path}:18: same event text as line 14 with a different date (1969, 1970)" in err
    assert any(line.startswith(f"{path}:26: unknown key 'colour'") for line in err)


def test_cli_invalid_exit_1_with_file_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + "  - id: a\n    kind: event\n    date: 2007\n    text: t\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err == f'{path}:8: \'date\' must be a quoted string; quote this date: date: "2007"\n'
