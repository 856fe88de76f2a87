"""Edit one card of a deck file in place, keeping the person's comments and layout.

PyYAML drops comments, so edits go through ruamel.yaml's round-trip mode: the
file is read into commented maps, one card is added, changed or removed, and
the rest is dumped as it was (comments, key order, quoting of untouched
values). Changed values are written double-quoted, dates always so. Before the
file is replaced, the new text is checked with the deck loader: an edit that
would make the deck invalid raises `DeckError` and leaves the file alone. The
write itself is atomic (temp file + rename), so a crash never loses the file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from quiz.deck.load import decode, parse_text, read_bytes
from quiz.deck.model import Card, Deck
from quiz.deck.write import atomic_write_text
from quiz.errors import DeckError, QuizError

CARD_KEY_ORDER = (
    "id", "kind", "date", "end", "text", "prompt", "answer", "aliases", "reverse",
    "reverse_answer", "tags", "notes", "conflict", "source", "sources",
)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap the person's long lines
    return y


def _indent_of(text: str) -> tuple[int, int]:
    """(mapping indent, sequence dash offset) as the file uses them under `cards:`."""
    mapping = 2
    m = re.search(r"^deck:[ \t]*(?:#.*)?\n(?:[ \t]*#.*\n)*( +)\S", text, re.M)
    if m:
        mapping = len(m.group(1))
    offset = 2
    m = re.search(r"^cards:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- ", text, re.M)
    if m:
        offset = len(m.group(1))
    return mapping, offset


def card_values(card: Card) -> dict[str, Any]:
    """The card's fields as plain values, in the fixed key order, only the ones that are set."""
    out: dict[str, Any] = {"id": card.id, "kind": card.kind.value}
    if card.date is not None:
        out["date"] = card.date.iso()
        if card.date.end is not None:
            out["end"] = card.date.end.iso()
    for key in ("text", "prompt", "answer"):
        value = getattr(card, key)
        if value is not None:
            out[key] = value
    if card.aliases:
        out["aliases"] = list(card.aliases)
    for key in ("reverse", "reverse_answer"):
        value = getattr(card, key)
        if value is not None:
            out[key] = value
    if card.tags:
        out["tags"] = list(card.tags)
    for key in ("notes", "conflict"):
        value = getattr(card, key)
        if value is not None:
            out[key] = value
    if card.source is not None:
        out["source"] = _ref(card.source.doc, card.source.line)
    if card.sources:
        out["sources"] = [_ref(r.doc, r.line) for r in card.sources]
    return out


def _ref(doc: str, line: int | None) -> dict[str, Any]:
    return {"doc": doc} if line is None else {"doc": doc, "line": line}


