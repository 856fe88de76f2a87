"""Cleaning, document dates, timeline blocks and prose events: one row per rule, value and source line."""

from __future__ import annotations

import pytest

from quiz.generate.clean import (
    BANNER,
    BODY,
    BYLINE,
    COPYRIGHT,
    FOOTER,
    HEADING,
    NAV,
    TIMELINE,
    clean,
)
from quiz.generate.extract import extract_events, split_sentences

BYLINE_DOC = (
    "Page last updated at 10:12 GMT, Friday, 24 April 2009 11:12 UK\n\nTitle of the story here\n\n"
)
DATELINE_DOC = "Agency name\n\n01/11/2006 14:25 MOSCOW, November 1 (Agency) - "


def events_of(text: str) -> list[tuple[str, str | None, str, int]]:
    doc = clean("doc.txt", text)
    return [(e.date.iso(), e.date.end_iso(), e.text, e.line) for e in extract_events(doc)]


# -- document date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Page last updated at 10:12 GMT, Friday, 24 April 2009 11:12 UK\n\nStory text here.",
            "2009-04-24",
        ),
        ("Published: April 24, 2009\n\nStory text here.", "2009-04-24"),
        ("Posted 2009-04-24 by staff\n\nStory text here.", "2009-04-24"),
        (
            "01/11/2006 14:25 MOSCOW, November 1 (RIA Novosti) - The talks will resume soon, he said.",
            "2006-11-01",
        ),
        (
            "11/25/2006 09:00 BEIJING (Xinhua) - The talks will resume soon, officials said.",
            "2006-11-25",
        ),
        ("Story text without any date at all in it.", None),
    ],
)
def test_document_date(text: str, date: str | None) -> None:
    doc = clean("d.txt", text)
    assert (doc.date.iso() if doc.date else None) == date


def test_dateline_prefix_is_cut_and_country_known() -> None:
    doc = clean(
        "d.txt",
        "01/11/2006 14:25 MOSCOW, November 1 (RIA Novosti) - The talks will resume soon, he said.",
    )
    assert doc.lines[0].text == "The talks will resume soon, he said."
    assert doc.country == "Russia"


# -- cleaning ------------------------------------------------------------------------

PAGE = """Page last updated at 10:12 GMT, Friday, 24 April 2009 11:12 UK

Rivers in flood across the northern plain

Picture caption showing a flooded road
Officials say the water is still rising

Heavy rain has flooded large parts of the northern plain, officials said on Thursday.

Jan 2009 - Rain begins to fall across the plain
Mar 2009 - The first levee breaks near the capital

Print Sponsor

Is this the wettest spring on record?
How a village rebuilt after the storm
Why a famous footballer retired early

Sign in

Copyright © 2017 Example Media. Read more about our approach to external linking.

This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled.
Home News Sport Weather Travel
"""


@pytest.mark.parametrize(
    ("line_no", "kind"),
    [
        (1, BYLINE),
        (3, HEADING),
        (5, NAV),
        (6, NAV),
        (8, BODY),
        (10, TIMELINE),
        (11, TIMELINE),
        (13, BANNER),
        (15, NAV),
        (16, NAV),
        (17, NAV),
        (19, BANNER),
        (21, COPYRIGHT),
        (23, FOOTER),
        (24, FOOTER),
    ],
)
def test_line_kinds(line_no: int, kind: str) -> None:
    doc = clean("p.txt", PAGE)
    assert doc.lines[line_no - 1].kind == kind


def test_title_and_skipped_lines() -> None:
    doc = clean("p.txt", PAGE)
    assert doc.title == "Rivers in flood across the northern plain"
    assert doc.skipped == 12


def test_donation_banner_shaped_like_a_timeline_line_is_not_an_event() -> None:
    text = "2024 - Make a donation in support of our work!\n\nThe river rose in 2009, officials said.\n"
    assert [e[2] for e in events_of(text)] == ["The river rose, officials said"]


