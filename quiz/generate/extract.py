"""Events: timeline lines and dated sentences, each with a clean self-contained text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.dates import PartialDate
from quiz.generate.clean import TIMELINE, Document, Line, words
from quiz.generate.docdate import COUNTRIES
from quiz.generate.extract_dates import _MON, DateMention, find_dates, month_number

TIMELINE_ORIGIN, PROSE_ORIGIN, ATTACH_ORIGIN = "timeline", "prose", "attach"


@dataclass(slots=True)
class EventCand:
    doc: str
    line: int
    date: PartialDate
    text: str
    origin: str
    """timeline | prose | attach (a passing mention: only joins an existing event)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    line: int
    index: int
    """Position of the sentence in its paragraph."""


# -- sentences ------------------------------------------------------------------

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "sr",
    "jr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "rev",
    "hon",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "fig",
    "approx",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
    "u.s",
    "u.n",
    "u.k",
    "e.u",
    "a.m",
    "p.m",
}
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(paragraph: list[Line]) -> list[Sentence]:
    """Sentences of a body paragraph, each with the line it starts on."""
    text = ""
    starts: list[tuple[int, int]] = []
    for ln in paragraph:
        if text:
            text += " "
        starts.append((len(text), ln.no))
        text += ln.text
    out: list[Sentence] = []
    begin = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + 1
        prev = re.search(r"([A-Za-z.]+)\.$", text[begin:end])
        if prev:
            word = prev.group(1).lower().rstrip(".")
            if word in ABBREVIATIONS or len(word) == 1:
                continue
        if text[begin : m.end()].count('"') % 2 == 1:
            continue  # inside a quotation
        out.append(text[begin : m.end()].strip())
        begin = m.end()
    if begin < len(text):
        out.append(text[begin:].strip())
    result = []
    pos = 0
    for i, s in enumerate(out):
        at = text.find(s, pos)
        pos = at + len(s)
        line = paragraph[0].no
        for off, no in starts:
            if off <= at:
                line = no
        result.append(Sentence(s, line, i))
    return result


# -- text clean-up --------------------------------------------------------------

CONNECTIVES = re.compile(
    r"^(?:(?:but|and|however|also|meanwhile|then|even|so|yet|still|in return|later|earlier|"
    r"in addition|moreover|furthermore|instead|indeed|thus|therefore)\b,?\s+)+",
    re.I,
)
PRONOUN_START = re.compile(
    r"^(?:it|he|she|they|this|that|these|those|its|his|her|their|there|"
    r"we|i|you|such|both|neither|either|which)\b",
    re.I,
)
TRAILING_SOURCE = re.compile(
    r"(?:\s*[-–|]\s*(?:read more|more|source:.*|full story.*|via .*)|\s*\((?:AP|AFP|Reuters|"
    r"[A-Z][A-Za-z]+ News|source:[^)]*)\)|\s*(?:https?://|www\.)\S+|\s*\[\d+\])+\s*[.]?$",
    re.I,
)
DASH_ASIDE = re.compile(
    r"\s+[-–—]\s+(?:which|who|whose|where|including|a|an|the)\b[^-–—]{3,120}?\s+[-–—]\s+"
)
# `The measure, named after James Zadroga, a police detective who died in 2006, passed ...`
PARTICIPLE_ASIDE = re.compile(
    r",\s+(?:named|known|called|dubbed|based|led|headed|founded|created|launched|built|backed)\s+"
    r"[^,]{3,80}(?:,\s+(?:a|an|the)\s+[^,]{3,80})?,\s+(?=[a-z])"
)
COMMA_LIST_ASIDE = re.compile(
    r",\s+(?:involving|including|which include[sd]?|comprising|made up of)\s+"
    r"[^,.;]+(?:,\s+[^,.;]+)*?"
    r"\s+and\s+[^,.;]+,\s+"
)
QUOTE_FIRST = re.compile(
    r'^"(?P<q>[^"]{10,300}?)[,.!?]?"\s*,?\s+(?P<who>(?:[A-Z][\w.\'-]*\s+){0,3}[A-Z][\w.\'-]*)\s+'
    r"(?P<verb>said|says|told reporters|added|stressed|warned|noted)\s*\.?$"
)
SAID_WHO = re.compile(
    r"(?P<who>(?:[A-Z][a-z]+(?:-[a-z]+)?\s+){1,2}[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:said|says|told)\b"
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:and|but|while|whereas|who|which)\s+|;\s+|\s+(?:after|before|when|as|until|since)\s+(?=(?:the|a|an|[A-Z]))"
)
_SUBJECT = re.compile(r"^(?:The\s+)?(?:[A-Z][\w'.-]*\s+){0,3}?[A-Z][\w'.-]*(?=\s+[a-z])")


