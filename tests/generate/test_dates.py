"""One row per date shape: the value (at the precision the text gives) and the rule that matched."""

from __future__ import annotations

import pytest

from quiz.dates import PartialDate
from quiz.generate.extract_dates import (
    LEAD_SHAPES,
    PROSE_SHAPES,
    find_dates,
    match_lead,
    match_year_heading,
)

DOC = PartialDate(2006, 11, 1)  # a Wednesday

LEAD_ROWS = [
    # line, heading year, expected date, expected end, event text
    (
        "Feb 2007 - North Korea agrees to close its reactor",
        None,
        "2007-02",
        None,
        "North Korea agrees to close its reactor",
    ),
    (
        "14 April 2009 - North Korea vows to walk out",
        None,
        "2009-04-14",
        None,
        "North Korea vows to walk out",
    ),
    ("2007: North Korea shuts its reactor", None, "2007", None, "North Korea shuts its reactor"),
    (
        "April 14, 2009 - North Korea vows to walk out",
        None,
        "2009-04-14",
        None,
        "North Korea vows to walk out",
    ),
    (
        "Feb. 22, 2006 - Talks resume in Beijing",
        None,
        "2006-02-22",
        None,
        "Talks resume in Beijing",
    ),
    ("Feb. 22, 2006 Talks resume in Beijing", None, "2006-02-22", None, "Talks resume in Beijing"),
    ("1990 June  Talks begin in Seoul", None, "1990-06", None, "Talks begin in Seoul"),
    ("2007\tNorth Korea shuts its reactor", None, "2007", None, "North Korea shuts its reactor"),
    ("1998    Rocket flies over Japan", None, "1998", None, "Rocket flies over Japan"),
    ("- 2005: Talks stall", None, "2005", None, "Talks stall"),
    ("• March 2003 - War begins", None, "2003-03", None, "War begins"),
    ("1874-77 - Railway is built", None, "1874", "1877", "Railway is built"),
    ("1919-1920: Conference in Paris", None, "1919", "1920", "Conference in Paris"),
    ("February - May 2003 - Talks in Beijing", None, "2003-02", "2003-05", "Talks in Beijing"),
    (
        "18-19 October 2006 - Envoy visits Pyongyang",
        None,
        "2006-10-18",
        "2006-10-19",
        "Envoy visits Pyongyang",
    ),
    (
        "1870s - Railways spread across Europe",
        None,
        "1870",
        "1879",
        "Railways spread across Europe",
    ),
    ("4th C. - Huns arrive in Europe", None, "0300", "0399", "Huns arrive in Europe"),
    ("12th century: Castle is built", None, "1100", "1199", "Castle is built"),
    ("2009-04-05 Rocket launch", None, "2009-04-05", None, "Rocket launch"),
    ("05/04/2009 - Rocket launch", None, "2009-04-05", None, "Rocket launch"),
    (
        "June - North Korea shuts its reactor",
        2007,
        "2007-06",
        None,
        "North Korea shuts its reactor",
    ),
    ("14 April - North Korea walks out", 2009, "2009-04-14", None, "North Korea walks out"),
    ("April 14 - North Korea walks out", 2009, "2009-04-14", None, "North Korea walks out"),
]


@pytest.mark.parametrize(
    ("line", "heading", "date", "end", "text"), LEAD_ROWS, ids=[r[0][:28] for r in LEAD_ROWS]
)
def test_lead_shapes(line: str, heading: int | None, date: str, end: str | None, text: str) -> None:
    lead = match_lead(line, PartialDate(heading) if heading else None)
    assert lead is not None
    assert lead.date.iso() == date
    assert lead.date.end_iso() == end
    assert lead.rest == text


@pytest.mark.parametrize(
    "line",
    [
        "UNITED24 - Make a charitable donation in support of Ukraine!",
        "2006 was the year of the first test.",
        "June - no year heading above, so no date",
        "Americas Africa Europe Middle East",
        "",
        "12 - 3",
    ],
)
def test_not_a_timeline_line(line: str) -> None:
    assert match_lead(line, None) is None


