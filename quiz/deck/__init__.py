"""Decks: model, loading (with every problem located), validation, writing."""

from quiz.deck.model import FORMAT_VERSION, Card, CardKind, Deck, DocSource, SourceRef

__all__ = ["FORMAT_VERSION", "Card", "CardKind", "Deck", "DocSource", "SourceRef"]
