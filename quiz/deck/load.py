"""Load deck files safely, reporting every problem as `path:line: message`.

The YAML is composed into nodes by libyaml (CSafeLoader when present) and the
nodes are turned into a `Deck` here, not by PyYAML's constructor. That gives
every value its line, catches duplicate keys and aliases (YAML bombs), and
lets us see when YAML 1.1 would have turned text into a date or a boolean.
For any input, the only exception raised is `DeckError`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from quiz.dates import PartialDate
from quiz.deck.model import FORMAT_VERSION, Card, CardKind, Deck, DocSource, SourceRef
from quiz.errors import DeckError, Problem

try:  # libyaml is an optional accelerator of PyYAML
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DECK_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 12

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null (empty)",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:map": "a mapping",
    "tag:yaml.org,2002:seq": "a list",
}

TOP_KEYS = ("format", "deck", "cards")
DECK_KEYS = ("id", "title", "description", "sources", "tags")
DOC_KEYS = ("doc", "title", "date")
REF_KEYS = ("doc", "line")
CARD_KEYS = (
    "id", "kind", "date", "end", "text", "prompt", "answer", "aliases", "reverse",
    "reverse_answer", "tags", "notes", "source", "sources", "conflict",
)
KIND_FIELDS = {
    CardKind.EVENT: ("date", "text"),
    CardKind.FACT: ("prompt", "answer"),
    CardKind.QA: ("prompt", "answer"),
}
_DECIMAL = re.compile(r"^[-+]?\d+$")
_ALIAS_HINT = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CARD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")


@dataclass(slots=True)
class LoadResult:
    """A deck, or None when it had errors, and every problem found."""

    deck: Deck | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class _Walker:
    """Turns composed YAML nodes into a Deck, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    # -- reporting ----------------------------------------------------------
    def error(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.path, line, message))

    def warn(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.path, line, message, "warning"))

    # -- structure ------------------------------------------------------------
    def visit(self, node: yaml.Node) -> bool:
        """False (and an error) when the node was already seen: an alias."""
        key = id(node)
        if key in self.seen:
            self.error(node, "aliases (*name) are not allowed in decks; write the value out")
            return False
        self.seen.add(key)
        return True

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} should be a mapping (key: value lines), found {_describe(node)}")
            return None
        if not self.visit(node):
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"{what} has a key that is not plain text")
                continue
            key = str(key_node.value)
            if key == "<<":
                self.error(key_node, "merge keys (<<) are not allowed in decks; write the keys out")
                continue
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.error(key_node, f"duplicate key '{key}' in {what} (first on line {first})")
                continue
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
                if hint:
                    self.error(key_node, f"unknown key '{key}' in {what}: did you mean '{hint[0]}'?")
                else:
                    self.warn(key_node, f"unknown key '{key}' in {what} (allowed: {', '.join(allowed)})")
            out[key] = (key_node, value_node)
        return out

    def text(self, node: yaml.Node, field: str, *, required_nonempty: bool = True) -> str | None:
        """A text field. Plain integers are taken as typed; other YAML 1.1 conversions are errors."""
        if not isinstance(node, yaml.ScalarNode):
            hint = ""
            if field == "answer" and isinstance(node, yaml.SequenceNode):
                hint = "; put one answer here and the others in 'aliases: [...]'"
            elif isinstance(node, yaml.MappingNode):
                hint = "; if the text holds ': ', put it in double quotes"
            self.error(node, f"'{field}' should be text, found {_describe(node)}{hint}")
            return None
        value = node.value
        if not node.style and node.tag != STR_TAG and not (node.tag == INT_TAG and _DECIMAL.match(value)):
            if node.tag == "tag:yaml.org,2002:null" and required_nonempty:
                self.error(node, f"'{field}' is empty")
                return None
            if node.tag != "tag:yaml.org,2002:null":
                self.error(
                    node,
                    f"'{field}' would be read as {_TYPE_NAMES.get(node.tag, node.tag)} by YAML; "
                    f"quote it: {field}: \"{value}\"",
                )
                return None
        if required_nonempty and not value.strip():
            self.error(node, f"'{field}' is empty")
            return None
        return value

    def date(self, node: yaml.Node, field: str) -> PartialDate | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"'{field}' should be a quoted date like \"2007-02\", found {_describe(node)}")
            return None
        if not node.style and node.tag != STR_TAG:
            self.error(node, f"'{field}' must be a quoted string; quote this date: {field}: \"{node.value}\"")
            return None
        try:
            return PartialDate.parse(node.value)
        except ValueError as exc:
            suggestion = _iso_suggestion(node.value)
            hint = f"; write it as {field}: \"{suggestion}\"" if suggestion else ""
            self.error(node, f"'{field}': {exc}; expected \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"{hint}")
            return None

    def str_list(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG and node.value.strip():
            return (node.value,)
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"'{field}' should be a list like [a, b], found {_describe(node)}")
            return ()
        if not self.visit(node):
            return ()
        out = []
        for item in node.value:
            value = self.text(item, f"{field} item")
            if value is not None:
                out.append(value)
        return tuple(out)

    def ref(self, node: yaml.Node, field: str) -> SourceRef | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG and node.value.strip():
            self.error(node, f"'{field}' should be a mapping like {{doc: {node.value.strip()}, line: 12}}, "
                             f"found {_describe(node)}")
            return None
        m = self.mapping(node, f"'{field}'", REF_KEYS)
        if m is None:
            return None
        if "doc" not in m:
            self.error(node, f"'{field}' needs a 'doc' (the document's file name)")
            return None
        doc = self.text(m["doc"][1], "doc")
        line = None
        if "line" in m:
            line_node = m["line"][1]
            if (
                isinstance(line_node, yaml.ScalarNode)
                and line_node.tag == INT_TAG
                and line_node.value.isdigit()
                and int(line_node.value) >= 1
            ):
                line = int(line_node.value)
            else:
                self.error(line_node, f"'line' should be a line number (1 or more), found {line_node.value!r}"
                           if isinstance(line_node, yaml.ScalarNode) else "'line' should be a number")
        return SourceRef(doc, line) if doc is not None else None

    # -- the document ---------------------------------------------------------
    def deck(self, root: yaml.Node, path: Path | None) -> Deck | None:
        top = self.mapping(root, "the deck file", TOP_KEYS)
        if top is None:
            return None
        if "format" in top:
            fnode = top["format"][1]
            if not (isinstance(fnode, yaml.ScalarNode) and fnode.value == str(FORMAT_VERSION)):
                self.error(fnode, f"unsupported format {getattr(fnode, 'value', '?')!r}; this quiz reads format: {FORMAT_VERSION}")
        else:
            self.warn(root, f"missing 'format: {FORMAT_VERSION}' at the top of the file")
        deck_id = title = description = None
        sources: list[DocSource] = []
        tags: tuple[str, ...] = ()
        if "deck" not in top:
            self.error(root, "missing 'deck:' section (with id and title)")
        else:
            meta = self.mapping(top["deck"][1], "'deck'", DECK_KEYS)
            if meta is not None:
                deck_node = top["deck"][1]
                if "id" not in meta:
                    self.error(deck_node, "'deck' needs an 'id' (a slug like my-history-deck)")
                else:
                    deck_id = self.text(meta["id"][1], "id")
                    if deck_id is not None and not _SLUG.match(deck_id):
                        self.error(meta["id"][1], f"deck id {deck_id!r} should be a slug: lowercase letters, digits, '-', e.g. {_slugify(deck_id)!r}")
                        deck_id = None
                if "title" not in meta:
                    self.error(deck_node, "'deck' needs a 'title'")
                else:
                    title = self.text(meta["title"][1], "title")
                if "description" in meta:
                    description = self.text(meta["description"][1], "description", required_nonempty=False)
                if "tags" in meta:
                    tags = self.str_list(meta["tags"][1], "tags")
                if "sources" in meta:
                    sources = self.doc_sources(meta["sources"][1])
        cards: list[Card] = []
        if "cards" not in top:
            self.error(root, "missing 'cards:' list")
        else:
            cnode = top["cards"][1]
            if isinstance(cnode, yaml.ScalarNode) and cnode.tag == "tag:yaml.org,2002:null":
                self.warn(cnode, "'cards' is empty")
            elif not isinstance(cnode, yaml.SequenceNode):
                self.error(cnode, f"'cards' should be a list of cards (lines starting with '- '), found {_describe(cnode)}")
            elif self.visit(cnode):
                seen_ids: dict[str, int] = {}
                for item in cnode.value:
                    card = self.card(item)
                    # An invalid card still claims its id: a second card with it is reported too.
                    card_id = card.id if card is not None else _raw_id(item)
                    if card_id is None:
                        continue
                    if card_id in seen_ids:
                        self.error(item, f"duplicate card id '{card_id}' (first on line {seen_ids[card_id]})")
                        continue
                    seen_ids[card_id] = (card.line if card is not None else None) or item.start_mark.line + 1
                    if card is not None:
                        cards.append(card)
        if deck_id is None or title is None or any(p.severity == "error" for p in self.problems):
            return None
        return Deck(deck_id, title, tuple(cards), tuple(sources), description, tags, path)

    def doc_sources(self, node: yaml.Node) -> list[DocSource]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"'sources' should be a list, found {_describe(node)}")
            return []
        if not self.visit(node):
            return []
        out = []
        for item in node.value:
            m = self.mapping(item, "a source", DOC_KEYS)
            if m is None:
                continue
            if "doc" not in m:
                self.error(item, "a source needs 'doc' (the document's file name)")
                continue
            doc = self.text(m["doc"][1], "doc")
            title = self.text(m["title"][1], "title", required_nonempty=False) if "title" in m else None
            date = None
            if "date" in m and self.date(m["date"][1], "date") is not None:
                date = m["date"][1].value
            if doc is not None:
                out.append(DocSource(doc, title, date))
        return out

    def card(self, node: yaml.Node) -> Card | None:
        m = self.mapping(node, "a card", CARD_KEYS)
        if m is None:
            return None
        line = node.start_mark.line + 1
        before = len(self.problems)
        card_id = None
        if "id" not in m:
            self.error(node, "card needs an 'id' (unique in the deck, e.g. qa-0001)")
        else:
            card_id = self.text(m["id"][1], "id")
            if card_id is not None and not _CARD_ID.match(card_id):
                self.error(m["id"][1], f"card id {card_id!r} may use only letters, digits, '.', '_', ':' and '-'")
                card_id = None
        kind = None
        if "kind" not in m:
            self.error(node, "card needs a 'kind': event, fact or qa")
        else:
            raw = self.text(m["kind"][1], "kind")
            if raw is not None:
                try:
                    kind = CardKind(raw)
                except ValueError:
                    hint = difflib.get_close_matches(raw, [k.value for k in CardKind], n=1)
                    extra = f": did you mean '{hint[0]}'?" if hint else ""
                    self.error(m["kind"][1], f"unknown kind {raw!r}; expected event, fact or qa{extra}")
        if kind is not None:
            for needed in KIND_FIELDS[kind]:
                if needed not in m:
                    near = [k for k in m if k not in CARD_KEYS and difflib.get_close_matches(k, [needed], cutoff=0.75)]
                    hint = f" (is '{near[0]}' a misspelling of it?)" if near else ""
                    self.error(node, f"{kind.value} card needs '{needed}'{hint}")
        values: dict[str, object] = {}
        for key in ("text", "prompt", "answer", "reverse", "reverse_answer", "notes", "conflict"):
            if key in m:
                values[key] = self.text(m[key][1], key)
        date = self.date(m["date"][1], "date") if "date" in m else None
        if "end" in m:
            if date is None and "date" not in m:
                self.error(m["end"][0], "'end' needs a 'date' (the start of the range)")
            end = self.date(m["end"][1], "end")
            if date is not None and end is not None:
                try:
                    date = PartialDate(date.year, date.month, date.day, end)
                except ValueError as exc:
                    self.error(m["end"][1], f"'end': {exc}")
        aliases = self.str_list(m["aliases"][1], "aliases") if "aliases" in m else ()
        tags = self.str_list(m["tags"][1], "tags") if "tags" in m else ()
        source = self.ref(m["source"][1], "source") if "source" in m else None
        sources: tuple[SourceRef, ...] = ()
        if "sources" in m:
            snode = m["sources"][1]
            if not isinstance(snode, yaml.SequenceNode):
                self.error(snode, f"'sources' should be a list of {{doc, line}}, found {_describe(snode)}")
            elif self.visit(snode):
                sources = tuple(r for r in (self.ref(i, "sources item") for i in snode.value) if r)
        if any(p.severity == "error" for p in self.problems[before:]) or card_id is None or kind is None:
            return None
        return Card(
            id=card_id, kind=kind, date=date, source=source, sources=sources,
            aliases=aliases, tags=tags, line=line, **values,  # type: ignore[arg-type]
        )


