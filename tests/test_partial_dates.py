from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.dates import (
    PartialDate,
    Precision,
    describe_distance,
    distance,
    indistinguishable,
    parse_user_date,
)


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "precision"),
    [
        ("2007", 2007, None, None, Precision.YEAR),
        ("2007-02", 2007, 2, None, Precision.MONTH),
        ("2009-04-14", 2009, 4, 14, Precision.DAY),
        ("0476", 476, None, None, Precision.YEAR),
    ],
)
def test_parse_iso_keeps_precision(text: str, year: int, month: int | None, day: int | None,
                                   precision: Precision) -> None:
    d = PartialDate.parse(text)
    assert (d.year, d.month, d.day, d.precision) == (year, month, day, precision)
    assert d.iso() == text


@pytest.mark.parametrize(
    "bad", ["", "07", "2007-2", "2007-13", "2007-02-30", "2007/02", "Feb 2007", "2007-02-01T10:00", "0000"]
)
def test_parse_iso_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_range_end_must_not_precede_start() -> None:
    assert PartialDate.parse("2006-10-18", "2006-10-19").end == PartialDate(2006, 10, 19)
    assert PartialDate.parse("1870", "1879").human() == "1870 - 1879"
    with pytest.raises(ValueError):
        PartialDate.parse("2006-10-19", "2006-10-18")


@pytest.mark.parametrize(
    ("d", "human"),
    [(PartialDate(2007), "2007"), (PartialDate(2007, 2), "Feb 2007"), (PartialDate(2009, 4, 14), "14 Apr 2009")],
)
def test_human(d: PartialDate, human: str) -> None:
    assert d.human() == human


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("feb 2007", "2007-02"),
        ("Feb. 2007", "2007-02"),
        ("2/2007", "2007-02"),
        ("02-2007", "2007-02"),
        ("2007-02", "2007-02"),
        ("14 Apr 09", "2009-04-14"),
        ("April 14, 2009", "2009-04-14"),
        ("14/04/2009", "2009-04-14"),
        ("2009", "2009"),
        ("  june 2007 ", "2007-06"),
    ],
)
def test_parse_user_date(typed: str, iso: str) -> None:
    assert parse_user_date(typed).iso() == iso


@pytest.mark.parametrize("typed", ["", "hello", "february", "next tuesday"])
def test_parse_user_date_rejects(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_user_date(typed)


def test_distance_and_ties() -> None:
    a, b = PartialDate(2007, 2), PartialDate(2007, 3)
    assert distance(a, b, Precision.MONTH) == 1
    assert distance(b, a, Precision.MONTH) == -1
    assert distance(PartialDate(2007), PartialDate(2010), Precision.YEAR) == 3
    assert describe_distance(-1, Precision.MONTH) == "1 month"
    assert describe_distance(3, Precision.YEAR) == "3 years"
    assert indistinguishable(PartialDate(2007), PartialDate(2007, 6, 1))
    assert not indistinguishable(PartialDate(2007, 5), PartialDate(2007, 6, 1))


dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
precisions = st.sampled_from(list(Precision))


@given(dates, precisions)
def test_iso_round_trip(value: dt.date, precision: Precision) -> None:
    d = PartialDate.from_date(value, precision)
    assert PartialDate.parse(d.iso()) == d
    assert d.precision is precision


@given(dates, precisions, dates, precisions)
def test_sort_key_is_chronological(v1: dt.date, p1: Precision, v2: dt.date, p2: Precision) -> None:
    a, b = PartialDate.from_date(v1, p1), PartialDate.from_date(v2, p2)
    if a.last_day() < b.first_day():
        assert a.sort_key() < b.sort_key()


@given(st.text(max_size=40))
def test_parse_user_date_only_raises_value_error(text: str) -> None:
    try:
        parse_user_date(text)
    except ValueError:
        pass
