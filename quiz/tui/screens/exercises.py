"""The exercise menu (exercise, N, difficulty) and what the three exercise screens share."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.deck.model import Deck
from quiz.errors import QuizError
from quiz.exercises import (
    DEFAULT_N,
    MAX_N,
    MENU_DIFFICULTIES,
    MIN_N,
    Difficulty,
    EventItem,
    distinct_count,
    event_pool,
    save_round,
)
from quiz.store import RoundRecord

KINDS: tuple[tuple[str, str, str], ...] = (
    ("order", "Order them", "Put N shuffled events in order, earliest at the top."),
    ("which_first", "Which came first", "Two events: pick the earlier. Go on until a miss."),
    ("timeline", "Timeline", "Place each new event on a growing timeline. 3 lives."),
)
DIFFICULTY_HELP = {
    Difficulty.EASY: "events years apart",
    Difficulty.MEDIUM: "events at least a month apart",
    Difficulty.HARD: "events months or days apart",
}


@dataclass(frozen=True, slots=True)
class ExerciseConfig:
    """What the menu hands to an exercise screen."""

    kind: str
    n: int
    difficulty: Difficulty
    decks: Sequence[Deck]
    rng: random.Random

    @property
    def pool(self) -> list[EventItem]:
        return event_pool(self.decks)


class ExerciseScreenBase(Screen[None]):
    """Shared plumbing of the exercise screens: the clock, timing and saving a round."""

    CSS_PATH = "exercises.tcss"

    def __init__(self, config: ExerciseConfig) -> None:
        super().__init__()
        self.config = config
        self._started = time.monotonic()

    def now(self) -> datetime:
        clock = getattr(self.app, "clock", None)
        if clock is None:
            from datetime import UTC

            return datetime.now(UTC)
        return clock()

    def start_timer(self) -> None:
        self._started = time.monotonic()

    def elapsed_ms(self) -> int:
        return int((time.monotonic() - self._started) * 1000)

    def save(self, record: RoundRecord, misplaced: Sequence[EventItem]) -> bool:
        """Commit the round (and due-sooner changes) before anything is revealed.

        Returns False, after telling the person, when the database refused it.
        """
        try:
            save_round(self.app.conn, record, misplaced, self.now())  # type: ignore[attr-defined]
        except (sqlite3.Error, QuizError) as exc:
            self.notify(f"This round was not saved: {exc}", title="Database error",
                        severity="error", markup=False, timeout=8)
            return False
        return True

    def action_back(self) -> None:
        self.dismiss(None)


class ExercisesScreen(Screen[None]):
    """Menu of the date-ordering exercises over `app.decks`. Pushes the chosen exercise screen."""

    CSS_PATH = "exercises.tcss"
    BINDINGS = [
        Binding("up", "row(-1)", "Select", key_display="↑↓"),
        Binding("down", "row(1)", "Select", show=False),
        Binding("k", "row(-1)", "Up", show=False),
        Binding("j", "row(1)", "Down", show=False),
        Binding("left", "change(-1)", "Change", key_display="←→"),
        Binding("right", "change(1)", "Change", show=False),
        Binding("h", "change(-1)", "Change", show=False),
        Binding("l", "change(1)", "Change", show=False),
        Binding("minus", "change(-1)", "Less", show=False),
        Binding("plus", "change(1)", "More", show=False),
        Binding("enter", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, seed: int | None = None) -> None:
        super().__init__()
        self._seed = seed
        self.rng: random.Random | None = None
        self.row = 0
        self.kind_index = 0
        self.n = DEFAULT_N
        self.difficulty_index = MENU_DIFFICULTIES.index(Difficulty.MEDIUM)

    def compose(self) -> ComposeResult:
        with Vertical(id="exercise-menu"):
            yield Static("Date-ordering exercises", id="menu-title")
            yield Static(id="menu-decks", markup=False)
            yield Static(id="menu-kind", classes="menu-row", markup=False)
            yield Static(id="menu-n", classes="menu-row", markup=False)
            yield Static(id="menu-difficulty", classes="menu-row", markup=False)
            yield Static(id="menu-help", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        seed = self._seed if self._seed is not None else getattr(self.app, "seed", None)
        self.rng = random.Random(seed)
        self.refresh_menu()

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    # -- state -------------------------------------------------------------------------

    @property
    def decks(self) -> list[Deck]:
        return list(getattr(self.app, "decks", []) or [])

    @property
    def kind(self) -> str:
        return KINDS[self.kind_index][0]

    @property
    def difficulty(self) -> Difficulty:
        return MENU_DIFFICULTIES[self.difficulty_index]

    def _needed(self) -> int:
        return self.n if self.kind == "order" else 2

    def refresh_menu(self) -> None:
        decks = self.decks
        available = distinct_count(event_pool(decks))
        names = ", ".join(d.title for d in decks[:3])
        if len(decks) > 3:
            names += f" +{len(decks) - 3}"
        deck_line = Content.assemble(
            ("Decks: ", "bold"), names or "none loaded",
            "\n", (f"{available} events with distinct dates", "italic"),
        )
        self.query_one("#menu-decks", Static).update(deck_line)
        _, kind_name, kind_help = KINDS[self.kind_index]
        n_note = (f"How many events to order ({MIN_N}-{MAX_N})." if self.kind == "order"
                  else "Only used by Order them.")
        rows = [
            ("Exercise", kind_name, kind_help),
            ("Events", str(self.n), n_note),
            ("Difficulty", self.difficulty.value, f"{self.difficulty.value.capitalize()}: "
                                                  f"{DIFFICULTY_HELP[self.difficulty]}."),
        ]
        for index, (widget_id, (label, value, _note)) in enumerate(
                zip(("#menu-kind", "#menu-n", "#menu-difficulty"), rows, strict=True)):
            widget = self.query_one(widget_id, Static)
            marker = "▸ " if index == self.row else "  "
            widget.update(Content.assemble(
                marker, (f"{label:<12}", "bold"), ("‹ ", "dim"), (value, "bold"), (" ›", "dim")))
            widget.set_class(index == self.row, "-cursor")
        help_widget = self.query_one("#menu-help", Static)
        note = Content(rows[self.row][2])
        if available < self._needed():
            help_widget.update(Content.from_markup(
                "$note\n\n[b $text-error]$msg[/]", note=note,
                msg=f"Not enough events: this needs {self._needed()} with distinct dates, the "
                    f"decks have {available}. Load more decks or choose fewer events."))
        else:
            help_widget.update(Content.assemble(note, "\n\n", ("Enter starts.", "dim")))

    # -- actions -----------------------------------------------------------------------

    def action_row(self, step: int) -> None:
        self.row = (self.row + step) % 3
        self.refresh_menu()

    def action_change(self, step: int) -> None:
        if self.row == 0:
            self.kind_index = (self.kind_index + step) % len(KINDS)
        elif self.row == 1:
            self.n = max(MIN_N, min(MAX_N, self.n + step))
        else:
            self.difficulty_index = (self.difficulty_index + step) % len(MENU_DIFFICULTIES)
        self.refresh_menu()

    def config(self) -> ExerciseConfig:
        assert self.rng is not None
        return ExerciseConfig(self.kind, self.n, self.difficulty, self.decks, self.rng)

    def action_start(self) -> None:
        config = self.config()
        screen: Screen[None]
        if config.kind == "order":
            from quiz.tui.screens.ordering import OrderingScreen

            screen = OrderingScreen(config)
        elif config.kind == "which_first":
            from quiz.tui.screens.which_first import WhichFirstScreen

            screen = WhichFirstScreen(config)
        else:
            from quiz.tui.screens.timeline import TimelineScreen

            screen = TimelineScreen(config)
        self.app.push_screen(screen)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
