"""`quiz generate`: documents in, decks out.

read -> clean (clean.py) -> events (extract.py) + facts (facts.py) -> merge
(merge.py) -> cards with stable ids (ids.py) -> one deck per topic (documents
that share a card) -> YAML via quiz.deck.write.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

from quiz.dates import MONTH_NAMES, PartialDate
from quiz.deck.model import Card, CardKind, Deck, DocSource, SourceRef
from quiz.deck.write import dump_deck, write_deck
from quiz.errors import QuizError
from quiz.generate.clean import Document, clean
from quiz.generate.extract import EventCand, extract_events
from quiz.generate.facts import (
    ACRONYM_FACT,
    AFFILIATION_FACT,
    MEMBERS_FACT,
    ROLE_FACT,
    FactCand,
    extract_facts,
)
from quiz.generate.ids import event_id, fact_id, keep_old_ids, normalise, read_old_cards, slug
from quiz.generate.merge import (
    MergedEvent,
    MergedFact,
    group_key,
    group_variants,
    merge_events,
    merge_facts,
)

DOC_SUFFIXES = (".txt", ".md")


@dataclass(slots=True)
class GenerateSummary:
    documents: int = 0
    events: int = 0
    facts: int = 0
    duplicates_merged: int = 0
    lines_skipped: int = 0
    conflicts: int = 0
    decks: int = 0
    failed: list[str] = field(default_factory=list)
    out_dir: Path | None = None
    seconds: float = 0.0
    conflict_notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (
            f"generate: {self.documents} documents, {self.events} events, {self.facts} facts, "
            f"{self.duplicates_merged} duplicates merged, {self.lines_skipped} lines skipped, "
            f"{self.conflicts} conflicts -> {self.decks} deck{'s' if self.decks != 1 else ''}"
        )
        if self.out_dir is not None:
            text += f" in {self.out_dir}"
        if self.failed:
            text += f" ({len(self.failed)} unreadable: {', '.join(self.failed[:3])})"
        if not self.documents and not self.failed:
            text += (
                f"; no {' or '.join('*' + s for s in DOC_SUFFIXES)} documents in the corpus folder"
            )
        return text


# -- reading --------------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def read_document(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if path.suffix.lower() == ".md":
        text = _MD_LINK.sub(r"\1", text)
        text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)
        text = re.sub(r"\*\*|__", "", text)
        # single-mark emphasis around a whole phrase: `_Last updated: 22 May 2006_`
        text = re.sub(r"(?<![\w*_])[_*](?=\S)([^_*\n]+?)(?<=\S)[_*](?![\w*_])", r"\1", text)
    return text


def list_documents(corpus_dir: Path) -> list[Path]:
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.exists():
        raise QuizError(f"corpus directory {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise QuizError(
            f"{corpus_dir} is not a directory (expected a folder of *.txt / *.md documents)"
        )
    try:
        paths = [
            p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in DOC_SUFFIXES
        ]
    except OSError as exc:
        raise QuizError(
            f"cannot read corpus directory {corpus_dir}: {exc.strerror or exc}"
        ) from exc
    return sorted(paths, key=lambda p: p.name)


def analyse(name: str, text: str) -> tuple[Document, list[EventCand], list[FactCand]]:
    """Clean one document and extract its candidate events and facts."""
    doc = clean(name, text)
    return doc, extract_events(doc), extract_facts(doc)


# -- cards ----------------------------------------------------------------------


def _when(dates: list[PartialDate]) -> str | None:
    if not dates:
        return None
    months = {(d.year, d.month) for d in dates}
    years = sorted({d.year for d in dates})
    if len(months) == 1 and dates[0].month is not None:
        y, m = next(iter(months))
        return f"{MONTH_NAMES[m or 1]} {y}"
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}-{years[-1]}"


def _refs(sources: list[tuple[str, int]]) -> tuple[SourceRef, tuple[SourceRef, ...]]:
    refs = [SourceRef(d, ln) for d, ln in sources]
    return refs[0], (tuple(refs) if len(refs) > 1 else ())


def _leaks(answer: str, prompt: str) -> bool:
    a, p = normalise(answer), normalise(prompt)
    return bool(a) and f" {a} " in f" {p} "


def event_card(m: MergedEvent, doc_names: dict[str, str]) -> Card:
    source, sources = _refs(m.sources)
    conflict = None
    if m.conflict_dates:
        first = m.sources[0]
        parts = [f"{first[0]}:{first[1]} says {m.date}"]
        parts += [f"{d}:{ln} says {dt}" for d, ln, dt in m.conflict_dates]
        conflict = "documents disagree on the date: " + "; ".join(parts)
    end = m.date.end
    date = m.date if end is None else PartialDate(m.date.year, m.date.month, m.date.day, end)
    return Card(
        id=event_id(m.text, m.date.iso()),
        kind=CardKind.EVENT,
        text=m.text,
        date=date,
        source=source,
        sources=sources,
        conflict=conflict,
    )


def _person_answer(spellings: list[str]) -> tuple[str, tuple[str, ...]]:
    first = spellings[0]
    others = [s for s in spellings[1:] if normalise(s) != normalise(first)]
    answer = first if not others else f"{first} (also spelled {', '.join(others)})"
    aliases = tuple(dict.fromkeys(spellings))
    return answer, aliases


_ORG_LAST = {"Union", "Nations", "League", "Party", "Council", "Commission", "Agency", "Congress"}


def fact_card(
    m: MergedFact, doc_dates: dict[str, PartialDate | None], variants: dict[str, Counter[str]]
) -> Card | None:
    source, sources = _refs(m.sources)
    dates = [d for d in (doc_dates.get(doc) for doc in m.docs) if d is not None]
    if m.when:
        dates = list(m.when)
    when = _when(dates)
    if m.kind == ROLE_FACT:
        q, role = m.qualifier or "", m.role or ""
        if m.possessive and len(q.split()) >= 2 and q.split()[-1] in _ORG_LAST:
            q = "the " + q  # `the European Union's foreign policy chief`
        phrase = f"{q}'s {role}" if m.possessive else f"the {q} {role}" if q else f"the {role}"
        prompt = f"Who was {phrase} in {when}?" if when else f"Who is {phrase}?"
        answer, aliases = _person_answer(m.spellings)
        reverse = (
            f"What post did {m.spellings[0]} hold in {when}?"
            if when
            else f"What post does {m.spellings[0]} hold?"
        )
        reverse_answer = phrase[4:] if phrase.startswith("the ") else phrase
        reverse_answer = reverse_answer[:1].upper() + reverse_answer[1:]
    elif m.kind == AFFILIATION_FACT:
        prompt = f"Who was the {m.qualifier}'s correspondent in {m.place}" + (
            f", as of {when}?" if when else "?"
        )
        answer, aliases = _person_answer(m.spellings)
        reverse = f"What was {m.spellings[0]}'s job" + (f" in {when}?" if when else "?")
        reverse_answer = m.value
    elif m.kind == ACRONYM_FACT:
        prompt = f"What does {m.value} stand for?"
        answer, aliases = m.subject, ()
        reverse = f"What is the abbreviation for {m.subject}?"
        reverse_answer = m.value
    elif m.kind == MEMBERS_FACT:
        counts: Counter[str] = Counter()
        gk = group_key(m.subject)
        counts.update(variants.get(gk, Counter()))
        for v in m.subject_variants:
            counts[v.lower()] += 0
        names = sorted(counts, key=lambda v: (-counts[v], v)) or [m.subject]
        if not counts:
            names = [m.subject]
        group = names[0]
        aka = [v for v in names[1:4] if normalise(v) != normalise(group)]
        prompt = (
            f"Who takes part in the {group}"
            + (f" (also called the {' / '.join(aka)})" if aka else "")
            + "?"
        )
        answer, aliases = m.value, ()
        head = group.split()[-1]
        reverse = f"Which {head} include {m.value}?"
        reverse_answer = group
    else:  # pragma: no cover - every kind is handled above
        return None
    if _leaks(answer, prompt) or any(_leaks(a, prompt) for a in aliases if len(a) > 3):
        return None
    if _leaks(reverse_answer, reverse):
        reverse, reverse_answer = None, None
    return Card(
        id=fact_id(m.key()),
        kind=CardKind.FACT,
        prompt=prompt,
        answer=answer,
        aliases=tuple(a for a in aliases if a != answer),
        reverse=reverse,
        reverse_answer=reverse_answer,
        source=source,
        sources=sources,
    )


# -- decks ----------------------------------------------------------------------

_PHRASE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
_NOT_TOPIC = {
    "The",
    "But",
    "In",
    "On",
    "At",
    "Last",
    "This",
    "Mr",
    "Mrs",
    "And",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "Page",
    "Image",
    "Print",
    "Read",
    "Even",
    "State",
    "President",
    "Foreign",
    "Prime",
    "Secretary",
    "Following",
    "After",
    "Before",
    "When",
    "While",
    "Copyright",
    "Sign",
}
_NOT_TOPIC |= set(MONTH_NAMES[1:]) | {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}


def _topic(docs: list[Document]) -> str:
    counts: Counter[str] = Counter()
    for d in docs:
        for para in d.paragraphs:
            for ln in para:
                for m in _PHRASE.finditer(ln.text):
                    toks = m.group(0).split()
                    while toks and toks[0] in _NOT_TOPIC:
                        toks.pop(0)
                    if len(toks) >= 2 and len(toks) <= 3:
                        counts[" ".join(toks)] += 1
    if not counts:
        return docs[0].title
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


class _UnionFind:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def build_decks(
    docs: list[Document],
    events: list[MergedEvent],
    facts: list[MergedFact],
    variants: dict[str, Counter[str]],
) -> list[Deck]:
    names = [d.name for d in docs]
    by_name = {d.name: d for d in docs}
    doc_dates = {d.name: d.date for d in docs}
    uf = _UnionFind(names)
    cards: list[tuple[Card, list[str]]] = []
    for m in events:
        cards.append((event_card(m, {}), m.docs))
    for f in facts:
        card = fact_card(f, doc_dates, variants)
        if card is not None:
            cards.append((card, f.docs))
    for _card, ds in cards:
        for d in ds[1:]:
            uf.union(ds[0], d)
    groups: dict[str, list[Card]] = {}
    for card, ds in cards:
        groups.setdefault(uf.find(ds[0]), []).append(card)
    decks: list[Deck] = []
    used_ids: set[str] = set()
    for root in sorted(groups):
        members = sorted(n for n in names if uf.find(n) == root)
        mdocs = [by_name[n] for n in members]
        years = sorted({d.date.year for d in mdocs if d.date is not None})
        if len(mdocs) == 1:
            title = mdocs[0].title
            base = slug(title)
        else:
            label = _topic(mdocs)
            span = (
                ""
                if not years
                else (f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}")
            )
            title = f"{label}, {span}" if span else label
            base = slug(f"{label} {span}")
        deck_id, n = base, 2
        while deck_id in used_ids:
            deck_id, n = f"{base}-{n}", n + 1
        used_ids.add(deck_id)
        deck_cards = _order(groups[root])
        sources = tuple(DocSource(d.name, d.title, d.date.iso() if d.date else None) for d in mdocs)
        plural = "s" if len(mdocs) != 1 else ""
        desc = f"Generated by quiz generate from {len(mdocs)} document{plural}."
        decks.append(Deck(deck_id, title, tuple(deck_cards), sources, desc))
    return decks


def _order(cards: list[Card]) -> list[Card]:
    events = sorted(
        (c for c in cards if c.kind is CardKind.EVENT),
        key=lambda c: (c.date.sort_key() if c.date else (0, 0, 0, 0), c.text or "", c.id),
    )
    facts = sorted(
        (c for c in cards if c.kind is not CardKind.EVENT), key=lambda c: (c.prompt or "", c.id)
    )
    out: list[Card] = []
    seen: set[str] = set()
    for c in events + facts:
        cid, n = c.id, 2
        while cid in seen:
            cid, n = f"{c.id}-{n}", n + 1
        seen.add(cid)
        out.append(c if cid == c.id else _with_id(c, cid))
    return out


def _with_id(card: Card, new_id: str) -> Card:
    from dataclasses import replace

    return replace(card, id=new_id)


def _card_dict(c: Card) -> dict:
    return {
        "id": c.id,
        "kind": c.kind.value,
        "date": c.date.iso() if c.date else None,
        "text": c.text,
        "prompt": c.prompt,
        "answer": c.answer,
    }


def _preserve_ids(decks: list[Deck], out_dir: Path) -> list[Deck]:
    old = read_old_cards(out_dir)
    if not old:
        return decks
    out = []
    for deck in decks:
        new_cards = [_card_dict(c) for c in deck.cards]
        keep = keep_old_ids(new_cards, old)
        if keep:
            cards = tuple(
                _with_id(c, keep[i]) if i in keep else c for i, c in enumerate(deck.cards)
            )
            deck = Deck(deck.id, deck.title, cards, deck.sources, deck.description, deck.tags)
        out.append(deck)
    return out


def _remove_stale(out_dir: Path, written: set[str]) -> None:
    """Delete generated decks from an earlier run that this run no longer produces."""
    for path in sorted(out_dir.glob("*.yaml")):
        if path.name in written:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("deck"), dict):
            continue
        cards = data.get("cards") or []
        if (
            data["deck"].get("sources")
            and isinstance(cards, list)
            and all(isinstance(c, dict) and "source" in c for c in cards)
        ):
            path.unlink()


# -- the command ----------------------------------------------------------------


class _Progress:
    def __init__(self, stream: TextIO | None, total: int) -> None:
        self.stream, self.total = stream, total
        self.tty = bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())
        self.step = max(1, total // 10)
        self.active = stream is not None and total >= 20

    def update(self, done: int, name: str) -> None:
        if not self.active or self.stream is None:
            return
        if self.tty:
            width = 30
            fill = int(width * done / self.total)
            self.stream.write(
                f"\rreading [{'#' * fill}{'.' * (width - fill)}] {done}/{self.total} "
                f"{name[:30]:<30}"
            )
            self.stream.flush()
        elif done % self.step == 0 or done == self.total:
            self.stream.write(f"reading documents: {done}/{self.total}\n")
            self.stream.flush()

    def note(self, text: str) -> None:
        if self.stream is None:
            return
        if self.tty and self.active:
            self.stream.write("\r" + " " * 80 + "\r")
        self.stream.write(text + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.active and self.tty and self.stream is not None:
            self.stream.write("\n")
            self.stream.flush()


def generate_decks(
    texts: list[tuple[str, str]],
    progress: _Progress | None = None,
    summary: GenerateSummary | None = None,
) -> list[Deck]:
    """Decks for in-memory documents (name, text), in name order. No files are touched."""
    summary = summary if summary is not None else GenerateSummary()
    docs: list[Document] = []
    ev_per_doc: list[list[EventCand]] = []
    fact_cands: list[FactCand] = []
    for i, (name, text) in enumerate(texts, 1):
        try:
            doc, evs, fcs = analyse(name, text)
        except Exception as exc:  # noqa: BLE001 - one odd document must not stop the run
            summary.failed.append(name)
            if progress is not None:
                progress.note(f"generate: skipped {name}: {type(exc).__name__}: {exc}")
            continue
        docs.append(doc)
        ev_per_doc.append(evs)
        fact_cands.extend(fcs)
        summary.lines_skipped += doc.skipped
        if progress is not None:
            progress.update(i, name)
    summary.documents = len(docs)
    events, dup_e, conflicts = merge_events(ev_per_doc)
    facts, dup_f = merge_facts(fact_cands, docs)
    variants = group_variants(docs)
    decks = build_decks(docs, events, facts, variants)
    summary.events = sum(1 for d in decks for c in d.cards if c.kind is CardKind.EVENT)
    summary.facts = sum(1 for d in decks for c in d.cards if c.kind is CardKind.FACT)
    summary.duplicates_merged = dup_e + dup_f
    summary.conflicts = conflicts
    summary.decks = len(decks)
    summary.conflict_notes = [f"{c.id}: {c.conflict}" for d in decks for c in d.cards if c.conflict]
    return decks


def generate(
    corpus_dir: Path, out_dir: Path, *, progress: TextIO | None = sys.stderr
) -> GenerateSummary:
    """Read every *.txt / *.md in `corpus_dir`, write one YAML deck per topic into `out_dir`."""
    t0 = time.perf_counter()
    paths = list_documents(Path(corpus_dir))
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise QuizError(f"output {out_dir} exists and is not a directory")
    summary = GenerateSummary(out_dir=out_dir)
    bar = _Progress(progress, len(paths))
    texts: list[tuple[str, str]] = []
    for p in paths:
        try:
            texts.append((p.name, read_document(p)))
        except OSError as exc:
            summary.failed.append(p.name)
            bar.note(f"generate: cannot read {p.name}: {exc.strerror or exc}")
    decks = generate_decks(texts, bar, summary)
    bar.done()
    for note in summary.conflict_notes:
        bar.note(f"generate: conflict: {note}")
    out_dir.mkdir(parents=True, exist_ok=True)
    decks = _preserve_ids(decks, out_dir)
    written = set()
    for deck in decks:
        path = out_dir / f"{deck.id}.yaml"
        new_text = dump_deck(deck)
        try:
            if path.exists() and path.read_text(encoding="utf-8") == new_text:
                written.add(path.name)
                continue
        except (OSError, UnicodeDecodeError):
            pass
        write_deck(deck, path)
        written.add(path.name)
    _remove_stale(out_dir, written)
    summary.seconds = time.perf_counter() - t0
    return summary
