"""Partial ISO dates: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally with a range end.

A `PartialDate` keeps exactly the precision its source gave. `Feb 2007` is
`2007-02`, never `2007-02-01`; ordering, distances and display all respect it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")

_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to year, month or day precision, maybe with a range end."""

    year: int
    """Proleptic Gregorian year (1..9999 for ISO output)."""
    month: int | None = None
    """1-12, or None at year precision."""
    day: int | None = None
    """1-31, or None at year or month precision."""
    end: PartialDate | None = None
    """Last date of a range (`October 18-19`, `1870s`), same form as the start."""

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} is not in {MONTH_NAMES[self.month or 1]} {self.year}")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range 1-9999")
        if self.end is not None:
            if self.end.end is not None:
                raise ValueError("a range end cannot have its own end")
            if self.end.last_day() < self.first_day():
                raise ValueError(f"range end {self.end.iso()} is before its start {self.iso()}")

    # -- construction -------------------------------------------------------
    @classmethod
    def parse(cls, text: str, end: str | None = None) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (and an optional end). ValueError if not."""
        start = _parse_iso(text)
        if end is None or end == "":
            return start
        stop = _parse_iso(end)
        return cls(start.year, start.month, start.day, stop)

    @classmethod
    def from_date(cls, value: dt.date, precision: Precision = Precision.DAY) -> PartialDate:
        if precision is Precision.YEAR:
            return cls(value.year)
        if precision is Precision.MONTH:
            return cls(value.year, value.month)
        return cls(value.year, value.month, value.day)

    # -- views ----------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def start_only(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day) if self.end is not None else self

    def iso(self) -> str:
        """The start as a partial ISO string, at its own precision."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def end_iso(self) -> str | None:
        return self.end.iso() if self.end is not None else None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """Last calendar day covered by the start (a range end is not included)."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological key: earlier first; a coarser date sorts before finer ones inside it."""
        return (self.year, self.month or 0, self.day or 0, int(self.precision))

    def human(self) -> str:
        """`2007`, `Feb 2007`, `14 Apr 2009`, with ` - end` for a range."""
        text = _human_one(self)
        if self.end is not None:
            text = f"{text} - {_human_one(self.end)}"
        return text

    def truncate(self, precision: Precision) -> PartialDate:
        """The same date at a coarser (or equal) precision; the range end is dropped."""
        if precision >= self.precision:
            return self.start_only()
        if precision is Precision.YEAR:
            return PartialDate(self.year)
        return PartialDate(self.year, self.month)

    def __str__(self) -> str:
        return self.iso() if self.end is None else f"{self.iso()}/{self.end.iso()}"


def _human_one(d: PartialDate) -> str:
    if d.day is not None:
        return f"{d.day} {MONTH_ABBR[d.month or 1]} {d.year}"
    if d.month is not None:
        return f"{MONTH_ABBR[d.month]} {d.year}"
    return str(d.year)


def _parse_iso(text: str) -> PartialDate:
    if not isinstance(text, str):
        raise ValueError(f"expected a date string, got {type(text).__name__}")
    m = _ISO.match(text.strip())
    if not m or len(m.group(1)) != 4:
        raise ValueError(f"{text!r} is not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    return PartialDate(year, month, day)


def is_partial_iso(text: str) -> bool:
    try:
        _parse_iso(text)
    except ValueError:
        return False
    return True


# -- comparing ------------------------------------------------------------------

def common_precision(a: PartialDate, b: PartialDate) -> Precision:
    return Precision(min(a.precision, b.precision))


def same_at(a: PartialDate, b: PartialDate, precision: Precision) -> bool:
    return a.truncate(precision).iso() == b.truncate(precision).iso()


def indistinguishable(a: PartialDate, b: PartialDate) -> bool:
    """True when the two dates are equal at their common precision (a tie for ordering)."""
    return same_at(a, b, common_precision(a, b))


def distance(a: PartialDate, b: PartialDate, precision: Precision) -> int:
    """Signed distance b - a in units of `precision` (years, months or days)."""
    if precision is Precision.YEAR:
        return b.year - a.year
    if precision is Precision.MONTH:
        return (b.year * 12 + (b.month or 1)) - (a.year * 12 + (a.month or 1))
    return (b.first_day() - a.first_day()).days


def describe_distance(amount: int, precision: Precision) -> str:
    """`1 month`, `3 years`, `12 days` (always positive)."""
    unit = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}[precision]
    n = abs(amount)
    return f"{n} {unit}" + ("" if n == 1 else "s")


# -- typed answers ----------------------------------------------------------------

_MONTH_YEAR_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_YEAR_ONLY = re.compile(r"^\s*(\d{3,4})\s*$")
_ISO_LIKE = re.compile(r"^\s*\d{4}(-\d{1,2}(-\d{1,2})?)?\s*$")
_DEFAULT_A = dt.datetime(1, 1, 1)
_DEFAULT_B = dt.datetime(2, 2, 2)


def parse_user_date(text: str, *, day_first: bool = True) -> PartialDate:
    """Parse what a person typed: `feb 2007`, `2/2007`, `2007-02`, `14 Apr 09`, `2009`.

    The precision is what they typed: fields they left out stay unknown.
    Raises ValueError with a readable message when it is not a date.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("no date given")
    if _YEAR_ONLY.match(raw):
        return PartialDate(int(raw))
    if _ISO_LIKE.match(raw):
        parts = [int(p) for p in raw.split("-")]
        return PartialDate(*parts)  # type: ignore[arg-type]
    m = _MONTH_YEAR_NUMERIC.match(raw)
    if m:
        return PartialDate(int(m.group(2)), int(m.group(1)))
    from dateutil import parser as du_parser

    try:
        a = du_parser.parse(raw, default=_DEFAULT_A, dayfirst=day_first, fuzzy=False)
        b = du_parser.parse(raw, default=_DEFAULT_B, dayfirst=day_first, fuzzy=False)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(f"{raw!r} is not a date I can read (try 'Feb 2007' or '2007-02-14')") from exc
    if a.year != b.year:
        raise ValueError(f"{raw!r} has no year (try 'Feb 2007')")
    year = a.year
    if year < 100 and not re.search(r"\d{3,4}", raw):
        year += 2000 if year < 50 else 1900
    month = a.month if a.month == b.month else None
    day = a.day if (a.day == b.day and month is not None) else None
    return PartialDate(year, month, day)
