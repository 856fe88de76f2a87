"""The whole generator: merging, conflicts, ids, leaks, files, crashes, committed decks."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.deck.model import CardKind
from quiz.errors import QuizError
from quiz.generate.ids import normalise
from quiz.generate.pipeline import analyse, generate, generate_decks

ROOT = Path(__file__).resolve().parents[2]

DOC_A = """Page last updated at 10:12 GMT, Friday, 24 April 2009 11:12 UK

Rivers flood the northern plain

Heavy rain hit the plain, Prime Minister John Smith of Ruritania said in a statement today.

Ruritania's Prime Minister John Smith visited the flooded towns on Thursday afternoon.

Jan 2009 - Rain begins to fall across the northern plain
Mar 2009 - The first levee breaks near the capital
"""

DOC_B = """Page last updated at 09:00 GMT, Monday, 27 April 2009 10:00 UK

More rain for the plain

Ruritania's Prime Minister Jon Smith promised help for the farmers this week.

Jan 2009 - Rain begins to fall across the northern plain
Feb 2009 - The army is sent to the plain
"""


def cards(texts: list[tuple[str, str]]):
    decks = generate_decks(texts)
    return decks, [c for d in decks for c in d.cards]


def test_same_event_in_two_documents_is_one_card_with_both_sources() -> None:
    _decks, cs = cards([("a.txt", DOC_A), ("b.txt", DOC_B)])
    rain = [c for c in cs if c.kind is CardKind.EVENT and "Rain begins" in (c.text or "")]
    assert len(rain) == 1
    assert rain[0].source.doc == "a.txt" and rain[0].source.line == 9
    assert [(s.doc, s.line) for s in rain[0].sources] == [("a.txt", 9), ("b.txt", 7)]


def test_same_person_spelled_two_ways_is_one_fact_with_aliases() -> None:
    decks, cs = cards([("a.txt", DOC_A), ("b.txt", DOC_B)])
    assert len(decks) == 1
    facts = [c for c in cs if c.kind is CardKind.FACT]
    assert len(facts) == 1
    f = facts[0]
    assert f.prompt == "Who was Ruritania's Prime Minister in April 2009?"
    assert set(f.aliases) >= {"John Smith", "Jon Smith"}
    assert {s.doc for s in f.sources} == {"a.txt", "b.txt"}
    assert f.reverse_answer == "Ruritania's Prime Minister"


def test_conflicting_dates_are_flagged_not_picked() -> None:
    other = DOC_B.replace("Jan 2009 - Rain begins", "Feb 2009 - Rain begins").replace(
        "Feb 2009 - The army", "Mar 2009 - The army"
    )
    summary_decks = generate_decks([("a.txt", DOC_A), ("b.txt", other)])
    rain = [c for d in summary_decks for c in d.cards if "Rain begins" in (c.text or "")]
    assert len(rain) == 1
    assert rain[0].conflict is not None and "b.txt:7 says 2009-02" in rain[0].conflict


def test_ids_are_stable_when_documents_are_added_or_reordered() -> None:
    _d, one = cards([("a.txt", DOC_A)])
    _d, two = cards([("a.txt", DOC_A), ("b.txt", DOC_B)])
    shuffled = DOC_A.replace(
        "Jan 2009 - Rain begins to fall across the northern plain\nMar 2009 - The first levee breaks near the capital",
        "Mar 2009 - The first levee breaks near the capital\nJan 2009 - Rain begins to fall across the northern plain",
    )
    _d, three = cards([("a.txt", shuffled)])
    ids_one = {c.text: c.id for c in one if c.kind is CardKind.EVENT}
    for other in (two, three):
        ids_other = {c.text: c.id for c in other if c.kind is CardKind.EVENT}
        assert all(ids_other[t] == i for t, i in ids_one.items())


def test_no_prompt_contains_its_answer() -> None:
    texts = sorted((p.name, p.read_text(encoding="utf-8")) for p in (ROOT / "corpus").glob("*.txt"))
    _d, cs = cards(texts + [("a.txt", DOC_A), ("b.txt", DOC_B)])
    for c in cs:
        if c.kind is CardKind.FACT:
            for ans in (c.answer, *c.aliases):
                assert f" {normalise(ans)} " not in f" {normalise(c.prompt)} "
            if c.reverse:
                assert f" {normalise(c.reverse_answer)} " not in f" {normalise(c.reverse)} "
        else:
            assert str(c.date.year) not in (c.text or "")


def test_generate_writes_valid_decks_and_a_summary(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(DOC_A, encoding="utf-8")
    (corpus / "b.md").write_text("# " + DOC_B, encoding="utf-8")
    (corpus / "notes.csv").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    summary = generate(corpus, out, progress=io.StringIO())
    assert summary.documents == 2
    line = summary.line()
    for word in ("documents", "events", "facts", "duplicates merged", "lines skipped", "conflicts"):
        assert word in line
    files = sorted(out.glob("*.yaml"))
    assert len(files) == 1
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    assert [s["doc"] for s in data["deck"]["sources"]] == ["a.txt", "b.md"]
    assert all(isinstance(c["date"], str) for c in data["cards"] if c["kind"] == "event")
    from quiz.deck.validate import validate_paths

    problems, checked = validate_paths([out])
    assert checked == 1 and [p for p in problems if p.severity == "error"] == []


def test_missing_corpus_is_a_quiz_error(tmp_path: Path) -> None:
    with pytest.raises(QuizError, match="does not exist"):
        generate(tmp_path / "nope", tmp_path / "out", progress=None)


def test_progress_is_reported_for_big_corpora(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(25):
        (corpus / f"{i:03d}.txt").write_text(DOC_A.replace("Smith", f"Smith{i}"), encoding="utf-8")
    err = io.StringIO()
    generate(corpus, tmp_path / "o", progress=err)
    assert "reading documents: 25/25" in err.getvalue()


def test_a_slightly_edited_card_keeps_its_old_id(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(DOC_A, encoding="utf-8")
    out = tmp_path / "o"
    generate(corpus, out, progress=None)
    before = {
        c["text"]: c["id"]
        for f in out.glob("*.yaml")
        for c in yaml.safe_load(f.read_text())["cards"]
        if c["kind"] == "event"
    }
    (corpus / "a.txt").write_text(
        DOC_A.replace("first levee breaks", "first leveee breaks"), encoding="utf-8"
    )
    generate(corpus, out, progress=None)
    after = {
        c["text"]: c["id"]
        for f in out.glob("*.yaml")
        for c in yaml.safe_load(f.read_text())["cards"]
        if c["kind"] == "event"
    }
    assert (
        after["The first leveee breaks near the capital"]
        == before["The first levee breaks near the capital"]
    )
    # a fresh run (empty output) gives the content-derived id instead
    fresh = tmp_path / "fresh"
    generate(corpus, fresh, progress=None)
    ids = {
        c["text"]: c["id"]
        for f in fresh.glob("*.yaml")
        for c in yaml.safe_load(f.read_text())["cards"]
        if c["kind"] == "event"
    }
    assert (
        ids["The first leveee breaks near the capital"]
        != before["The first levee breaks near the capital"]
    )


def test_committed_decks_are_up_to_date(tmp_path: Path) -> None:
    """`decks/` must be exactly what `quiz generate corpus -o decks` writes (regenerate and commit if not)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    out = tmp_path / "decks"
    generate(corpus, out, progress=None)
    produced = sorted(out.glob("*.yaml"))
    assert produced
    for path in produced:
        committed = ROOT / "decks" / path.name
        assert committed.exists(), (
            f"decks/{path.name} is missing: run quiz generate corpus -o decks"
        )
        assert committed.read_bytes() == path.read_bytes(), f"decks/{path.name} is out of date"


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    generate(ROOT / "corpus", out1, progress=None)
    generate(ROOT / "corpus", out2, progress=None)
    generate(ROOT / "corpus", out2, progress=None)
    assert [p.read_bytes() for p in sorted(out1.glob("*"))] == [
        p.read_bytes() for p in sorted(out2.glob("*"))
    ]


