"""Snapshots of the card browser, the card form and the deck-problems dialog (80x24).

Fixed decks, clock and seed; no cursor blink. Update with
`pytest tests/tui/test_browser_snapshots.py --snapshot-update` after reading the report.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from quiz.config import Settings
from quiz.tui.app import QuizApp

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
BROKEN = """\
format: 1
deck:
  id: broken
  title: Broken
  title: Twice
cards:
  - id: e1
    kind: event
    date: 2007-02-13
    text: Something happened
  - id: q1
    kind: qa
    prompt: Is it?
    answer: NO
"""


def app(*decks: str) -> QuizApp:
    return QuizApp(
        list(decks) or [str(DATA / "study_history.yaml"), str(DATA / "study_small.yaml")],
        clock=lambda: NOW,
        seed=2,
        settings=Settings(typed_answers=True),
        cursor_blink=False,
        fuzz=False,
    )


async def _loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _browser(pilot) -> None:  # type: ignore[no-untyped-def]
    await _loaded(pilot)
    await pilot.press("b")
    await pilot.pause()


def test_browser(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), terminal_size=(80, 24), run_before=_browser)


def test_browser_search(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _browser(pilot)
        await pilot.press("slash", *"kind:event", "enter")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


def test_card_form_edit(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _browser(pilot)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


def test_problems_dialog(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the dialog shows the path as given: keep it short and fixed

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        pilot.app.clear_notifications()
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(
        app("broken.yaml", str(DATA / "study_small.yaml")), terminal_size=(80, 24), run_before=before
    )
