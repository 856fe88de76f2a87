"""Two quiz processes on one data dir, and a process killed mid-session: nothing is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quiz.deck.model import Card, CardKind, Deck
from quiz.deck.write import write_deck

# A study loop as the app runs it: open the store, answer every card, print each review id once it
# has been committed (the app shows the next card only after that point).
WORKER = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime, timedelta
    from quiz.database import open_database
    from quiz.deck.load import load_deck
    from quiz.session import Session

    deck = load_deck(sys.argv[1])
    delay = float(sys.argv[2])
    opened = open_database()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    session = Session(opened.conn, [deck], now, new_per_day=10_000, seed=1)
    while not session.done:
        outcome = session.answer(4, now)
        print(outcome.review_id, flush=True)
        now += timedelta(milliseconds=10)
        time.sleep(delay)
    """
)


def _deck(path: Path, deck_id: str, n: int) -> Path:
    cards = tuple(Card(id=f"qa-{i:04d}", kind=CardKind.QA, prompt=f"Question {i}?", answer=f"Answer {i}")
                  for i in range(n))
    write_deck(Deck(id=deck_id, title=deck_id, cards=cards), path)
    return path


def _db(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "quiz.sqlite3")


def test_two_processes_studying_at_once_store_every_review(tmp_path: Path, isolated_data_dir: Path) -> None:
    decks = [_deck(tmp_path / f"d{i}.yaml", f"deck-{i}", 150) for i in range(2)]
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(d), "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=os.environ.copy()) for d in decks]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err
    ids = [int(line) for out, _ in outputs for line in out.split()]
    assert len(ids) == 300 and len(set(ids)) == 300
    conn = _db(isolated_data_dir)
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 300
    assert conn.execute("SELECT count(*) FROM card_state").fetchone()[0] == 300


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_loses_no_answered_review(tmp_path: Path, isolated_data_dir: Path) -> None:
    deck = _deck(tmp_path / "d.yaml", "deck-k", 400)
    proc = subprocess.Popen([sys.executable, "-c", WORKER, str(deck), "0.002"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdout is not None
    seen: list[int] = []
    deadline = time.monotonic() + 60
    while len(seen) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(int(line))
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    seen.extend(int(x) for x in rest.split())
    assert len(seen) >= 40, "the worker did not get going"
    conn = _db(isolated_data_dir)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r[0] for r in conn.execute("SELECT id FROM reviews")}
    assert set(seen) <= stored
    states = conn.execute("SELECT count(*) FROM card_state").fetchone()[0]
    assert states == len(stored)  # review and state were committed together
