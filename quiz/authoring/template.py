"""`quiz new`: a commented starter deck that validates as it is."""

from __future__ import annotations

import re
from pathlib import Path

from quiz.deck.write import atomic_write_text, quote
from quiz.errors import QuizError

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

_TEMPLATE = """\
# A quiz deck. Check it with:  quiz validate {filename}
# Study it with:               quiz study {filename}
#
# Rules of thumb:
#   - Dates are ALWAYS quoted strings: "2007", "2007-02" or "2007-02-14"
#     (year, month or day precision: write what you know, nothing finer).
#   - Indent with spaces, never tabs.
#   - Card ids must be unique in this deck; your review history is keyed by them,
#     so do not change an id once you have studied the card.
format: 1
deck:
  id: {deck_id}                 # a slug: lowercase letters, digits, '-', '_' or '.'
  title: {title}
  description: "What this deck is about (optional)."
  tags: [example]               # optional labels applied to every card
  sources: []                   # documents the deck came from; may stay empty for hand-written decks
  # sources:
  #   - {{doc: notes.txt, title: "My notes", date: "2024-05"}}
cards:
  # An event: something that happened at a date. You will be asked to date it
  # and to put it in order with other events.
  - id: ev-0001
    kind: event
    date: "1969-07-20"          # the start, at the precision you know
    end: "1969-07-21"           # optional: the last day of a range
    text: "Apollo 11 lands on the Moon and Armstrong steps out"
    tags: [space]               # optional
    notes: "Eagle landed at 20:17 UTC; the moonwalk began early on 21 July UTC."  # optional, shown after the answer
    source: {{doc: notes.txt, line: 1}}   # optional on hand-written cards: the document and line it came from
    # conflict: "..."           # written by `quiz generate` when documents disagree; leave it out

  # A fact: a question with one short answer, usually tied to a time or place.
  - id: fa-0001
    kind: fact
    prompt: "Who was the first person to walk on the Moon?"
    answer: "Neil Armstrong"
    aliases: ["Armstrong"]      # optional: other answers to accept
    reverse: "What is Neil Armstrong known for?"   # optional: the same fact asked the other way round
    reverse_answer: "First person to walk on the Moon"
    tags: [space, people]
    notes: "He was followed by Buzz Aldrin about 20 minutes later."
    sources:                    # optional: every document the fact appears in
      - {{doc: notes.txt, line: 1}}
      - {{doc: more-notes.txt, line: 4}}

  # A question and answer: anything else you want to remember.
  - id: qa-0001
    kind: qa
    prompt: "What was the name of the Apollo 11 lunar module?"
    answer: "Eagle"
    aliases: []                 # optional; an empty list is fine
    tags: [space]
    notes: "Columbia was the command module, which stayed in orbit."
"""


def check_slug(deck_id: str) -> None:
    """QuizError (one line) unless `deck_id` is a valid deck slug."""
    if not _SLUG.match(deck_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", deck_id.lower()).strip("-") or "my-deck"
        raise QuizError(
            f"deck id {deck_id!r} is not a slug (lowercase letters, digits, '-', '_', '.'); "
            f"try {suggestion!r}"
        )


def render_template(deck_id: str, *, title: str | None = None, filename: str | None = None) -> str:
    """The starter deck text for `deck_id`."""
    check_slug(deck_id)
    if title is None:
        title = deck_id.replace("-", " ").replace("_", " ").strip().capitalize() or deck_id
    return _TEMPLATE.format(
        deck_id=deck_id, title=quote(title), filename=filename or f"{deck_id}.yaml"
    )


def write_template(
    deck_id: str, path: Path | None = None, *, force: bool = False, title: str | None = None
) -> Path:
    """Write the starter deck to `path` (default `DECK_ID.yaml`); refuse to overwrite without force."""
    check_slug(deck_id)
    target = Path(path) if path is not None else Path(f"{deck_id}.yaml")
    if target.is_dir():
        target = target / f"{deck_id}.yaml"
    if target.exists() and not force:
        raise QuizError(f"{target}: already exists; use --force to overwrite it")
    atomic_write_text(target, render_template(deck_id, title=title, filename=str(target)))
    return target
