"""Card form logic (no Textual): which fields a kind has, and form values to a Card."""

from __future__ import annotations

from quiz.authoring.importers import content_id
from quiz.dates import PartialDate, parse_user_date
from quiz.deck.model import Card, CardKind

FIELDS: dict[CardKind, tuple[str, ...]] = {
    CardKind.EVENT: ("id", "date", "end", "text", "tags", "notes"),
    CardKind.FACT: ("id", "prompt", "answer", "aliases", "reverse", "reverse_answer", "tags", "notes"),
    CardKind.QA: ("id", "prompt", "answer", "aliases", "tags", "notes"),
}
REQUIRED: dict[CardKind, tuple[str, ...]] = {
    CardKind.EVENT: ("date", "text"),
    CardKind.FACT: ("prompt", "answer"),
    CardKind.QA: ("prompt", "answer"),
}
LIST_FIELDS = ("aliases", "tags")


def check_date(text: str) -> tuple[PartialDate | None, str]:
    """(date, message) for what was typed so far: message says what it means or what is wrong."""
    if not text.strip():
        return None, "type a date: 1789, Feb 1917, 14 Jul 1790 or 1917-02"
    try:
        date = parse_user_date(text)
    except ValueError as exc:
        return None, str(exc)
    return date, f'saved as "{date.iso()}" ({date.human()})'


def card_values(card: Card) -> dict[str, str]:
    """A card's fields as form strings."""
    out = {
        "id": card.id,
        "date": card.date.iso() if card.date else "",
        "end": card.date.end_iso() or "" if card.date else "",
        "aliases": "; ".join(card.aliases),
        "tags": "; ".join(card.tags),
    }
    for key in ("text", "prompt", "answer", "reverse", "reverse_answer", "notes"):
        out[key] = getattr(card, key) or ""
    return out


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.replace("|", ";").split(";") if p.strip())


def card_from_form(kind: CardKind, values: dict[str, str], original: Card | None = None) -> Card:
    """Build a Card from form strings; ValueError names the first field that is wrong."""
    v = {k: (values.get(k) or "").strip() for k in FIELDS[kind]}
    for name in REQUIRED[kind]:
        if not v.get(name):
            raise ValueError(f"{name} is required")
    date = None
    if kind is CardKind.EVENT:
        date, message = check_date(v["date"])
        if date is None:
            raise ValueError(f"date: {message}")
        if v.get("end"):
            end, message = check_date(v["end"])
            if end is None:
                raise ValueError(f"end: {message}")
            try:
                date = PartialDate(date.year, date.month, date.day, end.start_only())
            except ValueError as exc:
                raise ValueError(f"end: {exc}") from None
    card_id = v.get("id") or (original.id if original else "")
    if not card_id:
        if kind is CardKind.EVENT:
            card_id = content_id("ev", date.iso() if date else "", v["text"])
        else:
            card_id = content_id("qa" if kind is CardKind.QA else "fa", v["prompt"], v["answer"])
    kept = {}
    if original is not None:  # fields the form does not show survive an edit
        kept = {"source": original.source, "sources": original.sources, "conflict": original.conflict}
    return Card(
        id=card_id, kind=kind, date=date,
        text=v.get("text") or None, prompt=v.get("prompt") or None, answer=v.get("answer") or None,
        aliases=_split(v.get("aliases", "")), reverse=v.get("reverse") or None,
        reverse_answer=v.get("reverse_answer") or None, tags=_split(v.get("tags", "")),
        notes=v.get("notes") or None, **kept,  # type: ignore[arg-type]
    )
