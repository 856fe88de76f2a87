"""Where quiz keeps its state. Nothing else in the package picks paths."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(create: bool = True) -> Path:
    """$QUIZ_DATA_DIR when set, else the platform's user data dir for `quiz`."""
    env = os.environ.get("QUIZ_DATA_DIR")
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs

        path = platformdirs.user_data_path("quiz", appauthor=False)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "quiz.sqlite3"


def cache_dir() -> Path:
    path = data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def bundled_decks_dir() -> Path | None:
    """The checkout's `decks/` (editable install), if it exists."""
    candidate = PACKAGE_DIR.parent / "decks"
    return candidate if candidate.is_dir() else None


def default_deck_dirs() -> list[Path]:
    """Deck folders `quiz` opens with no arguments: bundled decks, then the data dir's."""
    dirs: list[Path] = []
    bundled = bundled_decks_dir()
    if bundled is not None:
        dirs.append(bundled)
    user = data_dir(create=False) / "decks"
    if user.is_dir():
        dirs.append(user)
    return dirs
