"""Deck content: immutable values loaded from YAML and shared by every part of quiz."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from quiz.dates import PartialDate

FORMAT_VERSION = 1


class CardKind(StrEnum):
    EVENT = "event"
    FACT = "fact"
    QA = "qa"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a card came from: a document and a 1-based line in it."""

    doc: str
    """Document file name, as in the deck's `sources`."""
    line: int | None = None
    """1-based line number in the document, when known."""


@dataclass(frozen=True, slots=True)
class DocSource:
    """A document a deck was generated from."""

    doc: str
    """File name of the document."""
    title: str | None = None
    """Headline or title of the document."""
    date: str | None = None
    """The document's own date (partial ISO), used to resolve relative dates."""


@dataclass(frozen=True, slots=True)
class Card:
    """One thing to learn. Which fields are set depends on `kind`.

    - event: `date` (+ `end`), `text`
    - fact, qa: `prompt`, `answer` (+ `aliases`)
    """

    id: str
    """Stable id, unique in its deck; review history is keyed by it."""
    kind: CardKind
    """event, fact or qa."""
    text: str | None = None
    """Event: what happened, as a self-contained statement."""
    date: PartialDate | None = None
    """Event: when, at the precision the source gives (with `end` for ranges)."""
    prompt: str | None = None
    """Fact / qa: the question."""
    answer: str | None = None
    """Fact / qa: the expected answer."""
    aliases: tuple[str, ...] = ()
    """Other accepted answers (spelling variants, short forms)."""
    reverse: str | None = None
    """Fact: a prompt asking the other way round (the answer is then `prompt`'s subject)."""
    reverse_answer: str | None = None
    """Fact: the answer to `reverse`."""
    tags: tuple[str, ...] = ()
    """Free labels for filtering."""
    notes: str | None = None
    """Extra context shown after the answer."""
    source: SourceRef | None = None
    """First origin; required on generated cards."""
    sources: tuple[SourceRef, ...] = ()
    """Every origin when the card was merged from several documents."""
    conflict: str | None = None
    """Set by the generator when documents disagree (e.g. on the date)."""
    line: int | None = field(default=None, compare=False)
    """Line of the card in its deck file, for messages."""

    @property
    def is_event(self) -> bool:
        return self.kind is CardKind.EVENT

    def all_sources(self) -> tuple[SourceRef, ...]:
        if self.sources:
            return self.sources
        return (self.source,) if self.source is not None else ()

    def front(self) -> str:
        """A short one-line label for lists and exercises."""
        if self.kind is CardKind.EVENT:
            return self.text or ""
        return self.prompt or ""

    def accepted_answers(self) -> tuple[str, ...]:
        base = (self.answer,) if self.answer else ()
        return base + tuple(a for a in self.aliases if a)


@dataclass(frozen=True, slots=True)
class Deck:
    """A deck file: metadata and cards, in file order."""

    id: str
    """Slug, unique across the decks loaded together."""
    title: str
    """Human title."""
    cards: tuple[Card, ...] = ()
    """Cards in file order."""
    sources: tuple[DocSource, ...] = ()
    """Documents the deck was generated from (empty for hand-written decks)."""
    description: str | None = None
    """Optional longer text."""
    tags: tuple[str, ...] = ()
    """Labels applying to every card."""
    path: Path | None = field(default=None, compare=False)
    """File it was loaded from."""

    def card(self, card_id: str) -> Card | None:
        for c in self.cards:
            if c.id == card_id:
                return c
        return None

    @property
    def events(self) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.kind is CardKind.EVENT)
