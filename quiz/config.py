"""Study settings, kept as JSON in the data dir (settings.json). A bad file means defaults."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    desired_retention: float = 0.9
    """FSRS target probability of recall when a card comes due (0.5-0.99)."""
    new_per_day: int = 20
    """New cards introduced per day, across all decks."""
    typed_answers: bool = True
    """Answer date and name cards by typing (toggle with `t` while studying)."""


def settings_path() -> Path:
    from quiz.paths import data_dir

    return data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Settings from disk; unknown keys are ignored, bad values fall back to the defaults."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    default = Settings()
    values = {}
    for f in fields(Settings):
        value = raw.get(f.name, getattr(default, f.name))
        if type(value) is not type(getattr(default, f.name)) and not (
            isinstance(value, int) and f.type == "float"
        ):
            value = getattr(default, f.name)
        values[f.name] = value
    try:
        s = Settings(**values)
        if not 0.5 <= s.desired_retention <= 0.99 or s.new_per_day < 0:
            return default
        return s
    except (TypeError, ValueError):
        return default


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    tmp.replace(path)
