"""A scrolling list of rows with one highlighted: the body of every exercise screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class Row:
    """One line (or wrapped lines) of an exercise list."""

    content: Content
    """What to show; build it from plain text (`Content(text)`), never from card markup."""
    classes: frozenset[str] = field(default_factory=frozenset)
    """Extra CSS classes: `-good`, `-bad`, `-gap`, `-new`."""
    prefix: Content | None = None
    """A lead column (number, mark, date): wrapped lines of `content` stay indented past it."""


class _RowView(Horizontal):
    """One row: an optional lead column and the text, which wraps under itself."""

    def __init__(self) -> None:
        super().__init__(classes="exercise-row")
        self.prefix = Static(markup=False, classes="row-prefix")
        self.body = Static(markup=False, classes="row-body")

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.prefix
        yield self.body


class ExerciseRows(VerticalScroll, can_focus=False):
    """Shows `Row`s and keeps the cursor row (class `-cursor`) scrolled into view.

    It only displays; the screen that owns it decides what the rows are and where the
    cursor is, and calls `show()` again after every change. Posts no messages.
    """

    DEFAULT_CSS = """
    ExerciseRows {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    ExerciseRows > .exercise-row {
        padding: 0 1;
        width: 1fr;
        height: auto;
    }
    ExerciseRows > .exercise-row > .row-prefix {
        width: auto;
    }
    ExerciseRows > .exercise-row > .row-body {
        width: 1fr;
    }
    ExerciseRows > .exercise-row.-cursor {
        background: $boost;
        text-style: bold;
        border-left: outer $accent;
        padding: 0 0;
    }
    ExerciseRows > .exercise-row.-gap {
        color: $text-muted;
    }
    ExerciseRows > .exercise-row.-good {
        color: $text-success;
    }
    ExerciseRows > .exercise-row.-bad {
        color: $text-error;
    }
    ExerciseRows > .exercise-row.-new {
        text-style: bold;
    }
    """

    def show(self, rows: Sequence[Row], cursor: int | None) -> None:
        """Replace the rows; `cursor` indexes the highlighted one (None: no highlight)."""
        existing = list(self.query_children(_RowView).results(_RowView))
        if len(existing) != len(rows):
            self.remove_children()
            existing = [_RowView() for _ in rows]
            self.mount_all(existing)
        for index, (widget, row) in enumerate(zip(existing, rows, strict=True)):
            widget.prefix.update(row.prefix or Content(""))
            widget.prefix.display = row.prefix is not None
            widget.body.update(row.content)
            widget.set_classes({"exercise-row", *row.classes}
                               | ({"-cursor"} if index == cursor else set()))
        if cursor is not None and 0 <= cursor < len(existing):
            target = existing[cursor]
            self.call_after_refresh(self.scroll_to_widget, target, animate=False)
