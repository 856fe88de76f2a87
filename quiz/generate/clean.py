"""Cleaning: sort every line of a scraped page into body, timeline or boilerplate.

Decisions are structural, never based on the strings of particular pages:

- body: paragraphs that read as sentences (enough words, sentence punctuation);
- timeline: clusters of two or more lines that start with a date shape;
- byline / dateline: give the document date, the dateline prefix is cut off;
- copyright: `©`, `Copyright`, `All rights reserved`; in the second half of a
  page it also ends the article (everything after it is footer);
- banner: calls to action (`Make a donation ...!`, `Join ...`, `Sign in`);
- nav: runs of short capitalised lines without full stops (related-story lists,
  menus), short link-like lines;
- heading: any other line without sentence punctuation (titles, captions,
  crossheads, `Print Sponsor`); used for the title only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quiz.dates import PartialDate
from quiz.generate.docdate import Dateline, byline_date, first_full_date, parse_dateline
from quiz.generate.extract_dates import CLOCK_ZONE, LeadDate, match_lead, match_year_heading

BODY, TIMELINE, HEADING, NAV, BANNER, COPYRIGHT, FOOTER, BYLINE, YEARHEAD, BLANK = (
    "body",
    "timeline",
    "heading",
    "nav",
    "banner",
    "copyright",
    "footer",
    "byline",
    "year-heading",
    "blank",
)

COPYRIGHT_RE = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
CTA_RE = re.compile(
    r"^(?:make|join|sign|subscribe|donate|click|follow|share|read|print|email|e-mail|download|"
    r"support|register|log|like|watch|listen|see|get|buy|shop|order|contact|send|tweet|bookmark|"
    r"view|skip|advertis\w*|sponsor\w*)\b",
    re.I,
)
DONATE_RE = re.compile(
    r"\bdonat\w*|\bnewsletter\b|\bmailing list\b|\bcookies?\b|\bjavascript\b|"
    r"\bweb browser\b|\bstyle sheets\b",
    re.I,
)
URL_RE = re.compile(r"https?://\S+|www\.\S+|\b\S+\.(?:com|org|net|co\.uk)\b", re.I)
END_PUNCT = re.compile(r"[.!?][\"'”’)\]]*\s*$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

_CHARMAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\ufeff": "",
        "\u200b": "",
    }
)


@dataclass(slots=True)
class Line:
    no: int
    """1-based line number in the original file."""
    raw: str
    text: str
    """Normalised text (straight quotes, no dateline prefix)."""
    kind: str = BLANK
    lead: LeadDate | None = None


@dataclass(slots=True)
class Document:
    name: str
    lines: list[Line]
    title: str
    date: PartialDate | None
    dateline: Dateline | None = None
    skipped: int = 0
    """Non-blank lines dropped as boilerplate, headings or captions."""
    paragraphs: list[list[Line]] = field(default_factory=list)
    """Body paragraphs (runs of body lines)."""
    timelines: list[list[Line]] = field(default_factory=list)
    ref_date: PartialDate | None = None
    """Date to resolve relative expressions against: `date`, or when the page has
    none, the latest year its text mentions (year precision only)."""

    @property
    def country(self) -> str | None:
        return self.dateline.country if self.dateline else None

    @property
    def ref(self) -> PartialDate | None:
        return self.date if self.date is not None else self.ref_date


_TITLE_SEP = re.compile(r"\s+[|>\u00bb\u2013\u2014-]\s+")


def normalise(text: str) -> str:
    return text.translate(_CHARMAP)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _is_banner(text: str) -> bool:
    n = len(words(text))
    if CTA_RE.match(text) and n <= 20:
        return True
    if DONATE_RE.search(text) and n <= 60:
        return True
    if text.rstrip().endswith("!") and n <= 12 and not text.lstrip().startswith('"'):
        return True
    return False


def _is_nav_like(text: str) -> bool:
    """A menu line: several capitalised words and nothing else, or a bare link."""
    if URL_RE.fullmatch(text.strip()):
        return True
    ws = text.split()
    return (
        len(ws) >= 4
        and all(w[:1].isupper() or w in ("&", "|", "-", "and") for w in ws)
        and not END_PUNCT.search(text)
    )


def _sentence_like(text: str) -> bool:
    return len(words(text)) >= 6 and bool(END_PUNCT.search(text))


_TABLE_RULE = re.compile(r"^[\s|:+-]*-{3,}[\s|:+-]*$")
_EMPTY_CELL = re.compile(r"^(?:[-–—?]*|none|n/?a|nil)$", re.I)


def table_row(text: str) -> str:
    """A pipe-table row as a plain line: `| 1950 | War begins | 3 killed |` ->
    `1950 | War begins; 3 killed`; the `|---|---|` rule becomes blank."""
    t = text.strip()
    if not (t.startswith("|") and t.endswith("|") and t.count("|") >= 3):
        return text
    if _TABLE_RULE.match(t):
        return ""
    cells = [c.strip() for c in t[1:-1].split("|")]
    cells = [c for c in cells if not _EMPTY_CELL.match(c)]
    if not cells:
        return ""
    return cells[0] if len(cells) == 1 else cells[0] + " | " + "; ".join(cells[1:])


# A note about the page itself (`A version of this article appeared in print on ...`,
# `This story has been corrected`): never an event of the story.
META_RE = re.compile(
    r"\b(?:this|the)\s+(?:article|story|report|page|post|video|gallery)\s+"
    r"(?:appeared|was\s+(?:amended|corrected|updated|first\s+published|originally)|has\s+been)",
    re.I,
)


def clean(name: str, text: str) -> Document:
    """Classify the lines of one document and find its title and date."""
    raw_lines = normalise(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw_lines = [table_row(r) if "|" in r else r for r in raw_lines]
    lines = [Line(i + 1, r, r.strip()) for i, r in enumerate(raw_lines)]
    n = len(lines)
    doc_date: PartialDate | None = None
    dateline: Dateline | None = None
    nonblank = [ln for ln in lines if ln.text]

    # 1. bylines, datelines, copyright, banners
    footer_from = None
    for idx, ln in enumerate(lines):
        t = ln.text
        if not t:
            continue
        if footer_from is not None:
            ln.kind = FOOTER
            if doc_date is None and len(words(t)) <= 16:
                doc_date = byline_date(
                    t
                )  # `Page last modified: 21-04-2009 ...` below the copyright
            continue
        if COPYRIGHT_RE.search(t) and len(words(t)) <= 40:
            ln.kind = COPYRIGHT
            if idx >= n // 2:
                footer_from = idx
            continue
        if len(words(t)) <= 16:
            d = byline_date(t)
            if d is not None:
                ln.kind = BYLINE
                doc_date = doc_date or d
                continue
        if dateline is None and ln in nonblank[:12]:
            dl = parse_dateline(t)
            if dl is not None:
                dateline = dl
                rest = t[dl.prefix_len :].strip()
                ln.text = rest
                if dl.date is not None and doc_date is None:
                    doc_date = dl.date
        if _is_banner(ln.text) or (META_RE.search(t) and len(words(t)) <= 40):
            ln.kind = BANNER
            continue
        ln.kind = ""  # undecided

    # 2. timeline clusters (>= 2 dated lines, at most one blank line between them)
    heading: PartialDate | None = None
    cand: list[int] = []
    for idx, ln in enumerate(lines):
        if ln.kind != "":
            continue
        yh = match_year_heading(ln.text)
        if yh is not None:
            heading = yh
            ln.kind = YEARHEAD
            continue
        lead = match_lead(ln.text, heading, doc_date)
        if lead is not None and len(ln.text) <= 400:
            ln.lead = lead
            cand.append(idx)
    clusters: list[list[int]] = []
    for idx in cand:
        if clusters:
            prev = clusters[-1][-1]
            between = lines[prev + 1 : idx]
            if all(
                b.kind in (BLANK, YEARHEAD)
                or (b.kind == "" and b.text and b.text[:1].islower())
                or b.kind == ""
                and not END_PUNCT.search(b.text)
                and len(words(b.text)) < 40
                for b in between
            ) and sum(1 for b in between if not b.text) <= 1 + sum(
                1 for b in between if b.kind == YEARHEAD
            ):
                clusters[-1].append(idx)
                continue
        clusters.append([idx])
    timelines: list[list[Line]] = []
    for cl in clusters:
        has_heading = any(lines[j].kind == YEARHEAD for j in range(max(0, cl[0] - 3), cl[0]))
        if len(cl) < 2 and not (
            has_heading and lines[cl[0]].lead and lines[cl[0]].lead.needs_heading
        ):
            for idx in cl:
                lines[idx].lead = None
            continue
        block: list[Line] = []
        for j in range(cl[0], cl[-1] + 1):
            ln = lines[j]
            if ln.lead is not None:
                ln.kind = TIMELINE
                block.append(ln)
            elif ln.kind == "" and ln.text:
                ln.kind = TIMELINE  # continuation line: inherits the date above
                block.append(ln)
        # continuation lines right after the last entry (no blank line between)
        j = cl[-1] + 1
        while (
            j < n
            and lines[j].kind == ""
            and lines[j].text
            and len(words(lines[j].text)) < 40
            and lines[j].text[:1].islower()
        ):
            lines[j].kind = TIMELINE
            block.append(lines[j])
            j += 1
        timelines.append(block)
    for ln in lines:
        if ln.kind != TIMELINE:
            ln.lead = None

    # 3. groups of consecutive undecided lines: nav lists, body paragraphs, headings
    paragraphs: list[list[Line]] = []
    group: list[Line] = []

    def flush() -> None:
        if not group:
            return
        texts = [g.text for g in group]
        caps = all(t[:1].isupper() or t[:1] in "\"'" for t in texts)
        short = max(len(words(t)) for t in texts) <= 12
        no_stops = sum(1 for t in texts if not t.rstrip().endswith(".")) >= 2
        if len(group) >= 2 and caps and short and no_stops:
            for g in group:
                g.kind = NAV
        else:
            joined = " ".join(texts)
            head = group[0].text
            if (
                len(group) >= 2
                and len(words(head)) <= 4
                and head[:1].isupper()
                and not END_PUNCT.search(head)
                and not head.rstrip().endswith((",", ":", ";"))
                and _sentence_like(" ".join(texts[1:]))
                and texts[1][:1].isupper()
            ):
                # a crosshead right above its paragraph (`Early life` / `Havel was born ...`)
                group[0].kind = HEADING
                del group[0]
                texts = texts[1:]
                joined = " ".join(texts)
            if len(group) == 1 and _is_nav_like(joined):
                group[0].kind = NAV
            elif _sentence_like(joined):
                for g in group:
                    g.kind = BODY
                paragraphs.append(list(group))
            else:
                for g in group:  # e.g. a sentence directly followed by a crosshead
                    if _sentence_like(g.text):
                        g.kind = BODY
                        paragraphs.append([g])
                    else:
                        g.kind = HEADING
        group.clear()

    for ln in lines:
        if ln.kind == "" and ln.text:
            group.append(ln)
        else:
            flush()
            if not ln.text:
                ln.kind = BLANK
    flush()

    # 4. title: the first heading before the body that shares words with it
    body_words = {w.lower() for p in paragraphs for g in p for w in words(g.text) if len(w) > 3}
    first_body = paragraphs[0][0].no if paragraphs else n + 1
    title = ""
    fallback = ""
    split_title = ""
    short_title = ""
    for ln in lines:
        if ln.no >= first_body:
            break
        if ln.kind not in (HEADING, NAV) or len(words(ln.text)) < 2:
            continue
        parts = _TITLE_SEP.split(ln.text)
        overlap = {w.lower() for w in words(ln.text) if len(w) > 3} & body_words
        if len(parts) > 1 and (len(parts) > 2 or "|" in ln.text or ">" in ln.text):
            # a breadcrumb (`World | Asia | Central Asia`) or `Headline - Section - Site`:
            # only its best part, and only when no plain headline follows
            if not split_title and len(overlap) >= 2:
                split_title = max(
                    parts,
                    key=lambda p: len({w.lower() for w in words(p) if len(w) > 3} & body_words),
                ).strip()
            continue
        if len(words(ln.text)) < 3:
            # `Nelson Mandela`, `Darfur - Chronology`: only when nothing longer fits
            if not short_title and overlap:
                short_title = ln.text
            continue
        fallback = fallback or ln.text
        if len(overlap) >= 2:
            title = ln.text
            break
    title = title or split_title or fallback or short_title or name.rsplit(".", 1)[0]

    if doc_date is None:
        for ln in nonblank[:5]:
            if ln.kind in (HEADING, NAV, BYLINE) and len(words(ln.text)) <= 12:
                d = first_full_date(ln.text)
                if d is not None:
                    doc_date = d
                    break
    if doc_date is None:
        # a line that is only a date (`Tuesday, 24 April 2007`) near the top
        for ln in nonblank[:12]:
            if _DATE_ONLY.match(ln.text):
                d = first_full_date(ln.text)
                if d is not None:
                    doc_date = d
                    break
    ref_date = None
    if doc_date is None:
        years = [
            int(y)
            for ln in lines
            if ln.kind in (BODY, TIMELINE)
            for y in _YEAR_IN_TEXT.findall(ln.text)
        ]
        if years:
            ref_date = PartialDate(max(years))
    skipped = sum(1 for ln in lines if ln.text and ln.kind not in (BODY, TIMELINE, YEARHEAD))
    return Document(
        name, lines, title, doc_date, dateline, skipped, paragraphs, timelines, ref_date
    )


_DATE_ONLY = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:[0-3]?\d\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+[0-3]?\d,?)\s+(?:1[89]\d\d|20\d\d)"
    r"(?:,?\s+[0-2]?\d[:.][0-5]\d\s*(?:[AaPp]\.?[Mm]\.?|[A-Z]{2,4})?)?\.?$"
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d$£€.,])\b(1[5-9]\d\d|20\d\d)\b(?![\d%])(?!" + CLOCK_ZONE + ")")
