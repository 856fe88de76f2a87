"""Shared fixtures: every test gets its own data dir, so nothing touches the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path_factory.mktemp("quiz-data")
    monkeypatch.setenv("QUIZ_DATA_DIR", str(path))
    return path


# -- exercises: a stand-in app with what the exercise screens read from QuizApp -------------

EXERCISE_NOW = __import__("datetime").datetime(2025, 3, 1, 12, 0, tzinfo=__import__("datetime").UTC)


def make_exercise_app(deck_names: tuple[str, ...] = ("history",), seed: int = 7,
                      db_path: str | Path = ":memory:"):  # noqa: ANN201 - Textual is imported lazily
    """An App with `decks`, `conn`, `clock()` and `seed` that opens the exercise menu."""
    from textual.app import App

    from quiz.deck.load import load_deck
    from quiz.store import connect
    from quiz.tui.screens.exercises import ExercisesScreen

    class ExerciseTestApp(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.decks = [load_deck(DATA / f"exercises_{n}.yaml", use_cache=False)
                          for n in deck_names]
            self.conn = connect(db_path)
            self.seed = seed

        def clock(self):  # noqa: ANN202
            return EXERCISE_NOW

        def on_mount(self) -> None:
            self.push_screen(ExercisesScreen())

    return ExerciseTestApp()


@pytest.fixture
def exercise_app():  # noqa: ANN201
    """Factory: `exercise_app(("history", "close"), seed=3)`."""
    return make_exercise_app
