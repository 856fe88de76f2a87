"""Card browser logic (no Textual): one row per card, a small query language, sorting.

Query words (combined with AND):
  deck:ID  kind:event|fact|qa  tag:NAME  is:due  is:suspended  is:leech  is:new
  anything else  matches the card's text, prompt, answer, aliases, notes or id (case-insensitive)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quiz.deck.model import Card, Deck

LEECH_LAPSES = 8
SORT_KEYS = ("deck", "kind", "front", "date", "due", "lapses")


@dataclass(frozen=True, slots=True)
class BrowseRow:
    """What the browser shows and filters on for one card."""

    deck_id: str
    card: Card
    haystack: str
    """Lower-cased searchable text."""
    due_ms: int | None = None
    """When the card is due; None for a card never studied (new)."""
    lapses: int = 0
    suspended: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck_id, self.card.id)

    def is_leech(self) -> bool:
        return self.lapses >= LEECH_LAPSES


def build_rows(decks: Iterable[Deck], states: Mapping[tuple[str, str], object] | None = None) -> list[BrowseRow]:
    """Rows for every card; `states` maps (deck_id, card_id) to a store.CardStateRow."""
    states = states or {}
    rows = []
    for deck in decks:
        for card in deck.cards:
            parts = [card.id, card.text, card.prompt, card.answer, card.notes, *card.aliases]
            hay = "\n".join(p for p in parts if p).lower()
            st = states.get((deck.id, card.id))
            rows.append(BrowseRow(
                deck.id, card, hay,
                getattr(st, "due_ms", None), int(getattr(st, "lapses", 0) or 0),
                bool(getattr(st, "suspended", False)),
            ))
    return rows


def filter_rows(rows: Iterable[BrowseRow], query: str, now: datetime) -> list[BrowseRow]:
    """Rows matching every word of `query` (see the module docstring)."""
    now_ms = int(now.timestamp() * 1000)
    words = query.lower().split()
    decks = [w[5:] for w in words if w.startswith("deck:")]
    kinds = [w[5:] for w in words if w.startswith("kind:")]
    tags = [w[4:] for w in words if w.startswith("tag:")]
    flags = [w[3:] for w in words if w.startswith("is:")]
    text = [w for w in words if not w.startswith(("deck:", "kind:", "tag:", "is:"))]
    out = []
    for row in rows:
        card = row.card
        if decks and not any(row.deck_id.startswith(d) for d in decks):
            continue
        if kinds and card.kind.value not in kinds:
            continue
        if tags and not all(any(t == tag.lower() for tag in card.tags) for t in tags):
            continue
        if "due" in flags and not (row.due_ms is not None and row.due_ms <= now_ms and not row.suspended):
            continue
        if "new" in flags and row.due_ms is not None:
            continue
        if "suspended" in flags and not row.suspended:
            continue
        if "leech" in flags and not row.is_leech():
            continue
        if text and not all(t in row.haystack for t in text):
            continue
        out.append(row)
    return out


def sort_rows(rows: list[BrowseRow], key: str, reverse: bool = False) -> list[BrowseRow]:
    def date_key(r: BrowseRow) -> tuple[int, int, int, int]:
        return r.card.date.sort_key() if r.card.date else (10**5, 0, 0, 0)

    keyfuncs = {
        "deck": lambda r: (r.deck_id, r.card.id),
        "kind": lambda r: (r.card.kind.value, r.card.front().lower()),
        "front": lambda r: r.card.front().lower(),
        "date": date_key,
        "due": lambda r: (r.due_ms is None, r.due_ms or 0),
        "lapses": lambda r: r.lapses,
    }
    return sorted(rows, key=keyfuncs[key], reverse=reverse)


# -- file watching --------------------------------------------------------------------


def file_stamp(path: Path | None) -> tuple[int, int] | None:
    """(mtime_ns, size) of a deck file, None when it is gone or unreadable."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def changed_paths(stamps: Mapping[Path, tuple[int, int] | None]) -> list[Path]:
    """Paths whose stamp differs from the one remembered."""
    return [p for p, old in stamps.items() if file_stamp(p) != old]
