"""Snapshots of the exercise screens at 80x24, fixed seed and clock (exercises_*.yaml)."""

from __future__ import annotations

from conftest import make_exercise_app

SIZE = (80, 24)


def test_menu(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(("history", "close")), terminal_size=SIZE)


def test_menu_not_enough_events(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(("tiny",)), terminal_size=SIZE)


def test_ordering_round(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(), press=["enter", "_", "J", "down"],
                        terminal_size=SIZE)


def test_ordering_reveal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(), press=["enter", "_", "J", "enter", "_"],
                        terminal_size=SIZE)


def test_ordering_not_enough_events(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(("tiny",)), press=["enter", "_"], terminal_size=SIZE)


def test_which_first_pair(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(), press=["right", "enter", "_", "down"],
                        terminal_size=SIZE)


def test_which_first_reveal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(), press=["right", "enter", "_", "1", "_"],
                        terminal_size=SIZE)


def test_timeline_start(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_exercise_app(), press=["right", "right", "enter", "_"],
                        terminal_size=SIZE)


def test_timeline_after_placements(snap_compare) -> None:  # type: ignore[no-untyped-def]
    press = ["right", "right", "enter", "_", "up", "enter", "_", "enter", "_"]
    assert snap_compare(make_exercise_app(), press=press, terminal_size=SIZE)