_WS = re.compile(r"\s+")
_SPACE_PUNCT = re.compile(r"\s+([,.;:!?])")
_DOUBLE_COMMA = re.compile(r",\s*,")
_EDGE_PUNCT = re.compile(r"^[,;:\-–—\s]+|[,;:\-–—\s]+$|\(\s*\)")


def tidy(text: str) -> str:
    text = _WS.sub(" ", text).strip()
    text = _SPACE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_COMMA.sub(",", text)
    text = _EDGE_PUNCT.sub("", text)
    return text.strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def finish_text(text: str, *, prose: bool, speaker: str | None = None) -> str | None:
    """A clean self-contained statement, or None when the text cannot stand alone."""
    text = TRAILING_SOURCE.sub("", text)
    text = tidy(text)
    if prose:
        text = CONNECTIVES.sub("", text)
        text = DASH_ASIDE.sub(" ", text)
        text = COMMA_LIST_ASIDE.sub(" ", text)
        text = PARTICIPLE_ASIDE.sub(" ", text)
        text = tidy(text)
        m = QUOTE_FIRST.match(text)
        if m:
            text = f'{m.group("who")} {m.group("verb")}: "{m.group("q").strip()}"'
        if text.count('"') % 2:
            text = text.replace('"', "")
        if PRONOUN_START.match(text):
            first = text.split(" ", 1)[0].lower()
            if first in ("he", "she") and speaker:
                text = speaker + text[len(first) :]
            elif first in ("his", "her") and speaker and " " in text:
                text = speaker + "'s" + text[len(first) :]  # `His first play ...` -> `Havel's ...`
            else:
                return None
        ws = text.split()
        if len(ws) > 32:
            cut = re.search(r",\s+(?:but|adding|saying|which|while|although)\b|;\s", text)
            if cut and len(text[: cut.start()].split()) >= 8:
                text = text[: cut.start()]
    text = tidy(text.rstrip("."))
    text = _capitalise(text)
    n = len(words(text))
    if n < (2 if not prose else 3) or n > 70:
        return None
    return text


def _remove(text: str, start: int, end: int) -> str:
    left, right = text[:start], text[end:]
    # `On October 9, North Korea ...` -> drop the comma that closed the date phrase
    if not left.strip() and right.lstrip().startswith(","):
        right = right.lstrip()[1:]
    return tidy(left.rstrip() + " " + right.lstrip())


# -- timeline -------------------------------------------------------------------


def timeline_events(doc: Document) -> list[EventCand]:
    out: list[EventCand] = []
    for block in doc.timelines:
        current: EventCand | None = None
        prev_no = -1
        for ln in block:
            if ln.lead is not None:
                text = finish_text(ln.lead.rest, prose=False)
                current = None
                if text is not None:
                    current = EventCand(doc.name, ln.no, ln.lead.date, text, TIMELINE_ORIGIN)
                    out.append(current)
            elif ln.kind == TIMELINE and current is not None:
                if ln.text[:1].islower() and ln.no == prev_no + 1:
                    joined = finish_text(current.text + " " + ln.text, prose=False)
                    if joined:
                        current.text = joined
                else:
                    text = finish_text(ln.text, prose=False)
                    if text is not None:
                        out.append(EventCand(doc.name, ln.no, current.date, text, TIMELINE_ORIGIN))
            prev_no = ln.no
    return out


# -- prose ----------------------------------------------------------------------


def _quote_spans(text: str) -> list[tuple[int, int]]:
    idx = [i for i, ch in enumerate(text) if ch == '"']
    return [(idx[i], idx[i + 1]) for i in range(0, len(idx) - 1, 2)]


