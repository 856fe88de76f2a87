"""Pilot tests: each exercise played to the end through the keyboard, checked in SQLite."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import fsrs
from conftest import DATA, EXERCISE_NOW, make_exercise_app

from quiz.exercises import allowed_gaps
from quiz.store import CardStateRow, load_states, now_ms, set_flags
from quiz.tui.screens.exercises import ExercisesScreen
from quiz.tui.screens.ordering import OrderingScreen
from quiz.tui.screens.timeline import TimelineScreen
from quiz.tui.screens.which_first import WhichFirstScreen


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def rounds(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM exercise_rounds ORDER BY id").fetchall()


def misplaced(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    rows = conn.execute("SELECT card_id, deck_id, off_by FROM misplacements ORDER BY card_id")
    return [tuple(r) for r in rows]


async def start(pilot, kind_steps: int = 0, n: int = 5, difficulty_steps: int = 0) -> None:  # type: ignore[no-untyped-def]
    """From the menu: pick the exercise (right x kind_steps), N and difficulty, then enter."""
    await pilot.pause()
    await pilot.press(*["right"] * kind_steps, "down")
    await pilot.press(*(["right"] * (n - 5) if n >= 5 else ["left"] * (5 - n)), "down")
    await pilot.press(*["right"] * difficulty_steps, "enter")
    await pilot.pause()


async def sort_by_keys(pilot, screen: OrderingScreen, reverse: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Selection sort driven only by keys: cursor with up/down, move with shift+up / K."""
    def key(i):  # type: ignore[no-untyped-def]
        return i.date.sort_key()

    n = len(screen.answer)
    for target in range(n):
        rest = screen.answer[target:]
        best = (max if reverse else min)(rest, key=key)
        index = screen.answer.index(best)
        while screen.cursor < index:
            await pilot.press("down")
        while screen.cursor > index:
            await pilot.press("up")
        while screen.cursor > target:
            await pilot.press("K" if screen.cursor % 2 else "shift+up")
    await pilot.pause()


# -- menu --------------------------------------------------------------------------------


async def test_menu_changes_settings_and_starts_each_exercise() -> None:
    app = make_exercise_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, ExercisesScreen)
        assert "12 events with distinct dates" in screen_text(app)
        await pilot.press("down", "right", "right", "right", "down", "right")
        assert (menu.n, menu.difficulty.value) == (8, "hard")
        await pilot.press(*["right"] * 10)
        assert menu.difficulty.value == "easy"  # wraps around
        await pilot.press("up", *["right"] * 20)
        assert menu.n == 10  # clamped
        await pilot.press(*["left"] * 20)
        assert menu.n == 3
        await pilot.press("up")
        assert menu.row == 0
        for screen_type in (OrderingScreen, WhichFirstScreen, TimelineScreen):
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is menu
            await pilot.press("right")


