"""ReviewScreen: one card at a time. Front, then (typed, chosen or just revealed) back, then a grade."""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from quiz.grade import Verdict
from quiz.schedule import Rating
from quiz.session import AnswerKind, Mode, Session
from quiz.tui.widgets.key_bar import KeyBar

RATING_KEYS = {Rating.AGAIN: "1", Rating.HARD: "2", Rating.GOOD: "3", Rating.EASY: "4"}


class ReviewScreen(Screen[None]):
    """Asks the session's cards. Each grade is committed (Session.answer) before the next card shows."""

    BINDINGS = [
        Binding("space", "reveal", "Show answer"),
        Binding("enter", "reveal", "Show answer", show=False),
        Binding("1", "choose(1)", "Pick", key_display="1-4"),
        Binding("2", "choose(2)", "Pick 2", show=False),
        Binding("3", "choose(3)", "Pick 3", show=False),
        Binding("4", "choose(4)", "Pick 4", show=False),
        Binding("1", "rate(1)", "Again"),
        Binding("2", "rate(2)", "Hard"),
        Binding("3", "rate(3)", "Good"),
        Binding("4", "rate(4)", "Easy"),
        Binding("t", "toggle_typed", "Typing"),
        Binding("c", "toggle_choice", "Choices"),
        Binding("u", "undo", "Undo"),
        Binding("i", "source", "Source"),
        Binding("exclamation_mark", "suspend", "Suspend", key_display="!", show=False),
        Binding("minus", "bury", "Bury", key_display="-", show=False),
        Binding("escape", "leave_input", "More keys"),
        Binding("escape", "finish", "End"),
    ]

    revealed: reactive[bool] = reactive(False, init=False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.typed_on = True
        self.choice_on = False
        self.verdict: Verdict | None = None
        self.typed_text: str | None = None
        self.answer_mode = "reveal"
        self.shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static("", id="status")
        with VerticalScroll(id="card"):
            yield Static("", id="ask")
            yield Static("", id="prompt", markup=False)
            yield Input(id="typed", select_on_focus=False)
            yield Static("", id="choices")
            yield Static("", id="verdict", markup=False)
            yield Static("", id="answer", markup=False)
        with Horizontal(id="ratings"):
            for rating in Rating:
                yield Button(
                    rating.label, id=f"rate-{int(rating)}", classes=f"rating {rating.name.lower()}"
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.typed_on = bool(self.app.settings.typed_answers)  # type: ignore[attr-defined]
        self.input.cursor_blink = bool(self.app.cursor_blink)  # type: ignore[attr-defined]
        self.show_card()

    @property
    def input(self) -> Input:
        return self.query_one("#typed", Input)

    # -- showing -------------------------------------------------------------------------

    def _status_text(self) -> Content:
        s = self.session
        q = s.current
        left = s.remaining + (1 if q else 0)
        parts = [Content(q.deck.title if q else "")]
        if s.mode is Mode.CRAM:
            parts.append(Content.from_markup("[b $warning]CRAM: schedule not changed[/]"))
        parts.append(Content(f"{left} left · {s.studied} done"))
        return Content(" · ").join(parts)

    def show_card(self) -> None:
        q = self.session.current
        if q is None:
            self.action_finish()
            return
        self.verdict = None
        self.typed_text = None
        self.shown_at = time.monotonic()
        self.query_one("#status", Static).update(self._status_text())
        self.query_one("#ask", Static).update(
            Content(q.ask or ("Asked the other way round" if q.direction == "reverse" else "Question"))
        )
        prompt = self.query_one("#prompt", Static)
        prompt.update(q.prompt)
        prompt.display = bool(q.prompt)
        for sel in ("#verdict", "#answer"):
            self.query_one(sel, Static).display = False
        if self.choice_on and len(self.session.choices()[0]) >= 2:
            self.answer_mode = "choice"
        elif self.typed_on and q.kind is not AnswerKind.SELF:
            self.answer_mode = "typed"
        else:
            self.answer_mode = "reveal"
        inp = self.input
        inp.value = ""
        inp.disabled = False
        inp.display = self.answer_mode == "typed"
        if self.answer_mode == "typed":
            inp.placeholder = (
                "a date: Feb 2007, 2/2007, 14 Apr 09 — then enter"
                if q.kind is AnswerKind.DATE
                else "your answer — then enter (empty: just show)"
            )
        choices = self.query_one("#choices", Static)
        choices.display = self.answer_mode == "choice"
        if self.answer_mode == "choice":
            options, _ = self.session.choices()
            choices.update(
                Content("\n").join(
                    Content.from_markup("[b $accent]$n[/]  ", n=str(i + 1)) + Content(opt)
                    for i, opt in enumerate(options)
                )
            )
        self.revealed = False
        self.mutate_reactive(ReviewScreen.revealed)
        if self.answer_mode == "typed":
            inp.focus()
        else:
            self.set_focus(None)

    def watch_revealed(self, revealed: bool) -> None:
        ratings = self.query_one("#ratings", Horizontal)
        ratings.display = revealed
        if revealed:
            preview = self.session.preview(self.app.clock())  # type: ignore[attr-defined]
            for rating in Rating:
                narrow = self.size.width < 60 and rating in preview
                label = RATING_KEYS[rating] if narrow else f"{RATING_KEYS[rating]} {rating.label}"
                if rating in preview:
                    label += f" {preview[rating]}"
                self.query_one(f"#rate-{int(rating)}", Button).label = Content(label)
            suggested = self.verdict.rating if self.verdict else Rating.GOOD
            self.query_one(f"#rate-{int(suggested)}", Button).focus()
        self.refresh_bindings()

    def _reveal(self, verdict: Verdict | None) -> None:
        q = self.session.current
        if q is None or self.revealed:
            return
        self.verdict = verdict
        answer = self.query_one("#answer", Static)
        text = q.answer
        if q.card.notes:
            text += "\n\n" + q.card.notes
        answer.update(text)
        answer.display = True
        self.query_one("#verdict", Static).display = verdict is not None
        if verdict is not None:
            v = self.query_one("#verdict", Static)
            v.update(verdict.line())
            v.set_class(verdict.correct, "right")
            v.set_class(verdict.rating is Rating.HARD, "close")
            v.set_class(verdict.rating is Rating.AGAIN, "wrong")
            v.display = True
        self.input.disabled = True
        self.revealed = True

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        current = self.session.current is not None
        if action in ("leave_input", "finish"):
            typing = not self.revealed and isinstance(self.focused, Input)
            return typing if action == "leave_input" else not typing
        if action == "rate":
            return self.revealed and current
        if action == "choose":
            return (not self.revealed) and current and self.answer_mode == "choice"
        if action == "reveal":
            return (not self.revealed) and current
        if action == "undo":
            return self.session.can_undo
        if action in ("toggle_typed", "toggle_choice"):
            return not self.revealed and current
        if action in ("source", "suspend", "bury"):
            return current
        return True

    def action_reveal(self) -> None:
        if self.answer_mode == "typed" and self.input.value.strip():
            self._submit_typed(self.input.value)
        else:
            if self.answer_mode == "typed":
                self.answer_mode = "reveal"
            self._reveal(None)

    @on(Input.Submitted, "#typed")
    def _typed_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.revealed:
            return
        if event.value.strip():
            self._submit_typed(event.value)
        else:
            self.answer_mode = "reveal"
            self._reveal(None)

    def _submit_typed(self, text: str) -> None:
        q = self.session.current
        if q is not None and q.kind is AnswerKind.DATE and not self._readable_date(text):
            return
        self.typed_text = text
        self._reveal(self.session.grade(text))

    def _readable_date(self, text: str) -> bool:
        """A typo is not an answer: say what could not be read and let the person type again."""
        from quiz.dates import parse_user_date

        try:
            parse_user_date(text)
        except ValueError as exc:
            v = self.query_one("#verdict", Static)
            v.update(f"{exc}. Type it again, or clear the box and press enter to see the answer.")
            v.set_classes("close")
            v.display = True
            self.input.focus()
            return False
        return True

    def action_choose(self, n: int) -> None:
        options, _ = self.session.choices()
        if n - 1 < len(options):
            self.typed_text = options[n - 1]
            self._reveal(self.session.choose(n - 1))

    @on(Button.Pressed, ".rating")
    def _rating_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_rate(int(str(event.button.id).removeprefix("rate-")))

    def action_rate(self, n: int) -> None:
        if not self.revealed or self.session.current is None:
            return
        elapsed = int((time.monotonic() - self.shown_at) * 1000)
        self.session.answer(
            Rating(n),
            self.app.clock(),
            typed=self.typed_text,  # type: ignore[attr-defined]
            verdict=self.verdict,
            answer_mode=self.answer_mode,
            elapsed_ms=elapsed,
        )
        self.show_card()

    def action_undo(self) -> None:
        q = self.session.undo()
        if q is not None:
            self.notify("Last answer undone.", timeout=2)
            self.show_card()

    def action_toggle_typed(self) -> None:
        self.typed_on = not self.typed_on
        self.choice_on = False
        self._remember_typed()
        self.notify("Typed answers on." if self.typed_on else "Typed answers off.", timeout=2)
        self.show_card()

    def _remember_typed(self) -> None:
        """Keep the typed-answers choice for next time (settings.json); a failed write is harmless."""
        from dataclasses import replace

        from quiz.config import save_settings

        app = self.app
        app.settings = replace(app.settings, typed_answers=self.typed_on)  # type: ignore[attr-defined]
        try:
            save_settings(app.settings)  # type: ignore[attr-defined]
        except OSError:
            pass

    def action_toggle_choice(self) -> None:
        self.choice_on = not self.choice_on
        self.show_card()
        if self.choice_on and self.answer_mode != "choice" and self.session.current is not None:
            self.notify("Too few similar cards for multiple choice on this card.", timeout=3)

    def action_source(self) -> None:
        from quiz.tui.screens.dialogs import SourceDialog

        q = self.session.current
        if q is not None:
            self.app.push_screen(SourceDialog(q.deck, q.card))

    def action_suspend(self) -> None:
        q = self.session.current
        if q is not None:
            self.session.suspend(self.app.clock())  # type: ignore[attr-defined]
            self.notify("Card suspended: it will not come up again (s in the card browser, b, "
                        "brings it back).", timeout=4)
            self.show_card()

    def action_bury(self) -> None:
        if self.session.current is not None:
            self.session.bury(self.app.clock())  # type: ignore[attr-defined]
            self.notify("Card buried until tomorrow.", timeout=3)
            self.show_card()

    def action_leave_input(self) -> None:
        """Leave the answer box so the letter keys (t, c, u, i) act again; escape again ends."""
        self.set_focus(None)
        self.refresh_bindings()

    def action_finish(self) -> None:
        from quiz.tui.screens.summary import SummaryScreen

        summary = self.session.summary(self.app.clock())  # type: ignore[attr-defined]
        self.app.switch_screen(SummaryScreen(summary))