def _has_alias(root: yaml.Node) -> int | None:
    """Line of the first node reached twice (an alias), else None. Iterative: no recursion limit."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node.start_mark.line + 1
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing"
    return f"{node.value!r}"


def _iso_suggestion(text: str) -> str | None:
    """The partial ISO form of a date written another way (`Feb 2007` -> `2007-02`), if readable."""
    try:
        from quiz.dates import parse_user_date

        return str(parse_user_date(text)).replace("/", '", end: "')
    except (ValueError, ImportError):
        return None


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-deck"


def _depth_ok(data: str) -> bool:
    """Cheap guard against pathological nesting before handing text to libyaml."""
    depth = 0
    deepest = 0
    for ch in data:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest <= 64


def decode(raw: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (BOM allowed), CRLF normalised; DeckError for binary or other encodings."""
    if not raw.strip():
        raise DeckError.single(path, "the file is empty; a deck needs 'format', 'deck' and 'cards' (see `quiz new`)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows editors call "Unicode"
        raise DeckError.single(path, "this file is UTF-16; save it as UTF-8")
    if b"\x00" in raw:
        raise DeckError.single(path, "this is a binary file, not a YAML deck")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DeckError.single(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, path: str, file_path: Path | None = None) -> LoadResult:
    """Parse deck text. Never raises: problems are returned."""
    walker = _Walker(path)
    if not _depth_ok(text):
        walker.error(None, "the YAML is nested too deeply to be a deck")
        return LoadResult(None, walker.problems)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or exc.context or "bad YAML").strip()
        hint = ""
        lines = text.split("\n")
        bad_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
        if "tab" in what.lower() or bad_line[: len(bad_line) - len(bad_line.lstrip())].count("\t"):
            hint = " (use spaces, not tabs, to indent)"
        elif bad_line.count('"') % 2 or "end of the stream" in what:
            hint = " (is a quote or bracket left open?)"
        elif "mapping values are not allowed" in what:
            key, _, value = bad_line.strip().lstrip("- ").partition(": ")
            hint = (f" (text holding ': ' must be quoted: {key}: \"{value.strip()}\")"
                    if value else " (text holding ': ' must be in double quotes)")
        return LoadResult(None, [Problem(path, line, f"YAML syntax error: {what}{hint}")])
    except (yaml.YAMLError, RecursionError, ValueError, UnicodeError) as exc:
        return LoadResult(None, [Problem(path, None, f"YAML error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")])
    if root is None:
        return LoadResult(None, [Problem(path, None, "the file holds no YAML document")])
    if _ALIAS_HINT.search(text) and _has_alias(root):
        line = _has_alias(root)
        return LoadResult(None, [Problem(path, line, "anchors and aliases (&name, *name) are not allowed in decks; write the value out")])
    try:
        deck = walker.deck(root, file_path)
    except RecursionError:
        walker.error(None, "the YAML is nested too deeply to be a deck")
        deck = None
    if deck is None and not walker.errors_present():
        walker.error(None, "not a valid deck")
    return LoadResult(deck, walker.problems)


