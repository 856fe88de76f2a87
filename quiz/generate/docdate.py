"""The document's own date, from a byline or a dateline, so relative dates resolve.

- Bylines: `Page last updated at 10:12 GMT, Friday, 24 April 2009 11:12 UK`,
  `Published: April 24, 2009`, `Posted 2009-04-24`.
- Datelines: `01/11/2006 14:25 MOSCOW, November 1 (RIA Novosti) - ...`
  (numeric dates are day-first unless only month-first is possible or a
  month name on the same line says otherwise), `MOSCOW, Nov. 1 (AP) -- ...`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.dates import PartialDate
from quiz.generate.extract_dates import DAY, MON, find_dates, month_number

BYLINE = re.compile(
    r"\b(?:last\s+updated|updated|published|posted|modified|edited|first\s+published|dated?)\b"
    r"|^by\s+[A-Z][\w.'-]+\s+[A-Z]"  # `By Jane Doe, Associated Press | March 3, 2011`
    # a clock time with a zone or am/pm: `guardian.co.uk, Monday 11 April 2011 14.32 BST`
    r"|\b[0-2]?[0-9][:.][0-5][0-9]\s*(?:[ap]\.?m\.?|GMT|BST|UTC|CET|CEST|E[SD]T|P[SD]T|ET|PT)\b",
    re.I,
)

_NUMERIC = r"(?P<a>[0-3]?[0-9])[/.](?P<b>[0-3]?[0-9])[/.](?P<year>1[0-9]{3}|20[0-9]{2})"
DATELINE = re.compile(
    rf"^\s*(?:{_NUMERIC}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s+)?"
    r"(?P<city>[A-Z][A-Z.'\- ]{2,30}?)"
    r"(?:,\s+(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s*[(,]))?"  # `TEHRAN, Iran (AP)`
    r"(?:,\s+(?P<md>" + MON + r"\s+" + DAY + r"))?\s*"
    r"(?:\((?P<agency>[^)]{2,40})\)\s*)?"
    r"(?:-{1,2}|–|—)\s+"
)

# Capitals and big news cities -> the possessive used in role titles
# (`President Putin` in a Moscow story is Russia's President).
CITY_COUNTRY = {
    "MOSCOW": "Russia",
    "BEIJING": "China",
    "WASHINGTON": "the US",
    "SEOUL": "South Korea",
    "PYONGYANG": "North Korea",
    "TOKYO": "Japan",
    "LONDON": "the UK",
    "PARIS": "France",
    "BERLIN": "Germany",
    "ROME": "Italy",
    "MADRID": "Spain",
    "KIEV": "Ukraine",
    "KYIV": "Ukraine",
    "TEHRAN": "Iran",
    "BAGHDAD": "Iraq",
    "KABUL": "Afghanistan",
    "ISLAMABAD": "Pakistan",
    "NEW DELHI": "India",
    "DELHI": "India",
    "ANKARA": "Turkey",
    "CAIRO": "Egypt",
    "JERUSALEM": "Israel",
    "DAMASCUS": "Syria",
    "OTTAWA": "Canada",
    "CANBERRA": "Australia",
    "MINSK": "Belarus",
    "WARSAW": "Poland",
    "BRASILIA": "Brazil",
    "MEXICO CITY": "Mexico",
    "BUENOS AIRES": "Argentina",
    "HAVANA": "Cuba",
    "CARACAS": "Venezuela",
    "HANOI": "Vietnam",
    "BANGKOK": "Thailand",
    "JAKARTA": "Indonesia",
    "MANILA": "the Philippines",
    "RIYADH": "Saudi Arabia",
}


# `Dec 13 (Reuters) - ...`: an agency dateline with no city.
AGENCY_DATELINE = re.compile(
    r"^\s*" + MON + r"\s+" + DAY + r"\s*\((?P<agency>[^)]{2,40})\)\s*(?:-{1,2}|–|—)\s+"
)


COUNTRIES = frozenset(CITY_COUNTRY.values()) | {
    "Lebanon", "Libya", "Tunisia", "Sudan", "Yemen", "Jordan", "Kenya", "Nigeria", "Ethiopia",
    "Somalia", "Georgia", "Serbia", "Kosovo", "Bosnia", "Croatia", "Greece", "Bulgaria",
    "Romania", "Hungary", "Austria", "Sweden", "Norway", "Finland", "Denmark", "Belgium",
    "Netherlands", "Switzerland", "Portugal", "Ireland", "Chile", "Peru", "Colombia",
    "Bolivia", "Ecuador", "Myanmar", "Burma", "Cambodia", "Laos", "Malaysia", "Singapore",
    "Nepal", "Bangladesh", "Sri Lanka", "Taiwan", "Mongolia", "Kazakhstan", "Uzbekistan",
    "Armenia", "Azerbaijan", "Qatar", "Kuwait", "Bahrain", "Oman", "Algeria", "Morocco",
    "South Africa", "Zimbabwe", "Uganda", "Rwanda", "Congo", "Ghana", "Senegal", "Mali",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Dateline:
    date: PartialDate | None
    city: str
    prefix_len: int
    """Characters to strip from the start of the line to get the article text."""
    region: str = ""
    """`Iran` in `TEHRAN, Iran (AP) -`: a country or a state."""

    @property
    def country(self) -> str | None:
        return CITY_COUNTRY.get(self.city.strip().upper()) or (
            self.region if self.region in COUNTRIES else None
        )


def _numeric(a: int, b: int, year: int, hint: tuple[int, int] | None) -> PartialDate | None:
    options = []
    if 1 <= b <= 12:
        options.append((b, a))  # day-first: a=day, b=month
    if 1 <= a <= 12:
        options.append((a, b))
    if hint is not None and hint in options:
        month, day = hint
    elif options:
        month, day = options[0]
    else:
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


# A press release: `Washington, D.C. — March 4, 2010 — U.S. Energy Secretary ...`
PRESS_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][a-z]+(?:[ .-][A-Z][a-z]+){0,2}),\s+"
    r"(?P<region>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)"
    r"\s*(?:-{1,2}|–|—)\s*(?P<date>" + MON + r"\s+" + DAY + r",?\s+(?:1[0-9]{3}|20[0-9]{2}))"
    r"\s*(?:-{1,2}|–|—)\s+"
)


def parse_dateline(line: str) -> Dateline | None:
    pm = PRESS_DATELINE.match(line)
    if pm is not None:
        return Dateline(
            first_full_date(pm.group("date")),
            pm.group("city").upper(),
            pm.end(),
            pm.group("region"),
        )
    m = DATELINE.match(line)
    if m is None:
        a = AGENCY_DATELINE.match(line)
        return Dateline(None, "", a.end()) if a else None
    city = m.group("city").strip()
    if not (m.group("year") or m.group("md") or m.group("agency")):
        # `WASHINGTON — President Obama ...`: a capitals city and a long dash is enough
        dash = line[m.start("city") + len(m.group("city")) : m.end()].strip()
        if not (
            dash in ("—", "--")
            and city.isupper()
            and len(city.replace(" ", "")) >= 4
            and line[m.end() : m.end() + 1].isupper()
        ):
            return None
    if len(city.replace(" ", "")) < 3 or not city.replace(" ", "").replace(".", "").isalpha():
        return None
    hint = None
    if m.group("md"):
        hint = (month_number(m.group("mon")), int(m.group("day")))
    date = None
    if m.group("year"):
        date = _numeric(int(m.group("a")), int(m.group("b")), int(m.group("year")), hint)
    return Dateline(date, city, m.end(), m.group("region") or "")


def byline_date(line: str) -> PartialDate | None:
    """A full date on a byline-looking line (`Page last updated at ...`)."""
    if not BYLINE.search(line):
        return None
    d = first_full_date(line)
    if d is None:
        # `Date 09.11.2009` (Deutsche Welle): dotted numbers are day-first
        m = _DOTTED.search(line)
        if m is not None:
            d = _numeric(int(m.group("a")), int(m.group("b")), int(m.group("year")), None)
    return d


_DOTTED = re.compile(r"(?<![\d.])(?P<a>[0-3]?[0-9])\.(?P<b>[01]?[0-9])\.(?P<year>1[89][0-9]{2}|20[0-9]{2})\b(?!\.\d)")


def first_full_date(line: str) -> PartialDate | None:
    for mention in find_dates(line, None):
        if mention.date.end is None and mention.date.day is not None:
            return mention.date
    return None


def is_byline(line: str) -> bool:
    return byline_date(line) is not None and len(line.split()) <= 16
