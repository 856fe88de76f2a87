"""The generator: raw documents in, study decks out (see docs/generator.md)."""

from quiz.generate.clean import Document, clean
from quiz.generate.extract import EventCand, extract_events
from quiz.generate.extract_dates import LEAD_SHAPES, PROSE_SHAPES, find_dates, match_lead
from quiz.generate.facts import FactCand, extract_facts
from quiz.generate.pipeline import GenerateSummary, generate, generate_decks

__all__ = [
    "LEAD_SHAPES",
    "PROSE_SHAPES",
    "Document",
    "EventCand",
    "FactCand",
    "GenerateSummary",
    "clean",
    "extract_events",
    "extract_facts",
    "find_dates",
    "generate",
    "generate_decks",
    "match_lead",
]