def _errors_present(self: _Walker) -> bool:
    return any(p.severity == "error" for p in self.problems)


_Walker.errors_present = _errors_present  # type: ignore[attr-defined]


def read_bytes(path: Path) -> bytes:
    """Read a deck file's bytes, with DeckError for everything the OS can refuse."""
    name = str(path)
    try:
        if path.is_dir():
            raise DeckError.single(name, "is a directory, not a deck file")
        size = path.stat().st_size
        if size > MAX_DECK_BYTES:
            raise DeckError.single(name, f"file is {size // (1024 * 1024)} MB; decks are limited to {MAX_DECK_BYTES // (1024 * 1024)} MB")
        with path.open("rb") as fh:
            return fh.read(MAX_DECK_BYTES + 1)
    except FileNotFoundError:
        raise DeckError.single(name, "no such file") from None
    except PermissionError:
        raise DeckError.single(name, "permission denied (cannot read the file)") from None
    except OSError as exc:
        raise DeckError.single(name, f"cannot read: {exc.strerror or exc}") from None


def load_result(path: Path | str, *, use_cache: bool = True) -> LoadResult:
    """Load one deck file; problems are returned, never raised (except none)."""
    path = Path(path)
    name = str(path)
    try:
        raw = read_bytes(path)
        if use_cache:
            from quiz.deck import cache

            hit = cache.get(path, raw)
            if hit is not None:
                return hit
        text = decode(raw, name)
    except DeckError as exc:
        return LoadResult(None, exc.problems)
    result = parse_text(text, name, path)
    if use_cache:
        from quiz.deck import cache

        cache.put(path, raw, result)
    return result


