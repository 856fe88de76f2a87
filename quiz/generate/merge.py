"""Merging: passing mentions join the event they mention, the same event or fact
from several documents becomes one card with every source, conflicting dates
are flagged."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from quiz.dates import PartialDate, Precision
from quiz.generate.clean import Document
from quiz.generate.extract import ATTACH_ORIGIN, PROSE_ORIGIN, TIMELINE_ORIGIN, EventCand
from quiz.generate.facts import (
    ACRONYM_FACT,
    AFFILIATION_FACT,
    MEMBERS_FACT,
    ROLE_FACT,
    FactCand,
    country_key,
    norm_key,
    qualifiers_compatible,
    role_mentions,
)
from quiz.generate.ids import normalise

MERGE_RATIO = 90.0
CONFLICT_RATIO = 95.0

STOP = set(
    """a an the of to in on at for by with from and or but as is are was were be been being its it
this that these those his her their there here which who whom whose what when where into onto
over under after before than then so such not no nor also has have had do does did will would
can could may might
shall should about up out off s says said""".split()
)


def stem(t: str) -> str:
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 5 and t.endswith("es") and t[-3] in "sxh":
        return t[:-2]
    if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
        return t[:-1]
    return t


def content(text: str) -> set[str]:
    return {stem(t) for t in normalise(text).split() if t not in STOP}


def consistent(a: PartialDate, b: PartialDate) -> bool:
    p = Precision(min(a.precision, b.precision))
    return a.truncate(p).iso() == b.truncate(p).iso()


@dataclass(slots=True)
class MergedEvent:
    date: PartialDate
    text: str
    sources: list[tuple[str, int]]
    norm: str
    origin: str
    conflict_dates: list[tuple[str, int, PartialDate]] = field(default_factory=list)
    doc_set: set[str] = field(default_factory=set)

    @property
    def docs(self) -> list[str]:
        return sorted({d for d, _ in self.sources})


# -- events ---------------------------------------------------------------------


def attach_within_doc(
    cands: list[EventCand],
) -> tuple[list[EventCand], list[tuple[EventCand, EventCand]]]:
    """Drop passing mentions (`the 5 April launch`) into the event they refer to.

    Returns the remaining candidates and the (mention, target) pairs attached.
    Candidates are indexed by year (consistent dates share their year), so a
    document with thousands of dates stays near-linear.
    """
    anchors_by_year: dict[int, list[tuple[EventCand, set[str]]]] = defaultdict(list)
    anchors_by_day: dict[str, list[tuple[EventCand, set[str]]]] = defaultdict(list)
    prose_by_year: dict[int, list[tuple[EventCand, set[str]]]] = defaultdict(list)
    for c in cands:
        if c.origin == TIMELINE_ORIGIN:
            entry = (c, content(c.text))
            anchors_by_year[c.date.year].append(entry)
            anchors_by_day[c.date.iso()].append(entry)
    kept: list[EventCand] = []
    attached: list[tuple[EventCand, EventCand]] = []
    for c in cands:
        if c.origin == TIMELINE_ORIGIN:
            kept.append(c)
            continue
        words = content(c.text)
        target = None
        if c.origin == ATTACH_ORIGIN:
            year = c.date.year
            for a, a_words in anchors_by_year.get(year, []) + prose_by_year.get(year, []):
                if consistent(a.date, c.date) and words & a_words:
                    target = a
                    break
            if target is None:
                continue  # a passing mention of something we have no event for
        elif c.date.precision is Precision.DAY:
            for a, a_words in anchors_by_day.get(c.date.iso(), []):
                if a.date == c.date and len(words & a_words) >= 2:
                    target = a
                    break
        if target is not None:
            attached.append((c, target))
        else:
            kept.append(c)
            if c.origin == PROSE_ORIGIN:
                prose_by_year[c.date.year].append((c, words))
    return kept, attached


_NUMBER = re.compile(r"\d+")


def number_signature(norm: str) -> frozenset[str]:
    """Numbers in an event's text other than days and years (`resolution 1718`, `3 missiles`).

    Texts that differ in such numbers are different events however alike the words are,
    and bucketing by the signature keeps fuzzy merging near-linear on huge documents.
    """
    return frozenset(n for n in _NUMBER.findall(norm) if not (int(n) <= 31 or 1000 <= int(n) <= 2999))


def merge_events(per_doc: list[list[EventCand]]) -> tuple[list[MergedEvent], int, int]:
    """One MergedEvent per distinct event. Returns (events, duplicates merged, conflicts)."""
    merged: list[MergedEvent] = []
    buckets: dict[tuple[int, frozenset[str]], list[int]] = defaultdict(list)
    bucket_norms: dict[tuple[int, frozenset[str]], list[str]] = defaultdict(list)
    dup = conflicts = 0
    for cands in per_doc:
        kept, attached = attach_within_doc(cands)
        dup += len(attached)
        index_of: dict[int, int] = {}
        for c in kept:
            norm = normalise(c.text)
            sig = number_signature(norm)
            hit = None
            conflict_hit = None
            for year in (c.date.year, c.date.year - 1, c.date.year + 1):
                ids = buckets.get((year, sig))
                if not ids:
                    continue
                for _choice, score, j in process.extract(
                    norm, bucket_norms[(year, sig)], scorer=fuzz.ratio, score_cutoff=MERGE_RATIO,
                    limit=5,
                ):
                    i = ids[j]
                    m = merged[i]
                    if consistent(m.date, c.date):
                        hit = i
                        break
                    if (
                        score >= CONFLICT_RATIO
                        and c.doc not in m.doc_set
                        and abs(m.date.year - c.date.year) <= 1
                        and conflict_hit is None
                    ):
                        conflict_hit = i
                if hit is not None:
                    break
            if hit is None and conflict_hit is not None:
                m = merged[conflict_hit]
                if not m.conflict_dates:
                    conflicts += 1
                m.conflict_dates.append((c.doc, c.line, c.date))
                hit = conflict_hit
            if hit is not None:
                m = merged[hit]
                dup += 1
                m.sources.append((c.doc, c.line))
                m.doc_set.add(c.doc)
                if (
                    m.date.precision < c.date.precision
                    and consistent(m.date, c.date)
                    and not m.conflict_dates
                ):
                    m.date = c.date
                if m.origin != TIMELINE_ORIGIN and c.origin == TIMELINE_ORIGIN:
                    m.origin = TIMELINE_ORIGIN
            else:
                hit = len(merged)
                merged.append(
                    MergedEvent(c.date, c.text, [(c.doc, c.line)], norm, c.origin, doc_set={c.doc})
                )
                buckets[(c.date.year, sig)].append(hit)
                bucket_norms[(c.date.year, sig)].append(norm)
            index_of[id(c)] = hit
        for mention, target in attached:
            i = index_of.get(id(target))
            if i is not None:
                merged[i].sources.append((mention.doc, mention.line))
    for m in merged:
        m.sources = sorted(set(m.sources))
    return merged, dup, conflicts


# -- facts ----------------------------------------------------------------------


@dataclass(slots=True)
class MergedFact:
    kind: str
    subject: str
    value: str
    sources: list[tuple[str, int]]
    spellings: list[str]
    qualifier: str | None = None
    possessive: bool = False
    role: str | None = None
    place: str | None = None
    members: frozenset[str] = frozenset()
    subject_variants: list[str] = field(default_factory=list)
    when: list[PartialDate] = field(default_factory=list)
    """Dates of the timeline entries the fact came from (empty: the documents' dates)."""

    @property
    def docs(self) -> list[str]:
        return sorted({d for d, _ in self.sources})

    def key(self) -> str:
        if self.kind == ROLE_FACT:
            person, role = person_key(self.spellings[0]), (self.role or "").lower()
            return f"role|{person}|{role}|{country_key(self.qualifier)}"
        if self.kind == AFFILIATION_FACT:
            return f"affil|{person_key(self.spellings[0])}|{self.qualifier}|{self.place}"
        if self.kind == ACRONYM_FACT:
            return f"acr|{self.value}|{norm_key(self.subject)}"
        return f"members|{group_key(self.subject)}|{'+'.join(sorted(self.members))}"


def person_key(name: str) -> str:
    toks = norm_key(name).split()
    return " ".join(toks)


def same_person(a: str, b: str) -> bool:
    ta, tb = norm_key(a).split(), norm_key(b).split()
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return fuzz.ratio(" ".join(ta[:-1]), " ".join(tb[:-1])) >= 80


def roles_compatible(a: str | None, b: str | None) -> bool:
    ra, rb = (a or "").lower().split(), (b or "").lower().split()
    if not ra or not rb:
        return True
    return ra[-1] == rb[-1] and (ra == rb or set(ra) <= set(rb) or set(rb) <= set(ra))


_GROUP = re.compile(
    r"^(?P<num>[a-z0-9]+)-(?:nation|party|way|power|country|member|state|sided)s?\s+"
    r"(?P<head>talks|negotiations|discussions|group|forum)$",
    re.I,
)


def group_key(subject: str) -> str:
    m = _GROUP.match(subject.strip())
    if m:
        return f"{m.group('num').lower()}-talks"
    return norm_key(subject)


def group_variants(docs: list[Document]) -> dict[str, Counter[str]]:
    """Every spelling of `six-party talks` style names in the corpus, by group key."""
    pat = re.compile(
        r"\b([a-z0-9]+-(?:nation|party|way|power|country|member|state|sided)s?\s+"
        r"(?:talks|negotiations|discussions))\b",
        re.I,
    )
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for para in doc.paragraphs:
            for ln in para:
                for m in pat.finditer(ln.text):
                    name = m.group(1).lower()
                    out[group_key(name)][name] += 1
    return out


def merge_facts(cands: list[FactCand], docs: list[Document]) -> tuple[list[MergedFact], int]:
    merged: list[MergedFact] = []
    dup = 0
    by_doc = {d.name: d for d in docs}
    full = [c for c in cands if not c.surname_only]
    surnames = [c for c in cands if c.surname_only]
    index: dict[tuple[str, str], list[MergedFact]] = defaultdict(list)

    def bucket(kind: str, subject: str, value: str) -> tuple[str, str]:
        if kind in (ROLE_FACT, AFFILIATION_FACT):
            toks = norm_key(subject).split()
            return kind, (toks[-1] if toks else "") + "|" + (value.lower().split() or [""])[-1]
        if kind == ACRONYM_FACT:
            return kind, value
        return kind, group_key(subject)

    for c in full:
        hit = None
        key = bucket(c.kind, c.subject, c.value)
        for m in index[key]:
            if c.kind == ROLE_FACT:
                if (
                    any(same_person(s, c.subject) for s in m.spellings)
                    and roles_compatible(m.role, c.role)
                    and qualifiers_compatible(m.qualifier, c.qualifier)
                ):
                    hit = m
            elif c.kind == AFFILIATION_FACT:
                if same_person(m.subject, c.subject) and m.qualifier == c.qualifier:
                    hit = m
            elif c.kind == ACRONYM_FACT:
                if m.value == c.value and norm_key(m.subject) == norm_key(c.subject):
                    hit = m
            elif c.kind == MEMBERS_FACT:
                if group_key(m.subject) == group_key(c.subject) and (
                    m.members == c.members
                    or len(m.members & c.members) / len(m.members | c.members) >= 0.8
                ):
                    hit = m
            if hit is not None:
                break
        if hit is None:
            merged.append(
                MergedFact(
                    c.kind,
                    c.subject,
                    c.value,
                    [(c.doc, c.line)],
                    [c.subject],
                    c.qualifier,
                    c.possessive,
                    c.role,
                    c.place,
                    c.members,
                    [c.subject],
                    [c.when] if c.when is not None else [],
                )
            )
            index[key].append(merged[-1])
            continue
        dup += 1
        hit.sources.append((c.doc, c.line))
        if c.when is not None and hit.when:
            hit.when.append(c.when)
        elif c.when is None:
            hit.when = []  # also stated by a page: its date counts
        if c.subject not in hit.spellings and c.kind in (ROLE_FACT, AFFILIATION_FACT):
            hit.spellings.append(c.subject)
        if c.subject not in hit.subject_variants:
            hit.subject_variants.append(c.subject)
        if hit.qualifier is None and c.qualifier is not None:
            hit.qualifier, hit.possessive = c.qualifier, c.possessive
        if c.role and hit.role and len(c.role) > len(hit.role):
            hit.role = c.role
    # `President Putin` joins `President Vladimir Putin` of the same document
    for c in surnames:
        for m in index[bucket(ROLE_FACT, c.subject, c.value)]:
            if (
                m.kind == ROLE_FACT
                and c.doc in m.docs
                and same_person(m.subject, c.subject)
                and roles_compatible(m.role, c.role)
            ):
                m.sources.append((c.doc, c.line))
                dup += 1
                break
    _corroborate(merged, by_doc)
    guessed: list[MergedFact] = []
    for m in merged:
        if m.kind == ROLE_FACT and m.qualifier is None:
            for d in m.docs:
                country = by_doc[d].country if d in by_doc else None
                if country:
                    guessed.append(m)
                    if country.startswith("the "):
                        m.qualifier, m.possessive = country[4:], False
                    else:
                        m.qualifier, m.possessive = country, True
                    break
        m.sources = sorted(set(m.sources))
    # A country guessed from the dateline loses to a stated one: `President Anwar Sadat` in a
    # Cairo story is not Egypt's President when the page names `Egyptian President Hosni Mubarak`.
    drop = {
        id(g)
        for g in guessed
        for m in merged
        if m is not g
        and m not in guessed
        and m.kind == ROLE_FACT
        and (m.role or "").lower() == (g.role or "").lower()
        and qualifiers_compatible(m.qualifier, g.qualifier)
        and set(m.docs) & set(g.docs)
        and not any(same_person(a, b) for a in m.spellings for b in g.spellings)
    }
    merged = [m for m in merged if id(m) not in drop]
    _bare_titles(merged, by_doc)
    return [m for m in merged if not (m.kind == ROLE_FACT and m.qualifier is None)], dup


# a title that names one post on its own page (`The Foreign Secretary William Hague`,
# `Prime Minister Tony Blair`) when no country is stated or guessable
_HEAD_OF_STATE = {"president", "chancellor", "taoiseach", "premier", "king", "queen", "pope"}
_GENERIC_TITLE = {"minister", "secretary", "leader", "head", "chief", "director", "commander",
                  "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "governor",
                  "mayor", "senator", "commissioner", "chairman", "chairwoman", "general"}


def _bare_titles(merged: list[MergedFact], by_doc: dict[str, Document]) -> None:
    for m in merged:
        if m.kind != ROLE_FACT or m.qualifier is not None or not m.role or len(m.docs) != 1:
            continue
        d = m.docs[0]
        if d in by_doc and by_doc[d].country:
            continue
        words = re.split(r"[\s-]+", m.role)  # `Vice-President`: two words
        if not all(w[:1].isupper() for w in words) or len(norm_key(m.subject).split()) < 2:
            continue
        if len(words) == 1 and words[0].lower() not in _HEAD_OF_STATE:
            continue
        if len(words) > 1 and words[-1].lower() not in _GENERIC_TITLE | _HEAD_OF_STATE:
            continue
        # another holder of the same post on the page: the title alone is ambiguous
        if any(
            o is not m
            and o.kind == ROLE_FACT
            and d in o.docs
            and (o.role or "").lower().endswith(m.role.lower())
            and not same_person(o.subject, m.subject)
            for o in merged
        ):
            continue
        m.qualifier, m.possessive = "", False


def _corroborate(merged: list[MergedFact], by_doc: dict[str, Document]) -> None:
    """A document that names the person and mentions the role (same country) also backs the fact."""
    surname_docs: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, str] = {}
    roles: dict[str, list[tuple[int, str, str]]] = {}
    for name, doc in by_doc.items():
        lines = [(ln.no, ln.text) for p in doc.paragraphs for ln in p]
        texts[name] = "\n".join(t for _, t in lines)
        roles[name] = [
            (no, role.lower(), qual)
            for no, t in lines
            for role, qual, _p, _a, _o in role_mentions(t)
            if qual
        ]
        for tok in sorted(set(re.findall(r"\b[A-Z][a-z]+(?:-[a-z]+)?\b", texts[name]))):
            surname_docs[tok.lower()].append(name)
    for m in merged:
        if m.kind != ROLE_FACT or m.qualifier is None or not m.role:
            continue
        surname = norm_key(m.subject).split()[-1]
        role = m.role.lower()
        for d in surname_docs.get(surname, ()):
            if d in m.docs or not roles[d] or not any(s in texts[d] for s in m.spellings):
                continue
            for no, r, qual in roles[d]:
                if r == role and qualifiers_compatible(qual, m.qualifier):
                    m.sources.append((d, no))
                    break
