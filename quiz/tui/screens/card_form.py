"""CardFormScreen: add or edit one card; the date field says what it understood as you type.

Dismisses with the new Card, or None when cancelled. Writing the deck file is
the caller's job (see BrowserScreen.save_card).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from quiz.authoring.form import FIELDS, card_from_form, card_values, check_date
from quiz.deck.model import Card, CardKind

_ALL_FIELDS = ("id", "date", "end", "text", "prompt", "answer", "aliases", "reverse", "reverse_answer",
               "tags", "notes")
_LABELS = {"reverse_answer": "reverse answer", "aliases": "aliases (a; b)", "tags": "tags (a; b)"}


class CardFormScreen(ModalScreen[Card | None]):
    """A form per card kind. ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    CardFormScreen { align: center middle; }
    CardFormScreen > VerticalScroll { width: 90; max-width: 100%; max-height: 90%; border: thick $primary; padding: 1 2;
                                      background: $surface; }
    CardFormScreen .field { height: auto; }
    CardFormScreen .field Label { width: 18; padding-top: 1; }
    CardFormScreen .field Input { width: 1fr; }
    CardFormScreen .date-status { padding-left: 18; color: $text-muted; }
    CardFormScreen .date-status.-bad { color: $error; }
    CardFormScreen #form-error { color: $error; }
    CardFormScreen #form-hint { color: $text-muted; }
    CardFormScreen #form-buttons { height: auto; align-horizontal: right; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, deck_title: str, card: Card | None = None, kind: CardKind = CardKind.QA) -> None:
        super().__init__()
        self.deck_title = deck_title
        self.original = card
        self.kind = card.kind if card is not None else kind

    def compose(self) -> ComposeResult:
        values = card_values(self.original) if self.original else {}
        with VerticalScroll():
            verb = "Edit card" if self.original else "New card"
            yield Static(f"{verb} in {self.deck_title}", markup=False, id="form-title")
            yield Static("ctrl+s saves · escape cancels · tab moves between fields", id="form-hint",
                         markup=False)
            yield Select([(k.value, k) for k in CardKind], value=self.kind, allow_blank=False,
                         id="kind", disabled=self.original is not None)
            for name in _ALL_FIELDS:
                with Horizontal(classes="field", id=f"row-{name}"):
                    yield Label(_LABELS.get(name, name))
                    placeholder = "made from the content when empty" if name == "id" else ""
                    yield Input(values.get(name, ""), id=f"f-{name}", placeholder=placeholder)
                if name in ("date", "end"):
                    yield Static("", classes="date-status", id=f"status-{name}", markup=False)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._show_kind()
        for name in ("date", "end"):
            self._check(name)

    def _show_kind(self) -> None:
        shown = set(FIELDS[self.kind])
        for name in _ALL_FIELDS:
            visible = name in shown
            self.query_one(f"#row-{name}").display = visible
            if name in ("date", "end"):
                self.query_one(f"#status-{name}").display = visible
        first = next(n for n in FIELDS[self.kind] if n != "id")
        self.query_one(f"#f-{first}", Input).focus()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, CardKind):
            self.kind = event.value
            self._show_kind()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("f-")
        if name in ("date", "end"):
            self._check(name)

    def _check(self, name: str) -> None:
        text = self.query_one(f"#f-{name}", Input).value
        status = self.query_one(f"#status-{name}", Static)
        if name == "end" and not text.strip():
            status.update("optional: the last date of a range")
            status.remove_class("-bad")
            return
        date, message = check_date(text)
        status.update(message)
        status.set_class(date is None and bool(text.strip()), "-bad")

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#f-{name}", Input).value for name in FIELDS[self.kind]}

    def action_save(self) -> None:
        try:
            card = card_from_form(self.kind, self.values(), self.original)
        except ValueError as exc:
            self.query_one("#form-error", Static).update(str(exc))
            return
        self.dismiss(card)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