LINES = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "Feb 2007 - North Korea agrees",
            "2007",
            "June - x",
            "14 April 2009 - After it",
            "Copyright © 2017",
            "Page last updated at 10:12 GMT, Friday, 24 April 2009",
            "01/11/2006 14:25 MOSCOW, November 1 (X) - Hi.",
            "On October 9, it did. He said so.",
            "Russia's Foreign Minister Sergei Lavrov said (KCNA) ok.",
            "talks - which include A, B and C.",
            '"Quote," X said October 25.',
            "4th C. - y",
            "1874-77 x",
            "The Korean Central News Agency (KCNA) said last November that it was in early 2008.",
            "29 February 2001 - no such day",
            "31 April 2009 - no such day",
            "0/0/0000",
            "99th century: x",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=25))
def test_no_document_crashes_the_generator(lines: list[str]) -> None:
    text = "\n".join(lines)
    analyse("h.txt", text)
    generate_decks([("h.txt", text), ("i.txt", text[::-1])])


def test_summary_of_an_empty_corpus_says_nothing_was_found() -> None:
    from quiz.generate.pipeline import GenerateSummary

    line = GenerateSummary(out_dir=Path("out")).line()
    assert "no *.txt or *.md documents in the corpus folder" in line
    assert "no *.txt" not in GenerateSummary(documents=2, out_dir=Path("out")).line()
