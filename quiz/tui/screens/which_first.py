"""Which came first: two events, pick the earlier; the run goes on until a miss."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from quiz.exercises import Answer, NotEnoughEvents, WhichFirstRun, build_record, chronological
from quiz.exercises.which_first import KIND
from quiz.tui.screens.exercises import ExerciseConfig, ExerciseScreenBase


class WhichFirstScreen(ExerciseScreenBase):
    """Shows a pair of events; after each pick both dates. The run is saved when it ends."""

    BINDINGS = [
        Binding("up", "cursor(0)", "Select", key_display="↑↓"),
        Binding("down", "cursor(1)", "Select", show=False),
        Binding("k", "cursor(0)", "Up", show=False),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("1", "pick(0)", "Top", show=False),
        Binding("2", "pick(1)", "Bottom", show=False),
        Binding("enter", "choose", "Choose"),
        Binding("n", "next", "Next pair"),
        Binding("r", "new_run", "New run"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, config: ExerciseConfig) -> None:
        super().__init__(config)
        self.run: WhichFirstRun | None = None
        self.cursor = 0
        self.last: Answer | None = None
        """The answer being shown (dates revealed), or None while a pair waits for a pick."""
        self.saved = False
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="exercise-title", markup=False)
        yield Static(id="exercise-status", markup=False)
        with VerticalScroll(id="which-body"):
            yield Static(id="which-a", classes="which-option", markup=False)
            yield Static(id="which-b", classes="which-option", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.new_run()

    def new_run(self) -> None:
        try:
            self.run = WhichFirstRun(self.config.pool, self.config.difficulty, self.config.rng)
        except NotEnoughEvents as exc:
            self.run, self.problem = None, exc.message
        else:
            self.problem = None
        self.cursor, self.last, self.saved = 0, None, False
        self.start_timer()
        self.render_run()
        self.refresh_bindings()

    @property
    def finished(self) -> bool:
        return self.run is not None and self.run.over

    # -- view --------------------------------------------------------------------------

    def render_run(self) -> None:
        title = self.query_one("#exercise-title", Static)
        status = self.query_one("#exercise-status", Static)
        boxes = [self.query_one("#which-a", Static), self.query_one("#which-b", Static)]
        run = self.run
        if run is None:
            title.update(Content.assemble(("Which came first?", "bold")))
            status.update(Content.from_markup("[b $text-error]$msg[/]", msg=self.problem or ""))
            for box in boxes:
                box.display = False
            return
        title.update(Content.assemble(
            ("Which came first?", "bold"),
            f"  ·  streak {run.streak}  ·  {self.config.difficulty}"))
        pair = self.last.pair if self.last is not None else run.current
        assert pair is not None
        for index, (box, item) in enumerate(zip(boxes, pair.items, strict=True)):
            box.display = True
            label = ("1 ", "bold") if index == 0 else ("2 ", "bold")
            if self.last is None:
                box.update(Content.assemble(label, item.text))
                box.set_classes({"which-option", *({"-cursor"} if index == self.cursor else ())})
                continue
            earlier = index == pair.earlier_index
            mark = "✓ earlier" if earlier else "  later"
            box.update(Content.assemble(label, item.text, "\n",
                                        (item.date.human(), "bold"), ("  " + mark, "italic")))
            picked = index == self.last.pick
            box.set_classes({"which-option",
                             *({"-good" if self.last.correct else "-bad"} if picked else ())})
        if self.last is None:
            status.update(Content("Which of these happened first? Pick with up/down and enter "
                                  "(or 1 / 2)."))
        elif self.last.correct and not run.over:
            status.update(Content.assemble(("Right! ", "bold"), "Press n for the next pair."))
        elif self.last.correct:
            status.update(Content.assemble(
                ("No pairs left: ", "bold"), f"a perfect run of {run.streak}.",
                "" if self.saved else " (not saved)", " Press r for a new run."))
        else:
            status.update(Content.assemble(
                ("Missed: run over. ", "bold"), f"Streak {run.streak}.",
                "" if self.saved else " (not saved)", " Press r for a new run."))

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        waiting = self.run is not None and self.last is None
        if action in ("cursor", "pick", "choose"):
            return waiting
        if action == "next":
            return self.last is not None and not self.finished
        if action == "new_run":
            return self.finished
        return True

    def action_cursor(self, index: int) -> None:
        self.cursor = index
        self.render_run()

    def action_choose(self) -> None:
        self.action_pick(self.cursor)

    def action_pick(self, index: int) -> None:
        run = self.run
        if run is None or run.over or self.last is not None:
            return
        self.last = run.answer(index)
        if run.over:
            self.saved = self.save_run(run)
        self.render_run()
        self.refresh_bindings()

    def save_run(self, run: WhichFirstRun) -> bool:
        shown = [item for a in run.answers for item in a.pair.items]
        truth = [item for a in run.answers for item in chronological(a.pair.items)]
        misplaced = run.misplaced()
        record = build_record(
            kind=KIND, shown=shown, truth=truth,
            answer=[a.pair.items[a.pick].card_id for a in run.answers], score=run.streak,
            finished=self.now(), difficulty=self.config.difficulty.value,
            duration_ms=self.elapsed_ms(), misplaced=misplaced,
            detail={"pairs": len(run.answers), "ended": "exhausted" if run.exhausted else "miss"},
        )
        return self.save(record, [i for i, _ in misplaced])

    def action_next(self) -> None:
        if self.last is None or self.finished:
            return
        self.last, self.cursor = None, 0
        self.render_run()
        self.refresh_bindings()

    def action_new_run(self) -> None:
        self.new_run()
