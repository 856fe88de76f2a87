"""The `quiz` command as a user runs it: exit codes, stdout, stderr lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quiz import __version__
from quiz.cli import main

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def run_quiz(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quiz", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_version_and_help() -> None:
    r = run_quiz("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"quiz {__version__}"
    r = run_quiz("--help")
    assert r.returncode == 0 and "validate" in r.stdout and "generate" in r.stdout


def test_unknown_command_is_a_usage_error() -> None:
    r = run_quiz("frobnicate")
    assert r.returncode == 2
    assert "invalid choice: 'frobnicate'" in r.stderr and "Traceback" not in r.stderr


def test_validate_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "valid_deck.yaml")]) == 0
    assert "1 deck file valid" in capsys.readouterr().err


def test_validate_reports_every_problem_as_file_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'format: 1\ndeck: {id: bad, title: "B"}\ncards:\n'
        '  - {id: a, kind: event, date: 2007-02-01, text: "x"}\n'
        '  - {id: b, kind: qa, prompt: "p", anwser: "y"}\n'
    )
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f'{bad}:4: \'date\' must be a quoted string; quote this date: date: "2007-02-01"'
    assert err[1] == f"{bad}:5: unknown key 'anwser' in a card: did you mean 'answer'?"


def test_validate_strict_reports_unknown_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text('format: 1\ndeck: {id: d, title: "D"}\ncards:\n  - {id: a, kind: qa, prompt: "p", answer: "y", colour: red}\n')
    assert main(["validate", str(deck)]) == 0
    assert main(["validate", "--strict", str(deck)]) == 1
    assert "unknown key 'colour'" in capsys.readouterr().err


def test_validate_binary_file_no_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(bytes(range(256)))
    r = run_quiz("validate", str(junk))
    assert r.returncode == 1
    assert r.stderr.strip() == f"{junk}: this is a binary file, not a YAML deck"


def test_validate_missing_path(tmp_path: Path) -> None:
    r = run_quiz("validate", str(tmp_path / "nope.yaml"))
    assert r.returncode == 1 and "no such file" in r.stderr and "Traceback" not in r.stderr


def test_bundled_decks_are_valid() -> None:
    decks = sorted((ROOT / "decks").glob("*.yaml"))
    if not decks:
        pytest.skip("no bundled decks yet")
    r = run_quiz("validate", "--strict", *map(str, decks))
    assert r.returncode == 0, r.stderr


CORE = ["quiz.cli", "quiz.dates", "quiz.deck", "quiz.deck.load", "quiz.deck.validate", "quiz.deck.write",
        "quiz.store", "quiz.errors", "quiz.paths"]


def test_core_never_imports_textual() -> None:
    code = (
        "import sys, importlib\n"
        f"for m in {CORE!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('quiz.tui'))\n"
        "print(','.join(bad))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ""


def test_config_shows_and_changes_settings(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.config import load_settings

    assert main(["config"]) == 0
    assert "desired_retention = 0.9" in capsys.readouterr().out
    assert main(["config", "desired_retention", "0.85"]) == 0
    assert main(["config", "new_per_day", "5"]) == 0
    assert main(["config", "typed_answers", "off"]) == 0
    s = load_settings()
    assert (s.desired_retention, s.new_per_day, s.typed_answers) == (0.85, 5, False)
    capsys.readouterr()
    assert main(["config", "desired_retention", "2"]) == 1
    assert "must be a number from 0.5 to 0.99" in capsys.readouterr().err
    assert main(["config", "colour", "red"]) == 1
    assert load_settings().desired_retention == 0.85
