"""HomeScreen: the decks found, with new / learning / due counts; pick some and study."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.session import Mode, Session, missed_today
from quiz.tui.widgets.key_bar import KeyBar

EMPTY = (
    "No decks found.\n\n"
    "Make some from a folder of documents:\n"
    "    quiz generate CORPUS_DIR -o decks/\n"
    "or open deck files directly:\n"
    "    quiz study path/to/deck.yaml"
)


class HomeScreen(Screen[None]):
    """Deck list. Space marks decks; enter or s studies the marked ones (or the one under the cursor)."""

    BINDINGS = [
        Binding("s", "study", "Study"),
        Binding("space", "toggle", "Mark", show=False),
        Binding("c", "cram", "Cram"),
        Binding("m", "misses", "Retake misses"),
        Binding("o", "app.open_exercises", "Order"),
        Binding("t", "app.open_stats", "Stats"),
        Binding("b", "browse", "Browse"),
        Binding("p", "problems", "Problems"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: set[str] = set()
        self.has_misses = False

    def compose(self) -> ComposeResult:
        yield Static("quiz · decks", id="home-title", markup=False)
        with Vertical(id="home"):
            yield Static("Loading decks…", id="home-message", markup=False)
            table: DataTable[Text] = DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            table.display = False
            yield table
            yield Static("", id="home-hint", markup=False)
        yield KeyBar()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#decks", DataTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":
            return bool(self.app.deck_problems)  # type: ignore[attr-defined]
        if action == "misses":  # shown once something was missed today
            return bool(self.app.decks) and self.has_misses  # type: ignore[attr-defined]
        if action in ("study", "toggle", "cram", "browse"):
            return bool(self.app.decks)  # type: ignore[attr-defined]
        return True

    def on_screen_resume(self) -> None:
        if self.app.loaded:  # type: ignore[attr-defined]
            self.app.refresh_counts()  # type: ignore[attr-defined]
            self.show_decks()

    def on_resize(self) -> None:
        if self.app.loaded:  # type: ignore[attr-defined]
            self.show_decks()

    def decks_changed(self) -> None:
        """The app loaded or reloaded decks."""
        self.show_decks()

    def show_decks(self) -> None:
        app = self.app
        decks = app.decks  # type: ignore[attr-defined]
        message = self.query_one("#home-message", Static)
        hint = self.query_one("#home-hint", Static)
        table = self.table
        if not decks:
            message.update(EMPTY)
            message.display = True
            table.display = False
            hint.display = False
            self.refresh_bindings()
            return
        message.display = False
        table.display = True
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text(" "), key="mark", width=1)
        table.add_column(Text("Deck"), key="deck", width=max(8, min(48, self.size.width - 34)))
        for name in ("New", "Learn", "Due", "Total"):
            table.add_column(Text(name, justify="right"), key=name.lower())
        totals = [0, 0, 0, 0]
        for deck in decks:
            c = app.counts.get(deck.id)  # type: ignore[attr-defined]
            nums = (c.new, c.learning, c.due, c.total) if c else (0, 0, 0, len(deck.cards))
            totals = [a + b for a, b in zip(totals, nums, strict=True)]
            table.add_row(
                Text("●" if deck.id in self.marked else " "),
                Text(deck.title, no_wrap=True, overflow="ellipsis"),
                Text(str(nums[0]), style="bold" if nums[0] else "dim", justify="right"),
                Text(str(nums[1]), justify="right"),
                Text(str(nums[2]), style="bold" if nums[2] else "dim", justify="right"),
                Text(str(nums[3]), justify="right"),
                key=deck.id,
            )
        if row:
            table.move_cursor(row=min(row, len(decks) - 1))
        hint.display = True
        self.has_misses = bool(missed_today(app.conn, app.clock()))  # type: ignore[attr-defined]
        waiting = totals[0] + totals[1] + totals[2]
        new_limit = app.settings.new_per_day  # type: ignore[attr-defined]
        hint.update(
            f"{len(decks)} deck{'s' if len(decks) != 1 else ''} · {waiting} card"
            f"{'s' if waiting != 1 else ''} waiting · up to {new_limit} new a day · "
            "space marks, enter studies"
            if waiting else
            "Nothing due now: well done. c crams a deck without touching its schedule."
        )
        self.refresh_bindings()
        table.focus()

    def _chosen(self) -> list:  # type: ignore[type-arg]
        decks = self.app.decks  # type: ignore[attr-defined]
        if self.marked:
            return [d for d in decks if d.id in self.marked]
        if not decks:
            return []
        row = self.table.cursor_row
        return [decks[min(max(row, 0), len(decks) - 1)]]

    def action_toggle(self) -> None:
        row = self.table.cursor_row
        deck = self.app.decks[row]  # type: ignore[attr-defined]
        self.marked ^= {deck.id}
        self.table.update_cell(deck.id, "mark", Text("●" if deck.id in self.marked else " "))

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_study()

    def action_study(self) -> None:
        self._start(Mode.REVIEW)

    def action_cram(self) -> None:
        self._start(Mode.CRAM)

    def action_misses(self) -> None:
        missed = missed_today(self.app.conn, self.app.clock())  # type: ignore[attr-defined]
        decks = self._chosen()
        ids = {d.id for d in decks}
        if not any(k[0] in ids for k in missed):
            self.notify("No misses today in the chosen decks.", severity="information")
            return
        self._start(Mode.CRAM, only=missed)

    def _start(self, mode: Mode, only: set[tuple[str, str]] | None = None) -> None:
        from quiz.schedule import Scheduler
        from quiz.tui.screens.review import ReviewScreen

        app = self.app
        decks = self._chosen()
        if not decks:
            return
        settings = app.settings  # type: ignore[attr-defined]
        session = Session(
            app.conn, decks, app.clock(),  # type: ignore[attr-defined]
            scheduler=Scheduler(settings.desired_retention, enable_fuzzing=app.fuzz),  # type: ignore[attr-defined]
            mode=mode,
            new_per_day=settings.new_per_day, only=only, seed=app.seed,  # type: ignore[attr-defined]
        )
        if session.done:
            self.notify("Nothing to study in these decks right now. c crams them anyway.",
                        title="All caught up")
            return
        app.push_screen(ReviewScreen(session))

    def action_browse(self) -> None:
        from quiz.tui.screens.browser import BrowserScreen

        self.app.push_screen(BrowserScreen())

    def action_problems(self) -> None:
        from quiz.tui.screens.dialogs import ProblemsDialog

        self.app.push_screen(ProblemsDialog(self.app.deck_problems))  # type: ignore[attr-defined]
