from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.dates import PartialDate
from quiz.grade import grade_date, grade_text, normalize
from quiz.schedule import Rating

FEB_2007 = PartialDate(2007, 2)


@pytest.mark.parametrize(
    ("typed", "answer", "rating", "message"),
    [
        ("feb 2007", FEB_2007, Rating.GOOD, "Feb 2007: right"),
        ("2/2007", FEB_2007, Rating.GOOD, "Feb 2007: right"),
        ("2007-02", FEB_2007, Rating.GOOD, "Feb 2007: right"),
        ("14 Feb 2007", FEB_2007, Rating.GOOD, "Feb 2007: right"),
        ("mar 2007", FEB_2007, Rating.HARD, "you said Mar 2007, answer Feb 2007: 1 month off"),
        ("jan 2007", FEB_2007, Rating.HARD, "you said Jan 2007, answer Feb 2007: 1 month off"),
        ("may 2007", FEB_2007, Rating.AGAIN, "you said May 2007, answer Feb 2007: 3 months off"),
        (
            "2007",
            FEB_2007,
            Rating.HARD,
            "you said 2007, answer Feb 2007: right, but the card knows the month",
        ),
        ("2008", FEB_2007, Rating.HARD, "you said 2008, answer Feb 2007: 1 year off"),
        ("14 Apr 09", PartialDate(2009, 4, 14), Rating.GOOD, "14 Apr 2009: right"),
        (
            "16 Apr 09",
            PartialDate(2009, 4, 14),
            Rating.AGAIN,
            "you said 16 Apr 2009, answer 14 Apr 2009: 2 days off",
        ),
        ("2006", PartialDate(2006), Rating.GOOD, "2006: right"),
        ("2005", PartialDate(2006), Rating.HARD, "you said 2005, answer 2006: 1 year off"),
        (
            "19 Oct 2006",
            PartialDate.parse("2006-10-18", "2006-10-19"),
            Rating.GOOD,
            "19 Oct 2006: right (the answer is 18 Oct 2006 - 19 Oct 2006)",
        ),
    ],
)
def test_grade_date(typed: str, answer: PartialDate, rating: Rating, message: str) -> None:
    v = grade_date(typed, answer)
    assert (v.rating, v.message) == (rating, message)


def test_unreadable_date_is_again_with_the_answer() -> None:
    v = grade_date("sometime", FEB_2007)
    assert v.rating is Rating.AGAIN and "answer Feb 2007" in v.message and v.parsed is None


@given(st.text(max_size=30))
def test_grade_date_never_raises(text: str) -> None:
    v = grade_date(text, FEB_2007)
    assert v.rating in Rating


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1900, 2100), st.integers(1, 12))
def test_month_distance_rule(y1: int, m1: int, y2: int, m2: int) -> None:
    off = abs((y1 * 12 + m1) - (y2 * 12 + m2))
    v = grade_date(f"{y1:04d}-{m1:02d}", PartialDate(y2, m2))
    expected = Rating.GOOD if off == 0 else Rating.HARD if off == 1 else Rating.AGAIN
    assert v.rating is expected


@given(st.dates(min_value=__import__("datetime").date(1000, 1, 1)))
def test_typed_iso_day_round_trips_as_right(d) -> None:  # type: ignore[no-untyped-def]
    answer = PartialDate(d.year, d.month, d.day)
    assert grade_date(d.isoformat(), answer).rating is Rating.GOOD
    assert grade_date(d.strftime("%d %b %Y"), answer).rating is Rating.GOOD


@pytest.mark.parametrize(
    ("typed", "accepted", "others", "rating"),
    [
        ("Sergei Lavrov", ["Sergei Lavrov"], [], Rating.GOOD),
        ("sergei lavrov", ["Sergei Lavrov"], [], Rating.GOOD),
        ("Sergey Lavrov", ["Sergei Lavrov", "Sergey Lavrov"], [], Rating.GOOD),
        ("serguei lavrof", ["Sergei Lavrov"], [], Rating.GOOD),
        ("lavrov", ["Sergei Lavrov"], ["Sergei Lavrov", "Kim Jong-il"], Rating.GOOD),
        ("lavrov", ["Sergei Lavrov"], ["Sergei Lavrov", "Anna Lavrov"], Rating.HARD),
        ("Jose Ramos Horta", ["José Ramos-Horta"], [], Rating.GOOD),
        ("the Pyongyang", ["Pyongyang"], [], Rating.GOOD),
        ("Seoul", ["Pyongyang"], [], Rating.AGAIN),
        ("", ["Pyongyang"], [], Rating.AGAIN),
        ("1987", ["1986"], [], Rating.AGAIN),
        ("Kim Jong-un", ["Kim Jong-il"], [], Rating.HARD),
    ],
)
def test_grade_text(typed: str, accepted: list[str], others: list[str], rating: Rating) -> None:
    assert grade_text(typed, accepted, others).rating is rating


def test_grade_text_message_names_the_answer() -> None:
    assert grade_text("Seoul", ["Pyongyang"]).message == "you said Seoul, answer Pyongyang"


def test_normalize() -> None:
    assert normalize("  The  Élysée-Palace! ") == "elysee palace"


def test_verdict_line_names_the_suggested_grade() -> None:
    v = grade_date("mar 2007", FEB_2007)
    assert v.line() == "you said Mar 2007, answer Feb 2007: 1 month off → 2 Hard suggested (enter)"


@pytest.mark.parametrize(
    ("typed", "rating"),
    [
        ("Lavrov Sergei", Rating.GOOD),  # the same name in another order
        ("Lavrof", Rating.HARD),  # the surname alone with a slip is nearly right, not a miss
        ("Putin", Rating.AGAIN),
        ("Ivanov", Rating.AGAIN),
    ],
)
def test_name_order_and_surname_slips(typed: str, rating: Rating) -> None:
    v = grade_text(typed, ["Sergei Lavrov"], ["Vladimir Putin", "Sergei Ivanov"])
    assert v.rating == rating, v.message
