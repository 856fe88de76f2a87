"""`quiz export`: a deck to an Anki package (.apkg) or a CSV file.

Anki side: one note type per card kind, with model and deck ids derived from
the deck id, and each note's GUID derived from (deck id, card id). The card id
is also kept in a `QuizId` field. Exporting again after editing the deck gives
the same GUIDs, so Anki updates the notes instead of adding duplicates.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
from pathlib import Path

from quiz.deck.model import Card, CardKind, Deck
from quiz.deck.write import atomic_write_text
from quiz.errors import QuizError

CSV_COLUMNS = ("id", "kind", "date", "end", "text", "prompt", "answer", "aliases", "tags", "notes")
LIST_SEPARATOR = "; "

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.date { font-size: 24px; font-weight: bold; }
.notes { font-size: 16px; color: #666; margin-top: 1em; }
.quizid { display: none; }
"""


def stable_id(*parts: str) -> int:
    """A 31-bit positive id from text, above 2**30 like genanki's own ids."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(deck_id: str, card_id: str) -> str:
    """The Anki note GUID for a quiz card: the same card always gets the same GUID."""
    import genanki

    return genanki.guid_for("quiz", deck_id, card_id)


def _html(text: str | None) -> str:
    if not text:
        return ""
    return html.escape(text, quote=False).replace("\n", "<br>")


def _models(deck: Deck) -> dict[CardKind, object]:
    import genanki

    notes = "{{#Notes}}<div class=notes>{{Notes}}</div>{{/Notes}}"
    event = genanki.Model(
        stable_id("quiz-model", deck.id, "event"),
        f"quiz event ({deck.id})",
        fields=[{"name": n} for n in ("Text", "Date", "DateISO", "Notes", "Tags", "Source", "QuizId")],
        templates=[{
            "name": "When?",
            "qfmt": "When did this happen?<br><br>{{Text}}",
            "afmt": "{{FrontSide}}<hr id=answer><div class=date>{{Date}}</div>" + notes,
        }],
        css=_CSS,
        sort_field_index=0,
    )
    fact_fields = ("Prompt", "Answer", "Aliases", "Reverse", "ReverseAnswer", "Notes", "Source", "QuizId")
    fact = genanki.Model(
        stable_id("quiz-model", deck.id, "fact"),
        f"quiz fact ({deck.id})",
        fields=[{"name": n} for n in fact_fields],
        templates=[
            {
                "name": "Forward",
                "qfmt": "{{Prompt}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"
                "{{#Aliases}}<br><small>also: {{Aliases}}</small>{{/Aliases}}" + notes,
            },
            {
                "name": "Reverse",
                "qfmt": "{{#Reverse}}{{Reverse}}{{/Reverse}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{ReverseAnswer}}" + notes,
            },
        ],
        css=_CSS,
        sort_field_index=0,
    )
    qa = genanki.Model(
        stable_id("quiz-model", deck.id, "qa"),
        f"quiz qa ({deck.id})",
        fields=[{"name": n} for n in ("Prompt", "Answer", "Aliases", "Notes", "QuizId")],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Prompt}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"
            "{{#Aliases}}<br><small>also: {{Aliases}}</small>{{/Aliases}}" + notes,
        }],
        css=_CSS,
        sort_field_index=0,
    )
    return {CardKind.EVENT: event, CardKind.FACT: fact, CardKind.QA: qa}


def _source(card: Card) -> str:
    refs = card.all_sources()
    return "; ".join(f"{r.doc}:{r.line}" if r.line else r.doc for r in refs)


def _fields(card: Card) -> list[str]:
    if card.kind is CardKind.EVENT:
        date = card.date
        return [
            _html(card.text),
            _html(date.human() if date else ""),
            _html(str(date) if date else ""),
            _html(card.notes),
            _html(" ".join(card.tags)),
            _html(_source(card)),
            _html(card.id),
        ]
    aliases = _html(", ".join(card.aliases))
    if card.kind is CardKind.FACT:
        return [
            _html(card.prompt), _html(card.answer), aliases, _html(card.reverse),
            _html(card.reverse_answer), _html(card.notes), _html(_source(card)), _html(card.id),
        ]
    return [_html(card.prompt), _html(card.answer), aliases, _html(card.notes), _html(card.id)]


def _anki_tag(tag: str) -> str:
    return "_".join(tag.split()) or "untagged"


def build_package(deck: Deck) -> object:
    """A genanki.Package holding one note per card."""
    import genanki

    models = _models(deck)
    anki_deck = genanki.Deck(stable_id("quiz-deck", deck.id), deck.title)
    if deck.description:
        anki_deck.description = _html(deck.description)
    for card in deck.cards:
        tags = [_anki_tag(t) for t in (*deck.tags, *card.tags)]
        note = genanki.Note(
            model=models[card.kind],
            fields=_fields(card),
            guid=note_guid(deck.id, card.id),
            tags=sorted(set(tags)),
        )
        anki_deck.add_note(note)
    return genanki.Package(anki_deck)


def export_apkg(deck: Deck, path: Path) -> int:
    """Write `deck` as an Anki package; returns the number of notes."""
    package = build_package(deck)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        package.write_to_file(str(tmp))  # type: ignore[attr-defined]
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise QuizError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return len(deck.cards)


def deck_to_csv(deck: Deck) -> str:
    """The deck as CSV with a header row; `quiz import` reads it back into the same cards."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in deck.cards:
        writer.writerow([
            c.id,
            c.kind.value,
            c.date.iso() if c.date else "",
            c.date.end_iso() or "" if c.date else "",
            c.text or "",
            c.prompt or "",
            c.answer or "",
            LIST_SEPARATOR.join(c.aliases),
            LIST_SEPARATOR.join(c.tags),
            c.notes or "",
        ])
    return out.getvalue()


def export_csv(deck: Deck, path: Path) -> int:
    try:
        atomic_write_text(Path(path), deck_to_csv(deck))
    except OSError as exc:
        raise QuizError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return len(deck.cards)


def export_deck(deck: Deck, path: Path, fmt: str | None = None) -> int:
    """Export by format name or by the output's suffix (.apkg or .csv)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt == "apkg":
        return export_apkg(deck, path)
    if fmt == "csv":
        return export_csv(deck, path)
    raise QuizError(f"{path}: cannot tell the export format; name the file .apkg or .csv (or pass --format)")


def resolve_deck(spec: str) -> Deck:
    """A deck from a file path, or by deck id among the default deck folders."""
    from quiz.deck.load import find_deck_files, load_deck, load_result
    from quiz.paths import default_deck_dirs

    path = Path(spec)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in spec:
        return load_deck(path)
    for candidate in find_deck_files(default_deck_dirs()):
        result = load_result(candidate)
        if result.deck is not None and result.deck.id == spec:
            return result.deck
    raise QuizError(f"{spec}: no such deck file or deck id")
