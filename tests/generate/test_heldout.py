"""Held-out check: pages written (with gold) before the generator was run on them.

`tests/generate/heldout/` holds shapes neither the seeds nor `unseen/` have
(wiki `== 2003 ==` headings with en-dash bullets, markdown pipe tables, a
Guardian `Timeline:` box with a `guardian.co.uk, Monday 11 April 2011 14.32 BST`
byline, a government press release, an encyclopedic biography, US-style
`Jan. 5, 2011` news, an article full of quoted officials and acronyms).
The numbers before any fix are in docs/generator.md ("Held-out check").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from quiz.generate.clean import clean, table_row
from quiz.generate.docdate import byline_date
from quiz.generate.extract_dates import match_year_heading

HERE = Path(__file__).parent
HELDOUT = HERE / "heldout"
GOLD = HERE / "heldout_gold"
SCORER = HERE.parents[2] / "shared" / "acceptance" / "score.py"


def test_every_heldout_document_has_gold() -> None:
    docs = {p.stem for p in HELDOUT.iterdir() if p.suffix in (".txt", ".md")}
    gold = {p.stem for p in GOLD.glob("*.yaml")}
    assert docs and docs == gold


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("== 2003 ==", 2003),
        ("=== 1998 ===", 1998),
        ("1998[edit]", 1998),
        ("2003:", 2003),
        ("## 2011", 2011),
        ("== See also ==", None),
        ("2003 was a bad year", None),
    ],
)
def test_year_headings(line: str, year: int | None) -> None:
    got = match_year_heading(line)
    assert (got.year if got else None) == year


@pytest.mark.parametrize(
    ("line", "out"),
    [
        ("| 1950 | Korean War begins |", "1950 | Korean War begins"),
        ("|------|-------|", ""),
        ("| --- | :---: | --- |", ""),
        (
            "| 26 March 2010 | Cheonan sinks | 46 killed |",
            "26 March 2010 | Cheonan sinks; 46 killed",
        ),
        ("| 12 February 2013 | Nuclear test | none |", "12 February 2013 | Nuclear test"),
        ("| 2010 | Talks | – |", "2010 | Talks"),
        ("Home | World | Asia", "Home | World | Asia"),  # a menu, not a table row
    ],
)
def test_table_rows(line: str, out: str) -> None:
    assert table_row(line) == out


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("guardian.co.uk, Monday 11 April 2011 14.32 BST", "2011-04-11"),
        ("Tue Dec 13, 2011 8:04am EST", "2011-12-13"),
        ("14 April 2009 - North Korea vows to walk out of talks", None),
    ],
)
def test_clock_time_bylines(line: str, date: str | None) -> None:
    got = byline_date(line)
    assert (got.iso() if got else None) == date


def test_note_about_the_page_is_not_body() -> None:
    doc = clean(
        "d.txt",
        "Published: Jan. 5, 2011\n\nThe Senate passed the bill on Dec. 22 after a long fight.\n\n"
        "A version of this article appeared in print on January 5, 2011, on page A18.\n",
    )
    body = " ".join(ln.text for p in doc.paragraphs for ln in p)
    assert "page A18" not in body and "Senate passed" in body


def _score(docs: Path, gold: Path, out: Path) -> dict:
    spec = importlib.util.spec_from_file_location("acceptance_score", SCORER)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    sys.modules["acceptance_score"] = score
    spec.loader.exec_module(score)
    from quiz.generate.pipeline import generate

    generate(docs, out)
    decks, info = score.load_decks(out)
    return score.score(decks, info, score.load_gold(gold), None, True)["overall"]


@pytest.mark.skipif(not SCORER.exists(), reason="shared acceptance scorer not available")
def test_scorer_on_second_heldout_set(tmp_path: Path) -> None:
    # `heldout2/` was written after the first round of fixes; floors under its numbers
    res = _score(HERE / "heldout2", HERE / "heldout2_gold", tmp_path / "decks")
    assert res["must_not"] == 0 and res["duplicates"] == 0
    assert res["event_p"] >= 0.9 and res["event_r"] >= 0.75


@pytest.mark.skipif(not SCORER.exists(), reason="shared acceptance scorer not available")
def test_scorer_on_heldout_set(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("acceptance_score", SCORER)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    sys.modules["acceptance_score"] = score
    spec.loader.exec_module(score)
    from quiz.generate.pipeline import generate

    generate(HELDOUT, tmp_path / "decks")
    decks, info = score.load_decks(tmp_path / "decks")
    res = score.score(decks, info, score.load_gold(GOLD), None, True)["overall"]
    # floors just under the figures recorded in docs/generator.md, so a change
    # that loses held-out ground fails here
    assert res["must_not"] == 0
    assert res["duplicates"] == 0
    assert res["event_p"] >= 0.95 and res["event_r"] >= 0.95
    assert res["fact_p"] >= 0.9 and res["fact_r"] >= 0.75


def _facts_of(sentence: str) -> list[tuple[str, str, str | None]]:
    from quiz.generate.facts import extract_facts

    doc = clean("d.txt", "Published: 15 June 2010\n\n" + sentence + "\n")
    return [(f.subject, f.value, f.qualifier) for f in extract_facts(doc)]


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        # demonyms without the usual -an/-ese/-ish endings
        (
            '"We are ready to assist," said Kazakh Foreign Minister Kanat Saudabayev on Monday.',
            ("Kanat Saudabayev", "Foreign Minister", "Kazakh"),
        ),
        (
            "Uzbek President Islam Karimov closed the border after refugees had crossed.",
            ("Islam Karimov", "President", "Uzbek"),
        ),
        # `interim`/`caretaker` between the possessive and the role
        (
            "Kyrgyzstan's interim President Roza Otunbayeva said the toll had risen to 170.",
            ("Roza Otunbayeva", "interim President", "Kyrgyzstan"),
        ),
        # a `for ...` complement between the role and the name
        (
            "UN High Commissioner for Human Rights Navi Pillay said the violence was planned.",
            ("Navi Pillay", "High Commissioner for Human Rights", "UN"),
        ),
        # ... or inside an apposition after the name, with `U.S.` as the qualifier
        (
            "Robert Blake, the U.S. Assistant Secretary of State for South and Central Asia, "
            "said aid was on its way.",
            ("Robert Blake", "Assistant Secretary of State for South and Central Asia", "U.S."),
        ),
        # `secretary` on its own is a role
        (
            "U.S. Energy Secretary Steven Chu today announced the members of the commission.",
            ("Steven Chu", "Energy Secretary", "U.S."),
        ),
        # US newspaper style: the place after the name
        (
            "The bill was a great day for the city, said Mayor Michael R. Bloomberg of New York.",
            ("Michael R. Bloomberg", "Mayor", "New York"),
        ),
        (
            "Senator Kirsten Gillibrand, Democrat of New York, said the law was long overdue.",
            ("Kirsten Gillibrand", "Senator", "New York"),
        ),
        # `d'Ivoire` gives the initial I
        (
            "The United Nations Operation in Côte d'Ivoire (UNOCI) said forces had shelled it.",
            ("United Nations Operation in Côte d'Ivoire", "UNOCI", None),
        ),
        # `which groups ...` member list after an acronym
        (
            "The Collective Security Treaty Organisation (CSTO), which groups Russia, Armenia, "
            "Belarus and Kazakhstan, said it would not send troops.",
            (
                "Collective Security Treaty Organisation",
                "Russia, Armenia, Belarus and Kazakhstan",
                None,
            ),
        ),
    ],
)
def test_heldout_fact_rules(sentence: str, fact: tuple[str, str, str | None]) -> None:
    assert fact in _facts_of(sentence), _facts_of(sentence)


def _prose_of(text: str) -> list[tuple[str, str]]:
    from quiz.generate.extract import prose_events

    doc = clean("d.txt", "Published: 2 March 2012\n\n" + text + "\n")
    return [(e.date.iso(), e.text) for e in prose_events(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person named as a sentence subject is who a later `he`/`his` means
        (
            "Havel was born in Prague into a wealthy family. In 1959 he became a stagehand.",
            ("1959", "Havel became a stagehand"),
        ),
        (
            "Havel was born in Prague into a wealthy family. His first play premiered in 1963.",
            ("1963", "Havel's first play premiered"),
        ),
        # `two years later` counts from the last date mentioned
        (
            "In 1978 Havel co-founded a committee. Two years later he was sentenced to prison.",
            ("1980", "Havel was sentenced to prison"),
        ),
        # a biography's opening parenthesis gives the birth
        (
            "Václav Havel (5 October 1936 – 18 December 2011) was a Czech playwright and essayist.",
            ("1936-10-05", "Václav Havel was born"),
        ),
        (
            "Jane Roe (1901–1980) was an English painter who lived in Paris for many years.",
            ("1901", "Jane Roe was born"),
        ),
    ],
)
def test_heldout_prose_rules(text: str, expected: tuple[str, str]) -> None:
    got = _prose_of(text)
    assert any(d == expected[0] and t.startswith(expected[1]) for d, t in got), got


def test_lifespan_death_gives_way_to_the_body_sentence() -> None:
    got = _prose_of(
        "Václav Havel (5 October 1936 – 18 December 2011) was a Czech playwright and essayist.\n\n"
        "Havel died on 18 December 2011 at his country home in Hrádeček, aged 75."
    )
    assert [t for d, t in got if d == "2011-12-18"] == [
        "Havel died at his country home in Hrádeček, aged 75"
    ], got


def test_crosshead_is_not_glued_to_its_paragraph() -> None:
    doc = clean(
        "d.txt",
        "Published: 2 March 2012\n\nDeath\nHavel died on 18 December 2011 at his country home.\n",
    )
    body = [ln.text for p in doc.paragraphs for ln in p]
    assert body == ["Havel died on 18 December 2011 at his country home."]


@pytest.mark.parametrize(
    ("line", "city", "rest"),
    [
        (
            "WASHINGTON — President Obama on Sunday signed",
            "WASHINGTON",
            "President Obama on Sunday signed",
        ),
        (
            "Washington, D.C. — March 4, 2010 — U.S. Energy Secretary Steven Chu today announced",
            "WASHINGTON",
            "U.S. Energy Secretary Steven Chu today announced",
        ),
        ("NATO — the alliance said", None, None),  # the text after the dash must start a sentence
    ],
)
def test_heldout_datelines(line: str, city: str | None, rest: str | None) -> None:
    from quiz.generate.docdate import parse_dateline

    dl = parse_dateline(line)
    if city is None:
        assert dl is None or dl.city != "NATO"
        return
    assert dl is not None and dl.city == city and line[dl.prefix_len :] == rest


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Tensions rose in April this year, when talks failed",
            [("2013-04", "in April this year")],
        ),
        ("The deal was signed in June last year", [("2012-06", "in June last year")]),
        ("Energy Secretary Steven Chu today announced the members", [("2013-07-12", "today")]),
        ("The minister said today that talks would go on", [("2013-07-12", "today")]),
        ("Today, the country has five million people", []),  # no event verb beside it
        ("the September 11th Victim Compensation Fund", []),  # a date inside a name
        (
            "The bill passed the Senate on Dec. 22 after a long fight",
            [("2012-12-22", "on Dec. 22")],
        ),
    ],
)
def test_heldout_date_shapes(text: str, found: list[tuple[str, str]]) -> None:
    from quiz.dates import PartialDate
    from quiz.generate.extract_dates import find_dates

    got = [
        (m.date.iso(), text[m.start : m.end]) for m in find_dates(text, PartialDate(2013, 7, 12))
    ]
    assert got == found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a `who` clause ending on the date: that person did it then
        (
            "The measure, named after James Zadroga, a New York police detective who died "
            "in 2006, passed the Senate on Dec. 22.",
            ("2006", "James Zadroga, a New York police detective, died"),
        ),
        # ... and the participle aside leaves the main event clean, with its after-clause
        (
            "The measure, named after James Zadroga, a New York police detective who died "
            "in 2006, passed the Senate on Dec. 22 after Republicans dropped their objections.",
            (
                "2011-12-22",
                "The measure passed the Senate after Republicans dropped their objections",
            ),
        ),
        # `later that day` keeps the day of the date before it
        (
            "The Senate passed the bill on Dec. 22. The House approved it later that day.",
            ("2011-12-22", "The House approved it"),
        ),
    ],
)
def test_heldout_clause_rules(text: str, expected: tuple[str, str]) -> None:
    got = _prose_of(text)
    assert expected in got, got


def test_acronym_in_a_list_row() -> None:
    from quiz.generate.facts import extract_facts

    doc = clean(
        "d.txt",
        "Weapons of Mass Destruction (WMD)\n\nPublished: 4 March 2010\n\n"
        "The commission met for the first time today in Washington.\n\n"
        "Members of the commission include:\n"
        "- Vicky Bailey, former Commissioner, Federal Energy Regulatory Commission (FERC)\n"
        "- Per Peterson, Professor, University of California, Berkeley\n",
    )
    got = {(f.subject, f.value) for f in extract_facts(doc)}
    assert ("Federal Energy Regulatory Commission", "FERC") in got
    assert not any(v == "WMD" for _, v in got)  # a site's section header is not a list row


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a plan: the year-less date would be pushed into the past, so no event
        ("The commission's first meeting will be held on March 25 in Washington.", []),
        ("Parliament is expected to formally declare independence in June.", []),
        # the date of the saying, after the future clause, stays
        ("The talks will be held soon, the foreign minister said Wednesday.", ["2010-03-03"]),
        # `at the end of January`: month precision
        ("The observer mission was withdrawn at the end of January.", ["2010-01"]),
    ],
)
def test_heldout2_prose_dates(text: str, dates: list[str]) -> None:
    from quiz.generate.extract import prose_events

    doc = clean("d.txt", "Published: Thursday, 4 March 2010\n\n" + text + "\n")
    assert [e.date.iso() for e in prose_events(doc)] == dates


def test_markdown_single_mark_emphasis_is_read_through(tmp_path: Path) -> None:
    from quiz.generate.pipeline import read_document

    p = tmp_path / "a.md"
    p.write_text("_Last updated: 22 May 2006_\n\n* 20 March – a bullet\n- snake_case_name\n")
    assert read_document(p).splitlines() == [
        "Last updated: 22 May 2006",
        "",
        "* 20 March – a bullet",
        "- snake_case_name",
    ]


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        (
            'Soviet leader Mikhail Gorbachev had called the war "a bleeding wound" in 1986.',
            ("Mikhail Gorbachev", "leader", "Soviet"),
        ),
        # the name in apposition after the role (with a rank abbreviation)
        (
            "The top U.S. commander in Afghanistan, Gen. David Petraeus, said Wednesday that "
            "the drawdown would be gradual.",
            ("David Petraeus", "commander in Afghanistan", "U.S."),
        ),
    ],
)
def test_heldout2_fact_rules(sentence: str, fact: tuple[str, str, str | None]) -> None:
    assert fact in _facts_of(sentence), _facts_of(sentence)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("Afghan", "Afghanistan", True),
        ("Uzbek", "Uzbekistan", True),
        ("Russia", "Russian", True),
        ("US", "Afghanistan", False),
        ("Iran", "Iraq", False),
    ],
)
def test_qualifiers_compatible(a: str, b: str, ok: bool) -> None:
    from quiz.generate.facts import qualifiers_compatible

    assert qualifiers_compatible(a, b) is ok


def test_dateline_country_gives_way_to_a_stated_holder() -> None:
    from quiz.generate.pipeline import generate_decks

    text = (
        "Posted Aug. 4, 2010 6:15 PM ET\n\n"
        "KABUL, Afghanistan (AP) — Afghan President Hamid Karzai met the commander on Tuesday "
        "to discuss security firms.\n\n"
        "President Barack Obama announced in December that he would send more troops.\n"
    )
    facts = [
        (c.prompt, c.answer) for d in generate_decks([("a.txt", text)]) for c in d.cards if c.answer
    ]
    assert not any("Obama" in a and "Afghanistan" in p for p, a in facts), facts


# -- heldout3: named facts of more shapes (pages written before the rules below) ------


@pytest.mark.skipif(not SCORER.exists(), reason="shared acceptance scorer not available")
def test_scorer_on_third_heldout_set(tmp_path: Path) -> None:
    # `heldout3/` was written to measure named facts; floors under its numbers
    res = _score(HERE / "heldout3", HERE / "heldout3_gold", tmp_path / "decks")
    assert res["must_not"] == 0 and res["duplicates"] == 0
    assert res["event_p"] >= 0.95 and res["event_r"] >= 0.95
    assert res["fact_p"] >= 0.95 and res["fact_r"] >= 0.9


def _acronyms_of(sentence: str) -> set[tuple[str, str]]:
    from quiz.generate.facts import ACRONYM_FACT

    got = _facts_of_full(sentence)
    return {(f.subject, f.value) for f in got if f.kind == ACRONYM_FACT}


def _facts_of_full(sentence: str) -> list:
    from quiz.generate.facts import extract_facts

    return extract_facts(clean("d.txt", "Published: 15 June 2010\n\n" + sentence + "\n"))


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        # `, or ACR,` after the expansion
        (
            "Iran has installed more centrifuges, the International Atomic Energy Agency, "
            "or IAEA, said on Thursday.",
            ("International Atomic Energy Agency", "IAEA"),
        ),
        # acronym first, expansion in the parenthesis
        (
            "NATO (North Atlantic Treaty Organisation) is a military alliance.",
            ("North Atlantic Treaty Organisation", "NATO"),
        ),
        # a word may give more than its initial
        (
            "The post of Supreme Allied Commander Europe (SACEUR) is held by an American.",
            ("Supreme Allied Commander Europe", "SACEUR"),
        ),
        # a capitalised word glued to the left belongs to the name
        (
            "The Provisional Irish Republican Army (IRA) has put its arsenal beyond use.",
            ("Provisional Irish Republican Army", "IRA"),
        ),
        # ... but not a demonym
        (
            "The American Federal Bureau of Investigation (FBI) said so.",
            ("Federal Bureau of Investigation", "FBI"),
        ),
    ],
)
def test_heldout3_acronyms(sentence: str, fact: tuple[str, str]) -> None:
    assert fact in _acronyms_of(sentence), _acronyms_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices rose, or fell, as OPEC met.",  # `or OPEC` with nothing it spells
        "He met the Prime Minister, or PM, on Monday.",  # initials of a role are not a body
    ],
)
def test_heldout3_no_acronym(sentence: str) -> None:
    got = _acronyms_of(sentence)
    assert not any(v in ("OPEC",) for _, v in got), got


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        # apposition after the name, an international body as the qualifier
        (
            "Ban Ki-moon, the United Nations Secretary-General, urged Iran to act.",
            ("Ban Ki-moon", "Secretary-General", "United Nations"),
        ),
        (
            "The European Union's foreign policy chief, Catherine Ashton, who leads the talks, "
            "said the powers remained united.",
            ("Catherine Ashton", "foreign policy chief", "European Union"),
        ),
        # particles inside a name
        (
            "NATO's Secretary General, Jaap de Hoop Scheffer, will step down in July.",
            ("Jaap de Hoop Scheffer", "Secretary General", "NATO"),
        ),
        # a named body (acronym dropped) and an honorific before the name
        (
            "The Democratic Unionist Party (DUP) leader, the Rev Ian Paisley, said no photographs "
            "had been taken.",
            ("Ian Paisley", "leader", "Democratic Unionist Party"),
        ),
        # `X, (the) ROLE of ORG,`: the role names its own organisation
        (
            "Peter Voser, chief executive of Royal Dutch Shell, said supply was a concern.",
            ("Peter Voser", "chief executive of Royal Dutch Shell", ""),
        ),
        (
            "Yukiya Amano, the director general of the IAEA, told the board.",
            ("Yukiya Amano", "director general of the IAEA", ""),
        ),
        (
            "Anders Fogh Rasmussen, the Prime Minister of Denmark, is tipped to succeed him.",
            ("Anders Fogh Rasmussen", "Prime Minister of Denmark", ""),
        ),
        # `the ROLE of ORG, X,`
        (
            "The chief executive of Royal Dutch Shell, Jeroen van der Veer, said profits rose.",
            ("Jeroen van der Veer", "chief executive of Royal Dutch Shell", ""),
        ),
        # a named body right before a lowercase role
        (
            "Sinn Féin president Gerry Adams said the commitment had been honoured.",
            ("Gerry Adams", "president", "Sinn Féin"),
        ),
        # `he was elected ...`: the last person a sentence started with
        (
            "Nelson Mandela was born in Mvezo. In 1994 he was elected the first black President "
            "of South Africa.",
            ("Nelson Mandela", "first black President of South Africa", ""),
        ),
    ],
)
def test_heldout3_role_rules(sentence: str, fact: tuple[str, str, str | None]) -> None:
    assert fact in _facts_of(sentence), _facts_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # past holders give no card
        "Jaap de Hoop Scheffer, a former Dutch foreign minister, will step down.",
        "The late Archbishop Desmond Tutu called him a unifier.",
        "Peter Voser, the former chief executive of Royal Dutch Shell, said so.",
        # `he` with no person before it
        "In 1994 he was elected the first black President of South Africa.",
    ],
)
def test_heldout3_no_role_fact(sentence: str) -> None:
    assert _facts_of(sentence) == [], _facts_of(sentence)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # the sentence's own old year dates the post
        ("Frederik de Klerk, the President of South Africa, met him in 1990.", "1990"),
        # an earlier sentence's year, when this one points back to it
        (
            "He was released on 11 February 1990. Frederik de Klerk, the President of South "
            "Africa, had lifted the ban earlier that month.",
            "1990",
        ),
        # ... and not otherwise: the page's date holds
        (
            "The commission was set up in 1997. The US ambassador to Ireland, James Kenny, "
            "welcomed it.",
            None,
        ),
    ],
)
def test_heldout3_role_dates(text: str, when: str | None) -> None:
    from quiz.generate.facts import ROLE_FACT

    got = [f for f in _facts_of_full(text) if f.kind == ROLE_FACT]
    assert got and all((f.when.iso() if f.when else None) == when for f in got), got


def _fact_cards(text: str) -> list[tuple[str, str]]:
    from quiz.generate.pipeline import generate_decks

    return [
        (c.prompt, c.answer) for d in generate_decks([("a.txt", text)]) for c in d.cards if c.answer
    ]


def test_bare_title_without_country_is_its_own_post() -> None:
    got = _fact_cards(
        "Published 5 February 2012\n\n"
        "The Foreign Secretary William Hague has condemned the assault on the city.\n"
    )
    assert ("Who was the Foreign Secretary in February 2012?", "William Hague") in got, got


@pytest.mark.parametrize(
    "text",
    [
        # two holders of the same title: ambiguous, no card
        "Published 5 February 2012\n\nPrime Minister David Cameron met Prime Minister "
        "Recep Tayyip Erdogan in London to discuss the crisis.\n",
        # a bare generic word is no post
        "Published 5 February 2012\n\nMinister John Smith opened the new bridge on Monday.\n",
    ],
)
def test_bare_title_needs_a_single_named_post(text: str) -> None:
    got = _fact_cards(text)
    assert not any(p.startswith("Who was the Prime Minister in") or "Minister in" in p for p, _ in got), got


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # `Headline - Section - Site` gives its best part
        (
            "Nelson Mandela - Biography - Encyclopedia of World Leaders\nSearch this site\n",
            "Nelson Mandela",
        ),
        # a breadcrumb loses to the headline under it
        (
            "World | Africa | South Africa\n\nMandela released after 27 years in prison\n",
            "Mandela released after 27 years in prison",
        ),
    ],
)
def test_title_prefers_the_headline(head: str, title: str) -> None:
    doc = clean(
        "d.txt",
        head + "\nPublished: 12 February 1990\n\nNelson Mandela was released from prison "
        "on Sunday after 27 years, to cheering crowds in South Africa.\n",
    )
    assert doc.title == title


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # `the commission` is the one body named earlier with that word
        (
            "The Independent International Commission on Decommissioning (IICD) confirmed it. "
            "The head of the commission, General John de Chastelain, said so.",
            ("John de Chastelain", "head of the Independent International Commission on Decommissioning"),
        ),
        (
            "The International Atomic Energy Agency (IAEA) met. Yukiya Amano, the head of the "
            "agency, spoke first.",
            ("Yukiya Amano", "head of the International Atomic Energy Agency"),
        ),
        # no body with that word, or two of them: no card
        ("The head of the commission, General John de Chastelain, said so.", None),
        (
            "The European Commission (EC) and the Election Commission of Pakistan (ECP) met. The head of the "
            "commission, Jane Roe, said so.",
            None,
        ),
    ],
)
def test_heldout3_definite_body(text: str, fact: tuple[str, str] | None) -> None:
    got = [(s, v) for s, v, _q in _facts_of(text) if v.startswith("head of")]
    assert got == ([fact] if fact else []), got


# -- heldout4: a DW article, a backgrounder with `Key dates`, an obituary, a live blog ----


@pytest.mark.skipif(not SCORER.exists(), reason="shared acceptance scorer not available")
def test_scorer_on_fourth_heldout_set(tmp_path: Path) -> None:
    # `heldout4/` was written before the rules below; floors under its numbers
    res = _score(HERE / "heldout4", HERE / "heldout4_gold", tmp_path / "decks")
    assert res["must_not"] == 0 and res["duplicates"] == 0
    assert res["event_p"] >= 0.9 and res["event_r"] >= 0.95
    assert res["fact_p"] >= 0.95 and res["fact_r"] >= 0.85


def test_every_heldout4_document_has_gold() -> None:
    docs = {p.stem for p in (HERE / "heldout4").iterdir() if p.suffix in (".txt", ".md")}
    assert docs and docs == {p.stem for p in (HERE / "heldout4_gold").glob("*.yaml")}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Deutsche Welle: `Date 09.11.2009`, day first
        ("Date 09.11.2009\nAuthor Nina Werkhäuser\n\nLeaders met on Monday in Berlin.\n", "2009-11-09"),
        # a line that is only a date, under the byline
        (
            "Boris Yeltsin: an obituary\n\nObituary by Mark Frankland\nTuesday, 24 April 2007\n\n"
            "Boris Yeltsin died yesterday of heart failure aged 76.\n",
            "2007-04-24",
        ),
    ],
)
def test_heldout4_page_dates(text: str, date: str) -> None:
    doc = clean("d.txt", text)
    assert doc.date is not None and doc.date.iso() == date


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a live blog's clock time is not a year
        ("1920 GMT: Obama welcomed the news from Cairo.", []),
        ("The talks began at 0915 GMT on Monday.", ["2011-02-07"]),
        # `last night` is the day before the page; a deadline gives no event
        (
            "Last night Mubarak said he would not step down before elections in September.",
            ["2011-02-10"],
        ),
        # a year-less day just after the page is ahead of it, not last year
        ("Putin declared 14 February a day of national mourning.", []),
    ],
)
def test_heldout4_prose_dates(text: str, dates: list[str]) -> None:
    from quiz.generate.extract import prose_events

    doc = clean("d.txt", "Published: Friday, 11 February 2011\n\n" + text + "\n")
    assert [e.date.iso() for e in prose_events(doc)] == dates


def test_live_blog_entries_take_the_page_day() -> None:
    from quiz.generate.extract import prose_events

    doc = clean(
        "d.txt",
        "Published: Friday, 11 February 2011\n\n"
        "2150 GMT: That's it for tonight's live coverage. Thanks for all your comments.\n\n"
        '1920 GMT: US President Barack Obama says: "Egypt will never be the same."\n\n'
        "1604 GMT: Vice-President Omar Suleiman announces on state television that Hosni "
        "Mubarak has resigned.\n\n"
        "1400 GMT: Mubarak has left Cairo for the Red Sea resort of Sharm el-Sheikh.\n\n"
        "1215 GMT: Our correspondent says the crowd in Tahrir Square is the biggest yet.\n",
    )
    got = [(e.date.iso(), e.text) for e in prose_events(doc)]
    assert [d for d, _ in got] == ["2011-02-11", "2011-02-11"], got
    assert got[0][1].startswith("Vice-President Omar Suleiman announces"), got
    assert not any("GMT" in t for _, t in got), got


def test_stamped_lines_on_an_ordinary_page_are_not_a_live_blog() -> None:
    from quiz.generate.extract import prose_events

    doc = clean(
        "d.txt",
        "Published: Friday, 11 February 2011\n\n"
        "1604 GMT: Vice-President Omar Suleiman announces that Hosni Mubarak has resigned.\n",
    )
    assert prose_events(doc) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the person a biography sentence starts with, past a `who` aside, is `he` later
        (
            "Boris Yeltsin, who died yesterday aged 76, was the man who buried the Soviet Union.\n\n"
            "In June 1991 he was elected President of the Russian republic.",
            ("1991-06", "Boris Yeltsin was elected President of the Russian republic"),
        ),
    ],
)
def test_heldout4_pronoun_after_aside(text: str, expected: tuple[str, str]) -> None:
    from quiz.generate.extract import prose_events

    doc = clean("d.txt", "Published: 24 April 2007\n\n" + text + "\n")
    got = [(e.date.iso(), e.text) for e in prose_events(doc)]
    assert expected in got, got


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("Vladimir Putin, now President of Russia, declared a day of mourning.",
         ("Vladimir Putin", "President of Russia", "")),
        (
            "Boris Yeltsin died. In June 1991 he was elected President of the Russian republic.",
            ("Boris Yeltsin", "President of the Russian republic", ""),
        ),
    ],
)
def test_heldout4_role_rules(sentence: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts_of(sentence), _facts_of(sentence)


def test_hyphenated_bare_title_is_its_own_post() -> None:
    got = _fact_cards(
        "Published 11 February 2011\n\n"
        "Vice-President Omar Suleiman announced on state television that the president had "
        "resigned.\n"
    )
    assert any(a == "Omar Suleiman" and "Vice-President" in p for p, a in got), got


@pytest.mark.parametrize(
    ("stamp", "is_stamp"),
    [
        ("1604 GMT: Suleiman speaks", True),
        ("16:04 GMT - Suleiman speaks", True),
        ("4:15 p.m. ET: Police say", True),
        ("10.30am: Crowds gather", True),
        ("1999: Elections held", False),  # a timeline year, not a clock time
        ("12:30 Crowds gather", False),
    ],
)
def test_live_blog_stamps(stamp: str, is_stamp: bool) -> None:
    from quiz.generate.extract import LIVE_STAMP

    assert bool(LIVE_STAMP.match(stamp)) is is_stamp
