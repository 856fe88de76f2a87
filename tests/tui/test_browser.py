"""Card browser and card form under Pilot: filter, sort, suspend, edit (file written), add, reload on change."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from textual.events import Mount
from textual.widgets import Input, Static

from quiz.deck.load import load_deck
from quiz.session import deck_counts, open_decks
from quiz.store import load_states
from quiz.tui.app import QuizApp
from quiz.tui.screens.browser import BrowserScreen
from quiz.tui.screens.card_form import CardFormScreen

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
DECK = """\
# hand-written, with a comment to keep
format: 1
deck:
  id: hist
  title: History
cards:
  - id: e1
    kind: event
    date: "1789-07-14"
    text: Storming of the Bastille   # keep me
    tags: [france]
  - id: q1
    kind: qa
    prompt: Capital of France?
    answer: Paris
  - id: q2
    kind: qa
    prompt: Capital of Italy?
    answer: Rome
"""


class BrowserTestApp(QuizApp):
    """The real app, opened straight on the browser with decks loaded synchronously."""

    def __init__(self, deck_path: Path, db_path: Path) -> None:
        super().__init__([str(deck_path)], clock=lambda: NOW, db_path=db_path, cursor_blink=False)

    def on_mount(self, event: Mount) -> None:
        event.prevent_default()  # not QuizApp's: no home screen, no loading worker
        decks, problems = open_decks(self.deck_args)
        self._decks_loaded(decks, problems, deck_counts(self.conn, decks, NOW))
        self.push_screen(BrowserScreen())


def make_app(tmp_path: Path) -> tuple[BrowserTestApp, Path]:
    path = tmp_path / "hist.yaml"
    path.write_text(DECK, encoding="utf-8")
    return BrowserTestApp(path, tmp_path / "q.sqlite3"), path


async def test_search_filters_and_sort(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        assert screen.table.row_count == 3
        await pilot.press("slash", *"capital")
        assert [r.card.id for r in screen.shown] == ["q1", "q2"]
        app.screen.query_one("#browse-search", Input).value = "kind:event tag:france"
        await pilot.pause()
        assert [r.card.id for r in screen.shown] == ["e1"]
        app.screen.query_one("#browse-search", Input).value = ""
        await pilot.pause()
        screen.sort_key = "front"
        screen.refresh_table()
        assert [r.card.id for r in screen.shown] == ["q1", "q2", "e1"]


async def test_suspend_toggles_stored_flag(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        screen.table.focus()
        await pilot.press("s")
        key = screen.shown[0].key
        assert load_states(app.conn)[(key[0], key[1])].suspended is True
        app.screen.query_one("#browse-search", Input).value = "is:suspended"
        await pilot.pause()
        assert [r.key for r in screen.shown] == [key]


async def test_edit_card_writes_file_keeping_comments(tmp_path: Path) -> None:
    app, path = make_app(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        app.screen.query_one("#browse-search", Input).value = "Italy"
        await pilot.pause()
        screen.table.focus()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CardFormScreen)
        form.query_one("#f-answer", Input).value = "Roma"
        form.query_one("#f-aliases", Input).value = "Rome"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    text = path.read_text(encoding="utf-8")
    assert "# keep me" in text and "# hand-written" in text
    card = load_deck(path, use_cache=False).card("q2")
    assert card is not None and card.answer == "Roma" and card.aliases == ("Rome",)
    assert app.decks[0].card("q2") == card


async def test_add_event_date_checked_as_you_type(tmp_path: Path) -> None:
    app, path = make_app(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        screen.table.focus()
        await pilot.press("a")  # cursor on the event card: the form opens for an event
        form = app.screen
        assert isinstance(form, CardFormScreen)
        date = form.query_one("#f-date", Input)
        date.value = "Feb 20"
        await pilot.pause()
        status = form.query_one("#status-date", Static)
        assert "has no year" in str(status.render()) and status.has_class("-bad")
        date.value = "Feb 1917"
        await pilot.pause()
        assert '"1917-02"' in str(status.render()) and not status.has_class("-bad")
        await pilot.press("ctrl+s")  # text missing: stays open with the reason
        assert app.screen is form
        assert "text is required" in str(form.query_one("#form-error", Static).render())
        form.query_one("#f-text", Input).value = "February Revolution"
        await pilot.press("ctrl+s")
        await pilot.pause()
    deck = load_deck(path, use_cache=False)
    added = [c for c in deck.cards if c.text == "February Revolution"]
    assert len(added) == 1 and str(added[0].date) == "1917-02"
    assert 'date: "1917-02"' in path.read_text(encoding="utf-8")


async def test_changed_file_reloads_and_bad_file_shows_errors(tmp_path: Path) -> None:
    app, path = make_app(tmp_path)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        path.write_text(DECK.replace("Rome", "Roma"), encoding="utf-8")
        os.utime(path, ns=(1, 1))  # a different stamp even on coarse clocks
        screen.check_files()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.decks[0].card("q2").answer == "Roma"  # type: ignore[union-attr]
        path.write_text(DECK.replace('"1789-07-14"', "1789-07-14"), encoding="utf-8")
        screen.check_files()
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = str(app.screen.query_one("#browse-errors", Static).render())
        assert "quote this date" in errors
        assert len(app.decks[0].cards) == 3  # the last good version stays


def test_front_width_leaves_room_for_state_and_answer() -> None:
    from quiz.tui.screens.browser import MAX_FRONT, MIN_FRONT, front_width

    assert front_width(80) < 40 and front_width(300) == MAX_FRONT and front_width(20) == MIN_FRONT


async def test_state_and_answer_columns_visible_at_80_columns(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    long_text = "A very long event description that goes on and on about what happened " * 2
    path.write_text(
        DECK.replace("id: hist", "id: north-korea-2006-2009").replace("Storming of the Bastille", long_text),
        encoding="utf-8",
    )
    app = BrowserTestApp(path, tmp_path / "q.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        screen.table.focus()
        await pilot.press("s")  # suspend the first card: the table must say so where it can be seen
        await pilot.pause()
        t = screen.table
        labels = [str(c.label) for c in t.columns.values()]
        assert labels[:5] == ["deck", "kind", "state", "card", "answer / date"]
        row = [str(c) for c in t.get_row_at(0)]
        assert row[2] == "suspended"
        widths = [c.get_render_width(t) for c in t.columns.values()]
        assert sum(widths[:4]) + 8 <= 80  # the answer / date column starts on screen


async def test_study_with_nothing_shown_says_so(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        screen.query_one("#browse-search", Input).value = "no card says this"
        await pilot.pause()
        screen.table.focus()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is screen
        assert any("No cards shown" in str(n.message) for n in app._notifications)
