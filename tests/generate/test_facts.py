"""Named facts: one row per rule, with the value and the source line."""

from __future__ import annotations

import pytest

from quiz.generate.clean import clean
from quiz.generate.facts import extract_facts, member_keys, qualifiers_compatible

ROWS = [
    # rule, sentence, (kind, subject, value, qualifier, possessive)
    (
        "possessive country + role + name",
        "State media said Russia's Foreign Minister Sergei Lavrov had been told.",
        ("role", "Sergei Lavrov", "Foreign Minister", "Russia", True),
    ),
    (
        "nationality adjective + role + name",
        "Kim Jong-il told Chinese envoy Tang Jiaxuan that no test was planned.",
        ("role", "Tang Jiaxuan", "envoy", "Chinese", False),
    ),
    (
        "two-word country adjective",
        "Mr Lavrov will not meet North Korean leader Kim Jong-il this time.",
        ("role", "Kim Jong-il", "leader", "North Korean", False),
    ),
    (
        "multi-word role with acronym country",
        "They met U.S. Secretary of State Condoleezza Rice in the city.",
        ("role", "Condoleezza Rice", "Secretary of State", "U.S.", False),
    ),
    (
        "bare title keeps no qualifier",
        "President Vladimir Putin discussed the issue with them.",
        ("role", "Vladimir Putin", "President", None, False),
    ),
    (
        "media correspondent",
        "The BBC's John Sudworth in Seoul says Moscow has some influence.",
        ("affiliation", "John Sudworth", "BBC correspondent in Seoul", "BBC", True),
    ),
    (
        "acronym with matching initials",
        "It was carried by the Korean Central News Agency (KCNA) on Friday.",
        ("acronym", "Korean Central News Agency", "KCNA", None, False),
    ),
    (
        "acronym with small words",
        "He spoke at the Organization of American States (OAS) in Lima.",
        ("acronym", "Organization of American States", "OAS", None, False),
    ),
    (
        "member list after a dash",
        "He urged a return to six-nation negotiations - which include North and South Korea, "
        "China, Russia, the US and Japan.",
        (
            "members",
            "six-nation negotiations",
            "North and South Korea, China, Russia, the US and Japan",
            None,
            False,
        ),
    ),
    (
        "member list as an aside",
        "The six-nation talks, involving North Korea, South Korea, Russia, Japan, China and the "
        "United States, were launched in 2003.",
        (
            "members",
            "six-nation talks",
            "North Korea, South Korea, Russia, Japan, China and the United States",
            None,
            False,
        ),
    ),
]


@pytest.mark.parametrize(("rule", "sentence", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_fact_rules(rule: str, sentence: str, expected: tuple) -> None:
    doc = clean("d.txt", "Opening sentence of the story goes here.\n\n" + sentence + "\n")
    facts = [f for f in extract_facts(doc) if not f.surname_only]
    assert [(f.kind, f.subject, f.value, f.qualifier, f.possessive) for f in facts] == [expected]
    assert facts[0].line == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Weapons of mass destruction (WMD) were not found.",  # initials do not match
        "The letter came from the Russian president, officials said.",  # no name
        "The DPRK's (North Korea's) position was noted by the ministry.",  # not an acronym
        "Mr Lavrov said the talks were useful for both sides.",  # Mr is not a role
        "The talks, which include many issues and topics, went on.",  # not a list of names
    ],
)
def test_no_fact(sentence: str) -> None:
    doc = clean("d.txt", "Opening sentence of the story goes here.\n\n" + sentence + "\n")
    assert [f for f in extract_facts(doc) if not f.surname_only] == []


def test_facts_only_come_from_body_text() -> None:
    doc = clean(
        "d.txt",
        "Why Royal Ballet principal Sergei Polunin quit\nHow the clove tree defied an empire\n",
    )
    assert extract_facts(doc) == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Russia", "Russian", True),
        ("North Korea", "North Korean", True),
        ("US", "U.S.", True),
        ("United States", "US", True),
        ("Russia", "China", False),
        ("North Korea", "South Korea", False),
    ],
)
def test_qualifiers_compatible(a: str, b: str, same: bool) -> None:
    assert qualifiers_compatible(a, b) is same


def test_member_keys_normalise_lists() -> None:
    a = member_keys(["North", "South Korea", "China", "Russia", "the US", "Japan"])
    b = member_keys(["North Korea", "South Korea", "Russia", "Japan", "China", "the United States"])
    assert a == b


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Iran's chief nuclear negotiator Ali Larijani called it a mistake.",
            ("Ali Larijani", "chief nuclear negotiator", "Iran"),
        ),
        (
            "Senate Majority Leader Harry Reid called the threat disappointing.",
            ("Harry Reid", "Senate Majority Leader", None),
        ),
        (
            "Officials said U.S. President George W. Bush would veto the bill.",
            ("George W. Bush", "President", "U.S."),
        ),
    ],
)
def test_role_grows_over_modifiers_and_titles(sentence: str, expected: tuple) -> None:
    doc = clean("d.txt", "Opening sentence of the story goes here.\n\n" + sentence + "\n")
    facts = [f for f in extract_facts(doc) if not f.surname_only]
    assert [(f.subject, f.value, f.qualifier) for f in facts] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sergei Lavrov, Russia's foreign minister, said the talks would resume.",
            ("Sergei Lavrov", "foreign minister", "Russia"),
        ),
        (
            "The plan was backed by Ban Ki-moon, the UN Secretary-General.",
            ("Ban Ki-moon", "Secretary-General", "UN"),
        ),
    ],
)
def test_name_then_role_in_apposition(sentence: str, expected: tuple) -> None:
    doc = clean("d.txt", "Opening sentence of the story goes here.\n\n" + sentence + "\n")
    facts = [f for f in extract_facts(doc) if not f.surname_only]
    assert [(f.subject, f.value, f.qualifier) for f in facts] == [expected]