def test_every_lead_shape_has_an_example_that_matches_itself() -> None:
    for shape in LEAD_SHAPES:
        lead = match_lead(shape.example, PartialDate(2000) if shape.relative else None)
        assert lead is not None and lead.shape == shape.name, shape.name


def test_year_heading() -> None:
    assert match_year_heading("2007") == PartialDate(2007)
    assert match_year_heading("## 2007:") == PartialDate(2007)
    assert match_year_heading("2007 was busy") is None


PROSE_ROWS = [
    # sentence, expected phrase found, date, end
    ("On October 9, North Korea conducted a test.", "On October 9", "2006-10-09", None),
    ("North Korea conducted a test October 9, and ...", "October 9", "2006-10-09", None),
    ("The talks were launched in 2003 to persuade it.", "in 2003", "2003", None),
    ("The talks stalled last November over sanctions.", "last November", "2005-11", None),
    ("The talks stalled last October over sanctions.", "last October", "2006-10", None),
    ("Last year North Korea disabled its reactor.", "Last year", "2005", None),
    ("It was launched this month.", "this month", "2006-11", None),
    ("Talks October 18-19 in Pyongyang went well.", "October 18-19", "2006-10-18", "2006-10-19"),
    ("Work resumed in early 2008 after a pause.", "in early 2008", "2008", None),
    ("Talks began on 14 April 2009 in Beijing.", "on 14 April 2009", "2009-04-14", None),
    ("Talks began on April 14, 2009 in Beijing.", "on April 14, 2009", "2009-04-14", None),
    ("Talks began in Feb 2007 in Beijing.", "in Feb 2007", "2007-02", None),
    ("She visited Moscow in October.", "in October", "2006-10", None),
    ("A visit in December was planned.", "in December", "2005-12", None),
    ("The minister said Wednesday.", "Wednesday", "2006-11-01", None),
    ("The minister said on Monday.", "on Monday", "2006-10-30", None),
    ("He met them yesterday.", "yesterday", "2006-10-31", None),
    ("Railways spread in the 1870s.", "in the 1870s", "1870", "1879"),
    ("Huns arrived in the 4th century.", "in the 4th century", "0300", "0399"),
    ("War raged in 1874-77 in the south.", "in 1874-77", "1874", "1877"),
    ("Talks ran February - May 2003 in Beijing.", "February - May 2003", "2003-02", "2003-05"),
    ("It prevented North Korea's 2006 atomic test.", "2006", "2006", None),
    ("The dateline 01/11/2006 is day-first.", "01/11/2006", "2006-11-01", None),
    ("The ISO form 2006-10-09 works.", "2006-10-09", "2006-10-09", None),
    ("Talks on 5 April failed.", "on 5 April", "2006-04-05", None),
]


@pytest.mark.parametrize(
    ("sentence", "phrase", "date", "end"), PROSE_ROWS, ids=[r[1] for r in PROSE_ROWS]
)
def test_prose_shapes(sentence: str, phrase: str, date: str, end: str | None) -> None:
    found = [m for m in find_dates(sentence, DOC) if m.usable]
    assert len(found) == 1, found
    m = found[0]
    assert sentence[m.start : m.end] == phrase
    assert m.date.iso() == date
    assert m.date.end_iso() == end


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks have stalled since 2003.",
        "Sanctions stay until 2010.",
        "Disarmament is due by 2008.",
    ],
)
def test_not_the_event_date(sentence: str) -> None:
    assert [m for m in find_dates(sentence, DOC) if m.usable] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It may deliver a letter.",
        "Some 2000 troops were sent.",
        "The march was peaceful.",
    ],
)
def test_no_date(sentence: str) -> None:
    assert find_dates(sentence, DOC) == []


def test_relative_dates_need_a_document_date() -> None:
    assert find_dates("The talks stalled last November.", None) == []
    assert find_dates("On October 9, it happened.", None) == []


def test_month_day_never_in_the_future_of_the_document() -> None:
    (m,) = find_dates("Talks on December 20 failed.", DOC)
    assert m.date.iso() == "2005-12-20"


def test_every_prose_shape_example_is_found() -> None:
    for shape in PROSE_SHAPES:
        names = {m.shape for m in find_dates(shape.example, DOC)}
        assert shape.name in names, shape.name
