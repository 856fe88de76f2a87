"""`quiz validate`: load rules (in load.py) plus lint rules for --strict, one small function each."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from quiz.deck.load import find_deck_files, load_result
from quiz.deck.model import CardKind, Deck
from quiz.errors import Problem


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def lint_duplicate_prompts(deck: Deck, path: str) -> list[Problem]:
    first: dict[str, int | None] = {}
    out = []
    for card in deck.cards:
        if card.prompt is None:
            continue
        key = _norm(card.prompt)
        if key in first:
            out.append(Problem(path, card.line, f"duplicate prompt (same as the card on line {first[key]})", "warning"))
        else:
            first[key] = card.line
    return out


def lint_empty_answers(deck: Deck, path: str) -> list[Problem]:
    return [
        Problem(path, c.line, "answer is blank", "warning")
        for c in deck.cards
        if c.kind is not CardKind.EVENT and c.answer is not None and not c.answer.strip()
    ]


def lint_event_date_conflicts(deck: Deck, path: str) -> list[Problem]:
    by_text: dict[str, list] = defaultdict(list)
    for card in deck.cards:
        if card.kind is CardKind.EVENT and card.text and card.date is not None:
            by_text[_norm(card.text)].append(card)
    out = []
    for cards in by_text.values():
        dates = {c.date.iso() for c in cards if c.date is not None}
        if len(dates) > 1:
            first = cards[0]
            for other in cards[1:]:
                out.append(Problem(path, other.line, f"same event text as line {first.line} with a different date ({', '.join(sorted(dates))})", "warning"))
    return out


def lint_no_cards(deck: Deck, path: str) -> list[Problem]:
    return [] if deck.cards else [Problem(path, None, "the deck has no cards", "warning")]


LINT_RULES: tuple[Callable[[Deck, str], list[Problem]], ...] = (
    lint_duplicate_prompts,
    lint_empty_answers,
    lint_event_date_conflicts,
    lint_no_cards,
)


def validate_paths(paths: Iterable[Path], *, strict: bool = False) -> tuple[list[Problem], int]:
    """Every problem in the given files/folders (warnings only when strict) and how many files were checked."""
    problems: list[Problem] = []
    files = find_deck_files(paths)
    owners: dict[str, str] = {}
    for path in files:
        result = load_result(path, use_cache=False)
        problems.extend(p for p in result.problems if strict or p.severity == "error")
        deck = result.deck
        if deck is None:
            continue
        if deck.id in owners:
            problems.append(Problem(str(path), None, f"deck id '{deck.id}' is already used by {owners[deck.id]}"))
        else:
            owners[deck.id] = str(path)
        if strict:
            for rule in LINT_RULES:
                problems.extend(rule(deck, str(path)))
    if not files:
        problems.append(Problem(", ".join(str(p) for p in paths), None, "no deck files (*.yaml) found"))
    return problems, len(files)
