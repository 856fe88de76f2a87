"""Small modal dialogs: where a card came from, deck problems."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.deck.model import Card, Deck


class SourceDialog(ModalScreen[None]):
    """Deck file, card id and the document(s) + line the card came from."""

    BINDINGS = [Binding("escape,i,enter", "close", "Close")]

    def __init__(self, deck: Deck, card: Card) -> None:
        super().__init__()
        self.deck = deck
        self.card = card

    def compose(self) -> ComposeResult:
        docs = {d.doc: d for d in self.deck.sources}
        lines = [f"Deck: {self.deck.title} ({self.deck.id})"]
        if self.deck.path is not None:
            where = f"{self.deck.path}:{self.card.line}" if self.card.line else str(self.deck.path)
            lines.append(f"Card: {self.card.id} in {where}")
        refs = self.card.all_sources()
        if not refs:
            lines.append("Source: none recorded (hand-written card)")
        for ref in refs:
            doc = docs.get(ref.doc)
            line = f"Source: {ref.doc}" + (f", line {ref.line}" if ref.line else "")
            if doc is not None and (doc.title or doc.date):
                line += "\n        " + " · ".join(x for x in (doc.title, doc.date) if x)
            lines.append(line)
        if self.card.conflict:
            lines.append(f"Conflict: {self.card.conflict}")
        with VerticalScroll(classes="dialog"):
            yield Static(Content.from_markup("[b]Where this card came from[/]"))
            yield Static("\n".join(lines), markup=False)
            yield Static("escape closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class ProblemsDialog(ModalScreen[None]):
    """Every problem found while loading decks, as `path:line: message`."""

    BINDINGS = [Binding("escape,p,enter", "close", "Close")]

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(
                Content.from_markup("[b $error]Deck problems[/] (these decks were skipped)")
            )
            yield Static("\n".join(self.problems), markup=False)
            yield Static(
                "Fix the files (quiz validate PATH shows the same list), then restart.\n"
                "escape closes",
                classes="hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)
