"""Timeline builder: place each new event into a gap of the growing timeline; 3 lives."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Static

from quiz.exercises import LIVES, NotEnoughEvents, Placement, TimelineGame, build_record
from quiz.exercises.timeline import KIND
from quiz.tui.screens.exercises import ExerciseConfig, ExerciseScreenBase
from quiz.tui.widgets.exercise_rows import ExerciseRows, Row


class TimelineScreen(ExerciseScreenBase):
    """Shows the event to place, and the timeline with a gap cursor between its events.

    A wrong gap costs a life and the event appears where it belonged. The game is saved
    when it ends (no lives, or no event left).
    """

    BINDINGS = [
        Binding("up", "gap(-1)", "Choose gap", key_display="↑↓"),
        Binding("down", "gap(1)", "Choose gap", show=False),
        Binding("k", "gap(-1)", "Up", show=False),
        Binding("j", "gap(1)", "Down", show=False),
        Binding("home", "gap_to(0)", "First gap", show=False),
        Binding("end", "gap_to(-1)", "Last gap", show=False),
        Binding("enter", "place", "Place here"),
        Binding("n", "new_game", "New game"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, config: ExerciseConfig) -> None:
        super().__init__(config)
        self.game: TimelineGame | None = None
        self.gap = 0
        self.last: Placement | None = None
        self.saved = False
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="exercise-title", markup=False)
        yield Static(id="exercise-status", markup=False)
        yield Static(id="exercise-current", markup=False)
        yield ExerciseRows()
        yield Footer()

    @property
    def rows(self) -> ExerciseRows:
        return self.query_one(ExerciseRows)

    def on_mount(self) -> None:
        self.new_game()

    def new_game(self) -> None:
        try:
            self.game = TimelineGame(self.config.pool, self.config.difficulty, self.config.rng)
        except NotEnoughEvents as exc:
            self.game, self.problem = None, exc.message
        else:
            self.problem = None
        self.last, self.saved = None, False
        self.gap = len(self.game.placed) if self.game else 0
        self.start_timer()
        self.render_game()
        self.refresh_bindings()

    # -- view --------------------------------------------------------------------------

    def render_game(self) -> None:
        title = self.query_one("#exercise-title", Static)
        status = self.query_one("#exercise-status", Static)
        current = self.query_one("#exercise-current", Static)
        game = self.game
        if game is None:
            title.update(Content.assemble(("Timeline", "bold")))
            status.update(Content.from_markup("[b $text-error]$msg[/]", msg=self.problem or ""))
            current.display = False
            self.rows.show([], None)
            return
        lives = "♥" * game.lives + "·" * (LIVES - game.lives)
        title.update(Content.assemble(
            ("Timeline", "bold"), "  ·  ", (lives, "bold"), f"  ·  placed {game.score}"
            f"  ·  {self.config.difficulty}"))
        status.update(self._status(game))
        if game.current is not None:
            current.display = True
            current.update(Content.assemble(("Place: ", "bold"), game.current.text))
        else:
            current.display = False
        rows: list[Row] = []
        cursor: int | None = None
        for index in range(len(game.placed) + 1):
            if not game.over:
                if index == self.gap:
                    cursor = len(rows)
                    rows.append(Row(Content.assemble(("   ▸ place here", "bold"))))
                else:
                    rows.append(Row(Content("   ·"), frozenset({"-gap"})))
            if index == len(game.placed):
                break
            item = game.placed[index]
            classes: set[str] = set()
            note = ""
            if self.last is not None and self.last.item is item:
                classes.add("-good" if self.last.correct else "-bad")
                note = "  ✓ new" if self.last.correct else "  ✗ belonged here"
            rows.append(Row(Content.assemble(item.text, (note, "italic")), frozenset(classes),
                            prefix=Content.assemble((f"{item.date.human():<12}", "bold"), " ")))
        self.rows.show(rows, cursor)

    def _status(self, game: TimelineGame) -> Content:
        saved = "" if self.saved else " (not saved)"
        if game.over and game.completed:
            return Content.assemble(("Timeline complete! ", "bold"),
                                    f"{game.score} event{'' if game.score == 1 else 's'} placed.{saved} Press n for a new game.")
        if game.over:
            return Content.assemble(("Out of lives. ", "bold"),
                                    f"{game.score} event{'' if game.score == 1 else 's'} placed.{saved} Press n for a new game.")
        if self.last is None:
            return Content("Where does the new event go? Choose a gap with up/down, then enter.")
        if self.last.correct:
            return Content.assemble(("Right! ", "bold"), f"{self.last.item.date.human()}.")
        return Content.assemble(("Wrong gap: ", "bold"),
                                f"it was {self.last.item.date.human()}. One life lost.")

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        playing = self.game is not None and not self.game.over
        if action in ("gap", "gap_to", "place"):
            return playing
        if action == "new_game":
            return self.game is not None and self.game.over
        return True

    def action_gap(self, step: int) -> None:
        if self.game is None:
            return
        self.gap = max(0, min(len(self.game.placed), self.gap + step))
        self.render_game()

    def action_gap_to(self, gap: int) -> None:
        if self.game is None:
            return
        self.gap = len(self.game.placed) if gap < 0 else gap
        self.render_game()

    def action_place(self) -> None:
        game = self.game
        if game is None or game.over:
            return
        self.last = game.place(self.gap)
        if game.over:
            self.saved = self.save_game(game)
        # Keep the cursor beside the event just placed: the next one is often nearby.
        self.gap = min(self.last.index + 1, len(game.placed))
        self.render_game()
        self.refresh_bindings()

    def save_game(self, game: TimelineGame) -> bool:
        misplaced = game.misplaced()
        placed_keys = {p.item.key for p in game.placements}
        shown = [game.shown[0], *[i for i in game.shown[1:] if i.key in placed_keys]]
        record = build_record(
            kind=KIND, shown=shown, truth=game.placed,
            answer=[p.gap for p in game.placements], score=game.score, finished=self.now(),
            difficulty=self.config.difficulty.value, duration_ms=self.elapsed_ms(),
            misplaced=misplaced,
            detail={"lives_left": game.lives, "completed": game.completed},
        )
        return self.save(record, [i for i, _ in misplaced])

    def action_new_game(self) -> None:
        self.new_game()
