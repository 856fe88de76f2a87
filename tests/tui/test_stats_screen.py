"""The Stats screen on the hand-built history (tests/stats_history.py): figures, filter, keys, snapshot."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from stats_history import NOW, TZ, build_history, make_decks
from textual.app import App, ComposeResult
from textual.widgets import Sparkline, Static

from quiz.deck.model import Deck
from quiz.stats import Stats
from quiz.store import connect
from quiz.tui.screens.stats import CalendarHeatmap, StatsScreen


class StatsTestApp(App[None]):
    """Stands in for QuizApp: decks, conn, clock() and the timezone the screen reads."""

    def __init__(self, conn: sqlite3.Connection, decks: list[Deck]) -> None:
        super().__init__()
        self.conn = conn
        self.decks = decks
        self.timezone = TZ

    def clock(self) -> datetime:
        return NOW

    def compose(self) -> ComposeResult:
        yield Static("home", markup=False)

    def on_mount(self) -> None:
        self.push_screen(StatsScreen())


def make_app(tmp_path: Path | None = None) -> StatsTestApp:
    conn = connect(tmp_path / "q.sqlite3" if tmp_path else ":memory:")
    build_history(conn)
    return StatsTestApp(conn, make_decks())


async def loaded(pilot) -> Stats:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StatsScreen)
    assert screen.stats is not None
    return screen.stats


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_figures_on_screen() -> None:
    app = make_app()
    async with app.run_test(size=(110, 60)) as pilot:
        stats = await loaded(pilot)
        assert stats.today.reviews == 5 and stats.streak.current == 4
        assert "5 reviews" in text_of(app, "#today") and "40%" in text_of(app, "#today")
        assert "4 days" in text_of(app, "#streak") and "longest 10" in text_of(app, "#streak")
        assert "66.7%" in text_of(app, "#retention") and "desired 90%" in text_of(app, "#retention")
        assert "4 new" in text_of(app, "#cards") and "1 suspended" in text_of(app, "#cards")
        chart = app.screen.query_one("#forecast-chart", Sparkline)
        assert list(chart.data or [])[:3] == [2.0, 2.0, 0.0] and len(chart.data or []) == 30
        heat = app.screen.query_one(CalendarHeatmap)
        assert heat.counts[-1] == 5 and sum(heat.counts) == 16
        sparks = [s for s in app.screen.query(".exercise-spark").results(Sparkline)]
        assert [list(s.data or []) for s in sparks] == [[80.0, 100.0, 60.0], [1.0], [3.0, 5.0]]
        hardest = text_of(app, "#hardest")
        assert "leech" in hardest and "Question 1" in hardest
        # Deck text is shown as written, never read as markup.
        assert "[b]Treaty[/b] signed" in text_of(app, "#misplaced")


async def test_deck_filter_cycles_and_escape_goes_back() -> None:
    app = make_app()
    async with app.run_test(size=(110, 60)) as pilot:
        await loaded(pilot)
        await pilot.press("d")
        stats = await loaded(pilot)
        assert stats.decks == ["d1"] and stats.today.reviews == 4
        assert "Deck one" in text_of(app, "#stats-scope")
        await pilot.press("d")
        assert (await loaded(pilot)).decks == ["d2"]
        await pilot.press("d")
        assert (await loaded(pilot)).decks is None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


async def test_file_database_is_read_on_the_worker_s_own_connection(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 60)) as pilot:
        stats = await loaded(pilot)
        assert stats.totals["reviews"] == 17


async def test_empty_history_and_no_decks() -> None:
    app = StatsTestApp(connect(":memory:"), [])
    async with app.run_test(size=(100, 40)) as pilot:
        stats = await loaded(pilot)
        assert stats.totals == {"reviews": 0, "exercise_rounds": 0}
        assert "none yet" in text_of(app, "#hardest")
        await pilot.press("d")  # nothing to cycle through: stays on all decks
        assert (await loaded(pilot)).decks is None


def test_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot)

    assert snap_compare(make_app(), terminal_size=(110, 62), run_before=run_before)


def test_snapshot_small_terminal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_reached_from_the_real_app_home_screen(tmp_path: Path) -> None:
    """QuizApp's home screen opens the Stats screen with `t`, and escape returns to it."""
    app_mod = pytest.importorskip("quiz.tui.app")
    from quiz.tui.screens.home import HomeScreen

    deck = Path(__file__).resolve().parent.parent / "data" / "valid_deck.yaml"
    app = app_mod.QuizApp([str(deck)], clock=lambda: NOW, db_path=tmp_path / "q.sqlite3")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t")
        stats = await loaded(pilot)
        assert stats.cards.new == 4 and stats.cards.total == 4
        assert stats.totals == {"reviews": 0, "exercise_rounds": 0}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
