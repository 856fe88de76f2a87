"""Pilot tests: whole study sessions through the TUI, checked against the database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz import store
from quiz.config import Settings
from quiz.session import Direction
from quiz.tui.app import QuizApp
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.review import ReviewScreen
from quiz.tui.screens.summary import SummaryScreen

DATA = Path(__file__).resolve().parent.parent / "data"
HISTORY = str(DATA / "study_history.yaml")
SMALL = str(DATA / "study_small.yaml")
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def make_app(*decks: str, seed: int = 1, typed: bool = True, clock=None) -> QuizApp:  # type: ignore[no-untyped-def]
    return QuizApp(
        list(decks) or [HISTORY, SMALL],
        clock=clock or (lambda: NOW),
        seed=seed,
        settings=Settings(typed_answers=typed),
        cursor_blink=False,
        fuzz=False,
    )


def reviews() -> list[sqlite3.Row]:
    conn = store.connect()
    try:
        return conn.execute("SELECT * FROM reviews ORDER BY id").fetchall()
    finally:
        conn.close()


async def ready(app: QuizApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_home_lists_decks_with_counts() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [d.id for d in app.decks] == ["study-history", "study-small"]
        table = app.screen.table
        assert table.row_count == 2
        assert [str(c) for c in table.get_row("study-history")[2:]] == ["6", "0", "0", "6"]


async def test_empty_state_says_what_to_do(tmp_path: Path) -> None:
    app = make_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        msg = app.screen.query_one("#home-message")
        assert "No decks found" in str(msg.render()) and "quiz generate" in str(msg.render())
        await pilot.press("enter", "s")
        assert isinstance(app.screen, HomeScreen)


async def test_bad_deck_is_reported_and_app_keeps_running(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ndeck: [oops\n")
    app = make_app(str(bad), SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert [d.id for d in app.decks] == ["study-small"]
        assert app.deck_problems and "bad.yaml" in app.deck_problems[0]
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProblemsDialog"


async def test_reveal_and_grade_self_graded_card() -> None:
    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        first = screen.session.current
        # Rating keys do nothing (and are hidden) before the answer is shown.
        assert screen.check_action("rate", (3,)) is False
        await pilot.press("3")
        assert reviews() == []
        await pilot.press("space")
        await pilot.pause()
        assert screen.revealed and screen.check_action("rate", (3,))
        assert "Paris" in str(screen.query_one("#answer").render()) or first.answer in str(
            screen.query_one("#answer").render()
        )
        await pilot.press("3")
        await pilot.pause()
        rows = reviews()
        assert [(r["card_id"], r["rating"], r["answer_mode"]) for r in rows] == [
            (first.card.id, 3, "reveal")
        ]
        assert screen.session.current != first and not screen.revealed


async def test_typed_answers_right_and_wrong_and_override() -> None:
    app = make_app(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        q = screen.session.current
        assert screen.answer_mode == "typed" and app.focused is screen.input
        await pilot.press(*q.answer.lower(), "enter")
        await pilot.pause()
        assert screen.verdict is not None and screen.verdict.correct
        assert app.focused.id == "rate-3"  # suggestion preselected
        await pilot.press("enter")  # accept it
        await pilot.pause()
        q2 = screen.session.current
        await pilot.press(*"Atlantis", "enter")
        await pilot.pause()
        assert screen.verdict.rating == 1 and "you said Atlantis" in str(
            screen.query_one("#verdict").render()
        )
        assert app.focused.id == "rate-1"
        await pilot.press("3")  # accept my answer anyway
        await pilot.pause()
        rows = reviews()
        assert [
            (r["card_id"], r["typed_answer"], r["suggested_rating"], r["rating"], r["overridden"])
            for r in rows
        ] == [
            (q.card.id, q.answer.lower(), 3, 3, 0),
            (q2.card.id, "Atlantis", 1, 3, 1),
        ]


async def test_typed_date_graded_at_card_precision() -> None:
    app = make_app(HISTORY, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        s = screen.session
        while not (s.current.card.id == "ev-1" and s.current.direction is Direction.WHEN):
            s._advance(NOW)
            if s.done:
                raise AssertionError("ev-1 never asked 'when'")
        screen.show_card()
        await pilot.pause()
        await pilot.press(*"mar 2007", "enter")
        await pilot.pause()
        text = str(screen.query_one("#verdict").render())
        assert "you said Mar 2007, answer Feb 2007: 1 month off" in text
        assert "2 Hard suggested" in text  # the preselected grade in words, not only by colour
        assert app.focused.id == "rate-2"


async def test_unreadable_typed_date_can_be_typed_again() -> None:
    app = make_app(HISTORY, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        s = screen.session
        while not (s.current.card.id == "ev-1" and s.current.direction is Direction.WHEN):
            s._advance(NOW)
            if s.done:
                raise AssertionError("ev-1 never asked 'when'")
        screen.show_card()
        await pilot.pause()
        await pilot.press(*"fbe 2007", "enter")
        await pilot.pause()
        assert not screen.revealed  # a typo is not graded Again
        verdict = screen.query_one("#verdict")
        assert verdict.display and "not a date I can read" in str(verdict.render())
        assert not screen.query_one("#answer").display  # the answer is not given away
        screen.input.value = ""
        await pilot.press(*"feb 2007", "enter")
        await pilot.pause()
        assert screen.revealed and screen.verdict is not None and screen.verdict.correct
        assert "Feb 2007: right" in str(verdict.render())


async def test_choice_mode_footer_names_the_pick_keys() -> None:
    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert screen.answer_mode == "choice"
        keys = str(screen.query_one("KeyBar").render())
        assert "1-4 Pick" in keys
        await pilot.press("1")
        await pilot.pause()
        keys = str(screen.query_one("KeyBar").render())
        assert "1-4 Pick" not in keys and "1 Again" in keys


async def test_undo_restores_and_asks_again() -> None:
    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        first = screen.session.current
        assert screen.check_action("undo", ()) is False
        await pilot.press("space", "4")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert screen.session.current == first and not screen.revealed
        rows = reviews()
        assert len(rows) == 1 and rows[0]["undone"] == 1
        conn = store.connect()
        assert store.load_states(conn) == {}
        conn.close()


async def test_whole_session_then_quit_and_reopen_keeps_history() -> None:
    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("space", "4")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.studied == 3
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [str(c) for c in app.screen.table.get_row("study-small")[2:]] == ["0", "0", "0", "3"]
        await pilot.press("q")
    assert len(reviews()) == 3
    later = make_app(SMALL, clock=lambda: NOW + timedelta(days=90))
    async with later.run_test(size=(80, 24)) as pilot:
        await ready(later, pilot)
        assert later.counts["study-small"].due == 3
        assert [str(c) for c in later.screen.table.get_row("study-small")[2:]] == [
            "0",
            "0",
            "3",
            "3",
        ]


async def test_cram_is_marked_and_leaves_schedule() -> None:
    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert "CRAM" in str(screen.query_one("#status").render())
        await pilot.press("space", "1")
        await pilot.pause()
    rows = reviews()
    assert [(r["mode"], r["state_after"]) for r in rows] == [("cram", None)]


async def test_suspend_bury_source_and_help() -> None:
    app = make_app(HISTORY, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        a = screen.session.current.key
        await pilot.press("exclamation_mark")
        await pilot.pause()
        b = screen.session.current.key
        await pilot.press("minus")
        await pilot.pause()
        conn = store.connect()
        states = store.load_states(conn)
        conn.close()
        assert states[a].suspended and states[b].buried_until_ms
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "SourceDialog"
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_multiple_choice_mode() -> None:
    app = make_app(HISTORY, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press("c")
        await pilot.pause()
        assert screen.answer_mode == "choice"
        options, right = screen.session.choices()
        await pilot.press(str(right + 1))
        await pilot.pause()
        assert screen.revealed and screen.verdict.correct
        await pilot.press("enter")
        await pilot.pause()
    row = reviews()[0]
    assert (row["answer_mode"], row["rating"], row["suggested_rating"]) == ("choice", 3, 3)


async def test_markup_in_deck_text_is_shown_literally(tmp_path: Path) -> None:
    deck = tmp_path / "m.yaml"
    deck.write_text(
        'format: 1\ndeck: {id: mk, title: "[bold]Tricky[/] deck"}\ncards:\n'
        '  - {id: q1, kind: qa, prompt: "[/] and [bold red]x", answer: "[b]y[/b]"}\n'
    )
    app = make_app(str(deck), typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert "[bold]Tricky[/] deck" in str(app.screen.table.get_row("mk")[1])
        await pilot.press("enter", "space")
        await pilot.pause()
        screen = app.screen
        assert "[/] and [bold red]x" in str(screen.query_one("#prompt").render())
        assert "[b]y[/b]" in str(screen.query_one("#answer").render())


async def test_tiny_terminal_does_not_crash() -> None:
    app = make_app(HISTORY)
    async with app.run_test(size=(40, 12)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        if app.screen.answer_mode == "typed":
            await pilot.press(*"2007")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.revealed
        await pilot.press("enter")
        await pilot.pause()
        assert len(reviews()) == 1


async def test_escape_leaves_the_answer_box_then_keys_work() -> None:
    app = make_app(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.input
        await pilot.press("c")  # typed into the box, not a command
        await pilot.pause()
        assert screen.input.value == "c" and screen.answer_mode == "typed"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.focused is None
        await pilot.press("c")
        await pilot.pause()
        assert screen.answer_mode == "choice"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_order_mode_opens_exercises_and_o_t_open_their_screens() -> None:
    app = QuizApp([HISTORY], mode="order", clock=lambda: NOW, cursor_blink=False, fuzz=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert type(app.screen).__name__ == "ExercisesScreen"
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatsScreen"


async def test_loader_crash_is_reported_and_app_keeps_running(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import quiz.tui.app as app_module

    def boom(args):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire [bold]")

    monkeypatch.setattr(app_module, "open_decks", boom)
    app = make_app(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert any("disk on fire [bold]" in m for m in messages)


async def test_typed_toggle_is_remembered() -> None:
    from quiz.config import load_settings

    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.answer_mode == "reveal"
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.answer_mode == "typed"
    assert load_settings().typed_answers is True


async def test_help_lists_our_keys_only() -> None:
    app = make_app(SMALL)
    async with app.run_test(size=(80, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Study" in text and "Mark" in text
        assert "Page up" not in text and "Copy selected text" not in text


async def test_choice_mode_needs_two_options(tmp_path: Path) -> None:
    deck = tmp_path / "one.yaml"
    deck.write_text(
        "format: 1\ndeck:\n  id: one\n  title: One\ncards:\n"
        "  - id: q1\n    kind: qa\n    prompt: Capital of France?\n    answer: Paris\n",
        encoding="utf-8",
    )
    app = make_app(str(deck), typed=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape", "c")  # leave the answer box, ask for choices
        await pilot.pause()
        assert screen.choice_on
        assert screen.answer_mode == "typed"  # one option is no choice: typed answer instead
        assert not screen.query_one("#choices").display
        assert any("multiple choice" in str(n.message) for n in app._notifications)


async def test_reversed_fact_is_labelled_in_words() -> None:
    app = make_app(HISTORY, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        s = screen.session
        while s.current.direction is not Direction.REVERSE:
            s._advance(NOW)
            if s.done:
                raise AssertionError("no reversed fact asked")
        screen.show_card()
        await pilot.pause()
        assert str(screen.query_one("#ask").render()) == "Asked the other way round"


async def test_home_footer_offers_retake_misses_once_something_was_missed() -> None:
    app = make_app(SMALL, typed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        home = app.screen
        assert "Retake misses" not in str(home.query_one("KeyBar").render())
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space", "1", "escape")  # one miss, then end the session
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home
        assert "m Retake misses" in str(home.query_one("KeyBar").render())
