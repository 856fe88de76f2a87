"""StatsScreen: scores across sessions, per deck and overall.

Shows today's work and the streak, a calendar heatmap of the last year, retention next to
the desired retention, card states with a 30-day due forecast (a bar chart), exercise scores
per kind with a sparkline of recent rounds, the hardest cards and the most misplaced events.

The figures come from `quiz.stats.compute_stats`, run in a worker thread with its own
database connection; the screen only renders the returned `Stats`. Deck text is never markup.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta, tzinfo
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Sparkline, Static
from textual.worker import Worker, WorkerState

from quiz.stats import (
    DEFAULT_DESIRED_RETENTION,
    LEECH_LAPSES,
    Stats,
    compute_stats,
    format_duration,
    local_timezone,
    plural,
)

WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class CalendarHeatmap(Widget):
    """Answers per day as a GitHub-style calendar: a column per week, a row per weekday."""

    COMPONENT_CLASSES = {"heatmap--empty", "heatmap--l1", "heatmap--l2", "heatmap--l3", "heatmap--l4",
                         "heatmap--label"}
    DEFAULT_CSS = """
    CalendarHeatmap { height: 8; width: auto; }
    CalendarHeatmap > .heatmap--empty { color: $foreground 12%; }
    CalendarHeatmap > .heatmap--l1 { color: $success 35%; }
    CalendarHeatmap > .heatmap--l2 { color: $success 60%; }
    CalendarHeatmap > .heatmap--l3 { color: $success 80%; }
    CalendarHeatmap > .heatmap--l4 { color: $success; }
    CalendarHeatmap > .heatmap--label { color: $foreground 60%; }
    """

    def __init__(self, start: date, counts: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.start = start
        self.counts = list(counts)

    def update(self, start: date, counts: Sequence[int]) -> None:
        self.start, self.counts = start, list(counts)
        self.refresh(layout=True)

    def _weeks(self) -> int:
        first_monday = self.start - timedelta(days=self.start.weekday())
        return (self.start + timedelta(days=len(self.counts) - 1) - first_monday).days // 7 + 1

    def get_content_width(self, container: Any, viewport: Any) -> int:
        return 4 + self._weeks()

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return 8

    def level(self, count: int, top: int) -> int:
        """0 for no answers, else 1-4 by quarter of the busiest day."""
        if count <= 0 or top <= 0:
            return 0
        return min(4, 1 + (4 * (count - 1)) // top)

    def render(self) -> Text:
        styles = [self.get_component_rich_style(f"heatmap--{n}")
                  for n in ("empty", "l1", "l2", "l3", "l4")]
        label: Style = self.get_component_rich_style("heatmap--label")
        first_monday = self.start - timedelta(days=self.start.weekday())
        weeks = self._weeks()
        top = max(self.counts, default=0)
        months = [" "] * weeks
        starts = [w for w in range(weeks)
                  if (first_monday + timedelta(weeks=w)).month
                  != (first_monday + timedelta(weeks=w - 1)).month]
        if not starts or starts[0] > 3:
            starts.insert(0, 0)  # label the first column unless a month starts right after it
        for w in starts:
            name = f"{first_monday + timedelta(weeks=w):%b}"
            if w + len(name) <= weeks and all(c == " " for c in months[max(0, w - 1): w + 3]):
                months[w: w + 3] = list(name)
        text = Text("    " + "".join(months), style=label, no_wrap=True)
        text.append("\n")
        for weekday in range(7):
            text.append(f"{WEEKDAYS[weekday]:<4}", style=label)
            for w in range(weeks):
                i = (first_monday + timedelta(weeks=w, days=weekday) - self.start).days
                if 0 <= i < len(self.counts):
                    text.append("■", style=styles[self.level(self.counts[i], top)])
                else:
                    text.append(" ")
            if weekday < 6:
                text.append("\n")
        return text


class StatsScreen(Screen[None]):
    """Scores across sessions. `d` cycles the deck filter; escape goes back. Posts no messages."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("d", "next_deck", "Deck filter"),
        Binding("r", "refresh", "Refresh", show=False),
    ]

    DEFAULT_CSS = """
    StatsScreen #stats-body { padding: 0 1; }
    StatsScreen #stats-scope { text-style: bold; margin-bottom: 1; }
    StatsScreen .stats-row { height: auto; }
    StatsScreen .stats-box { border: round $primary 60%; height: auto; padding: 0 1; width: 1fr; }
    StatsScreen .stats-box.wide { width: 2fr; }
    StatsScreen .stats-box Static { text-wrap: nowrap; text-overflow: ellipsis; }
    StatsScreen .stats-heading { text-style: bold; color: $text-primary; }
    StatsScreen #forecast-chart { width: 60; height: 4; margin-top: 1; }
    StatsScreen #forecast-axis { width: 60; color: $text-muted; }
    StatsScreen #exercises { height: auto; }
    StatsScreen .exercise-row { height: 1; }
    StatsScreen .exercise-label { width: 1fr; }
    StatsScreen .exercise-spark { width: 30; height: 1; }
    StatsScreen #stats-loading { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.filters: list[str | None] = [None]
        self.filter_index = 0
        self.stats: Stats | None = None
        """The figures on display (None while the first load runs)."""

    # -- app state ----------------------------------------------------------------------

    @property
    def decks(self) -> list[Any]:
        decks = getattr(self.app, "decks", None) or []
        return list(decks.values()) if isinstance(decks, dict) else list(decks)

    @property
    def deck_filter(self) -> str | None:
        return self.filters[self.filter_index] if self.filter_index < len(self.filters) else None

    def _timezone(self) -> tzinfo:
        tz = getattr(self.app, "timezone", None)
        return tz if isinstance(tz, tzinfo) else local_timezone()

    def _desired_retention(self) -> float:
        settings = getattr(self.app, "settings", None)
        value = getattr(settings, "desired_retention", None)
        return float(value) if isinstance(value, int | float) and 0 < value < 1 else DEFAULT_DESIRED_RETENTION

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-scope", markup=False)
            yield Static("Counting…", id="stats-loading", markup=False)
            with Horizontal(classes="stats-row"):
                with Vertical(classes="stats-box", id="box-today"):
                    yield Static("", id="today")
                with Vertical(classes="stats-box", id="box-streak"):
                    yield Static("", id="streak")
                with Vertical(classes="stats-box", id="box-retention"):
                    yield Static("", id="retention")
            with Vertical(classes="stats-box", id="box-heatmap"):
                yield Static("", id="heatmap-title", classes="stats-heading")
                yield CalendarHeatmap(date.today(), [], id="heatmap")
            with Horizontal(classes="stats-row"):
                with Vertical(classes="stats-box wide", id="box-forecast"):
                    yield Static("", id="cards")
                    yield Static("", id="forecast-title", classes="stats-heading")
                    yield Sparkline([], id="forecast-chart")
                    yield Static("", id="forecast-axis")
            with Vertical(classes="stats-box", id="box-exercises"):
                yield Vertical(id="exercises")
            with Horizontal(classes="stats-row"):
                with Vertical(classes="stats-box", id="box-hardest"):
                    yield Static("", id="hardest-title", classes="stats-heading")
                    yield Static("", id="hardest")
                with Vertical(classes="stats-box", id="box-misplaced"):
                    yield Static("Most misplaced events", classes="stats-heading")
                    yield Static("", id="misplaced")
        yield Footer()

    def on_mount(self) -> None:
        self.box_titles()
        self.filters = [None, *(d.id for d in self.decks)]
        self._show_scope()
        self.load_stats()

    def box_titles(self) -> None:
        for box, title in (("today", "Today"), ("streak", "Streak"), ("retention", "Retention"),
                           ("heatmap", "Last year"), ("forecast", "Cards and due forecast"),
                           ("exercises", "Exercise scores"), ("hardest", "Hardest cards"),
                           ("misplaced", "Ordering mistakes")):
            self.query_one(f"#box-{box}").border_title = title

    def _show_scope(self) -> None:
        deck_id = self.deck_filter
        if deck_id is None:
            scope = Content.from_markup("Stats · [b]all decks[/]")
        else:
            title = next((d.title for d in self.decks if d.id == deck_id), deck_id)
            scope = Content.assemble("Stats · ", (title, "bold"), f"  ({self.filter_index}/{len(self.filters) - 1})")
        hint = "   d: next deck · escape: back" if len(self.filters) > 1 else "   escape: back"
        self.query_one("#stats-scope", Static).update(Content.assemble(scope, (hint, "dim")))

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def load_stats(self) -> Stats:
        """Compute in a thread, on a connection opened in this thread when the database is a file."""
        app = self.app
        shared: sqlite3.Connection | None = getattr(app, "conn", None)
        path = _database_file(shared) if shared is not None else None
        deck_id = self.deck_filter
        now = app.clock() if callable(getattr(app, "clock", None)) else None  # type: ignore[attr-defined]
        if now is None:
            from datetime import UTC, datetime

            now = datetime.now(UTC)
        kwargs = dict(decks=self.decks or None, deck_ids=[deck_id] if deck_id else None,
                      desired_retention=self._desired_retention())
        if shared is not None and not path:  # in-memory: the only copy is the app's connection
            return compute_stats(shared, now, self._timezone(), **kwargs)  # type: ignore[arg-type]
        from quiz.store import connect

        conn = connect(path or None)
        try:
            return compute_stats(conn, now, self._timezone(), db_path=path or None, **kwargs)  # type: ignore[arg-type]
        finally:
            conn.close()

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "stats":
            return
        event.stop()
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Stats):
            self.show(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self.query_one("#stats-loading", Static).update("Could not read the history.")
            self.notify(f"{type(event.worker.error).__name__}: {event.worker.error}",
                        title="Stats failed", severity="error", markup=False)

    # -- rendering ---------------------------------------------------------------------------

    def show(self, stats: Stats) -> None:
        """Render a computed `Stats`."""
        self.stats = stats
        self.query_one("#stats-loading", Static).display = False
        t, s = stats.today, stats.streak
        self.query_one("#today", Static).update(Content.from_markup(
            "[b]$reviews[/] review$rpl\n[b]$acc[/] correct\n$time spent\n$rounds exercise round$xpl",
            reviews=str(t.reviews), acc=f"{t.accuracy:.0%}" if t.reviews else "-",
            time=format_duration(t.time_ms), rounds=str(t.exercise_rounds),
            rpl="" if t.reviews == 1 else "s", xpl="" if t.exercise_rounds == 1 else "s",
        ))
        if s.current and not s.studied_today:
            note = "study today to keep it"
        elif s.studied_today:
            note = "today counts"
        else:
            note = "start one today"
        self.query_one("#streak", Static).update(Content.from_markup(
            "[b]$cur[/] day$pl\n$note\nlongest $longest\n$days study day$dpl",
            cur=str(s.current), pl="" if s.current == 1 else "s", note=note,
            longest=str(s.longest), days=str(s.study_days), dpl="" if s.study_days == 1 else "s",
        ))
        lines = []
        for w in stats.retention.windows:
            value = f"{w.retention:.1%}" if w.answers else "-"
            lines.append(Content.assemble(f"{w.days:>3} d  ", (f"{value:>6}", "bold"),
                                          f"  ({w.passed}/{w.answers})"))
        lines.append(Content(f"desired {stats.retention.desired:.0%}"))
        self.query_one("#retention", Static).update(Content("\n").join(lines))

        h = stats.heatmap
        self.query_one("#heatmap-title", Static).update(
            f"{plural(h.total, 'answer')} on {plural(h.active_days, 'day')} · busiest day {h.max}")
        self.query_one(CalendarHeatmap).update(date.fromisoformat(h.start), h.counts)

        c = stats.cards
        self.query_one("#cards", Static).update(Content.from_markup(
            "[b]$total[/] cards: $new new · $lrn learning · $rev review · $rel relearning · $sus suspended",
            total=str(c.total), new=str(c.new), lrn=str(c.learning), rev=str(c.review),
            rel=str(c.relearning), sus=str(c.suspended),
        ))
        f = stats.forecast
        self.query_one("#forecast-title", Static).update(
            f"Due in the next 30 days: {f.total} ({f.due_now} due now, {f.counts[0]} today, "
            f"busiest day {max(f.counts, default=0)})")
        self.query_one("#forecast-chart", Sparkline).data = [float(n) for n in f.counts]
        start = date.fromisoformat(f.start)
        end = start + timedelta(days=len(f.counts) - 1)
        left, right = f"today {start:%b %d}", f"{end:%b %d}"
        self.query_one("#forecast-axis", Static).update(left + " " * max(1, 60 - len(left) - len(right)) + right)

        self._show_exercises(stats)
        self.query_one("#hardest-title", Static).update(
            f"Most lapses ({stats.leeches} leech{'es' if stats.leeches != 1 else ''} at {LEECH_LAPSES}+)")
        self.query_one("#hardest", Static).update(_hardest(stats) or Content("none yet"))
        self.query_one("#misplaced", Static).update(_misplaced(stats) or Content("none yet"))

    def _show_exercises(self, stats: Stats) -> None:
        box = self.query_one("#exercises", Vertical)
        box.remove_children()
        if not stats.exercises:
            box.mount(Static("No exercise rounds yet: o on the home screen starts one.", markup=False))
            return
        rows = []
        for e in stats.exercises:
            label = Static(Content.from_markup(
                "[b]$kind[/]  $n round$pl · best $best · average $avg · last $last",
                kind=f"{e.kind:<12}", n=str(e.rounds), pl="" if e.rounds == 1 else "s", best=f"{e.best:g}", avg=f"{e.average:g}",
                last=f"{e.last:g}"), classes="exercise-label")
            rows.append(Horizontal(label, Sparkline(e.recent, classes="exercise-spark"),
                                   classes="exercise-row"))
        box.mount_all(rows)

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_deck":
            return bool(self.decks)  # nothing to filter by without decks
        return True

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_next_deck(self) -> None:
        self.filters = [None, *(d.id for d in self.decks)]
        self.filter_index = (self.filter_index + 1) % len(self.filters)
        self._show_scope()
        self.load_stats()

    def action_refresh(self) -> None:
        self.load_stats()


def _database_file(conn: sqlite3.Connection) -> str:
    """The file behind a connection, '' for an in-memory database."""
    try:
        for row in conn.execute("PRAGMA database_list").fetchall():
            if row[1] == "main":
                return str(row[2] or "")
    except sqlite3.Error:
        return ""
    return ""


def _label(deck_id: str, card_id: str, text: str | None, width: int = 34) -> Content:
    shown = " ".join((text or f"{deck_id}/{card_id}").split())
    if len(shown) > width:
        shown = shown[: width - 1] + "…"
    return Content(shown)


def _hardest(stats: Stats) -> Content | None:
    lines = []
    for card in stats.hardest:
        lines.append(Content.assemble(
            (f"{card.lapses:>3}", "bold"), " ", ("leech " if card.leech else "      ", "bold $error"),
            _label(card.deck_id, card.card_id, card.text),
        ))
    return Content("\n").join(lines) if lines else None


def _misplaced(stats: Stats) -> Content | None:
    lines = []
    for m in stats.misplaced:
        lines.append(Content.assemble(
            (f"{m.times:>3}×", "bold"), f" ±{m.average_off:<4g} ",
            _label(m.deck_id, m.card_id, m.text),
        ))
    return Content("\n").join(lines) if lines else None
