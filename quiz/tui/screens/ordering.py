"""Order them: move N shuffled events into chronological order, submit, see the true order."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Static

from quiz.exercises import (
    EventItem,
    NotEnoughEvents,
    OrderResult,
    OrderRound,
    build_record,
    grade_order,
    new_order_round,
)
from quiz.exercises.ordering import KIND
from quiz.tui.screens.exercises import ExerciseConfig, ExerciseScreenBase
from quiz.tui.widgets.exercise_rows import ExerciseRows, Row


def _ordinal_offset(offset: int) -> str:
    places = abs(offset)
    unit = "place" if places == 1 else "places"
    return f"{places} {unit} too {'early' if offset < 0 else 'late'}"


class OrderingScreen(ExerciseScreenBase):
    """Shows the events of a round as a list the person reorders; after submit, the true order.

    The round is saved (one transaction) before the reveal is drawn.
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Select", key_display="↑↓"),
        Binding("down", "cursor(1)", "Select", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("shift+up", "move(-1)", "Move", key_display="⇧↑↓/K J"),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("K", "move(-1)", "Move up", show=False),
        Binding("J", "move(1)", "Move down", show=False),
        Binding("enter", "submit", "Submit"),
        Binding("n", "next_round", "Next round"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, config: ExerciseConfig) -> None:
        super().__init__(config)
        self.round: OrderRound | None = None
        self.answer: list[EventItem] = []
        self.cursor = 0
        self.result: OrderResult | None = None
        self.saved = False
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="exercise-title", markup=False)
        yield Static(id="exercise-status", markup=False)
        yield ExerciseRows()
        yield Footer()

    @property
    def rows(self) -> ExerciseRows:
        return self.query_one(ExerciseRows)

    def on_mount(self) -> None:
        self.new_round()

    def new_round(self) -> None:
        try:
            self.round = new_order_round(self.config.pool, self.config.n, self.config.difficulty,
                                         self.config.rng, previous=self.round)
        except NotEnoughEvents as exc:
            self.problem = exc.message
            self.round = None
        else:
            self.problem = None
            self.answer = list(self.round.shown)
        self.cursor = 0
        self.result = None
        self.saved = False
        self.start_timer()
        self.render_round()
        self.refresh_bindings()

    # -- view --------------------------------------------------------------------------

    def render_round(self) -> None:
        title = self.query_one("#exercise-title", Static)
        status = self.query_one("#exercise-status", Static)
        if self.round is None:
            title.update(Content.assemble(("Order them", "bold")))
            status.update(Content.from_markup("[b $text-error]$msg[/]", msg=self.problem or ""))
            self.rows.show([], None)
            return
        sel = self.round.selection
        level = sel.difficulty.value if not sel.relaxed else f"{sel.asked.value}, relaxed"
        title.update(Content.assemble(
            ("Order them", "bold"), f"  ·  {len(self.answer)} events  ·  {level}"))
        if self.result is None:
            status.update(Content("Earliest at the top. Move the selected event with "
                                  "shift+up/down (or K/J), then press enter."))
            rows = [Row(Content(item.text), prefix=Content(f"{i + 1:>2}. "))
                    for i, item in enumerate(self.answer)]
            self.rows.show(rows, self.cursor)
            return
        result = self.result
        saved = "" if self.saved else "  (not saved)"
        status.update(Content.assemble(
            ("Score ", "bold"), (f"{result.score:.0f}/100", "bold"),
            f"  ·  {result.right_pairs} of {result.total_pairs} pairs in order{saved}"
            "  ·  true order:"))
        rows = []
        for i, item in enumerate(result.truth):
            offset = result.offset_of(item)
            yours = result.answer.index(item) + 1
            mark = ("✓ ", "bold") if offset == 0 else ("✗ ", "bold")
            note = "" if offset == 0 else f"  (you: #{yours}, {_ordinal_offset(offset)})"
            rows.append(Row(
                Content.assemble(item.text, (note, "italic")),
                frozenset({"-good" if offset == 0 else "-bad"}),
                prefix=Content.assemble(mark, f"{i + 1:>2}. ", (f"{item.date.human():<12}", "bold"), " "),
            ))
        self.rows.show(rows, None)

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        playing = self.round is not None and self.result is None
        if action in ("cursor", "move", "submit"):
            return playing
        if action == "next_round":
            return self.result is not None
        return True

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(len(self.answer) - 1, self.cursor + step))
        self.render_round()

    def action_move(self, step: int) -> None:
        target = self.cursor + step
        if not 0 <= target < len(self.answer):
            return
        answer = self.answer
        answer[self.cursor], answer[target] = answer[target], answer[self.cursor]
        self.cursor = target
        self.render_round()

    def action_submit(self) -> None:
        if self.round is None or self.result is not None:
            return
        result = grade_order(self.answer)
        record = build_record(
            kind=KIND, shown=self.round.shown, truth=result.truth,
            answer=[i.card_id for i in result.answer], score=result.score, finished=self.now(),
            difficulty=self.config.difficulty.value, duration_ms=self.elapsed_ms(),
            misplaced=result.misplaced,
            detail={"offsets": list(result.offsets), "right_pairs": result.right_pairs,
                    "total_pairs": result.total_pairs,
                    "level": self.round.selection.difficulty.value},
        )
        self.saved = self.save(record, [i for i, _ in result.misplaced])
        self.result = result
        self.render_round()
        self.refresh_bindings()

    def action_next_round(self) -> None:
        self.new_round()
