"""Stable card ids from normalised content, and keeping old ids across small edits."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml
from rapidfuzz import fuzz

KEEP_ID_RATIO = 88.0
"""rapidfuzz ratio (0-100) above which an edited card keeps its old id."""


_POSS = re.compile(r"'s\b")
_NON_WORD = re.compile(r"[^0-9a-z\u00c0-\u024f]+")


def normalise(text: str) -> str:
    text = _POSS.sub("", text.lower().replace("\u2019", "'"))
    return " ".join(_NON_WORD.sub(" ", text).split())


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def event_id(text: str, date_iso: str) -> str:
    return "ev-" + _hash(f"{normalise(text)}|{date_iso}")


def fact_id(key: str) -> str:
    return "fa-" + _hash(normalise(key))


def slug(text: str, max_len: int = 48) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rsplit("-", 1)[0] if "-" in s[:max_len] else s[:max_len]
    return s or "deck"


try:  # libyaml when present: old decks can be big
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def read_old_cards(out_dir: Path) -> list[dict]:
    """Cards of decks already in `out_dir` (plain YAML, no validation; bad files are ignored)."""
    cards: list[dict] = []
    if not out_dir.is_dir():
        return cards
    for path in sorted(out_dir.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
            continue
        for c in data["cards"]:
            if isinstance(c, dict) and isinstance(c.get("id"), str):
                cards.append(c)
    return cards


def _content(card: dict) -> str:
    if card.get("kind") == "event":
        return normalise(str(card.get("text") or ""))
    return normalise(f"{card.get('prompt') or ''} | {card.get('answer') or ''}")


def keep_old_ids(new_cards: list[dict], old_cards: list[dict]) -> dict[int, str]:
    """For new cards (index -> id to use) whose content changed only slightly since the last run.

    A new card keeps an old id when the old card has the same kind (and date, for
    events), its id is not produced by this run, and the normalised texts are
    near-identical (rapidfuzz ratio >= KEEP_ID_RATIO).
    """
    produced = {c["id"] for c in new_cards}
    free = [c for c in old_cards if c.get("id") not in produced]
    if not free:
        return {}
    taken: set[str] = set()
    out: dict[int, str] = {}
    for i, card in enumerate(new_cards):
        if any(card["id"] == o.get("id") for o in old_cards):
            continue
        best, best_score = None, KEEP_ID_RATIO
        text = _content(card)
        for old in free:
            oid = old["id"]
            if oid in taken or old.get("kind") != card["kind"]:
                continue
            if card["kind"] == "event" and str(old.get("date")) != card.get("date"):
                continue
            score = fuzz.ratio(text, _content(old))
            if score >= best_score:
                best, best_score = oid, score
        if best is not None:
            taken.add(best)
            out[i] = best
    return out