def _to_node(key: str, value: Any) -> Any:
    """A plain value as a ruamel node that writes the way decks want it: quoted text, flow lists."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    if isinstance(value, str):
        if key in ("id", "kind") and re.match(r"^[A-Za-z][A-Za-z0-9._-]*$", value) and value not in (
            "yes", "no", "on", "off", "true", "false", "null", "y", "n"
        ):
            return value
        return Q(value)
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        m = CommentedMap((k, _to_node(k, v)) for k, v in value.items())
        m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        seq = CommentedSeq(_to_node(key, v) for v in value)
        if key != "sources":
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    raise TypeError(f"cannot write {type(value).__name__}")


def _same(old: Any, new: Any) -> bool:
    """Equal as data, so an untouched value keeps its original style and comments."""
    if isinstance(new, dict):
        return isinstance(old, dict) and set(old) == set(new) and all(_same(old[k], new[k]) for k in new)
    if isinstance(new, list):
        return isinstance(old, list) and len(old) == len(new) and all(map(_same, old, new))
    if isinstance(new, str):
        return isinstance(old, str) and str(old) == new
    return type(old) is type(new) and old == new


def _update_map(target: Any, values: dict[str, Any]) -> None:
    """Make `target` (a CommentedMap) hold `values`: change, insert in order, drop what is gone."""
    for key in list(target.keys()):
        if key in CARD_KEY_ORDER and key not in values:
            del target[key]
    for key, value in values.items():
        if key in target:
            if not _same(target[key], value):
                target[key] = _to_node(key, value)
            continue
        # insert after the last present key that comes before it in the fixed order
        rank = CARD_KEY_ORDER.index(key)
        pos = 0
        for i, existing in enumerate(target.keys()):
            if existing in CARD_KEY_ORDER and CARD_KEY_ORDER.index(existing) < rank:
                pos = i + 1
        target.insert(pos, key, _to_node(key, value))


class DeckEditor:
    """One deck file opened for round-trip editing. `save()` checks and writes atomically."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        raw = read_bytes(self.path)
        self.crlf = b"\r\n" in raw
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        self.text = decode(raw, str(self.path))
        self._yaml = _yaml()
        mapping, offset = _indent_of(self.text)
        self._yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        from ruamel.yaml.error import YAMLError

        try:
            self.data = self._yaml.load(self.text)
        except YAMLError as exc:
            raise DeckError.single(self.path, f"cannot edit: the YAML does not parse ({str(exc).splitlines()[0]})") from None
        if not hasattr(self.data, "get") or "cards" not in self.data:
            raise DeckError.single(self.path, "cannot edit: the file has no 'cards:' list")

    # -- the cards list ------------------------------------------------------------
    def _cards(self) -> Any:
        from ruamel.yaml.comments import CommentedSeq

        cards = self.data["cards"]
        if cards is None:
            cards = CommentedSeq()
            self.data["cards"] = cards
        if not isinstance(cards, list):
            raise DeckError.single(self.path, "cannot edit: 'cards' is not a list")
        if getattr(cards, "fa", None) is not None and cards.fa.flow_style():
            cards.fa.set_block_style()
        return cards

    def index_of(self, card_id: str) -> int:
        for i, item in enumerate(self._cards()):
            if hasattr(item, "get") and str(item.get("id")) == card_id:
                return i
        raise QuizError(f"{self.path}: no card with id {card_id!r}")

    def card_ids(self) -> list[str]:
        return [str(c.get("id")) for c in self._cards() if hasattr(c, "get")]

    # -- edits ---------------------------------------------------------------------
    def add(self, card: Card) -> None:
        """Append `card` at the end of `cards:`."""
        from ruamel.yaml.comments import CommentedMap

        if card.id in self.card_ids():
            raise QuizError(f"{self.path}: a card with id {card.id!r} already exists")
        item = CommentedMap()
        _update_map(item, card_values(card))
        self._cards().append(item)

    def replace(self, card_id: str, card: Card) -> None:
        """Change the card `card_id` into `card` in place (its comments and key order stay)."""
        index = self.index_of(card_id)
        if card.id != card_id and card.id in self.card_ids():
            raise QuizError(f"{self.path}: a card with id {card.id!r} already exists")
        _update_map(self._cards()[index], card_values(card))

    def delete(self, card_id: str) -> None:
        """Remove the card's lines from the text, keeping the comments that lead into the next card.

        ruamel stores a comment above a card on the previous card's last value, so
        deleting the item from the tree would take the next card's comment with it;
        cutting the card's own lines out of the text does not.
        """
        text = self.render()
        self._reload(text)  # line numbers below refer to this text, including earlier edits
        cards = self._cards()
        index = self.index_of(card_id)
        lines = text.split("\n")
        start = cards[index].lc.line
        # a block item starts at its '- ' line; lc.line is the line of its first key
        while start > 0 and not lines[start].lstrip().startswith("-"):
            start -= 1
        if index + 1 < len(cards):
            end = cards[index + 1].lc.line
            while end > start and not lines[end].lstrip().startswith("-"):
                end -= 1
        else:
            end = start + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "\t", "#")):
                end += 1
        # give back the comment and blank lines at the end of the chunk (they introduce what follows)
        keep = end
        while keep > start + 1 and (not lines[keep - 1].strip() or lines[keep - 1].lstrip().startswith("#")):
            keep -= 1
        new_lines = lines[:start] + lines[keep:]
        if index == 0 and len(cards) == 1:
            new_lines = [("cards: []" if ln.startswith("cards:") else ln) for ln in new_lines]
        self._reload("\n".join(new_lines))

    def _reload(self, text: str) -> None:
        self.data = self._yaml.load(text)

    # -- output ------------------------------------------------------------------------
    def render(self) -> str:
        buf = io.StringIO()
        self._yaml.dump(self.data, buf)
        return buf.getvalue()

    def check(self, text: str) -> Deck:
        """The deck the new text loads as; DeckError (and nothing written) if it is invalid."""
        result = parse_text(text, str(self.path), self.path)
        if result.deck is None:
            raise DeckError(result.errors or result.problems)
        return result.deck

    def save(self) -> Deck:
        text = self.render()
        deck = self.check(text)
        out = text.replace("\n", "\r\n") if self.crlf else text
        if self.bom:
            out = "\ufeff" + out
        try:
            atomic_write_text(self.path, out)
        except OSError as exc:
            raise QuizError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        self.text = text
        return deck


def add_card(path: Path, card: Card) -> Deck:
    """Append a card to the deck file; returns the deck as saved."""
    editor = DeckEditor(path)
    editor.add(card)
    return editor.save()


def replace_card(path: Path, card_id: str, card: Card) -> Deck:
    """Replace the card `card_id` (comments and key order of the file stay)."""
    editor = DeckEditor(path)
    editor.replace(card_id, card)
    return editor.save()


def delete_card(path: Path, card_id: str) -> Deck:
    editor = DeckEditor(path)
    editor.delete(card_id)
    return editor.save()
