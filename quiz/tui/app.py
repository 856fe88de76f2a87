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
from quiz.authoring.browse import changed_paths, file_stamp
from quiz.config import Settings, load_settings
from quiz.database import backup_if_due, open_database
from quiz.deck.model import Deck
from quiz.session import DeckCounts, deck_counts, open_decks

WATCH_SECONDS = 2.0
"""How often deck files are checked for changes made in another window."""


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
        self.deck_stamps: dict[Path, tuple[int, int] | None] = {}
        self.deck_errors: dict[Path, list[str]] = {}
        """Problems of deck files that changed on disk and no longer load (last good kept)."""
        opened = open_database(Path(db_path) if db_path is not None else None, now=self.clock())
        self.conn: sqlite3.Connection = opened.conn
        self.db_file: Path = opened.path
        self.db_notices: list[str] = opened.notices
        self._watch_timer: object | None = None

    def on_mount(self) -> None:
        from quiz.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        for notice in self.db_notices:
            self.notify(notice, title="Review database", severity="warning", markup=False, timeout=15)
        # Start loading once the first frame is out: the worker's imports (yaml) and unpickling
        # hold the GIL and would otherwise delay it.
        self.call_after_refresh(self.load_decks)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_decks(self) -> None:
        """Load decks and their counts off the event loop (own connection: one per thread)."""
        decks, problems = open_decks(self.deck_args)
        conn = store.connect(self.db_file)
        try:
            counts = deck_counts(conn, decks, self.clock())
            if str(self.db_file) != ":memory:":
                backup_if_due(conn, self.db_file, self.clock())  # at most once a day; never fails loudly
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
        self.remember_deck_files()
        if self._watch_timer is None:
            self._watch_timer = self.set_interval(WATCH_SECONDS, self.check_deck_files)
        self._tell_screens()
        if self.start_mode == "order":
            self.start_mode = "study"
            self.action_open_exercises()

    def _tell_screens(self) -> None:
        """Screens that show deck content refresh through their `decks_changed()`."""
        for screen in self.screen_stack:
            handler = getattr(screen, "decks_changed", None)
            if callable(handler):
                handler()

    # -- deck files edited in another window ----------------------------------------------

    def remember_deck_files(self, path: Path | None = None) -> None:
        """Record the on-disk stamp of one deck file (after our own write) or of all."""
        if path is not None:
            self.deck_stamps[path] = file_stamp(path)
        else:
            self.deck_stamps = {d.path: file_stamp(d.path) for d in self.decks if d.path is not None}

    def check_deck_files(self) -> None:
        changed = changed_paths(self.deck_stamps)
        if changed:
            self.reload_deck_files(changed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def reload_deck_files(self, paths: list[Path]) -> None:
        from quiz.deck.load import load_result

        results = [(p, file_stamp(p), load_result(p)) for p in paths]
        self.call_from_thread(self._deck_files_reloaded, results)

    def _deck_files_reloaded(self, results: list) -> None:  # type: ignore[type-arg]
        for path, stamp, result in results:
            self.deck_stamps[path] = stamp
            if result.deck is None:
                self.deck_errors[path] = [str(p) for p in result.errors or result.problems]
                self.notify(
                    f"{path.name} changed on disk and has errors; keeping the last good version. "
                    + (self.deck_errors[path][0] if self.deck_errors[path] else ""),
                    title="Deck not reloaded", severity="error", markup=False, timeout=10,
                )
                continue
            self.deck_errors.pop(path, None)
            for i, deck in enumerate(self.decks):
                if deck.path == path:
                    self.decks[i] = result.deck
                    break
            self.notify(f"Reloaded {path.name}", markup=False)
        self.refresh_counts()
        self._tell_screens()

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

    # -- other modes ---------------------------------------------------------------------------

    def action_open_exercises(self) -> None:
        from quiz.tui.screens.exercises import ExercisesScreen

        self.push_screen(ExercisesScreen())

    def action_open_stats(self) -> None:
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
