"""Write decks as YAML with a fixed key order, quoted strings and dates.

Output is deterministic: the same Deck always gives the same bytes, so
regenerating an unchanged corpus leaves `decks/` untouched in git.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from quiz.deck.model import FORMAT_VERSION, Card, Deck, SourceRef

_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"


def quote(text: str) -> str:
    """A YAML double-quoted scalar: JSON escapes, plus YAML's for what it cannot print."""
    return _NOT_PRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _ref(ref: SourceRef) -> str:
    if ref.line is None:
        return f"{{doc: {quote(ref.doc)}}}"
    return f"{{doc: {quote(ref.doc)}, line: {ref.line}}}"


def _str_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(quote(i) for i in items) + "]"


def card_lines(card: Card) -> list[str]:
    lines = [f"  - id: {quote(card.id) if not _plain_ok(card.id) else card.id}", f"    kind: {card.kind.value}"]
    if card.date is not None:
        lines.append(f"    date: {quote(card.date.iso())}")
        if card.date.end is not None:
            lines.append(f"    end: {quote(card.date.end.iso())}")
    if card.text is not None:
        lines.append(f"    text: {quote(card.text)}")
    if card.prompt is not None:
        lines.append(f"    prompt: {quote(card.prompt)}")
    if card.answer is not None:
        lines.append(f"    answer: {quote(card.answer)}")
    if card.aliases:
        lines.append(f"    aliases: {_str_list(card.aliases)}")
    if card.reverse is not None:
        lines.append(f"    reverse: {quote(card.reverse)}")
    if card.reverse_answer is not None:
        lines.append(f"    reverse_answer: {quote(card.reverse_answer)}")
    if card.tags:
        lines.append(f"    tags: {_str_list(card.tags)}")
    if card.notes is not None:
        lines.append(f"    notes: {quote(card.notes)}")
    if card.conflict is not None:
        lines.append(f"    conflict: {quote(card.conflict)}")
    if card.source is not None:
        lines.append(f"    source: {_ref(card.source)}")
    if card.sources:
        lines.append("    sources:")
        lines.extend(f"      - {_ref(r)}" for r in card.sources)
    return lines


def _plain_ok(value: str) -> bool:
    return bool(value) and all(ch.isalnum() or ch in "-_." for ch in value) and not value[0].isdigit()


def dump_deck(deck: Deck) -> str:
    """The deck as YAML text."""
    out = [f"format: {FORMAT_VERSION}", "deck:"]
    out.append(f"  id: {deck.id if _plain_ok(deck.id) else quote(deck.id)}")
    out.append(f"  title: {quote(deck.title)}")
    if deck.description is not None:
        out.append(f"  description: {quote(deck.description)}")
    if deck.tags:
        out.append(f"  tags: {_str_list(deck.tags)}")
    if deck.sources:
        out.append("  sources:")
        for s in deck.sources:
            parts = [f"doc: {quote(s.doc)}"]
            if s.title is not None:
                parts.append(f"title: {quote(s.title)}")
            if s.date is not None:
                parts.append(f"date: {quote(s.date)}")
            out.append("    - {" + ", ".join(parts) + "}")
    else:
        out.append("  sources: []")
    if deck.cards:
        out.append("cards:")
        for card in deck.cards:
            out.extend(card_lines(card))
    else:
        out.append("cards: []")
    return "\n".join(out) + "\n"


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and rename: the old file survives a crash."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_deck(deck: Deck, path: Path) -> None:
    atomic_write_text(path, dump_deck(deck))
