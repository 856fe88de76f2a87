"""Date shapes, as two tables of hand-written rules (one row per shape).

- `LEAD_SHAPES`: a date at the start of a timeline line (`Feb 2007 - ...`,
  `14 April 2009 - ...`, `2007: ...`, `1990 June ...`, `1874-77 ...`, `4th C. ...`).
- `PROSE_SHAPES`: a date inside a sentence (`On October 9,`, `in 2003`,
  `last November`, `October 18-19`, `early 2008`, `said Wednesday`).

Every rule returns a `PartialDate` at the precision the text gives: `Feb 2007`
is `2007-02`, never `2007-02-01`. Dates without a year (`October 9`,
`last November`) are resolved against the document date and never land in its
future. Ranges, decades and centuries carry an `end`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from quiz.dates import PartialDate

# -- building blocks ------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ),
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}

# Capitalised month names (prose: `may` and `march` in lower case are verbs).
_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
MON = rf"(?P<mon>{_MON})"
MON2 = rf"(?P<mon2>{_MON})"
# `1604 GMT`, `0915 hrs`: a live blog's clock time is not a year
CLOCK_ZONE = r"\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|ET|PST|PDT|PT|hrs|hours|local\s+time)\b"
YEAR = r"(?P<year>(?:1[0-9]{3}|20[0-9]{2})(?!" + CLOCK_ZONE + r"))"
DAY = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?"
DASH = r"\s*(?:-|–|—|to|until)\s*"
WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _safe(
    year: int, month: int | None = None, day: int | None = None, end: PartialDate | None = None
) -> PartialDate | None:
    try:
        return PartialDate(year, month, day, end)
    except (ValueError, TypeError):
        return None


def _range(start: PartialDate | None, stop: PartialDate | None) -> PartialDate | None:
    if start is None or stop is None:
        return start
    return _safe(start.year, start.month, start.day, stop)


def _year_suffix(start: int, text: str) -> int | None:
    """`77` after 1874 -> 1877; `1920` -> 1920; None when not after `start`."""
    if len(text) == 2:
        year = start // 100 * 100 + int(text)
    else:
        year = int(text)
    return year if year > start else None


def _resolve_year(month: int, day: int | None, ref: PartialDate | None) -> int | None:
    """The year for a month (and day) with no year: the document's, never in its future."""
    if ref is None:
        return None
    year = ref.year
    if ref.month is not None:
        if month > ref.month or (
            month == ref.month and day is not None and ref.day is not None and day > ref.day
        ):
            year -= 1
        if year < ref.year and day is not None and ref.day is not None:
            # `declared 25 April a day of mourning` on 24 April: the coming days, not last year
            try:
                ahead = (dt.date(ref.year, month, day) - dt.date(ref.year, ref.month, ref.day)).days
            except ValueError:
                ahead = -1
            if 0 < ahead <= 10:
                year = ref.year
    return year


# -- mentions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date found in a piece of text."""

    start: int
    """Span of the date expression (with its preposition, e.g. `On October 9,`)."""
    end: int
    date: PartialDate
    shape: str
    """Name of the table row that matched."""
    relative: bool = False
    """Resolved against the document date."""
    usable: bool = True
    """False for `since 2003`, `by 2010`, `until May`: not the date of the sentence's event."""


