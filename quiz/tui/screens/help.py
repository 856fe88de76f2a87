"""HelpScreen: the keys of the screen underneath, and what the grades mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GRADES = (
    "Grades: 1 Again (forgot) · 2 Hard · 3 Good · 4 Easy. The button shows when the card comes back.\n"
    "Typed dates: exact = Good, one month/year/day off = Hard, further = Again; "
    "the suggested grade is preselected, enter accepts it, 1-4 override it."
)


class HelpScreen(ModalScreen[None]):
    """Lists the bindings active on `screen` (the one help was opened from)."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.source = screen

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        seen: set[str] = set()
        # Only the keys quiz defines (the screen's and the app's), not every widget's internals.
        ours = {
            b.action
            for b in (*getattr(self.source, "BINDINGS", ()), *getattr(self.app, "BINDINGS", ()))
            if isinstance(b, Binding)
        }
        # One line per description: up and down both "Select" read "↑↓ Select", not twice.
        by_description: dict[str, list[str]] = {}
        for key, active in self.source.active_bindings.items():
            b = active.binding
            if not b.description or key in seen or b.action not in ours:
                continue
            seen.add(key)
            display = b.key_display or self.app.get_key_display(b)
            keys = by_description.setdefault(b.description, [])
            if not any(display in k for k in keys):
                keys.append(display)
        for description, keys in by_description.items():
            lines.append(
                Content.from_markup("[b $accent]$k[/] $d", k=f"{' '.join(keys):>8}", d=description)
            )
        with VerticalScroll(id="help"):
            yield Static(Content.from_markup("[b]Keys[/]"))
            yield Static(Content("\n").join(lines), id="help-keys")
            if any(action.startswith("rate") for action in ours):  # grades mean something here
                yield Static(GRADES, markup=False, id="help-grades")
            yield Static("escape closes", classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
