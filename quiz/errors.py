"""Errors a user can cause. Anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class QuizError(Exception):
    """A problem to report to the user as one line (or a few), never a traceback."""

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.title = title

    def lines(self) -> list[str]:
        return [self.message]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a deck file, located for `path:line: message`."""

    path: str
    """The file, as the user named it."""
    line: int | None
    """1-based line number, or None when the problem concerns the whole file."""
    message: str
    """What is wrong, what was expected, and a suggestion where there is one."""
    severity: str = "error"
    """`error` makes the deck invalid; `warning` is reported by --strict only."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class DeckError(QuizError):
    """Every problem found in one or more deck files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid deck"
        more = len(self.problems) - 1
        summary = first if more <= 0 else f"{first} (and {more} more)"
        super().__init__(summary, title="Invalid deck")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    @classmethod
    def single(cls, path: str | Path, message: str, line: int | None = None) -> DeckError:
        return cls([Problem(str(path), line, message)])
