"""QuizApp: holds what every screen shares (decks, review database, clock) and app-wide keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from quiz import store
from quiz.config import Settings, load_settings
from quiz.deck.model import Deck
from quiz.session import DeckCounts, deck_counts, open_decks


def _utc_now() -> datetime:
    return datetime.now(UTC)


class QuizApp(App[int]):
    """The study app. Screens read `decks`, `conn`, `clock()` and `deck_problems` from here."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses may live anywhere
    TITLE = "quiz"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        deck_args: Sequence[str] = (),
        mode: str = "study",
        *,
        clock: Callable[[], datetime] | None = None,
        db_path: Path | str | None = None,
        settings: Settings | None = None,
        seed: int | None = None,
        cursor_blink: bool = True,
        fuzz: bool = True,
    ) -> None:
        super().__init__()
        self.deck_args = list(deck_args)
        self.start_mode = mode
        self.clock: Callable[[], datetime] = clock or _utc_now
        self.db_path = db_path
        self.settings = settings or load_settings()
        self.seed = seed
        self.cursor_blink = cursor_blink
        self.fuzz = fuzz
        """FSRS interval fuzz; tests turn it off for repeatable intervals."""
        self.decks: list[Deck] = []
        self.deck_problems: list[str] = []
        self.counts: dict[str, DeckCounts] = {}
        self.loaded = False
        self.conn: sqlite3.Connection = store.connect(db_path)

    def on_mount(self) -> None:
        from quiz.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        # Start loading once the first frame is out: the worker's imports (yaml) and unpickling
        # hold the GIL and would otherwise delay it.
        self.call_after_refresh(self.load_decks)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_decks(self) -> None:
        """Load decks and their counts off the event loop (own connection: one per thread)."""
        decks, problems = open_decks(self.deck_args)
        conn = store.connect(self.db_path)
        try:
            counts = deck_counts(conn, decks, self.clock())
        finally:
            conn.close()
        self.call_from_thread(self._decks_loaded, decks, problems, counts)

    def _decks_loaded(
        self, decks: list[Deck], problems: list[str], counts: dict[str, DeckCounts]
    ) -> None:
        self.decks, self.deck_problems, self.counts, self.loaded = decks, problems, counts, True
        if problems:
            n = len(problems)
            self.notify(
                f"{problems[0]}" + (f" (and {n - 1} more: press p)" if n > 1 else ""),
                title="Deck problems",
                severity="error",
                markup=False,
                timeout=8,
            )
        from quiz.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_decks()
        if self.start_mode == "order" and self.exercises_available():
            self.start_mode = "study"
            self.action_open_exercises()
        elif self.start_mode == "order":
            self.notify("Ordering exercises are not available in this build.", severity="warning")

    def refresh_counts(self) -> None:
        self.counts = deck_counts(self.conn, self.decks, self.clock())

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.loaded = True
            self.notify(
                f"{type(error).__name__}: {error}",
                title="Something went wrong",
                severity="error",
                markup=False,
                timeout=10,
            )

    # -- screens other engineers provide ---------------------------------------------------

    @staticmethod
    def exercises_available() -> bool:
        try:
            from quiz.tui.screens.exercises import ExercisesScreen  # noqa: F401
        except ImportError:
            return False
        return True

    @staticmethod
    def stats_available() -> bool:
        try:
            from quiz.tui.screens.stats import StatsScreen  # noqa: F401
        except ImportError:
            return False
        return True

    def action_open_exercises(self) -> None:
        if self.exercises_available():
            from quiz.tui.screens.exercises import ExercisesScreen

            self.push_screen(ExercisesScreen())

    def action_open_stats(self) -> None:
        if self.stats_available():
            from quiz.tui.screens.stats import StatsScreen

            self.push_screen(StatsScreen())

    def action_help(self) -> None:
        from quiz.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        self.conn.close()


def run(deck_args: Sequence[str], mode: str = "study") -> int:
    """Run the TUI; returns the exit code. QuizError (e.g. an unreadable database) propagates to the CLI."""
    app = QuizApp(deck_args, mode)
    result = app.run()
    return int(result or app.return_code or 0)