def _in_future(date: PartialDate, ref: PartialDate | None) -> bool:
    return ref is not None and date.first_day() > ref.last_day()


def _attributive(text: str, m: DateMention) -> str | None:
    """How a date is used: `possessive` (`North Korea's 2006 test`), `modifier`
    (`the 5 April launch`, `this month's launch`), or None (the sentence's date)."""
    after = text[m.end :]
    before = text[: m.start]
    if after.startswith("'s ") or after.startswith("' "):
        return "modifier"
    if m.shape == "possessive year":
        return "possessive"
    if re.search(r"\b(?:the|a|an|its|their|his|her)\s+$", before) and re.match(r"\s+[a-z]", after):
        return "modifier"
    return None


def _possessive_np(text: str, m: DateMention) -> str | None:
    owner = re.search(r"((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)'s\s+$", text[: m.start])
    noun = re.match(
        r"\s+((?:[a-z][\w-]*\s*){1,4}?)(?=$|[,.;:]|\s+(?:and|or|but|in|on|at|by|was|were|is|had|has|that|which|to)\b)",
        text[m.end :],
    )
    if not owner or not noun:
        return None
    return f"{owner.group(1)}'s {noun.group(1).strip()}"


def _clause(text: str, m: DateMention, others: list[DateMention]) -> tuple[str, int]:
    """The clause around one of several dates, and the offset where it starts."""
    breaks = [(b.start(), b.end()) for b in _CLAUSE_BREAK.finditer(text)]
    start, end = 0, len(text)
    for bs, be in breaks:
        if be <= m.start:
            # only break before m if another date lies before this break
            if any(o.end <= bs for o in others if o is not m):
                start = max(start, be)
        elif (
            bs >= m.end
            and end == len(text)
            # `passed on Dec. 22 after Republicans dropped ...`: the after-clause is part
            # of this event unless another date follows it
            and (text[bs:be].lstrip()[:1] in (",", ";") or any(o.start >= be for o in others))
        ):
            end = bs
    return text[start:end], start


_ONE_DAY = __import__("datetime").timedelta(days=1)
_RELATIVE = re.compile(r",\s+(?:who|which)\s+")
_ANTECEDENT = re.compile(r"((?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*)$")


def _relative_clause(text: str, m: DateMention) -> tuple[str | None, int, int] | None:
    """`Bush, who took office in January 2001, ...`: (antecedent, start, end) of the
    relative clause holding the date, or None when the date is not in one."""
    for r in _RELATIVE.finditer(text):
        end = text.find(",", r.end())
        end = len(text) if end < 0 else end
        if r.end() <= m.start and m.end <= end:
            ante = _ANTECEDENT.search(text[: r.start()])
            return (ante.group(1) if ante else None), r.end(), end
    return None


# `James Zadroga, a New York police detective who died in 2006, ...`: the person did it then
_WHO_BEFORE_DATE = re.compile(
    r"(?P<ante>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){1,3})(?P<appos>,\s+(?:a|an|the)\s+[^,;]{3,60}?)?"
    r"\s+who\s+(?P<pred>[a-z][a-z'-]*(?:\s+[a-z][\w'-]*){0,6})\s*$"
)


def _who_clause(text: str, m: DateMention) -> str | None:
    w = _WHO_BEFORE_DATE.search(text[: m.start].rstrip())
    if w is None or w.group("ante").split()[0].lower() in ("the", "a", "an", "in", "on"):
        return None
    after = text[m.end :].lstrip()
    if after and after[0] not in ",.;":
        return None  # the clause goes on past the date
    appos = (w.group("appos") or "") + ("," if w.group("appos") else "")
    return f"{w.group('ante')}{appos} {w.group('pred')}"


