"""BrowserScreen: every card of the loaded decks in one searchable, sortable table.

One DataTable row per card (a virtual table, fine for 50k cards). The search box
takes words and filters: `deck:ID kind:event tag:NAME is:due is:suspended is:leech is:new`.
Enter or e edits the card under the cursor, a adds a card to its deck, s (un)suspends it,
t studies the cards shown (cram), o / O change the sort. Deck files are watched: a file
changed on disk is reloaded, and validation errors are shown instead of the new cards.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from quiz import store
from quiz.authoring.browse import (
    SORT_KEYS,
    BrowseRow,
    build_rows,
    filter_rows,
    sort_rows,
)
from quiz.deck.model import Card, CardKind, Deck

MAX_FRONT = 70
MIN_FRONT = 24
MAX_DECK = 16
"""Deck ids are clipped in the table so the card text and its state fit in 80 columns."""
_FIXED = MAX_DECK + 2 + 7 + 11 + 2 + 18
"""deck, kind, state (with cell padding), the scrollbar, and room for the start of the answer."""


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def front_width(screen_width: int) -> int:
    """How much of a card's front the table shows, so the state and answer columns stay in view."""
    return max(MIN_FRONT, min(MAX_FRONT, screen_width - _FIXED))


class BrowserScreen(Screen[None]):
    """The card browser. Posts nothing; edits go to the deck file and `app.decks`."""

    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("e", "edit", "Edit"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("a", "add", "Add"),
        Binding("s", "suspend", "Suspend"),
        Binding("t", "study", "Study shown"),
        Binding("o", "sort", "Sort"),
        Binding("O", "reverse_sort", "Reverse", show=False),
        Binding("escape", "back", "Back"),
    ]
    DEFAULT_CSS = """
    BrowserScreen #browse-search { dock: top; }
    BrowserScreen #browse-status { height: 1; color: $text-muted; }
    BrowserScreen #browse-errors { color: $error; height: auto; max-height: 6; }
    """

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.sort_key = "deck"
        self.sort_reverse = False
        self.rows: list[BrowseRow] = []
        self.shown: list[BrowseRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Input(self.query_text, placeholder="search  (deck:ID kind:event tag:X is:due is:suspended is:leech)",
                        id="browse-search")
            yield Static("", id="browse-errors", markup=False)
            table: DataTable[str | Text] = DataTable(id="browse-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static("", id="browse-status", markup=False)
        yield Footer(show_command_palette=False)  # room for "? Help" at 80 columns

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#browse-table", DataTable)

    @property
    def decks(self) -> list[Deck]:
        return self.app.decks  # type: ignore[attr-defined, no-any-return]

    def on_mount(self) -> None:
        t = self.table
        t.add_column("deck", key="deck")
        t.add_column("kind", key="kind")
        t.add_column("state", key="due")
        t.add_column("card", key="front")
        t.add_column("answer / date", key="date")
        t.add_column("lapses", key="lapses")
        self.reload_rows()
        self.show_errors()
        t.focus()

    # -- data -----------------------------------------------------------------------------
    def reload_rows(self) -> None:
        states = store.load_states(self.app.conn)  # type: ignore[attr-defined]
        self.rows = build_rows(self.decks, states)
        self.refresh_table()

    def refresh_table(self, keep: tuple[str, str] | None = None) -> None:
        now = self.app.clock()  # type: ignore[attr-defined]
        if keep is None and self.shown and self.table.row_count:
            keep = self.current_key()
        self.shown = sort_rows(filter_rows(self.rows, self.query_text, now), self.sort_key, self.sort_reverse)
        now_ms = int(now.timestamp() * 1000)
        t = self.table
        t.clear()
        front_max = front_width(self.app.size.width)
        for row in self.shown:
            card = row.card
            front = _clip(card.front().replace("\n", " "), front_max)
            second = str(card.date) if card.date else _clip((card.answer or "").replace("\n", " "), 40)
            if row.suspended:
                due = "suspended"
            elif row.due_ms is None:
                due = "new"
            elif row.due_ms <= now_ms:
                due = "due"
            else:
                due = f"in {max(1, (row.due_ms - now_ms) // 86_400_000)}d"
            if row.is_leech():
                due += " leech"
            t.add_row(Text(_clip(row.deck_id, MAX_DECK)), Text(card.kind.value), Text(due), Text(front),
                      Text(second), Text(str(row.lapses)), key=f"{row.deck_id}\x1f{card.id}")
        if keep is not None:
            key = f"{keep[0]}\x1f{keep[1]}"
            try:
                t.move_cursor(row=t.get_row_index(key))
            except Exception:  # noqa: BLE001 - the row may be filtered out now
                pass
        order = "descending" if self.sort_reverse else "ascending"
        self.query_one("#browse-status", Static).update(
            f"{len(self.shown)} of {len(self.rows)} cards · sorted by {self.sort_key} ({order})"
        )

    def current_key(self) -> tuple[str, str] | None:
        t = self.table
        if not self.shown or t.cursor_row < 0 or t.cursor_row >= len(self.shown):
            return None
        row_key = t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value or ""
        deck_id, _, card_id = row_key.partition("\x1f")
        return deck_id, card_id

    def current(self) -> tuple[Deck, Card] | None:
        key = self.current_key()
        if key is None:
            return None
        for deck in self.decks:
            if deck.id == key[0]:
                card = deck.card(key[1])
                if card is not None:
                    return deck, card
        return None

    # -- search and sort ---------------------------------------------------------------------
    @on(Input.Changed, "#browse-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_table()

    @on(Input.Submitted, "#browse-search")
    def _search_done(self) -> None:
        self.table.focus()

    def action_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.refresh_table()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_table()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key in SORT_KEYS:
            self.sort_reverse = not self.sort_reverse if key == self.sort_key else False
            self.sort_key = key
            self.refresh_table()

    def action_back(self) -> None:
        if self.focused is self.query_one("#browse-search", Input):
            self.table.focus()
        else:
            self.dismiss(None)

    # -- edit -----------------------------------------------------------------------------------
    def action_edit(self) -> None:
        from quiz.tui.screens.card_form import CardFormScreen

        found = self.current()
        if found is None:
            return
        deck, card = found
        self.app.push_screen(CardFormScreen(deck.title, card),
                             lambda new: self.save_card(deck, card.id, new))

    def action_add(self) -> None:
        from quiz.tui.screens.card_form import CardFormScreen

        found = self.current()
        deck = found[0] if found else (self.decks[0] if self.decks else None)
        if deck is None:
            self.notify("No deck to add to.", severity="warning")
            return
        kind = found[1].kind if found else CardKind.QA
        self.app.push_screen(CardFormScreen(deck.title, None, kind),
                             lambda new: self.save_card(deck, None, new))

    def save_card(self, deck: Deck, old_id: str | None, card: Card | None) -> None:
        """Write the card into the deck file (round trip, atomic) and show the reloaded deck."""
        from quiz.authoring.edit import add_card, replace_card
        from quiz.errors import QuizError

        if card is None:
            return
        if deck.path is None:
            self.notify("This deck has no file to write to.", severity="error")
            return
        try:
            new_deck = replace_card(deck.path, old_id, card) if old_id else add_card(deck.path, card)
        except QuizError as exc:
            self.notify("\n".join(exc.lines()), title="Card not saved", severity="error", markup=False, timeout=10)
            return
        self.swap_deck(deck.path, replace(new_deck, path=deck.path))
        self.app.remember_deck_files(deck.path)  # type: ignore[attr-defined]
        self.refresh_table(keep=(new_deck.id, card.id))
        self.notify(f"Saved {card.id} in {deck.path.name}", markup=False)

    def swap_deck(self, path: Path, new_deck: Deck) -> None:
        decks = self.app.decks  # type: ignore[attr-defined]
        for i, d in enumerate(decks):
            if d.path is not None and d.path == path:
                decks[i] = new_deck
                break
        states = store.load_states(self.app.conn)  # type: ignore[attr-defined]
        self.rows = build_rows(decks, states)

    # -- suspend and study ---------------------------------------------------------------------
    def action_suspend(self) -> None:
        from quiz.schedule import Scheduler

        found = self.current()
        if found is None:
            return
        deck, card = found
        app = self.app
        now = app.clock()  # type: ignore[attr-defined]
        states = store.load_states(app.conn, [deck.id])  # type: ignore[attr-defined]
        state = states.get((deck.id, card.id)) or Scheduler().new_state(deck.id, card.id, now)
        state = replace(state, suspended=not state.suspended, updated_ms=store.now_ms(now))
        store.set_flags(app.conn, state)  # type: ignore[attr-defined]
        self.reload_rows()
        self.notify(f"{'Suspended' if state.suspended else 'Unsuspended'} {card.id}", markup=False)

    def action_study(self) -> None:
        from quiz.schedule import Scheduler
        from quiz.session import Mode, Session
        from quiz.tui.screens.review import ReviewScreen

        if not self.shown:
            self.notify("No cards shown to study: change the search.", severity="warning")
            return
        app = self.app
        keys = {r.key for r in self.shown}
        decks = [d for d in self.decks if any(k[0] == d.id for k in keys)]
        settings = app.settings  # type: ignore[attr-defined]
        session = Session(app.conn, decks, app.clock(),  # type: ignore[attr-defined]
                          scheduler=Scheduler(settings.desired_retention), mode=Mode.CRAM,
                          new_per_day=settings.new_per_day, only=keys, seed=app.seed)  # type: ignore[attr-defined]
        if session.done:
            self.notify("Nothing to study in these cards.")
            return
        app.push_screen(ReviewScreen(session))

    # -- files changed on disk (the app watches them) ------------------------------------------
    def check_files(self) -> None:
        """Check deck files now instead of at the app's next poll."""
        self.app.check_deck_files()  # type: ignore[attr-defined]

    def decks_changed(self) -> None:
        """The app reloaded decks (or found errors in a changed file): rebuild the rows."""
        self.reload_rows()
        self.show_errors()

    def show_errors(self) -> None:
        errors = self.app.deck_errors  # type: ignore[attr-defined]
        lines = [line for errs in errors.values() for line in errs]
        self.query_one("#browse-errors", Static).update("\n".join(lines[:6]))
