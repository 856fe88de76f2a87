"""`quiz new`: the starter deck validates as is and shows every field."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.template import render_template
from quiz.cli import main
from quiz.deck.load import CARD_KEYS, DECK_KEYS, load_deck, parse_text
from quiz.deck.model import CardKind


def test_template_loads_without_problems_even_strict() -> None:
    result = parse_text(render_template("my-deck"), "t.yaml")
    assert result.problems == []
    assert result.deck is not None
    assert result.deck.id == "my-deck"
    assert {c.kind for c in result.deck.cards} == set(CardKind)


def test_template_shows_every_field() -> None:
    text = render_template("my-deck")
    for key in CARD_KEYS + DECK_KEYS:
        assert f" {key}:" in text or f"# {key}:" in text, key
    assert text.count("#") > 10  # it is commented


def test_cli_new_writes_valid_deck_and_refuses_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.yaml"
    assert main(["new", "french-revolution", "-o", str(out)]) == 0
    assert load_deck(out, use_cache=False).id == "french-revolution"
    assert main(["validate", "--strict", str(out)]) == 0
    out.write_text("precious", encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "french-revolution", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "precious"
    assert "--force" in capsys.readouterr().err
    assert main(["new", "french-revolution", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") != "precious"


def test_cli_new_default_path_is_deck_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "abc"]) == 0
    assert (tmp_path / "abc.yaml").is_file()


def test_cli_new_bad_slug_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Bad Slug!", "-o", str(tmp_path / "x.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'bad-slug'" in err
    assert not (tmp_path / "x.yaml").exists()
