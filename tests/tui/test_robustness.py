"""The TUI under hostile text, odd terminal sizes, decks edited on disk and a damaged database."""

from __future__ import annotations

import html
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quiz.config import Settings
from quiz.tui.app import QuizApp
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.review import ReviewScreen

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
DATA = Path(__file__).resolve().parent.parent / "data"

HOSTILE = [
    "[bold]bold?[/]",
    "[/]",
    "[link=https://example.com]link[/link]",
    "[@click=app.quit]quit[/]",
    "\x1b[31mred\x1b[0m and \x1b]0;title\x07",
    "Supercalifragilisticexpialidocious" * 8,
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 right-to-left",
    "e\u0301\u0301\u0301 combining a\u0308",
    "emoji \U0001f4a5\U0001f1f0\U0001f1f5 \U0001f469\u200d\U0001f52c",
]


def _yaml_str(text: str) -> str:
    from quiz.deck.write import quote

    return quote(text)


def hostile_deck(path: Path) -> Path:
    lines = ["format: 1", "deck:", "  id: hostile", f"  title: {_yaml_str('[b]Hostile[/b] deck [@click=app.quit]')}",
             "cards:"]
    for i, text in enumerate(HOSTILE):
        lines += [f"  - id: ev-{i}", "    kind: event", f'    date: "{1990 + i}-0{1 + i % 9}"',
                  f"    text: {_yaml_str(text)}"]
        lines += [f"  - id: qa-{i}", "    kind: qa", f"    prompt: {_yaml_str('Q ' + text)}",
                  f"    answer: {_yaml_str(text)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def screen_text(app: QuizApp) -> str:
    svg = app.export_screenshot()
    runs = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(runs)).replace("\xa0", " ")


def make_app(*decks: str, typed: bool = False) -> QuizApp:
    return QuizApp(list(decks), clock=lambda: NOW, seed=1, settings=Settings(typed_answers=typed),
                   cursor_blink=False, fuzz=False)


async def ready(app: QuizApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_hostile_text_is_shown_literally_and_never_runs(tmp_path: Path) -> None:
    deck = hostile_deck(tmp_path / "hostile.yaml")
    app = make_app(str(deck))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert [d.id for d in app.decks] == ["hostile"]
        assert "[b]Hostile[/b] deck [@click=app.quit]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        seen = set()
        for _ in range(len(HOSTILE) * 2):
            if not isinstance(app.screen, ReviewScreen):
                break
            await pilot.press("space")
            await pilot.pause()
            text = screen_text(app)
            seen.update(t for t in ("[bold]bold?[/]", "[@click=app.quit]quit[/]", "[/]",
                                    "[link=https://example.com]link[/link]") if t in text)
            await pilot.press("3")
            await pilot.pause()
            assert app.is_running  # [@click=app.quit] did not quit
        assert "[@click=app.quit]quit[/]" in seen and "[bold]bold?[/]" in seen
    assert app.return_code in (0, None)


@pytest.mark.parametrize("size", [(20, 6), (40, 12), (80, 24), (300, 100)])
async def test_every_screen_renders_at_any_size(size: tuple[int, int], tmp_path: Path) -> None:
    deck = hostile_deck(tmp_path / "hostile.yaml")
    app = make_app(str(deck), str(DATA / "study_history.yaml"))
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        screen_text(app)
        await pilot.press("enter")  # study
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.action_open_stats()
        await ready(app, pilot)
        screen_text(app)
        app.pop_screen()
        await pilot.pause()
        app.action_open_exercises()
        await pilot.pause()
        screen_text(app)
        await pilot.press("enter")  # start the selected exercise
        await pilot.pause()
        screen_text(app)
        app.action_help()
        await pilot.pause()
        screen_text(app)
        assert app.is_running


async def test_deck_edited_on_disk_is_reloaded_and_a_broken_edit_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    body = 'format: 1\ndeck: {id: d, title: "D"}\ncards:\n  - {id: a, kind: qa, prompt: "p", answer: "x"}\n'
    path.write_text(body)
    app = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [str(c) for c in app.screen.table.get_row("d")[2:]] == ["1", "0", "0", "1"]
        path.write_text(body + '  - {id: b, kind: qa, prompt: "q", answer: "y"}\n')
        os.utime(path, ns=(1, 1))
        app.check_deck_files()
        await ready(app, pilot)
        assert len(app.decks[0].cards) == 2
        assert [str(c) for c in app.screen.table.get_row("d")[2:]] == ["2", "0", "0", "2"]
        path.write_text(body + "  - {id: c, kind: event, date: 2007-02-01, text: t}\n")
        os.utime(path, ns=(2, 2))
        app.check_deck_files()
        await ready(app, pilot)
        assert len(app.decks[0].cards) == 2  # the last good version stays
        assert any("quote this date" in line for line in app.deck_errors[path])
        assert any("has errors" in n.message for n in app._notifications)
        assert app.is_running


async def test_damaged_database_is_moved_aside_and_the_app_opens(isolated_data_dir: Path) -> None:
    (isolated_data_dir / "quiz.sqlite3").write_bytes(b"\x00garbage" * 512)
    app = make_app(str(DATA / "study_small.yaml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("damaged" in n.message for n in app._notifications)
        await pilot.press("enter", "space", "3")
        await pilot.pause()
    assert list(isolated_data_dir.glob("quiz.sqlite3.damaged-*"))