async def test_too_few_events_is_a_message_not_a_crash() -> None:
    app = make_exercise_app(("tiny",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "only" not in screen_text(app)
        assert "Not enough events: this needs 5 with distinct dates, the decks have 2" in \
            " ".join(screen_text(app).split())
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrderingScreen) and screen.round is None
        text = " ".join(screen_text(app).split())
        assert "only 2 events with distinct dates; this exercise needs 5" in text
        assert not screen.check_action("submit", ()) and not screen.check_action("move", ())
        await pilot.press("enter", "J", "n")
        assert rounds(app.conn) == []
        await pilot.press("escape", "right", "enter")  # which first needs only two
        await pilot.pause()
        assert isinstance(app.screen, WhichFirstScreen) and app.screen.run is not None


# -- order them --------------------------------------------------------------------------


async def test_ordering_perfect_round_is_saved_before_the_reveal() -> None:
    app = make_exercise_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = app.screen
        assert isinstance(screen, OrderingScreen) and screen.round is not None
        shown = [i.card_id for i in screen.round.shown]
        assert not screen.check_action("next_round", ())
        await sort_by_keys(pilot, screen)
        assert rounds(app.conn) == []  # nothing saved before submit
        await pilot.press("enter")
        await pilot.pause()
        assert screen.result is not None and screen.result.score == 100.0
        [row] = rounds(app.conn)
        assert row["kind"] == "order" and row["score"] == 100.0
        assert json.loads(row["shown"]) == shown
        assert json.loads(row["truth"]) == json.loads(row["answer"])
        assert json.loads(row["deck_ids"]) == ["exercises-history"]
        assert row["difficulty"] == "medium"
        assert row["finished_ms"] == now_ms(EXERCISE_NOW) and row["duration_ms"] >= 0
        assert misplaced(app.conn) == []
        text = screen_text(app)
        assert "Score 100/100" in text and "10 of 10 pairs" in text
        assert not screen.check_action("submit", ()) and screen.check_action("next_round", ())
        await pilot.press("n")
        await pilot.pause()
        assert screen.result is None
        assert [i.card_id for i in screen.round.shown] != shown


async def test_ordering_bad_round_shows_offsets_and_feeds_back(tmp_path: Path) -> None:
    db = tmp_path / "q.sqlite3"
    app = make_exercise_app(db_path=db)
    # Every event card is being studied and due in 30 days.
    for card in app.decks[0].events:
        due = EXERCISE_NOW + timedelta(days=30)
        fc = fsrs.Card(due=due)
        set_flags(app.conn, CardStateRow(card.id, "exercises-history", fc.to_dict(), 2,
                                         now_ms(due), 3, 0, False, None, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = app.screen
        assert isinstance(screen, OrderingScreen)
        await sort_by_keys(pilot, screen, reverse=True)
        await pilot.press("enter")
        await pilot.pause()
        [row] = rounds(app.conn)
        assert row["score"] == 0.0
        assert json.loads(row["answer"]) == list(reversed(json.loads(row["truth"])))
        offs = {c: off for c, _, off in misplaced(app.conn)}
        truth = json.loads(row["truth"])
        assert offs == {truth[0]: 4, truth[1]: 2, truth[3]: -2, truth[4]: -4}
        text = " ".join(screen_text(app).split())
        assert "Score 0/100" in text and "0 of 10 pairs in order" in text
        assert "(you: #5, 4 places too late)" in text
        first = screen.result.truth[0]
        assert first.date.human() in text
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    states = load_states(conn)
    pulled = {cid for (_, cid), s in states.items() if s.due_ms == now_ms(EXERCISE_NOW)}
    assert pulled == set(offs)  # misplaced cards are due now; the others unchanged


async def test_event_text_is_never_markup() -> None:
    app = make_exercise_app(seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, n=10)
        screen = app.screen
        assert isinstance(screen, OrderingScreen) and screen.round is not None
        for _ in range(10):  # play rounds until the event with brackets is drawn
            if "ev-08" in [i.card_id for i in screen.round.shown]:
                break
            await pilot.press("enter", "n")
        assert "NATO is founded [bold]not markup[/bold]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold]not markup[/bold]" in screen_text(app)


# -- which came first ----------------------------------------------------------------------


async def test_which_first_perfect_run_to_the_end() -> None:
    app = make_exercise_app(("tiny", "close"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, kind_steps=1, difficulty_steps=1)  # hard
        screen = app.screen
        assert isinstance(screen, WhichFirstScreen) and screen.run is not None
        picks = 0
        while not screen.run.over:
            pair = screen.run.current
            assert pair is not None and not screen.check_action("next", ())
            if picks % 2:
                await pilot.press(str(pair.earlier_index + 1))
            else:
                await pilot.press("down" if pair.earlier_index else "up", "enter")
            picks += 1
            assert screen.last is not None and screen.last.correct
            text = screen_text(app)
            assert all(i.date.human() in text for i in pair.items)
            if not screen.run.over:
                await pilot.press("n")
        [row] = rounds(app.conn)
        assert row["kind"] == "which_first" and row["score"] == picks
        assert json.loads(row["detail"])["ended"] == "exhausted"
        assert len(json.loads(row["answer"])) == picks
        assert misplaced(app.conn) == []
        assert "perfect run" in screen_text(app)
        assert screen.check_action("new_run", ())


async def test_which_first_ends_at_a_miss() -> None:
    app = make_exercise_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, kind_steps=1)
        screen = app.screen
        assert isinstance(screen, WhichFirstScreen) and screen.run is not None
        for _ in range(2):
            await pilot.press(str(screen.run.current.earlier_index + 1), "n")
        pair = screen.run.current
        assert pair is not None
        await pilot.press(str(2 - pair.earlier_index))  # the later one
        await pilot.pause()
        assert screen.run.over and screen.run.streak == 2
        [row] = rounds(app.conn)
        assert row["score"] == 2.0 and json.loads(row["detail"])["ended"] == "miss"
        shown = json.loads(row["shown"])
        assert len(shown) == 6 and shown[-2:] == [i.card_id for i in pair.items]
        assert sorted(c for c, _, _ in misplaced(app.conn)) == sorted(i.card_id for i in pair.items)
        assert "Missed: run over. Streak 2." in screen_text(app)
        await pilot.press("n")  # hidden and inert now
        assert screen.run.over
        await pilot.press("r")
        await pilot.pause()
        assert not screen.run.over and screen.run.streak == 0


# -- timeline --------------------------------------------------------------------------------


async def place_at(pilot, screen: TimelineScreen, gap: int) -> None:  # type: ignore[no-untyped-def]
    while screen.gap < gap:
        await pilot.press("down")
    while screen.gap > gap:
        await pilot.press("up")
    await pilot.press("enter")


async def test_timeline_perfect_game_to_the_end() -> None:
    app = make_exercise_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, kind_steps=2)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.game is not None
        game = screen.game
        while not game.over:
            assert game.current is not None
            await place_at(pilot, screen, allowed_gaps(game.current, game.placed)[0])
            assert screen.last is not None and screen.last.correct
        assert game.completed and game.score == 11 and game.lives == 3
        [row] = rounds(app.conn)
        assert row["kind"] == "timeline" and row["score"] == 11.0
        truth = json.loads(row["truth"])
        assert truth == [f"ev-{k:02d}" for k in range(1, 13)]
        assert sorted(json.loads(row["shown"])) == truth
        assert json.loads(row["detail"]) ["lives_left"] == 3
        assert misplaced(app.conn) == []
        assert "Timeline complete! 11 events placed." in screen_text(app)


async def test_timeline_three_misses_end_the_game() -> None:
    app = make_exercise_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, kind_steps=2, difficulty_steps=-1 + 1)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.game is not None
        game = screen.game
        await place_at(pilot, screen, allowed_gaps(game.current, game.placed)[0])
        wrong: list[str] = []
        while not game.over:
            lo, hi = allowed_gaps(game.current, game.placed)
            wrong.append(game.current.card_id)
            await place_at(pilot, screen, hi + 1 if hi < len(game.placed) else lo - 1)
            assert screen.last is not None and not screen.last.correct
            assert "✗ belonged here" in screen_text(app)
        assert game.lives == 0 and game.score == 1 and len(wrong) == 3
        [row] = rounds(app.conn)
        assert row["score"] == 1.0
        assert json.loads(row["detail"]) == {**json.loads(row["detail"]), "lives_left": 0,
                                             "completed": False}
        assert sorted(c for c, _, _ in misplaced(app.conn)) == sorted(wrong)
        assert "Out of lives. 1 event placed." in screen_text(app)
        assert not screen.check_action("place", ()) and screen.check_action("new_game", ())


# -- the real app ------------------------------------------------------------------------------


async def test_quiz_order_opens_the_exercises_in_the_real_app(tmp_path: Path) -> None:
    from quiz.tui.app import QuizApp

    deck = str(DATA / "exercises_history.yaml")
    app = QuizApp([deck], mode="order", clock=lambda: EXERCISE_NOW, seed=3, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrderingScreen)
        await sort_by_keys(pilot, screen)
        await pilot.press("enter")
        await pilot.pause()
        [row] = rounds(app.conn)
        assert row["score"] == 100.0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExercisesScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)


async def test_help_on_the_menu_lists_each_key_once_and_no_grades() -> None:
    from quiz.tui.app import QuizApp

    app = QuizApp([str(DATA / "exercises_history.yaml")], "order", clock=lambda: EXERCISE_NOW,
                  db_path=":memory:", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert type(help_screen).__name__ == "HelpScreen"
        keys = str(help_screen.query_one("#help-keys").render())
        lines = [line.strip() for line in keys.splitlines()]
        assert "↑↓ Select" in lines and sum("Select" in line for line in lines) == 1
        assert sum("Change" in line for line in lines) == 1
        assert not help_screen.query("#help-grades")  # grading is not what this screen does