Builder = Callable[[re.Match[str], PartialDate | None], PartialDate | None]


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    pattern: re.Pattern[str]
    build: Builder
    relative: bool = False
    example: str = ""


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _full(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    """Any of year / month / day groups that are present."""
    year = int(m.group("year"))
    mon = _g(m, "mon")
    day = _g(m, "day")
    month = month_number(mon) if mon else None
    return _safe(year, month, int(day) if day and month else None)


def _day_range(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    month = month_number(m.group("mon"))
    y = _g(m, "year")
    d1, d2 = int(m.group("day")), int(m.group("day2"))
    year = int(y) if y else _resolve_year(month, d1, ref)
    if year is None:
        return None
    return _range(_safe(year, month, d1), _safe(year, month, d2))


def _month_range(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    year = int(m.group("year"))
    a, b = month_number(m.group("mon")), month_number(m.group("mon2"))
    if b <= a:
        return _range(_safe(year - 1, a), _safe(year, b))
    return _range(_safe(year, a), _safe(year, b))


def _year_range(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    start = int(m.group("year"))
    stop = _year_suffix(start, m.group("year2"))
    if stop is None:
        return None
    return _range(_safe(start), _safe(stop))


def _decade(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    start = int(m.group("decade"))
    return _range(_safe(start), _safe(start + 9))


def _century(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    n = int(m.group("cent"))
    if not 1 <= n <= 21:
        return None
    first = max(1, (n - 1) * 100)
    return _range(_safe(first), _safe((n - 1) * 100 + 99))


def _numeric(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    """`01/11/2006` is day-first; `11/25/2006` can only be month-first."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    if a > 12 or b <= 12:
        return _safe(year, b, a)
    return _safe(year, a, b)


def _iso(m: re.Match[str], _ref: PartialDate | None) -> PartialDate | None:
    day = _g(m, "d")
    return _safe(int(m.group("year")), int(m.group("m")), int(day) if day else None)


# `the September 11th Victim Compensation Fund`, `the 9 May Victory Parade`: a date
# inside a name, not the date of what the sentence tells (`the 5 April launch` still
# points at the launch)
_DATE_AS_NAME_BEFORE = re.compile(r"(?<!\b[Oo]n\s)\b(?:[Tt]he|[Aa])\s+$")


def _month_day_noyear(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    if _DATE_AS_NAME_BEFORE.search(m.string[max(0, m.start() - 8) : m.start()]) and re.match(
        r"\s+[A-Z][a-z]", m.string[m.end() : m.end() + 3]
    ):
        return None
    month = month_number(m.group("mon"))
    day = int(m.group("day"))
    year = _resolve_year(month, day, ref)
    return None if year is None else _safe(year, month, day)


def _in_month(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    month = month_number(m.group("mon"))
    year = _resolve_year(month, None, ref)
    return None if year is None else _safe(year, month)


def _last_month_name(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    """`last November`: the latest November strictly before the document's month."""
    if ref is None:
        return None
    month = month_number(m.group("mon"))
    year = ref.year if ref.month is not None and month < ref.month else ref.year - 1
    return _safe(year, month)


def _this_month_name(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    return None if ref is None else _safe(ref.year, month_number(m.group("mon")))


def _rel_year(offset: int) -> Builder:
    def build(_m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
        return None if ref is None else _safe(ref.year + offset)

    return build


def _rel_month(offset: int) -> Builder:
    def build(_m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
        if ref is None or ref.month is None:
            return None
        total = ref.year * 12 + (ref.month - 1) + offset
        return _safe(total // 12, total % 12 + 1)

    return build


def _rel_day(offset: int) -> Builder:
    def build(_m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
        if ref is None or ref.day is None:
            return None
        return PartialDate.from_date(ref.first_day() + dt.timedelta(days=offset))

    return build


def _weekday(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    """`said Wednesday`: the latest such weekday on or before the document date."""
    if ref is None or ref.day is None:
        return None
    base = ref.first_day()
    back = (base.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
    return PartialDate.from_date(base - dt.timedelta(days=back))


def _month_of_year(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    """`April this year`, `in June last year`: the month of the page's year (or the one before)."""
    if ref is None:
        return None
    year = ref.year - (1 if m.group("which").lower() == "last" else 0)
    day = _g(m, "day")
    date = _safe(year, month_number(m.group("mon")), int(day) if day else None)
    return None if date is None or _in_future_of(date, ref) else date


def _in_future_of(date: PartialDate, ref: PartialDate) -> bool:
    return date.first_day() > ref.last_day()


_EVENT_VERB = re.compile(
    r"(?:[a-z]{2,}ed|said|told|met|won|lost|signed|began|took|made|gave|sent|held|set|left|"
    r"became|spoke|wrote|chose|threw|struck|broke|fell|rose|unveiled|announced)$"
)


def _today(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    """`Chu today announced`, `said today`: the page's day. `Today, the country has ...`
    (no verb of an event next to it) is not a date of an event."""
    if ref is None or ref.day is None:
        return None
    after = m.string[m.end() :].split(None, 1)
    before = m.string[: m.start()].split()
    if (after and _EVENT_VERB.match(after[0])) or (before and _EVENT_VERB.match(before[-1])):
        return ref
    return None


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p)


# One row per shape found inside sentences. Order matters: earlier rows win
# when spans overlap (the longer, more specific shapes come first).
PROSE_SHAPES: tuple[Shape, ...] = (
    Shape(
        "day-range month year",
        _c(rf"\b{DAY}{DASH}(?P<day2>[0-3]?[0-9])\s+{MON},?\s+{YEAR}\b"),
        lambda m, r: _range(
            _safe(int(m["year"]), month_number(m["mon"]), int(m["day"])),
            _safe(int(m["year"]), month_number(m["mon"]), int(m["day2"])),
        ),
        example="18-19 October 2006",
    ),
    Shape(
        "month day-range",
        _c(rf"\b{MON}\s+{DAY}\s*[-–]\s*(?P<day2>[0-3]?[0-9])(?:,?\s+{YEAR})?\b"),
        _day_range,
        example="October 18-19",
    ),
    Shape("day month year", _c(rf"\b{DAY}\s+{MON},?\s+{YEAR}\b"), _full, example="14 April 2009"),
    Shape("month day year", _c(rf"\b{MON}\s+{DAY},?\s+{YEAR}\b"), _full, example="April 14, 2009"),
    Shape(
        "month range year",
        _c(rf"\b{MON}{DASH}{MON2}\s+{YEAR}\b"),
        _month_range,
        example="February - May 2003",
    ),
    Shape("month year", _c(rf"\b{MON},?\s+(?:of\s+)?{YEAR}\b"), _full, example="Feb 2007"),
    Shape(
        "iso date",
        _c(rf"\b{YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3][0-9])\b"),
        _iso,
        example="2006-10-09",
    ),
    Shape(
        "numeric day-first",
        _c(rf"\b(?P<a>[0-3]?[0-9])(?P<sl>[/-])(?P<b>[0-3]?[0-9])(?P=sl){YEAR}\b"),
        _numeric,
        example="01/11/2006, 21-04-2009",
    ),
    Shape(
        "year range",
        _c(rf"\b{YEAR}\s*[-–]\s*(?P<year2>\d{{4}}|\d{{2}})\b(?!-)"),
        _year_range,
        example="1874-77",
    ),
    Shape(
        "from year to year",
        _c(rf"\b(?:from|between)\s+{YEAR}\s+(?:to|and|until)\s+(?P<year2>\d{{4}})\b"),
        _year_range,
        example="from 1919 to 1920",
    ),
    Shape(
        "decade",
        _c(r"\b(?:the\s+)?(?P<decade>1[0-9]{2}0|20[0-9]0)s\b"),
        _decade,
        example="the 1870s",
    ),
    Shape(
        "century",
        _c(r"\b(?:the\s+)?(?P<cent>[12]?[0-9])(?:st|nd|rd|th)\s+(?:C\.|[Cc]entury\b)"),
        _century,
        example="4th century",
    ),
    Shape(
        "early/mid/late year",
        _c(rf"\b(?:[Ee]arly|[Ll]ate|[Mm]id-?|the (?:end|start|beginning|middle) of)\s*{YEAR}\b"),
        _full,
        example="early 2008",
    ),
    Shape(
        "month this/last year",
        _c(rf"\b(?:{DAY}\s+)?{MON}\s+(?:of\s+)?(?P<which>[Tt]his|[Ll]ast)\s+year\b"),
        _month_of_year,
        relative=True,
        example="April this year",
    ),
    Shape(
        "day month",
        _c(rf"\b{DAY}\s+{MON}(?!\s*,?\s*\d)"),
        _month_day_noyear,
        relative=True,
        example="5 April",
    ),
    Shape(
        "month day",
        _c(rf"\b{MON}\s+{DAY}\b(?!\s*,?\s*\d)(?!\s*[-–])"),
        _month_day_noyear,
        relative=True,
        example="October 9",
    ),
    Shape(
        "last month-name",
        _c(rf"\b[Ll]ast\s+{MON}"),
        _last_month_name,
        relative=True,
        example="last November",
    ),
    Shape(
        "this month-name",
        _c(rf"\b[Tt]his\s+{MON}"),
        _this_month_name,
        relative=True,
        example="this April",
    ),
    Shape(
        "in month",
        _c(
            rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y"
            rf"|(?:[Aa]t\s+)?the\s+(?:end|start|beginning|middle)\s+of)\s+{MON}(?!\s*,?\s*\d)"
        ),
        _in_month,
        relative=True,
        example="in October",
    ),
    Shape(
        "last year", _c(r"\b[Ll]ast\s+year\b"), _rel_year(-1), relative=True, example="last year"
    ),
    Shape(
        "this year",
        _c(r"\b(?:[Ee]arlier\s+)?[Tt]his\s+year\b"),
        _rel_year(0),
        relative=True,
        example="earlier this year",
    ),
    Shape(
        "last month",
        _c(r"\b[Ll]ast\s+month\b"),
        _rel_month(-1),
        relative=True,
        example="last month",
    ),
    Shape(
        "this month",
        _c(r"\b(?:[Ee]arlier\s+)?[Tt]his\s+month\b"),
        _rel_month(0),
        relative=True,
        example="earlier this month",
    ),
    Shape("yesterday", _c(r"\b[Yy]esterday\b"), _rel_day(-1), relative=True, example="yesterday"),
    Shape(
        "last night",
        _c(r"\b(?:[Ll]ate\s+)?[Ll]ast\s+night\b"),
        _rel_day(-1),
        relative=True,
        example="Last night Mubarak said",
    ),
    Shape("today", _c(r"\b[Tt]oday\b"), _today, relative=True, example="Chu today announced"),
    Shape(
        "weekday", _c(rf"\b(?:on\s+)?{WEEKDAY}\b"), _weekday, relative=True, example="on Wednesday"
    ),
    Shape(
        "in year",
        _c(
            rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter)\s+(?:the\s+year\s+)?{YEAR}\b(?![-–/]?\d)"
        ),
        _full,
        example="in 2003",
    ),
    Shape(
        "possessive year",
        _c(rf"(?<='s\s){YEAR}\b(?=\s+[a-z])"),
        _full,
        example="North Korea's 2006 test",
    ),
    Shape("year comma", _c(rf"(?:^|(?<=[.;]\s)){YEAR},\s"), _full, example="2007, the ..."),
)

_DEADLINE = re.compile(
    r"\b(?:before|until|by|ahead\s+of)\s+(?:the\s+|next\s+|new\s+)?"
    r"(?:[a-z]+\s+)?(?:elections?|polls?|vote|deadline|talks|summit|meeting)(?:\s+(?:in|on|due\s+in))?\s*$"
)
_NOT_EVENT_DATE = re.compile(r"\b(?:since|until|till|by|before|after)\s*$", re.I)
_LEAD_PREP = re.compile(r"(?:\b(?:[Oo]n|[Ii]n|[Dd]uring|[Aa]t|[Oo]f)\s+(?:the\s+)?)$")
_STRIP_PREFIX = re.compile(
    r"^(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Oo]n|[Ff]rom|[Bb]etween)\s+"
)


_TRIGGER = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|[Ll]ast|[Tt]his|[Yy]ester|day\b"
)


def find_dates(text: str, ref: PartialDate | None = None) -> list[DateMention]:
    """Every date in `text`, left to right, without overlaps (earlier table rows win)."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    if not _TRIGGER.search(text):
        return found
    for shape in PROSE_SHAPES:
        for m in shape.pattern.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            date = shape.build(m, ref)
            if date is None:
                continue
            usable = True
            lead = _STRIP_PREFIX.match(m.group(0))
            if lead and lead.group(0).strip().lower() in (
                "since",
                "until",
                "by",
                "before",
                "after",
            ):
                usable = False
            if _NOT_EVENT_DATE.search(text[max(0, s - 8) : s]):
                usable = False
            elif _DEADLINE.search(text[max(0, s - 40) : s]):
                # `would not step down before elections in September`: a deadline, no event
                taken.append(m.span())
                continue
            # extend left over `On`, `in`, `during`: the whole phrase is removed from the event text
            pre = _LEAD_PREP.search(text[max(0, s - 16) : s])
            if pre and not lead:
                s -= len(pre.group(0))
            taken.append(m.span())
            found.append(DateMention(s, e, date, shape.name, shape.relative, usable))
    found.sort(key=lambda d: d.start)
    return found


# -- timeline lines -------------------------------------------------------------

BULLET = re.compile(r"^\s*(?:[-*•·▪►◦–—]|\d{1,2}[.)])\s+")
SEP = r"(?:\s*(?:-|–|—|:|\|)\s*|\t+\s*|\s{2,}|,\s+)"
# `2003`, `2003:`, `## 2003`, `**2003**`, wiki `== 2003 ==` and `2003[edit]`
YEAR_HEADING = re.compile(
    rf"^\s*(?:#+\s*|\*\*|=+\s*)?{YEAR}\s*:?\s*(?:\*\*|=+)?\s*(?:\[edit\])?\s*$"
)


def _lead(p: str) -> re.Pattern[str]:
    return re.compile(r"^" + p + rf"(?P<sep>{SEP}|\s+(?=[A-Z\"'“‘(]))(?P<rest>\S.*)$")


def _under_heading_md(m: re.Match[str], ref: PartialDate | None) -> PartialDate | None:
    if ref is None:
        return None
    day = _g(m, "day")
    return _safe(ref.year, month_number(m.group("mon")), int(day) if day else None)


# One row per timeline shape (a date at the start of a line, then the event).
# `relative` rows need the year of a heading line above them.
LEAD_SHAPES: tuple[Shape, ...] = (
    Shape(
        "day-range month year",
        _lead(rf"{DAY}{DASH}(?P<day2>[0-3]?[0-9])\s+{MON},?\s+{YEAR}"),
        lambda m, r: _range(
            _safe(int(m["year"]), month_number(m["mon"]), int(m["day"])),
            _safe(int(m["year"]), month_number(m["mon"]), int(m["day2"])),
        ),
        example="18-19 October 2006 - Talks in Pyongyang",
    ),
    Shape(
        "day month year",
        _lead(rf"{DAY}\s+{MON},?\s+{YEAR}"),
        _full,
        example="14 April 2009 - North Korea vows to walk out",
    ),
    Shape(
        "month day year",
        _lead(rf"{MON}\s+{DAY},?\s+{YEAR}"),
        _full,
        example="April 14, 2009 - North Korea vows to walk out",
    ),
    Shape(
        "year month day",
        _lead(rf"{YEAR},?\s+{MON}\s+{DAY}"),
        _full,
        example="2009 April 14: Talks end",
    ),
    Shape(
        "iso date",
        _lead(rf"{YEAR}-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>[0-3][0-9]))?"),
        _iso,
        example="2009-04-14 North Korea ...",
    ),
    Shape(
        "numeric day-first",
        _lead(rf"(?P<a>[0-3]?[0-9])/(?P<b>[0-3]?[0-9])/{YEAR}"),
        _numeric,
        example="14/04/2009 - Talks end",
    ),
    Shape(
        "month range year",
        _lead(rf"{MON}{DASH}{MON2}\s+{YEAR}"),
        _month_range,
        example="February - May 2003 - Talks",
    ),
    Shape(
        "month year", _lead(rf"{MON},?\s+{YEAR}"), _full, example="Feb 2007 - North Korea agrees"
    ),
    Shape("year month", _lead(rf"{YEAR},?\s+{MON}"), _full, example="1990 June  Talks begin"),
    Shape(
        "year range",
        _lead(rf"{YEAR}\s*[-–/]\s*(?P<year2>\d{{4}}|\d{{2}})(?!\d)"),
        _year_range,
        example="1874-77: War",
    ),
    Shape(
        "decade",
        _lead(r"(?:the\s+)?(?P<decade>1[0-9]{2}0|20[0-9]0)s"),
        _decade,
        example="1870s - Railways",
    ),
    Shape(
        "century",
        _lead(r"(?P<cent>[12]?[0-9])(?:st|nd|rd|th)\s+(?:C\.?|[Cc]entury)"),
        _century,
        example="4th C. - Huns",
    ),
    Shape("year", _lead(rf"{YEAR}"), _full, example="2007: North Korea ..."),
    Shape(
        "early year",
        _lead(r"(?P<year>[1-9][0-9]{2})(?:\s*(?:AD|CE|A\.D\.))?"),
        _full,
        example="681\tKhan Asparuh founds ... (tab/column or dash separated only)",
    ),
    Shape(
        "day-range month (under a year)",
        _lead(rf"{DAY}{DASH}(?P<day2>[0-3]?[0-9])\s+{MON}"),
        lambda m, r: (
            None
            if r is None
            else _range(
                _safe(r.year, month_number(m["mon"]), int(m["day"])),
                _safe(r.year, month_number(m["mon"]), int(m["day2"])),
            )
        ),
        relative=True,
        example="18-19 October - talks",
    ),
    Shape(
        "day month (under a year)",
        _lead(rf"{DAY}\s+{MON}"),
        _under_heading_md,
        relative=True,
        example="14 April - Talks end",
    ),
    Shape(
        "month day (under a year)",
        _lead(rf"{MON}\s+{DAY}"),
        _under_heading_md,
        relative=True,
        example="April 14 - Talks end",
    ),
    Shape(
        "month (under a year)",
        _lead(rf"{MON}"),
        _under_heading_md,
        relative=True,
        example="June - Talks end",
    ),
)


@dataclass(frozen=True, slots=True)
class LeadDate:
    date: PartialDate
    rest: str
    shape: str
    needs_heading: bool


_DAY_SHAPES = ("day month (under a year)", "month day (under a year)")


def match_lead(
    line: str, heading: PartialDate | None = None, ref: PartialDate | None = None
) -> LeadDate | None:
    """A timeline line: its leading date and the event text after it, or None.

    Rows that need a year take it from `heading` (a year line above); with no
    heading, a day-precise row (`• January 25: ...`) takes the year of the
    document date `ref`, never landing after it.
    """
    body = BULLET.sub("", line, count=1).strip()
    if not body or not (body[0].isdigit() or body[0].isalpha()):
        return None
    for shape in LEAD_SHAPES:
        m = shape.pattern.match(body)
        if m is None:
            continue
        sep = m.group("sep")
        if shape.name == "year" and not sep.strip() and "\t" not in sep and "  " not in sep:
            continue  # `2006 was the year ...` is prose, not a timeline entry
        if sep.strip() == "," and shape.name not in ("month day year", "day month year"):
            continue
        if shape.name == "early year" and not (
            "\t" in sep or "  " in sep or sep.strip() in ("-", "–", "—", ":")
        ):
            continue  # `681 Khan ...` could be a count; a column or a dash says it is a year
        year_from = heading
        if shape.relative and heading is None:
            if ref is None or ref.month is None or shape.name not in _DAY_SHAPES:
                continue
            y = _resolve_year(month_number(m.group("mon")), int(m.group("day")), ref)
            year_from = _safe(y) if y is not None else None
            if year_from is None:
                continue
        date = shape.build(m, year_from)
        if date is None:
            continue
        rest = m.group("rest").strip()
        if len(rest) < 3 or not any(ch.isalpha() for ch in rest):
            continue
        return LeadDate(date, rest, shape.name, shape.relative and heading is not None)
    return None


def match_year_heading(line: str) -> PartialDate | None:
    m = YEAR_HEADING.match(line)
    return _safe(int(m.group("year"))) if m else None