def load_deck(path: Path | str, *, use_cache: bool = True) -> Deck:
    """Load one deck or raise DeckError with every problem (warnings are not errors)."""
    result = load_result(path, use_cache=use_cache)
    if result.deck is None:
        raise DeckError(result.errors or result.problems)
    return result.deck


def find_deck_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand folders into their *.yaml / *.yml files (sorted); keep files as given."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            out.append(p)
    return out


def load_decks(paths: Iterable[Path | str], *, use_cache: bool = True) -> tuple[list[Deck], list[Problem]]:
    """Load many decks; bad ones are skipped and reported. Deck ids must be unique across decks."""
    decks: list[Deck] = []
    problems: list[Problem] = []
    owner: dict[str, Path] = {}
    for path in find_deck_files(paths):
        result = load_result(path, use_cache=use_cache)
        problems.extend(result.problems)
        deck = result.deck
        if deck is None:
            continue
        if deck.id in owner:
            if owner[deck.id].resolve() == path.resolve():
                continue
            problems.append(Problem(str(path), None, f"deck id '{deck.id}' is already used by {owner[deck.id]}"))
            continue
        owner[deck.id] = path
        decks.append(deck)
    return decks, problems


def _raw_id(node: yaml.Node) -> str | None:
    """The `id:` text of a card mapping that did not make a valid card, if it has one."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
            return str(value.value) or None
    return None
