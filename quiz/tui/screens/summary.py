"""SummaryScreen: what the session did: cards studied, accuracy, time, when the next card is due."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quiz.schedule import format_interval
from quiz.session import Mode, Summary
from quiz.store import from_ms, now_ms
from quiz.tui.widgets.key_bar import KeyBar


def _duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


class SummaryScreen(Screen[None]):
    """Shown when a session ends (queue empty or escape)."""

    BINDINGS = [
        Binding("enter", "home", "Decks"),
        Binding("escape", "home", "Decks", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        now = self.app.clock()  # type: ignore[attr-defined]
        title = "Cram session done" if s.mode is Mode.CRAM else "Session done"
        if s.studied == 0:
            title = "Nothing studied"
        rows = [
            ("Cards studied", str(s.studied)),
            (
                "Accuracy",
                f"{round(s.accuracy * 100)}% ({s.correct} of {s.studied} not Again)"
                if s.accuracy is not None
                else "-",
            ),
            ("Time", _duration(s.elapsed)),
            ("Next due", self._next_due(now)),
        ]
        if s.mode is Mode.CRAM:
            rows.append(("Schedule", "unchanged (cram)"))
        with Vertical(id="summary"):
            yield Static(Content.from_markup("[b]$t[/]", t=title), id="summary-title")
            yield Static(
                Content("\n").join(
                    Content.from_markup("[dim]$k[/]  $v", k=f"{k:<14}", v=v) for k, v in rows
                ),
                id="summary-rows",
            )
            yield Static("enter: back to the decks · q: quit", id="summary-hint")
        yield KeyBar()

    def _next_due(self, now) -> str:  # type: ignore[no-untyped-def]
        ms = self.summary.next_due_ms
        if ms is None:
            return "nothing scheduled"
        if ms <= now_ms(now):
            return "now"
        when = from_ms(ms)
        local = when.astimezone()
        return f"in {format_interval(when - now)} ({local.strftime('%Y-%m-%d %H:%M %Z')})"

    def action_home(self) -> None:
        self.app.pop_screen()
