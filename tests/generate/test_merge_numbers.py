from __future__ import annotations

from pathlib import Path

import pytest

from quiz.generate.merge import number_signature
from quiz.generate.pipeline import generate


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        ("the security council passed resolution 1718", frozenset()),  # year-like: ignored
        ("the council passed resolution 3456", frozenset({"3456"})),
        ("on 5 april 700 troops arrived", frozenset({"700"})),
        ("north korea shuts its main reactor", frozenset()),
    ],
)
def test_number_signature(text: str, signature: frozenset[str]) -> None:
    assert number_signature(text) == signature


def test_events_differing_only_in_numbers_stay_apart(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Page last updated at 10:12 GMT, Friday, 24 April 2009\n\n"
                                  "Feb 2007 - Convoy 4411 delivers 300 tonnes of fuel aid to the north\n")
    (corpus / "b.txt").write_text("Page last updated at 10:12 GMT, Friday, 24 April 2009\n\n"
                                  "Feb 2007 - Convoy 4412 delivers 300 tonnes of fuel aid to the north\n"
                                  "Feb 2007 - Convoy 4411 delivers 300 tonnes of fuel aid to the north\n")
    summary = generate(corpus, tmp_path / "out", progress=None)
    text = "".join(p.read_text() for p in (tmp_path / "out").glob("*.yaml"))
    assert text.count("kind: event") == 2
    assert "4411" in text and "4412" in text
    assert summary.line()