_FOLLOWING = re.compile(
    rf"\b(?:in\s+|on\s+)?the\s+(?:following|next)\s+(?P<what>year|day|(?P<mon>{_MON}))"
    r"|\b(?P<same>(?:later\s+)?that\s+(?:same\s+)?day|the\s+same\s+day)\b"
    r"|\b(?P<later>a|one|two|three|four|five|six|seven|eight|nine|ten|[1-9][0-9]?)\s+years?\s+"
    r"(?:later|afterwards)\b",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _following(text: str, prev: PartialDate | None) -> list[DateMention]:
    """`the following year`, `the following June`, `the next day`, `a year later`:
    resolved against the last date mentioned before them (this sentence or an
    earlier one), at the precision the phrase gives."""
    out: list[DateMention] = []
    if prev is None or (
        "follow" not in text
        and "next" not in text
        and "later" not in text
        and "same" not in text
        and "that day" not in text
    ):
        return out
    for m in _FOLLOWING.finditer(text):
        date: PartialDate | None = None
        try:
            if m.group("same"):
                date = prev if prev.day is not None and prev.end is None else None
            elif m.group("later"):
                n = m.group("later").lower()
                date = PartialDate(prev.year + (_NUMBER_WORDS[n] if n in _NUMBER_WORDS else int(n)))
            elif m.group("what") == "year":
                date = PartialDate(prev.year + 1)
            elif m.group("what") == "day":
                if prev.day is not None and prev.end is None:
                    date = PartialDate.from_date(prev.first_day() + _ONE_DAY)
            else:
                month = month_number(m.group("mon"))
                year = prev.year if prev.month is not None and month > prev.month else prev.year + 1
                date = PartialDate(year, month)
        except (ValueError, OverflowError):
            date = None
        if date is not None:
            out.append(DateMention(m.start(), m.end(), date, "following", True, True))
    return out


# A sentence opening on a person's name: who a later `he`/`she`/`his` refers to
# (`Havel was born in Prague ...`. `In 1959 he became ...`).
_PERSON_SUBJECT = re.compile(
    r"^(?P<who>(?:[A-Z][\w'-]+\s+){0,2}[A-Z][a-z][\w'-]*)"
    # `Boris Yeltsin, who died yesterday aged 76, was ...`: an aside before the verb
    r"(?:,\s+(?:who|whose|a|an|the)\s[^,]{1,80},)?"
    r"\s+(?:was|had|has|is|became|died|resigned|"
    r"moved|married|returned|joined|studied|wrote|won|lost|left|served|led|founded|co-founded|"
    r"helped|took|went|grew|began|worked|spent|entered|graduated)\b"
)
_NOT_PERSON = {
    "the",
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "this",
    "that",
    "it",
    "he",
    "she",
    "they",
    "we",
    "his",
    "her",
    "there",
    "when",
    "while",
    "but",
    "and",
}
# `Václav Havel (5 October 1936 – 18 December 2011) was ...`: birth and death dates
_LIFESPAN = re.compile(
    r"^(?P<who>(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'-]+)\s+\((?:born\s+|b\.\s+)?(?P<inner>[^()]{4,60})\)\s+"
    r"(?:is|was)\b"
)


def _person_subject(text: str) -> str | None:
    m = _PERSON_SUBJECT.match(text)
    if m is None:
        return None
    toks = m.group("who").split()
    if any(t.lower() in _NOT_PERSON for t in toks) or m.group("who") in COUNTRIES:
        return None
    return m.group("who")


def _lifespan(text: str, found: list[DateMention]) -> tuple[list[EventCand], set[int]] | None:
    """Birth (and death) events from a biography's opening parenthesis; the ids of
    the mentions it used, which are not events of the sentence itself."""
    m = _LIFESPAN.match(text)
    if m is None:
        return None
    a, b = m.start("inner"), m.end("inner")
    inside = [d for d in found if a <= d.start and d.end <= b + 1]
    if not inside or len(inside) > 2:
        return None
    who = m.group("who")
    out = []
    first = inside[0]
    if first.date.end is not None and len(inside) == 1:  # parsed as one range
        out.append(("born", first.date.start_only()))
        out.append(("died", first.date.end))
    else:
        out.append(("born", first.date))
        if len(inside) == 2:
            out.append(("died", inside[1].date))
    cands = [
        EventCand("", 0, d, f"{who} {'was born' if what == 'born' else 'died'}", PROSE_ORIGIN)
        for what, d in out
        if d is not None
    ]
    return cands, {id(d) for d in inside}


_SINCE_WHEN = re.compile(r"^\s*,?\s*when\s+(?P<clause>[^;]+?)\s*[.;]?$")
_PRONOUN_SUBJ = re.compile(r"^(?:he|she|it|they)\b", re.I)


def _since_when(text: str, m: DateMention) -> str | None:
    """`Mubarak had ruled Egypt since 1981, when he took over after ...`: the
    when-clause is what happened at the date (`Mubarak took over after ...`)."""
    w = _SINCE_WHEN.match(text[m.end :])
    if w is None:
        return None
    clause = w.group("clause")
    pm = _PRONOUN_SUBJ.match(clause)
    if pm:
        subj = _SUBJECT.match(text)
        if subj is None or PRONOUN_START.match(subj.group(0)):
            return None
        clause = subj.group(0) + clause[pm.end() :]
    return clause


# `is expected to declare independence in June`, `will be held on March 25`: a plan. A
# year-less date in it was pushed into the past by the never-after-the-page rule, so
# it is not the date of anything that happened.
_FUTURE = re.compile(
    r"\b(?:will|shall)\s+(?:be\s+held|take\s+place|begin|start|open|meet|visit|travel|hold|vote)\b"
    r"|\b(?:is|are)\s+(?:expected|due|scheduled|set|planned|likely|going)\s+to\b",
)
_YEARLESS = ("day month", "month day", "month day-range", "in month", "weekday")


# A live blog's entry stamp: `1604 GMT:`, `16:04 GMT -`, `4.04pm:`
LIVE_STAMP = re.compile(
    r"^(?:[0-2]\d[0-5]\d\s*(?:GMT|UTC|BST|CET|EST|ET)"
    r"|[0-2]?\d[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|E[SD]T|ET|P[SD]T|PT))?)"
    r"\s*(?::|-|–|—)\s+",
    re.I,
)
# entries that are the blogger talking, a quotation or a plan are not events
_LIVE_NOT_EVENT = re.compile(
    r"[\"“”:]|\b(?:I|we|We|our|Our|us|you|You|your|Your|[Tt]hanks?|[Tt]hat's it|recap|will|would|"
    r"expected|[Cc]ould|may|might|[Ss]tay with)\b"
)


def _live_entry(text: str, doc: Document, stamps: int) -> EventCand | None:
    """The first sentence of a live-blog entry with no date of its own happened on the page's
    day (`1604 GMT: Vice-President Omar Suleiman announces ...`)."""
    m = LIVE_STAMP.match(text)
    date = doc.date
    if m is None or stamps < 3 or date is None or date.day is None:
        return None
    rest = text[m.end() :].strip()
    if len(rest.split()) < 6 or _LIVE_NOT_EVENT.search(rest) or not rest[:1].isupper():
        return None
    return EventCand(doc.name, 0, date, rest, PROSE_ORIGIN)


def prose_events(doc: Document) -> list[EventCand]:
    out: list[EventCand] = []
    ref = doc.ref
    stamps = sum(1 for p in doc.paragraphs for ln in p if LIVE_STAMP.match(ln.text))
    speaker: str | None = None
    prev_date: PartialDate | None = None
    lifespan: list[EventCand] = []
    for para in doc.paragraphs:
        for sent in split_sentences(para):
            text = sent.text
            quotes = _quote_spans(text)
            found = find_dates(text, ref)
            if not found and stamps >= 3:
                live = _live_entry(text, doc, stamps)
                if live is not None:
                    final = finish_text(live.text, prose=True, speaker=speaker)
                    if final is not None:
                        out.append(EventCand(doc.name, sent.line, live.date, final, PROSE_ORIGIN))
                    continue
            life = _lifespan(text, found) if found and "(" in text else None
            if life is not None:
                cands, used = life
                for c in cands:
                    c.doc, c.line = doc.name, sent.line
                    out.append(c)
                    lifespan.append(c)
                found = [d for d in found if id(d) not in used]
                speaker = _LIFESPAN.match(text).group("who")  # type: ignore[union-attr]
            for m in found:
                if not m.usable and not _in_future(m.date, ref):
                    clause = _since_when(text, m)
                    final = finish_text(clause, prose=True) if clause else None
                    if final is not None:
                        out.append(EventCand(doc.name, sent.line, m.date, final, PROSE_ORIGIN))
            following: list[DateMention] = []
            for f in _following(text, prev_date or (found[0].date if found else None)):
                if not any(f.start < o.end and o.start < f.end for o in found):
                    following.append(f)
            if following:
                # each `following` phrase is resolved against the date just before it
                resolved = []
                for f in following:
                    before = [o for o in found if o.end <= f.start]
                    base = before[-1].date if before else prev_date
                    again = _following(text[f.start : f.end], base)
                    if again:
                        resolved.append(DateMention(f.start, f.end, again[0].date, f.shape, True))
                found = sorted(found + resolved, key=lambda d: d.start)
            if found:
                prev_date = found[-1].date.start_only() if found[-1].date.end else found[-1].date
            fut = _FUTURE.search(text)
            future_from = fut.start() if fut is not None else len(text) + 1
            mentions = [
                m
                for m in found
                if m.usable
                and not _in_future(m.date, ref)
                and not (
                    m.start > future_from
                    and m.shape in _YEARLESS
                    # `..., the minister said Wednesday`: the date of the saying
                    and not re.search(r"\b(?:said|says|told|announced|added)\s*$", text[: m.start])
                )
                and not any(a < m.start < b for a, b in quotes)
            ]
            found_speaker = SAID_WHO.search(text)
            if (
                text.strip().startswith('"')
                and text.count('"') == 2
                and text.rstrip().endswith('"')
            ):
                mentions = []  # a bare quotation
            primary = []
            for m in mentions:
                kind = _attributive(text, m)
                if kind == "possessive":
                    np = _possessive_np(text, m)
                    if np:
                        out.append(
                            EventCand(
                                doc.name,
                                sent.line,
                                m.date.start_only() if m.date.end is None else m.date,
                                _capitalise(np),
                                PROSE_ORIGIN,
                            )
                        )
                elif kind == "modifier":
                    out.append(EventCand(doc.name, sent.line, m.date, tidy(text), ATTACH_ORIGIN))
                else:
                    primary.append(m)
            for m in primary:
                who = _who_clause(text, m)
                if who is not None:
                    final = finish_text(who, prose=True)
                    if final is not None:
                        out.append(EventCand(doc.name, sent.line, m.date, final, PROSE_ORIGIN))
                        continue
                rel = _relative_clause(text, m)
                if rel is not None:
                    antecedent, rs, rend = rel
                    if antecedent is None:
                        continue
                    body = antecedent + " " + _remove(text[rs:rend], m.start - rs, m.end - rs)
                    final = finish_text(body, prose=True, speaker=speaker)
                    if final is not None:
                        out.append(EventCand(doc.name, sent.line, m.date, final, PROSE_ORIGIN))
                    continue
                if len(primary) == 1:
                    clause, offset = text, 0
                else:
                    clause, offset = _clause(text, m, primary)
                    head = clause.strip()
                    if head[:1].islower() and not re.match(
                        r"(?:the|a|an|its|his|her|their)\b", head
                    ):
                        subj = _SUBJECT.match(text)
                        if subj is None:
                            continue
                        clause = subj.group(0) + " " + clause.strip()
                        offset -= len(subj.group(0)) + 1
                s, e = m.start - offset, m.end - offset
                if not (0 <= s <= e <= len(clause)):
                    continue
                body = _remove(clause, s, e)
                final = finish_text(body, prose=True, speaker=speaker)
                if final is None:
                    continue
                out.append(EventCand(doc.name, sent.line, m.date, final, PROSE_ORIGIN))
            if found_speaker:
                speaker = found_speaker.group("who")
            else:
                lead = found[0].end if found and found[0].start == 0 else 0  # `In 1978 Havel ...`
                speaker = _person_subject(text[lead:].lstrip(" ,")) or speaker
    if lifespan:  # the body's own `Havel died on 18 December 2011 at ...` says it better
        dated = {c.date.iso() for c in out if all(c is not x for x in lifespan)}
        out = [c for c in out if all(c is not x for x in lifespan) or c.date.iso() not in dated]
    return out


def extract_events(doc: Document) -> list[EventCand]:
    return timeline_events(doc) + prose_events(doc)
