"""Importers on real-shaped samples: quotes, embedded tabs, BOM, CRLF, HTML in Anki exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.importers import detect_format, import_file, parse_import_date, strip_html
from quiz.cli import main
from quiz.dates import PartialDate
from quiz.deck.load import load_deck
from quiz.deck.model import CardKind
from quiz.errors import DeckError, QuizError

DATA = Path(__file__).resolve().parent.parent / "data"


def _pairs(path: Path, **kw: object) -> list[tuple[str | None, str | None]]:
    deck = import_file(path, **kw)  # type: ignore[arg-type]
    return [(c.prompt, c.answer) for c in deck.cards]


def test_csv_with_bom_crlf_header_and_quotes() -> None:
    deck = import_file(DATA / "authoring_sample.csv")
    assert [(c.prompt, c.answer) for c in deck.cards] == [
        ("Capital of France, the country", "Paris"),
        ('He said "hi"', 'a "quoted" answer'),
        ("Multi\nline front", "back with tab"),
        ("plain", "answer"),
    ]
    # the BOM did not end up in the header (else 'Question' would not be recognised)
    assert deck.cards[0].tags == ("geo",)
    assert deck.cards[1].tags == ("quotes", "fun")
    assert all(c.kind is CardKind.QA for c in deck.cards)
    assert deck.id == "authoring-sample"


def test_tsv_quoted_field_keeps_its_tab_in_one_cell() -> None:
    assert _pairs(DATA / "authoring_sample.tsv") == [("tab inside", "value"), ("simple", "quoted, back")]


def test_anki_plain_text_export_html_stripped_and_tags_column() -> None:
    deck = import_file(DATA / "authoring_anki.txt")
    got = [(c.prompt, c.answer, c.tags) for c in deck.cards]
    assert got == [
        ("Capital of France", "Paris\n(since 987)", ("geo", "europe")),
        ("What is <html>?", 'A markup language; "HTML"', ("web",)),
        ("A field\nwith a newline", "first\nsecond", ()),
        ("Cloze deletion", "answer", ()),
    ]


def test_anki_separator_header_and_html_false(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("#separator:Semicolon\n#html:false\na <b>literal</b>;b\n", encoding="utf-8")
    assert detect_format(src, src.read_text()) == "anki"
    assert _pairs(src) == [("a <b>literal</b>", "b")]


def test_quizlet_term_tab_definition_crlf_and_continuation_lines() -> None:
    assert _pairs(DATA / "authoring_quizlet.txt", fmt="quizlet") == [
        ("bonjour", "hello"),
        ("merci", "thank you"),
        ('le "chat"', "the cat with a tab"),  # quotes literal; extra tab stays in the definition
        ("au revoir", "goodbye,\nsee you"),
    ]


def test_date_column_by_name_makes_event_cards() -> None:
    deck = import_file(DATA / "authoring_dates.csv", date_column="Year")
    assert [(c.kind, c.text, c.date) for c in deck.cards] == [
        (CardKind.EVENT, "Storming of the Bastille", PartialDate(1789)),
        (CardKind.EVENT, "February Revolution", PartialDate(1917, 2)),
        (CardKind.EVENT, "Paris Peace Conference", PartialDate(1919, end=PartialDate(1920))),
        (CardKind.EVENT, "Fete de la Federation", PartialDate(1790, 7, 14)),
    ]
    assert deck.cards[0].notes == "Paris"


def test_date_column_by_number_without_header(tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_text("Moon landing,1969-07-20\nBerlin Wall falls,Nov 1989\n", encoding="utf-8")
    deck = import_file(src, date_column="2")
    assert [(c.text, c.date.iso() if c.date else None) for c in deck.cards] == [
        ("Moon landing", "1969-07-20"), ("Berlin Wall falls", "1989-11"),
    ]


def test_bad_date_reports_file_and_line(tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_text("date,text\n1969,ok\nsoon,not a date\n", encoding="utf-8")
    with pytest.raises(DeckError) as info:
        import_file(src)
    assert [(p.line, "'soon'" in p.message) for p in info.value.problems] == [(3, True)]
    assert str(info.value.problems[0]).startswith(f"{src}:3: ")
    assert info.value.problems[0].message.count("not a date I can read") == 1  # said once


def test_unknown_date_column_name_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("front,back\na,b\n", encoding="utf-8")
    with pytest.raises(QuizError, match="--date-column 'When' is not a column name"):
        import_file(src, date_column="When")


def test_ids_are_stable_from_content_and_unique(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("a,b\nc,d\na,b\n", encoding="utf-8")
    first = [c.id for c in import_file(src).cards]
    src.write_text("c,d\na,b\na,b\n", encoding="utf-8")  # reordered
    second = [c.id for c in import_file(src).cards]
    assert len(set(first)) == 3
    assert set(first) == set(second)
    assert first[1] == second[0]  # 'c,d' keeps its id wherever it is


def test_row_without_back_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("front,back\nok,fine\nlonely,\n", encoding="utf-8")
    with pytest.raises(DeckError) as info:
        import_file(src)
    assert info.value.problems[0].line == 3
    assert "no back" in info.value.problems[0].message


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("a<br>b", "a\nb"),
        ("<div>x</div><div>y</div>", "x\ny"),
        ("&amp; &lt;tag&gt; &nbsp;z", "& <tag> z"),
        ("<style>.c{}</style>kept", "kept"),
        ("{{c1::Paris::city}} is big", "Paris is big"),
    ],
)
def test_strip_html(html: str, text: str) -> None:
    assert strip_html(html) == text


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("1789", "1789"), ("Feb 1917", "1917-02"), ("1919-1920", "1919/1920"), ("2006-10-18", "2006-10-18")],
)
def test_parse_import_date(raw: str, iso: str) -> None:
    assert str(parse_import_date(raw)) == iso


def test_cli_import_writes_a_valid_deck_and_refuses_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "french.yaml"
    assert main(["import", str(DATA / "authoring_quizlet.txt"), "-o", str(out), "--title", "French"]) == 0
    deck = load_deck(out, use_cache=False)
    assert deck.id == "french" and deck.title == "French" and len(deck.cards) == 4
    assert main(["validate", "--strict", str(out)]) == 0
    assert main(["import", str(DATA / "authoring_quizlet.txt"), "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_cli_import_bad_rows_exit_1_with_file_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("front,back\nonly front,\n", encoding="utf-8")
    out = tmp_path / "bad.yaml"
    assert main(["import", str(src), "-o", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"{src}:2: ")
    assert not out.exists()


def test_cli_import_bad_deck_id_and_bad_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.yaml"
    assert main(["import", str(DATA / "authoring_sample.csv"), "-o", str(out), "--deck-id", "Bad Id"]) == 1
    with pytest.raises(SystemExit) as info:
        main(["import", str(DATA / "authoring_sample.csv"), "-o", str(out), "--format", "xls"])
    assert info.value.code == 2