def test_a_single_dated_line_is_not_a_timeline() -> None:
    doc = clean(
        "d.txt", "Intro text without dates here.\n\nFeb 2007 - Something happens in the city\n"
    )
    assert not doc.timelines


# -- timeline blocks -----------------------------------------------------------------

TIMELINE_ROWS = [
    (
        "year heading with month entries",
        "2007\nJune - Reactor shut down\nOctober - Deal signed in Beijing\n",
        [("2007-06", None, "Reactor shut down", 2), ("2007-10", None, "Deal signed in Beijing", 3)],
    ),
    (
        "continuation line starting lower case is joined",
        "Feb 2007 - Deal agreed to close the reactor\nin exchange for fuel aid\nJune 2007 - Reactor shut\n",
        [
            ("2007-02", None, "Deal agreed to close the reactor in exchange for fuel aid", 1),
            ("2007-06", None, "Reactor shut", 3),
        ],
    ),
    (
        "continuation line starting upper case inherits the date",
        "Feb 2007 - Deal agreed\nInspectors return to the site\nJune 2007 - Reactor shut\n",
        [
            ("2007-02", None, "Deal agreed", 1),
            ("2007-02", None, "Inspectors return to the site", 2),
            ("2007-06", None, "Reactor shut", 3),
        ],
    ),
    (
        "bullets and tab columns",
        "* 2005\tTalks stall\n* 2006\tFirst test\n",
        [("2005", None, "Talks stall", 1), ("2006", None, "First test", 2)],
    ),
    (
        "double-spaced timeline",
        "1990 June  Talks begin\n\n1991 May  Talks end\n",
        [("1990-06", None, "Talks begin", 1), ("1991-05", None, "Talks end", 3)],
    ),
    (
        "ranges, decades and centuries at coarse precision",
        "4th C. - Huns arrive\n1870s - Railways spread\n1874-77 - War in the south\n",
        [
            ("0300", "0399", "Huns arrive", 1),
            ("1870", "1879", "Railways spread", 2),
            ("1874", "1877", "War in the south", 3),
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), TIMELINE_ROWS, ids=[r[0] for r in TIMELINE_ROWS]
)
def test_timeline_blocks(name: str, text: str, expected: list) -> None:
    assert events_of(text) == expected


# -- prose events --------------------------------------------------------------------

PROSE_ROWS = [
    # rule, sentence (after a dateline of 1 Nov 2006), date, end, text, source line
    (
        "leading 'On <date>,' is stripped",
        "On October 9, North Korea conducted its first nuclear test.",
        "2006-10-09",
        None,
        "North Korea conducted its first nuclear test",
    ),
    (
        "'in <year>' removed from the text",
        "The six-nation talks were launched in 2003 to persuade North Korea to disarm.",
        "2003",
        None,
        "The six-nation talks were launched to persuade North Korea to disarm",
    ),
    (
        "last <month> before the document date",
        "The talks stalled last November over the sanctions imposed on it.",
        "2005-11",
        None,
        "The talks stalled over the sanctions imposed on it",
    ),
    (
        "last year at year precision",
        "Last year North Korea partially disabled its Yongbyon reactor.",
        "2005",
        None,
        "North Korea partially disabled its Yongbyon reactor",
    ),
    (
        "early <year> at year precision",
        "The reactor was restarted in early 2005 by the engineers.",
        "2005",
        None,
        "The reactor was restarted by the engineers",
    ),
    (
        "day range gives date and end",
        "Kim Jong-il told the envoy during talks October 18-19 in Pyongyang that no test was planned.",
        "2006-10-18",
        "2006-10-19",
        "Kim Jong-il told the envoy during talks in Pyongyang that no test was planned",
    ),
    (
        "weekday resolves to the document date",
        "The talks will be held in the near future, the foreign minister said Wednesday.",
        "2006-11-01",
        None,
        "The talks will be held in the near future, the foreign minister said",
    ),
    (
        "connective and dash aside are dropped",
        "But Russia and China - which have warm ties with Pyongyang - opposed sanctions in March 2006.",
        "2006-03",
        None,
        "Russia and China opposed sanctions",
    ),
    (
        "quote first is turned round",
        '"The situation should never lead to a deadlock," President Putin said October 25.',
        "2006-10-25",
        None,
        'President Putin said: "The situation should never lead to a deadlock"',
    ),
    (
        "trailing source link is removed",
        "The council voted for sanctions on October 14 (Reuters).",
        "2006-10-14",
        None,
        "The council voted for sanctions",
    ),
    (
        "possessive year gives a noun-phrase event",
        "China was unable to prevent North Korea's 2006 atomic test, officials said.",
        "2006",
        None,
        "North Korea's atomic test",
    ),
]


@pytest.mark.parametrize(
    ("rule", "sentence", "date", "end", "text"), PROSE_ROWS, ids=[r[0] for r in PROSE_ROWS]
)
def test_prose_events(rule: str, sentence: str, date: str, end: str | None, text: str) -> None:
    doc_text = (
        "01/11/2006 14:25 MOSCOW, November 1 (Agency) - Officials met again today to talk.\n\n"
        + sentence
        + "\n"
    )
    got = [e for e in events_of(doc_text) if e[3] == 3]
    assert got == [(date, end, text, 3)]


def test_two_dates_in_one_sentence_give_two_events() -> None:
    sentence = (
        "North Korea announced it conducted its first nuclear test October 9, and threatened to act "
        "after the UN Security Council unanimously voted October 14 to impose sanctions."
    )
    got = events_of(
        "01/11/2006 MOSCOW, November 1 (Agency) - Officials met today to talk it over.\n\n"
        + sentence
    )
    assert [(d, t) for d, _e, t, ln in got if ln == 3] == [
        ("2006-10-09", "North Korea announced it conducted its first nuclear test"),
        ("2006-10-14", "The UN Security Council unanimously voted to impose sanctions"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was launched in 2003 by the government of the day.",  # dangling pronoun
        "The talks have stalled since 2003 over the sanctions.",  # not the event's date
        "The summit will be held in December 2007 in Seoul.",  # future of the document date
        '"We expect a deal in 2005," the minister said.',  # date inside a quotation
    ],
)
def test_no_prose_event(sentence: str) -> None:
    doc = "Page last updated at 10:12 GMT, Friday, 24 April 2006 11:12 UK\n\n" + sentence + "\n"
    assert events_of(doc) == []


def test_sentences_keep_their_line_and_respect_abbreviations() -> None:
    doc = clean(
        "d.txt",
        "First sentence about the U.S. Secretary of State here.\nSecond line goes on. Mr Smith agreed with it.\n",
    )
    sents = split_sentences(doc.paragraphs[0])
    assert [(s.line, s.text) for s in sents] == [
        (1, "First sentence about the U.S. Secretary of State here."),
        (2, "Second line goes on."),
        (2, "Mr Smith agreed with it."),
    ]


def test_date_in_a_relative_clause_belongs_to_its_antecedent() -> None:
    got = events_of(
        "Intro line without a date at all here.\n\n"
        "The bill was first introduced in 2005 by Democrats, who won control of Congress in November 2006.\n"
    )
    assert [(d, t) for d, _e, t, _ln in got] == [
        ("2005", "The bill was first introduced by Democrats"),
        ("2006-11", "Democrats won control of Congress"),
    ]


def test_without_a_document_date_the_latest_year_resolves_months() -> None:
    got = events_of(
        "WASHINGTON (Reuters) - The House passed the measure in March after a long debate.\n\n"
        "The bill was first introduced in 2005 by the Democrats in Congress.\n"
    )
    assert ("2005-03", None, "The House passed the measure after a long debate", 1) in got


def test_a_sentence_followed_by_a_crosshead_is_still_body() -> None:
    got = events_of("In the 4th century, Germanic tribes crossed the Rhine.\nTimeline\n")
    assert got == [("0300", "0399", "Germanic tribes crossed the Rhine", 1)]
