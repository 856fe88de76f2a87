"""`quiz import`: flashcards from CSV/TSV, Anki's plain-text export and Quizlet's export.

Every importer turns a file into rows of cells with the line each row starts
on; `rows_to_deck` then maps columns to card fields. Card ids come from the
card's content, so importing the same file twice gives the same ids (and the
same review history). Problems are collected and raised together as one
`DeckError` (`file:line: message`), and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quiz.dates import PartialDate, parse_user_date
from quiz.deck.model import Card, CardKind, Deck
from quiz.errors import DeckError, Problem, QuizError

FORMATS = ("csv", "tsv", "anki", "quizlet")
MAX_IMPORT_BYTES = 50 * 1024 * 1024

# Header names people use, mapped to card fields.
_HEADER_NAMES: dict[str, str] = {
    "front": "prompt", "question": "prompt", "prompt": "prompt", "term": "prompt", "q": "prompt",
    "word": "prompt",
    "back": "answer", "answer": "answer", "definition": "answer", "a": "answer",
    "meaning": "answer",
    "text": "text", "event": "text",
    "date": "date", "when": "date", "year": "date", "start": "date",
    "end": "end",
    "id": "id", "kind": "kind", "type": "kind",
    "tags": "tags", "tag": "tags",
    "notes": "notes", "note": "notes", "extra": "notes", "comment": "notes",
    "aliases": "aliases", "alias": "aliases", "also": "aliases",
}
_CONTENT_FIELDS = {"prompt", "answer", "text"}
_ANKI_SEPARATORS = {
    "tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":",
}


@dataclass(slots=True)
class Row:
    """One record of the input: its cells and the 1-based line it starts on."""

    line: int
    cells: list[str]


@dataclass(slots=True)
class Table:
    """What an importer read: rows, an optional header and per-format hints."""

    rows: list[Row]
    header: list[str] | None = None
    html: bool = False
    tags_column: int | None = None
    """0-based column holding space-separated tags (Anki's `#tags column:`)."""
    skip_columns: set[int] = field(default_factory=set)
    """0-based columns to ignore (Anki guid / notetype / deck columns)."""


# -- reading --------------------------------------------------------------------

def read_text(path: Path) -> str:
    """File to text: UTF-8 with or without BOM (else Windows-1252), line endings kept for csv."""
    try:
        if path.is_dir():
            raise QuizError(f"{path}: is a directory, not a file to import")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise QuizError(f"{path}: no such file") from None
    except PermissionError:
        raise QuizError(f"{path}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise QuizError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise QuizError(f"{path}: file is too large to import (limit 50 MB)")
    if b"\x00" in raw:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        raise QuizError(f"{path}: this is a binary file, not a text export")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def detect_format(path: Path, text: str) -> str:
    """Guess the format from the header lines and the file name."""
    head = text.lstrip("\ufeff")[:2000]
    if re.match(r"#(separator|html|columns|tags column|notetype|deck|guid)\b", head, re.I):
        return "anki"
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    first = head.splitlines()[0] if head.splitlines() else ""
    if "\t" in first:
        return "quizlet"
    return "csv"


def _csv_rows(text: str, delimiter: str, start_line: int = 1) -> list[Row]:
    """Parse delimited text with csv quoting; each row keeps the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[Row] = []
    prev_end = 0
    try:
        for cells in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if not cells or all(not c.strip() for c in cells):
                continue
            rows.append(Row(start + start_line - 1, cells))
    except csv.Error as exc:
        raise DeckError([Problem("", prev_end + start_line, f"cannot read the row: {exc}")]) from None
    return rows


def read_csv(text: str, delimiter: str = ",") -> Table:
    return Table(_csv_rows(text.lstrip("\ufeff"), delimiter))


def read_quizlet(text: str) -> Table:
    """Quizlet: `term<TAB>definition`, one card per line; no quoting.

    A line without a tab continues the previous definition (Quizlet writes
    multi-line definitions out as they are). Tabs after the first stay in the
    definition.
    """
    rows: list[Row] = []
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if "\t" in line:
            term, definition = line.split("\t", 1)
            rows.append(Row(number, [term, definition.replace("\t", " ")]))
        elif rows:
            rows[-1].cells[1] = rows[-1].cells[1] + "\n" + line
        else:
            rows.append(Row(number, [line]))
    return Table(rows)


def read_anki(text: str) -> Table:
    """Anki's "Notes in Plain Text" export: `#key:value` header lines, then delimited rows."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    separator = "\t"
    is_html = True  # exports without a header (older Anki) hold HTML
    header: list[str] | None = None
    tags_column = None
    skip: set[int] = set()
    consumed = 0
    for line in lines:
        stripped = line.strip()
        if not stripped.startswith("#") or ":" not in stripped:
            break
        consumed += 1
        key, _, value = stripped[1:].partition(":")
        key = key.strip().lower()
        value = value.strip()
        if key == "separator":
            separator = _ANKI_SEPARATORS.get(value.lower(), value[:1] or "\t")
        elif key == "html":
            is_html = value.lower() == "true"
        elif key == "tags column" and value.isdigit():
            tags_column = int(value) - 1
        elif key in ("guid column", "notetype column", "deck column") and value.isdigit():
            skip.add(int(value) - 1)
        elif key == "columns":
            header = value.split(separator) if separator in value else value.split("\t")
    body = "".join(lines[consumed:])
    return Table(_csv_rows(body, separator, consumed + 1), header, is_html, tags_column, skip)


# -- text clean-up ----------------------------------------------------------------

_BREAK_TAGS = re.compile(r"<\s*(br|/div|/p|/li|/h\d|/tr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.S)
_STYLE = re.compile(r"<(style|script)\b.*?</\1\s*>", re.I | re.S)


def strip_html(text: str) -> str:
    """Anki field HTML to plain text: breaks become newlines, tags and sounds go, entities decode."""
    text = _STYLE.sub("", text)
    text = _BREAK_TAGS.sub("\n", text)
    text = _TAG.sub("", text)
    text = _SOUND.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    return clean(text)


def clean(text: str) -> str:
    """Trim each line, drop blank ones and unwrap cloze deletions."""
    text = _CLOZE.sub(r"\1", text)
    lines = [" ".join(part.split()) for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


# -- dates ----------------------------------------------------------------------------

_RANGE = re.compile(r"^\s*(.+?)\s*(?:–|—|\.\.|\bto\b|\s-\s|/)\s*(.+?)\s*$")
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")


def parse_import_date(text: str) -> PartialDate:
    """A date as people write it in a spreadsheet, or a range `1919-1920`, `Oct 18 - Oct 19 2006`."""
    years = _YEAR_RANGE.match(text)
    if years:
        return PartialDate(int(years.group(1)), end=PartialDate(int(years.group(2))))
    try:
        return parse_user_date(text)
    except ValueError as first_error:
        m = _RANGE.match(text)
        if not m:
            raise
        try:
            start = parse_user_date(m.group(1))
            stop = parse_user_date(m.group(2))
        except ValueError:
            raise first_error from None
        return PartialDate(start.year, start.month, start.day, stop.start_only())


# -- rows to cards ----------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "imported"


def content_id(prefix: str, *parts: str) -> str:
    """A stable id from the card's content: the same row always gets the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{digest}"


def _split_list(value: str, *, spaces: bool = False) -> tuple[str, ...]:
    parts = value.split() if spaces else re.split(r"[;|,]", value)
    return tuple(p.strip() for p in parts if p.strip())


@dataclass(slots=True)
class _Columns:
    """Which 0-based column feeds which card field."""

    fields: dict[str, int]
    positional: list[int]


def _header_is_named(cells: Sequence[str], date_column: str | None) -> bool:
    names = [c.strip().lower() for c in cells if c.strip()]
    if not names:
        return False
    if date_column is not None and not date_column.isdigit() and date_column.strip().lower() in names:
        return True
    return all(n in _HEADER_NAMES for n in names) and any(
        _HEADER_NAMES[n] in _CONTENT_FIELDS | {"date"} for n in names
    )


def _map_columns(header: Sequence[str] | None, width: int, date_column: str | None, path: str) -> _Columns:
    fields: dict[str, int] = {}
    positional: list[int] = []
    names = [h.strip().lower() for h in header] if header else []
    if date_column is not None:
        if date_column.strip().isdigit():
            index = int(date_column) - 1
            if index < 0:
                raise QuizError(f"--date-column {date_column}: columns are numbered from 1")
            fields["date"] = index
        elif date_column.strip().lower() in names:
            fields["date"] = names.index(date_column.strip().lower())
        else:
            found = ", ".join(h for h in (header or []) if h.strip()) or "no header row"
            raise QuizError(f"{path}: --date-column {date_column!r} is not a column name (found: {found})")
    for index in range(max(width, len(names))):
        if index in fields.values():
            continue
        name = names[index] if index < len(names) else ""
        target = _HEADER_NAMES.get(name)
        if target is not None and target not in fields and not (target == "date" and date_column):
            fields[target] = index
        else:
            positional.append(index)
    return _Columns(fields, positional)


def _cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def rows_to_deck(
    table: Table,
    *,
    deck_id: str,
    title: str,
    path: str,
    date_column: str | None = None,
) -> Deck:
    """Turn rows into a deck; DeckError listing every row that cannot become a card."""
    rows = list(table.rows)
    header = table.header
    if header is None and rows and _header_is_named(rows[0].cells, date_column):
        header = rows.pop(0).cells
    width = max((len(r.cells) for r in rows), default=0)
    cols = _map_columns(header, width, date_column, path)
    positional = [
        i for i in cols.positional if i not in table.skip_columns and i != table.tags_column
    ]
    problems: list[Problem] = []
    cards: list[Card] = []
    seen: dict[str, int] = {}
    for row in rows:
        cells = [strip_html(c) if table.html else clean(c) for c in row.cells]
        if all(not c for c in cells):
            continue
        get = {name: _cell(cells, index) for name, index in cols.fields.items()}
        extra = [c for c in (_cell(cells, i) for i in positional)]
        tags = _split_list(get.get("tags", ""))
        if table.tags_column is not None:
            tags += _split_list(_cell(row.cells, table.tags_column), spaces=True)
        try:
            card = _row_card(get, extra, tags)
        except ValueError as exc:
            problems.append(Problem(path, row.line, str(exc)))
            continue
        if card.id in seen:
            n = 2
            while f"{card.id}-{n}" in seen:
                n += 1
            card = _replace_id(card, f"{card.id}-{n}")
        seen[card.id] = row.line
        cards.append(card)
    if problems:
        raise DeckError(problems)
    if not cards:
        raise DeckError([Problem(path, None, "no cards found (expected rows like: front,back)")])
    return Deck(deck_id, title, tuple(cards))


def _replace_id(card: Card, new_id: str) -> Card:
    from dataclasses import replace

    return replace(card, id=new_id)


def _row_card(get: dict[str, str], extra: list[str], tags: tuple[str, ...]) -> Card:
    """One card from a row's named and positional cells; ValueError says what is wrong."""
    extra = list(extra)
    prompt = get.get("prompt", "")
    answer = get.get("answer", "")
    text = get.get("text", "")
    notes = get.get("notes") or None
    aliases = _split_list(get.get("aliases", "")) if "aliases" in get else ()
    raw_date = get.get("date", "")
    kind_name = get.get("kind", "").strip().lower()
    if kind_name and kind_name not in {k.value for k in CardKind}:
        raise ValueError(f"unknown kind {kind_name!r}; expected event, fact or qa")
    wants_event = kind_name == "event" or (not kind_name and bool(raw_date.strip()))
    if wants_event:
        if not text:
            if prompt:
                text, prompt = prompt, ""
            elif extra:
                text = extra.pop(0)
        if not notes:
            rest = [x for x in (prompt, answer, *extra) if x]
            notes = "\n".join(rest) or None
        if not raw_date.strip():
            raise ValueError("event row has no date")
        if not text:
            raise ValueError(f"event row dated {raw_date!r} has no text")
        try:
            date = parse_import_date(raw_date)
            if get.get("end", "").strip():
                end = parse_import_date(get["end"]).start_only()
                date = PartialDate(date.year, date.month, date.day, end)
        except ValueError as exc:
            raise ValueError(f"date: {exc}") from None  # exc already quotes the text
        card_id = get.get("id", "").strip() or content_id("ev", date.iso(), text)
        return Card(id=_safe_id(card_id, "ev", date.iso(), text), kind=CardKind.EVENT, text=text,
                    date=date, tags=tags, notes=notes)
    if not prompt:
        prompt = extra.pop(0) if extra else ""
    if not answer:
        answer = extra.pop(0) if extra else ""
    if not notes and extra and any(extra):
        notes = "\n".join(x for x in extra if x)
    if not prompt and not answer:
        raise ValueError("row has no front (prompt) or back (answer)")
    if not prompt:
        raise ValueError(f"row has an answer ({answer[:40]!r}) but no front (prompt)")
    if not answer:
        raise ValueError(f"row {prompt[:40]!r} has no back (answer); add one or delete the row")
    kind = CardKind(kind_name) if kind_name in ("fact", "qa") else CardKind.QA
    card_id = get.get("id", "").strip() or content_id(kind.value if kind is CardKind.QA else "fa", prompt, answer)
    return Card(id=_safe_id(card_id, "qa", prompt, answer), kind=kind, prompt=prompt, answer=answer,
                aliases=aliases, tags=tags, notes=notes)


_CARD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")


def _safe_id(card_id: str, prefix: str, *parts: str) -> str:
    return card_id if _CARD_ID.match(card_id) else content_id(prefix, *parts)


# -- entry point ---------------------------------------------------------------------------

def import_file(
    path: Path,
    *,
    fmt: str | None = None,
    date_column: str | None = None,
    deck_id: str | None = None,
    title: str | None = None,
    output: Path | None = None,
) -> Deck:
    """Read `path` in `fmt` (guessed when None) and return a Deck (not yet written)."""
    path = Path(path)
    text = read_text(path)
    fmt = (fmt or detect_format(path, text)).lower()
    if fmt not in FORMATS:
        raise QuizError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    try:
        if fmt == "csv":
            table = read_csv(text, ",")
        elif fmt == "tsv":
            table = read_csv(text, "\t")
        elif fmt == "anki":
            table = read_anki(text)
        else:
            table = read_quizlet(text)
    except DeckError as exc:
        raise DeckError([Problem(str(path), p.line, p.message) for p in exc.problems]) from None
    stem = (output or path).stem
    if deck_id is None:
        deck_id = _slug(stem)
    else:
        from quiz.authoring.template import check_slug

        check_slug(deck_id)
    if title is None:
        title = stem.replace("_", " ").replace("-", " ").strip().capitalize() or deck_id
    return rows_to_deck(table, deck_id=deck_id, title=title, path=str(path), date_column=date_column)
