"""Snapshots of the study screens: fixed deck, clock, seed and size; no cursor blink.

Update with `pytest tests/tui/test_study_snapshots.py --snapshot-update` after reading the report.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from quiz.config import Settings
from quiz.tui.app import QuizApp

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def app(typed: bool = True) -> QuizApp:
    return QuizApp(
        [str(DATA / "study_history.yaml"), str(DATA / "study_small.yaml")],
        clock=lambda: NOW,
        seed=2,
        settings=Settings(typed_answers=typed),
        cursor_blink=False,
        fuzz=False,
    )


async def _loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_home(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), terminal_size=(80, 24), run_before=_loaded)


def test_card_front_typed(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


def test_card_back_with_verdict(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"mar 2007", "enter")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


def test_card_back_tiny_terminal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"mar 2007", "enter")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(40, 12), run_before=before)


def test_summary(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("space", "3")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

    assert snap_compare(app(typed=False), terminal_size=(80, 24), run_before=before)
